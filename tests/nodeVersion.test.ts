/**
 * Too old a Node.js: every entry point says in one line which Node is needed and how to get it
 * (tools/nodeVersion.js), and npm refuses to install on it (`.npmrc` engine-strict).
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { nodeVersionProblem } from "../tools/nodeVersion.js";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
/** The scripts a newcomer runs, each of which starts TypeScript. */
const ENTRY_POINTS = ["test", "test:unit", "plan", "plan:diff", "preview:check", "bench"];

/** A Node binary on the PATH older than engines.node, if the machine has one (build machines do). */
function olderNode(): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "node");
    if (!fs.existsSync(candidate) || fs.realpathSync(candidate) === fs.realpathSync(process.execPath)) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    if (nodeVersionProblem(manifest.engines.node, version)) return candidate;
  }
  return undefined;
}

/** A script's command line with `node` (or mocha's command) run by `binary`. */
function commandOf(script: string, binary: string): string[] {
  const words = (manifest.scripts[script] ?? "").split(" ").map((word) => word.replace(/^'(.*)'$/, "$1"));
  if (words[0] === "mocha")
    return [binary, path.join("node_modules", "mocha", "bin", "mocha.js"), "tests/etcd.test.ts"];
  assert.equal(words[0], "node", `${script} starts with node`);
  return [binary, ...words.slice(1)];
}

describe("Node.js version", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);

  it("is declared where npm, nvm and other version managers look for it", () => {
    assert.match(manifest.engines.node, /^>=22\.\d+$/);
    const major = manifest.engines.node.slice(2).split(".")[0];
    assert.equal(read(".nvmrc").trim(), major);
    assert.equal(read(".node-version").trim(), major);
    assert.match(read(".npmrc"), /^engine-strict=true$/m);
  });

  it("is told in one line naming the version needed and how to get it, for older versions only", () => {
    const cases: [string, boolean][] = [
      ["v18.20.4", true],
      ["v20.20.2", true],
      ["v22.17.1", true],
      ["v22.18.0", false],
      ["v22.23.3", false],
      ["v23.0.0", false],
      ["v24.11.1", false],
    ];
    for (const [version, tooOld] of cases) {
      const problem = nodeVersionProblem(">=22.18", version);
      assert.equal(problem !== undefined, tooOld, version);
      if (problem) {
        assert.doesNotMatch(problem, /\n/);
        assert.match(
          problem,
          new RegExp(`needs Node\\.js 22\\.18 or newer \\(this is ${version.replace(/\./g, "\\.")}\\)`),
        );
        assert.match(problem, /nvm install/);
      }
    }
    assert.throws(() => nodeVersionProblem("^22", "v22.18.0"), /engines\.node must read ">=MAJOR\.MINOR"/);
  });

  it("is checked first by every entry point", () => {
    assert.equal(ENTRY_POINTS.filter((s) => manifest.scripts[s] === undefined).length, 0);
    for (const script of ENTRY_POINTS) {
      const command = manifest.scripts[script] ?? "";
      const checked =
        command.startsWith("node --import ./tools/nodeVersion.js ") ||
        command.startsWith("node --import ./tools/loader/register.js ") ||
        command.startsWith("mocha ");
      assert.ok(checked, `${script}: ${command}`);
    }
    const loaderImports = read("tools/loader/register.js").match(/^import .*$/gm) ?? [];
    assert.equal(loaderImports[0], 'import "../nodeVersion.js";', "the loader checks the version before anything else");
    const mocharc = JSON.parse(read(".mocharc.json")) as { require?: string[] };
    assert.deepEqual(mocharc.require?.[0], "./tools/nodeVersion.js");
  });

  it("stops every entry point on an older Node with that one line, where the machine has one", async function () {
    const binary = olderNode();
    if (binary === undefined) return this.skip();
    const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
    for (const script of ENTRY_POINTS) {
      const [file, ...args] = commandOf(script, binary);
      const result = await promisify(execFile)(file!, args, { cwd: PROJECT_ROOT, timeout: SUBPROCESS_BUDGET_MS }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(result.code, 1, script);
      assert.equal(result.stderr, `${nodeVersionProblem(manifest.engines.node, version)}\n`, script);
    }
  });
});
