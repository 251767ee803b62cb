/**
 * `npm run bench`: start-up figures measured side by side, medians over several rounds.
 *  - offline plan of each stack vs. the floor of loading `@pulumi/pulumi` alone;
 *  - the program's start-up through the runtime option in Pulumi.yaml (Node's own type
 *    stripping) vs. tsx, ts-node transpile-only and Pulumi's default ts-node type-checking.
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { loadProject, listStacks } from "../plan/project.ts";
import { PROJECT_ROOT } from "../recorder/program.ts";
import { measure, type Command, type Measurement } from "./measure.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "9" } } });
const rounds = Number(values.rounds);
const node = process.execPath;
const plan = path.join(PROJECT_ROOT, "tools", "plan", "cli.ts");
const program = path.join(PROJECT_ROOT, "tools", "bench", "program.ts");
const stacks = listStacks(loadProject(PROJECT_ROOT));

function table(rows: Measurement[], baseline: Measurement): string {
  const width = Math.max(...rows.map((r) => r.label.length));
  return rows
    .map(
      (r) =>
        `  ${r.label.padEnd(width)}  ${r.seconds.toFixed(3)} s  ${(r.seconds / baseline.seconds).toFixed(2)}×  ${r.peakMB.toFixed(0)} MB`,
    )
    .join("\n");
}

process.stdout.write(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${rounds} rounds, medians.\n\n`,
);

const floor: Command = {
  label: "floor: node -e 'require(\"@pulumi/pulumi\")'",
  argv: [node, "-e", 'require("@pulumi/pulumi")'],
};
const cacheDir = path.join(os.tmpdir(), "stateful-stack-bench-compile-cache");
const planCommands: Command[] = [
  floor,
  { ...floor, label: "floor with Node's compile cache", env: { NODE_COMPILE_CACHE: cacheDir } },
  ...stacks.map((stack) => ({ label: `plan --stack ${stack}`, argv: [node, plan, "--stack", stack, "--quiet"] })),
];
const planResults = measure(planCommands, rounds);
process.stdout.write(
  `(a) Offline plan vs. loading the Pulumi SDK alone (goal ≤ 1.30×; the plan turns Node's compile cache on):\n${table(planResults, planResults[0] as Measurement)}\n\n`,
);

const startup: Command[] = [
  { label: "Pulumi.yaml runtime: Node type stripping", argv: [node, program] },
  { label: "tsx (--import tsx)", argv: [node, "--import", "tsx", program] },
  { label: "ts-node transpile-only", argv: [node, program, "--ts-node", "transpile"] },
  { label: "ts-node type-checking (Pulumi's default)", argv: [node, program, "--ts-node", "check"] },
];
const startupResults = measure(startup, rounds);
process.stdout.write(
  `(b) Program start-up for stack local, by TypeScript runtime:\n${table(startupResults, startupResults[0] as Measurement)}\n`,
);
