/**
 * `npm run plan -- --stack <name> [--json <file>|-] [--quiet]`: records the stack's program
 * offline, prints its plan (waves, critical path, time to environment) and the policy verdicts.
 * `--json -` writes the JSON document to standard output and nothing else there, for `jq`.
 */
import * as fs from "node:fs";
import { ConfigError } from "../../config/validate.ts";
import { checkRecording } from "../../policy/offline.ts";
import { commandLineOrExit, USAGE_EXIT, type CommandLineSpec, type CommandOutput } from "../commandLine.ts";
import { PROJECT_ROOT, recordStack } from "../recorder/program.ts";
import { buildPlan } from "./graph.ts";
import { listStacks, loadProject, StackFileError } from "./project.ts";
import { planDocument, renderPlan, renderViolations } from "./render.ts";

export type { CommandOutput } from "../commandLine.ts";

/** The command line of `npm run plan`. */
export const PLAN_COMMAND_LINE = {
  name: "plan",
  synopsis: "--stack <name> [--json <file>|-] [--quiet]",
  summary:
    "Runs the stack's program offline (no cloud calls, no credentials) and prints its plan: the resources in\n" +
    "creation waves, counts by type, the critical path and time to environment, then the policy verdicts.",
  options: {
    stack: { type: "string", short: "s", value: "<name>", help: "the stack to plan: stacks/Pulumi.<name>.yaml" },
    json: {
      type: "string",
      value: "<file>",
      help: "write the plan as JSON to <file> too; with -, to standard output instead of the text",
    },
    quiet: {
      type: "boolean",
      short: "q",
      help: "print neither the plan nor the policy verdicts (the exit code still tells)",
    },
  },
  exits: "Exit: 0 planned, 1 bad stack, configuration or --json file, 2 bad usage, 3 a mandatory policy is violated.",
} as const satisfies CommandLineSpec;

/**
 * Runs `npm run plan` with the arguments `argv`; resolves to its exit code.
 * @throws what the program throws besides a stack file or configuration error (a defect).
 */
export async function runPlan(argv: string[], output: CommandOutput = process): Promise<number> {
  const line = commandLineOrExit(PLAN_COMMAND_LINE, argv, output);
  if (typeof line === "number") return line;
  const { stack, json, quiet } = line.values;
  if (stack === undefined) {
    const stacks = listStacks(loadProject(PROJECT_ROOT));
    output.stderr.write(
      `plan: --stack is required, as in --stack ${stacks.includes("local") ? "local" : (stacks[0] ?? "<name>")} (stacks: ${stacks.join(", ")})\n`,
    );
    return USAGE_EXIT;
  }
  try {
    const recording = await recordStack(stack);
    const plan = buildPlan(recording.resources);
    const document = `${JSON.stringify(planDocument(recording, plan), null, 2)}\n`;
    const toStdout = json === "-";
    if (toStdout) output.stdout.write(document);
    else if (json !== undefined) writeJson(json, document);
    const violations = checkRecording(recording);
    if (!quiet && !toStdout) output.stdout.write(`${renderPlan(recording, plan)}\n${renderViolations(violations)}\n`);
    if (!quiet && toStdout && violations.length > 0) output.stderr.write(`${renderViolations(violations)}\n`);
    return violations.some((v) => v.enforcement === "mandatory") ? 3 : 0;
  } catch (error) {
    if (error instanceof StackFileError || error instanceof ConfigError || error instanceof JsonFileError) {
      output.stderr.write(`plan: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** A `--json` file that cannot be written. */
class JsonFileError extends Error {}

function writeJson(file: string, document: string): void {
  try {
    fs.writeFileSync(file, document);
  } catch (error) {
    throw new JsonFileError(`cannot write --json ${file}: ${(error as Error).message}`);
  }
}
