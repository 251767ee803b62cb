/**
 * `npm run plan -- --stack <name> [--json <file>|-] [--quiet]`: the offline plan of one stack (./command.ts).
 */
import "./preload.ts";
import { runPlan } from "./command.ts";

runPlan(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`plan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
