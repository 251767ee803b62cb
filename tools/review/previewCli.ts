/**
 * `npm run preview:check -- <preview.json> [--stack <name>] [--approvals <file>] [--allow-data-loss]`: reads
 * `pulumi preview --json` output and fails (exit 1) when a step would destroy data, unless the approvals file
 * lists its URN (or --allow-data-loss); 2 on bad usage or input; `--help` lists the options.
 */
import { previewCheckCommand } from "./commands.ts";
import { runReview } from "./gate.ts";

process.exitCode = runReview(previewCheckCommand, process.argv.slice(2));
