/**
 * `npm test`: the format check, then the lint with the type-check, one after another in one lane,
 * while mocha runs its test files in two worker processes in the other, so both cores of a build
 * machine stay busy; mocha gets the files longest first by the previous run's times
 * (tools/test/order.ts), so its workers end together. Every step runs to its end even when another failed (tools/test/lanes.ts);
 * the run fails if any step fails, and ends with one line per step and the line `N passed, N failed`.
 *
 * The format check is Prettier's multi-threaded CLI (`--experimental-cli`: the same formatting,
 * and files unchanged since its last run, recorded in node_modules/.cache/prettier, are skipped).
 * The lint is oxlint with its type-aware backend (oxlint-tsgolint 7.0.2009, built on the
 * TypeScript 7.0.2 compiler) and the rules of .oxlintrc.json: typescript-eslint's type-checked
 * recommendations, of which `restrict-template-expressions` refuses a Pulumi `Output` in a plain
 * template literal, and (`typeCheck`) the compiler's own diagnostics, from the one program the
 * rules build (tests/lint.test.ts shows both). `npm run typecheck` runs the same compiler alone.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { mochaCounts, runLanes, spawnStep, summary, type Step } from "./lanes.ts";
import { mergeDurations, orderByDuration, readDurations, TEST_CACHE_DIR } from "./order.ts";

const require = createRequire(import.meta.url);

/** The file a package's command runs, from its package.json `bin`. */
function bin(pkg: string, name = pkg): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(manifestPath) as { bin?: string | Record<string, string> };
  const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!entry) throw new Error(`${pkg} has no command ${name}`);
  return path.join(path.dirname(manifestPath), entry);
}

/** Every test file of the repository, relative to its root, in path order. */
const testFiles = fs.globSync("tests/**/*.test.ts").sort();

/**
 * Every test file, longest first by the previous run's times (tools/test/order.ts), unless the
 * arguments name some (`npm test -- tests/etcd.test.ts`).
 */
function mochaArgs(args: string[]): string[] {
  return args.some((arg) => arg.endsWith(".ts"))
    ? args
    : [...args, ...orderByDuration(testFiles, readDurations(TEST_CACHE_DIR))];
}

const lanes: Step[][] = [
  [
    { name: "format", args: [bin("prettier"), "--experimental-cli", "--check", "."], priority: 10 },
    { name: "lint+types", args: [bin("oxlint")], priority: 10 },
  ],
  [
    {
      name: "mocha",
      // A larger young generation (inherited by the workers): recording a stack allocates many
      // short-lived objects; with 64 MB semi-spaces four recording-heavy test files took about 12% less CPU and no
      // more memory than with V8's default (`npm run bench -- --sections d` measures the whole run).
      args: [
        "--max-semi-space-size=64",
        bin("mocha"),
        "--parallel",
        "--jobs",
        "2",
        ...mochaArgs(process.argv.slice(2)),
      ],
    },
  ],
];

// One seed for the property tests of every mocha worker (tests/support/properties.ts), printed so a
// failure can be repeated with STATEFUL_STACK_SEED.
process.env["STATEFUL_STACK_SEED"] ??= String((Date.now() ^ (Math.random() * 2 ** 31)) | 0);
process.stdout.write(
  `Property tests: seed ${process.env["STATEFUL_STACK_SEED"]}, scale ${process.env["STATEFUL_STACK_PROPERTY_SCALE"] ?? "1"} (repeat with STATEFUL_STACK_SEED=<seed> npm test; STATEFUL_STACK_PROPERTY_SCALE=<n> for a deep run).\n` +
    `Recordings and the schema analysis of unchanged sources come from node_modules/.cache/stateful-stack-tests (STATEFUL_STACK_TEST_CACHE=off npm test makes them afresh).\n`,
);

const started = Date.now();
const results = await runLanes(lanes, spawnStep, (text) => process.stdout.write(text));
mergeDurations(TEST_CACHE_DIR, testFiles);
const mocha = results.find((r) => r.name === "mocha");
const counts = mocha ? mochaCounts(mocha.output) : { passed: 0, failed: 0 };
process.stdout.write(summary(results, (Date.now() - started) / 1000, counts));
process.exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
