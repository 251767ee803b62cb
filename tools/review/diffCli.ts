/**
 * `npm run plan:diff -- <base> <head> [--allow-data-loss] [--mermaid]`: compares plan files (or two
 * folders of them, paired by file name) and prints Markdown for a pull-request comment. Exits 1 when
 * a change would destroy data, unless --allow-data-loss; 2 on bad usage or input; `--help` lists
 * the options.
 */
import { planDiffCommand } from "./commands.ts";
import { runReview } from "./gate.ts";

process.exitCode = runReview(planDiffCommand, process.argv.slice(2));
