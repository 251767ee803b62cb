/**
 * `npm test`: the type-check (TypeScript 7's native compiler), the format check and ESLint run in
 * one lane while mocha runs in another, so the two cores of a build machine are both busy. Each
 * step's output is printed whole when it ends; the run fails if any step fails.
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

const lanes: Step[][] = [
  [
    { name: "typecheck", args: [bin("typescript7", "tsc"), "-p", "."] },
    { name: "format", args: [bin("prettier"), "--check", "."] },
    { name: "lint", args: [bin("eslint"), "."] },
  ],
  [{ name: "mocha", args: [bin("mocha"), ...process.argv.slice(2)] }],
];

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
      process.stdout.write(Buffer.concat(chunks));
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
process.exitCode = ok ? 0 : 1;
