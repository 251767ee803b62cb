/**
 * The sections of `npm run bench` (./options.ts lists them and reads the command line):
 *  (a) offline plan of each stack vs. the floor of loading `@pulumi/pulumi` alone;
 *  (b) the program's start-up through the runtime option in Pulumi.yaml (Node's own type
 *      stripping) vs. tsx, ts-node transpile-only and Pulumi's default ts-node type-checking;
 *  (c) type-checking time and peak memory, TypeScript 6 `tsc` vs. TypeScript 7's native `tsc`;
 *  (d) `npm test` wall time, CPU time and peak memory, beside the baseline commit's (./testRuns.ts);
 *  (e) each stack's critical-path time to environment vs. the serial sum of its resources;
 *  (f) start-up of `npm run plan -- --stack dev-aks` with and without the start-up caches, cold and
 *      warm, under this Node and each `--node` binary (docs/loader.md).
 * Each is measured side by side, medians over interleaved rounds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { buildPlan } from "../plan/graph.ts";
import { loadProject, listStacks } from "../plan/project.ts";
import { formatSeconds } from "../plan/render.ts";
import { PROJECT_ROOT, recordStack } from "../recorder/program.ts";
import { measure, type Command, type Measurement } from "./measure.ts";
import { benchFooter, benchHeader, type BenchSettings, type Section } from "./options.ts";
import { measureStartup, nodeVersion, startupTable, type StartupVariant } from "./startup.ts";
import { baselineCheckout, measureTests, type TestFigures } from "./testRuns.ts";

interface PackageJson {
  scripts: Record<string, string>;
}

/** Goal for (a): a warm offline plan within this multiple of loading the Pulumi SDK alone. */
const PLAN_GOAL = 1.3;
const require = createRequire(import.meta.url);
const tsc = (pkg: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", "tsc");
const node = process.execPath;
const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as PackageJson).scripts;
/** `npm run plan` as package.json spells it, run by this Node without npm's own start-up. */
const plan = (scripts["plan"] ?? "")
  .split(" ")
  .map((word) => (word === "node" ? node : word.startsWith("-") ? word : path.resolve(PROJECT_ROOT, word)));
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

function offlinePlan({ rounds }: BenchSettings): void {
  const floor: Command = {
    label: "floor: node -e 'require(\"@pulumi/pulumi\")'",
    argv: [node, "-e", 'require("@pulumi/pulumi")'],
  };
  const cacheDir = path.join(os.tmpdir(), "stateful-stack-bench-compile-cache");
  const coldCaches = {
    NODE_COMPILE_CACHE: path.join(os.tmpdir(), "stateful-stack-bench-cold", "compile"),
    STATEFUL_STACK_STRIP_CACHE: path.join(os.tmpdir(), "stateful-stack-bench-cold", "strip"),
  };
  const planCommands: Command[] = [
    floor,
    { ...floor, label: "floor with Node's compile cache", env: { NODE_COMPILE_CACHE: cacheDir } },
    ...stacks.map((stack) => ({ label: `plan --stack ${stack}`, argv: [...plan, "--stack", stack, "--quiet"] })),
    {
      label: "plan --stack local, caches emptied first",
      argv: [...plan, "--stack", "local", "--quiet"],
      env: coldCaches,
      emptied: Object.values(coldCaches),
    },
  ];
  const planResults = measure(planCommands, rounds);
  const planFloor = planResults[0] as Measurement;
  // The rows after the two floors, one per stack, in the order of `stacks`.
  const warmPlans = planResults.slice(2, 2 + stacks.length);
  const overGoal = stacks.filter((_, i) => (warmPlans[i] as Measurement).seconds / planFloor.seconds > PLAN_GOAL);
  process.stdout.write(
    `(a) Offline plan (\`npm run plan\`: cached type stripping and Node's compile cache) vs. loading the Pulumi SDK alone (goal ≤ ${PLAN_GOAL.toFixed(2)}×):\n${table(planResults, planFloor)}\n` +
      `  goal met for ${warmPlans.length - overGoal.length} of ${warmPlans.length} stacks${overGoal.length > 0 ? `; over it: ${overGoal.join(", ")}` : ""}\n\n`,
  );
}

function programStartup({ rounds }: BenchSettings): void {
  const startup: Command[] = [
    { label: "Pulumi.yaml runtime: Node type stripping", argv: [node, program] },
    { label: "tsx (--import tsx)", argv: [node, "--import", "tsx", program] },
    { label: "ts-node transpile-only", argv: [node, program, "--ts-node", "transpile"] },
    { label: "ts-node type-checking (Pulumi's default)", argv: [node, program, "--ts-node", "check"] },
  ];
  const startupResults = measure(startup, rounds);
  process.stdout.write(
    `(b) Program start-up for stack local, by TypeScript runtime:\n${table(startupResults, startupResults[0] as Measurement)}\n\n`,
  );
}

