/**
 * `npm run plan -- --stack <name> [--json <file>] [--quiet]`: records the stack's program offline,
 * prints its plan (waves, critical path, time to environment) and the policy verdicts.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../../config/validate.ts";
import { checkRecording } from "../../policy/offline.ts";
import { recordStack } from "../recorder/program.ts";
import { buildPlan } from "./graph.ts";
import { StackFileError } from "./project.ts";
import { planDocument, renderPlan, renderViolations } from "./render.ts";

const USAGE =
  "usage: npm run plan -- --stack <name> [--json <file>] [--quiet]\nExit: 0 planned, 1 bad stack or configuration, 2 bad usage, 3 a mandatory policy is violated.";

/** Where a tool's command prints: `process`, or any pair of writers (a test's capture). */
export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Runs `npm run plan` with the arguments `argv`; resolves to its exit code.
 * @throws what the program throws besides a stack file or configuration error (a defect).
 */
export async function runPlan(argv: string[], output: CommandOutput = process): Promise<number> {
  let values: { stack?: string; json?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", short: "s" },
        json: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    output.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    output.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.stack) {
    output.stderr.write(`--stack is required\n${USAGE}\n`);
    return 2;
  }
  try {
    const recording = await recordStack(values.stack);
    const plan = buildPlan(recording.resources);
    if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(planDocument(recording, plan), null, 2)}\n`);
    const violations = checkRecording(recording);
    if (!values.quiet) output.stdout.write(`${renderPlan(recording, plan)}\n${renderViolations(violations)}\n`);
    return violations.some((v) => v.enforcement === "mandatory") ? 3 : 0;
  } catch (error) {
    if (error instanceof StackFileError || error instanceof ConfigError) {
      output.stderr.write(`plan: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
