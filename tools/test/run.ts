/**
 * `npm test`: the type-check (TypeScript 7's native compiler), the format check and ESLint run in
 * one lane while mocha runs its test files in two worker processes, so the cores of a build
 * machine stay busy. Each step's output is printed whole when it ends; the run fails if any step
 * fails, and ends with the line `N passed, N failed`.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

const require = createRequire(import.meta.url);

/** The file a package's command runs, from its package.json `bin`. */
function bin(pkg: string, name = pkg): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(manifestPath) as { bin?: string | Record<string, string> };
  const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!entry) throw new Error(`${pkg} has no command ${name}`);
  return path.join(path.dirname(manifestPath), entry);
}

interface Step {
  name: string;
  args: string[];
}

/** Every test file unless the arguments name some (`npm test -- tests/etcd.test.ts`). */
function mochaArgs(args: string[]): string[] {
  return args.some((arg) => arg.endsWith(".ts")) ? args : [...args, "tests/**/*.test.ts"];
}

const lanes: Step[][] = [
  [
    { name: "typecheck", args: [bin("typescript7", "tsc"), "-p", "."] },
    { name: "format", args: [bin("prettier"), "--check", "."] },
    { name: "lint", args: [bin("eslint"), "."] },
  ],
  [{ name: "mocha", args: [bin("mocha"), "--parallel", "--jobs", "2", ...mochaArgs(process.argv.slice(2))] }],
];

/** Test counts from mocha's summary, for the closing line. */
const counts = { passed: 0, failed: 0 };

function run(step: Step): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n── ${step.name} (${seconds} s): ${code === 0 ? "ok" : `failed, exit ${code}`}\n`);
      const output = Buffer.concat(chunks);
      process.stdout.write(output);
      if (step.name === "mocha") {
        const text = output.toString("utf8");
        counts.passed = Number(/(\d+) passing/.exec(text)?.[1] ?? 0);
        counts.failed = Number(/(\d+) failing/.exec(text)?.[1] ?? 0);
      }
      resolve(code === 0);
    });
  });
}

async function lane(steps: Step[]): Promise<boolean> {
  for (const step of steps) if (!(await run(step))) return false;
  return true;
}

const started = Date.now();
const results = await Promise.all(lanes.map(lane));
const ok = results.every(Boolean);
process.stdout.write(`\nnpm test: ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
process.exitCode = ok ? 0 : 1;