function typeChecking({ rounds }: BenchSettings): void {
  const typecheck = measure(
    [
      { label: "tsc -p . (TypeScript 6)", argv: [node, tsc("typescript"), "-p", PROJECT_ROOT, "--noEmit"] },
      {
        label: "tsc -p . (TypeScript 7, native; npm run typecheck)",
        argv: [node, tsc("typescript7"), "-p", PROJECT_ROOT, "--noEmit"],
      },
    ],
    rounds,
  );
  process.stdout.write(`(c) Type-checking the whole repository:\n${table(typecheck, typecheck[0] as Measurement)}\n\n`);
}

/** Goals for (d): `npm test` on a 2-core machine. */
const TEST_GOAL = { seconds: 45, peakMB: 1536 };

async function testTime({ testRounds, baseline }: BenchSettings): Promise<void> {
  const checkouts = [
    ...(baseline === undefined ? [] : [baselineCheckout(PROJECT_ROOT, baseline)]),
    { label: "this checkout", dir: PROJECT_ROOT },
  ];
  const figures = await measureTests(checkouts, testRounds);
  const first = figures[0] as TestFigures;
  const width = Math.max(...figures.map((f) => f.label.length));
  const rows = figures.map(
    (f) =>
      `  ${f.label.padEnd(width)}  ${f.seconds.toFixed(1).padStart(6)} s  ${(f.seconds / first.seconds).toFixed(2)}×  ` +
      `CPU ${f.cpuSeconds.toFixed(0).padStart(4)} s  largest process ${f.processMB.toFixed(0).padStart(5)} MB  all processes ${f.treeMB.toFixed(0).padStart(5)} MB`,
  );
  const current = figures[figures.length - 1] as TestFigures;
  const met = (ok: boolean) => (ok ? "met" : "not met");
  process.stdout.write(
    `(d) npm test, medians of ${testRounds} run${testRounds === 1 ? "" : "s"} each, in turn (goal on 2 cores: ≤ ${TEST_GOAL.seconds} s, ≤ ${(TEST_GOAL.peakMB / 1024).toFixed(1)} GB):\n${rows.join("\n")}\n` +
      `  this checkout: ${current.seconds.toFixed(1)} s (goal ${met(current.seconds <= TEST_GOAL.seconds)}), largest process ${current.processMB.toFixed(0)} MB (goal ${met(current.processMB <= TEST_GOAL.peakMB)}), all processes at once ${current.treeMB.toFixed(0)} MB\n\n`,
  );
}

async function timeToEnvironment(): Promise<void> {
  process.stdout.write("(e) Time to environment, critical path vs. one resource after another (typical durations):\n");
  for (const stack of stacks) {
    const plan = buildPlan((await recordStack(stack)).resources);
    process.stdout.write(
      `  ${stack.padEnd(10)}  ${formatSeconds(plan.criticalSeconds).padStart(8)} vs. ${formatSeconds(plan.serialSeconds).padStart(8)} serial (${(plan.serialSeconds / Math.max(plan.criticalSeconds, 1)).toFixed(1)}× faster in parallel)\n`,
    );
  }
  process.stdout.write("\n");
}

/** The start-up caches compared in (f); the first row is the baseline of the ratios. */
const startupVariants: StartupVariant[] = [
  { label: "no cache", nodeArgs: [], env: { NODE_DISABLE_COMPILE_CACHE: "1" }, caches: [] },
  {
    label: "tools loader (cached stripping)",
    nodeArgs: ["--import", path.join(PROJECT_ROOT, "tools", "loader", "register.js")],
    env: { NODE_DISABLE_COMPILE_CACHE: "1" },
    caches: ["STATEFUL_STACK_STRIP_CACHE"],
  },
  { label: "Node's compile cache", nodeArgs: [], env: {}, caches: ["NODE_COMPILE_CACHE"] },
  {
    label: "both",
    nodeArgs: ["--import", path.join(PROJECT_ROOT, "tools", "loader", "register.js")],
    env: {},
    caches: ["NODE_COMPILE_CACHE", "STATEFUL_STACK_STRIP_CACHE"],
  },
];

function startupCaches({ rounds, nodes }: BenchSettings): void {
  const entry = [path.join(PROJECT_ROOT, "tools", "plan", "cli.ts"), "--stack", "dev-aks", "--quiet"];
  for (const binary of [node, ...nodes]) {
    const figures = measureStartup(binary, entry, startupVariants, rounds);
    process.stdout.write(
      `(f) Start-up of \`plan --stack dev-aks\` on Node ${nodeVersion(binary)}, cold (caches emptied before each run) and warm:\n${startupTable(figures)}\n\n`,
    );
  }
}

const SECTION_RUNS: Record<Section, (settings: BenchSettings) => void | Promise<void>> = {
  a: offlinePlan,
  b: programStartup,
  c: typeChecking,
  d: testTime,
  e: timeToEnvironment,
  f: startupCaches,
};

/**
 * Runs the bench's sections and prints the report, opened by the machine and its load and closed by
 * the wall time and the load after.
 * @throws Error when a measured command fails.
 */
export async function runBench(settings: BenchSettings): Promise<void> {
  const started = Date.now();
  process.stdout.write(benchHeader(settings));
  for (const section of settings.sections) await SECTION_RUNS[section](settings);
  process.stdout.write(benchFooter((Date.now() - started) / 1000));
}
