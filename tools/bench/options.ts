/**
 * The command line of `npm run bench` and the lines that open and close its report: the machine,
 * Node, the load the machine was under before and after, and what was measured.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { commandLineOrExit, wholeNumber, type CommandLineSpec, type CommandOutput } from "../commandLine.ts";
import { formatSeconds } from "../plan/render.ts";

/** The sections of the bench, by letter, in the order they run. */
export const SECTIONS = {
  a: "offline plan of each stack vs. loading the Pulumi SDK alone",
  b: "program start-up by TypeScript runtime, ts-node type-checking included (slow)",
  c: "type-checking the repository, TypeScript 6 vs. 7",
  d: "`npm test` wall time and peak memory beside the baseline commit's (slow: both suites, --test-rounds times)",
  e: "time to environment of each stack, from its plan",
  f: "start-up of `plan --stack dev-aks` with and without the start-up caches",
} as const;

/** A section's letter. */
export type Section = keyof typeof SECTIONS;

/**
 * The commit (d) compares `npm test` with unless `--baseline` names another: `main` before the test
 * suite was made faster (recordings reused, lint at native speed, property tests sized by time).
 */
export const DEFAULT_TEST_BASELINE = "ee93615";

/** The sections run unless `--sections` names others: all but the slow (b) and (d). */
export const DEFAULT_SECTIONS = "acef";

const LETTERS = Object.keys(SECTIONS).join("");

/** The command line of `npm run bench`. */
export const BENCH_COMMAND_LINE = {
  name: "bench",
  synopsis: "[--rounds <n>] [--test-rounds <n>] [--baseline <rev>|none] [--sections <letters>] [--node <path>]…",
  summary: [
    "Measures side by side, medians over interleaved rounds, and prints the machine and its load average",
    `before and after. Sections (the default, ${DEFAULT_SECTIONS}, takes a few minutes on 2 cores; b and d are slow):`,
    ...Object.entries(SECTIONS).map(([letter, what]) => `  (${letter}) ${what}`),
  ].join("\n"),
  options: {
    rounds: {
      type: "string",
      value: "<n>",
      default: "3",
      help: "rounds of every section but (d), 1 to 100",
      check: wholeNumber(1, 100),
    },
    "test-rounds": {
      type: "string",
      value: "<n>",
      default: "3",
      help: "runs of `npm test` in (d), 1 to 100",
      check: wholeNumber(1, 100),
    },
    baseline: {
      type: "string",
      value: "<rev>",
      default: DEFAULT_TEST_BASELINE,
      help: "the commit whose npm test (d) runs beside this checkout's (a worktree with its own npm ci), or none",
      check: (value) =>
        /^(?!-)[\w./^~@{}-]+$/.test(value) ? undefined : "a git revision (commit, branch or tag) or none",
    },
    sections: {
      type: "string",
      value: "<letters>",
      default: DEFAULT_SECTIONS,
      help: `the sections to run, letters from ${LETTERS}, e.g. --sections ${LETTERS}`,
      check: (value) => (new RegExp(`^[${LETTERS}]+$`).test(value) ? undefined : `letters from ${LETTERS}`),
    },
    node: {
      type: "string",
      value: "<path>",
      multiple: true,
      help: "another Node binary to time (f) under (repeatable)",
      check: (value) => (isExecutable(value) ? undefined : "the path of an executable Node binary"),
    },
  },
  exits: "Exit: 0 measured, 1 a measured command failed, 2 bad usage.",
} as const satisfies CommandLineSpec;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What one run of the bench measures. */
export interface BenchSettings {
  rounds: number;
  testRounds: number;
  /** The revision whose `npm test` (d) measures beside this checkout's; undefined for none. */
  baseline: string | undefined;
  /** Letters, sorted, each once. */
  sections: Section[];
  /** More Node binaries for (f). */
  nodes: string[];
}

/**
 * Reads the bench's command line; prints the help or the one-line refusal when the run ends there.
 * @returns the settings, or the exit code (0 after `--help`, 2 for a bad option).
 */
export function benchSettings(argv: readonly string[], output: CommandOutput = process): BenchSettings | number {
  const line = commandLineOrExit(BENCH_COMMAND_LINE, argv, output);
  if (typeof line === "number") return line;
  return {
    rounds: Number(line.values.rounds),
    testRounds: Number(line.values["test-rounds"]),
    baseline: line.values.baseline === "none" ? undefined : line.values.baseline,
    sections: [...new Set(line.values.sections)].sort() as Section[],
    nodes: line.values.node,
  };
}

/** The machine's load: load averages over 1, 5 and 15 minutes, and the processes running now (Linux). */
export function machineLoad(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  let running = "";
  try {
    const [now, total] = (fs.readFileSync("/proc/loadavg", "utf8").split(" ")[3] ?? "").split("/");
    if (now && total) running = `, ${now} of ${total} processes running`;
  } catch {
    // Not Linux: the load averages alone.
  }
  return `load average ${one} ${five} ${fifteen} (1, 5, 15 min)${running}`;
}

/** The first lines of the report: machine, Node, load, rounds and sections. */
export function benchHeader(settings: BenchSettings): string {
  const cpus = os.cpus();
  return [
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}.`,
    `Load before: ${machineLoad()}.`,
    `Sections ${settings.sections.join(", ")}; ${settings.rounds} round${settings.rounds === 1 ? "" : "s"}${settings.sections.includes("d") ? ` (${settings.testRounds} for npm test)` : ""}, medians.`,
  ]
    .join("\n")
    .concat("\n\n");
}

/** The last line of the report: how long the run took and the load after it. */
export function benchFooter(seconds: number): string {
  return `Done in ${formatSeconds(Math.round(seconds))}. Load after: ${machineLoad()}.\n`;
}
