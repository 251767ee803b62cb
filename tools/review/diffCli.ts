/**
 * `npm run plan:diff -- <base> <head> [--new <stack>]… [--removed <stack>]… [--approvals <file>]
 * [--allow-data-loss] [--mermaid]`: compares plan files (or two folders of them, paired by file name)
 * and prints Markdown for a pull-request comment. Exits 1 when a change would or could destroy data,
 * unless the approvals file lists its URN (or --allow-data-loss); 2 on bad usage or input (a missing
 * path, a stack in one folder only that is not declared new or removed, a malformed approvals file);
 * `--help` lists the options.
 */
import { planDiffCommand } from "./commands.ts";
import { runReview } from "./gate.ts";

process.exitCode = runReview(planDiffCommand, process.argv.slice(2));
