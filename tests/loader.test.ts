/**
 * The tools' loader (tools/loader/register.js): cached type stripping must run exactly what Node's
 * own type stripping runs, never serve an edited file's old text, and leave errors and stack
 * positions as Node reports them.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../tools/plan/command.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { captured, runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const LOADER = path.join(PROJECT_ROOT, "tools", "loader", "register.js");
const PLAN = path.join(PROJECT_ROOT, "tools", "plan", "cli.ts");

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs `args` with the loader and its cache in `cache`. */
function withLoader(cache: string, args: string[]) {
  return runNode(["--import", LOADER, ...args], { STATEFUL_STACK_STRIP_CACHE: cache });
}

function cachedFiles(cache: string): string[] {
  return fs.existsSync(cache)
    ? fs.readdirSync(cache, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"))
    : [];
}

/** A scratch ES module package holding `files`. */
function scratchPackage(files: Record<string, string>): string {
  const dir = tempDir("loader-pkg-");
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("tools loader", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);

  it("npm run plan and the benchmark start the plan through the loader", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.equal(pkg.scripts["plan"], "node --import ./tools/loader/register.js tools/plan/cli.ts");
    assert.match(pkg.scripts["bench"] ?? "", /^node --import \.\/tools\/loader\/register\.js /);
  });

  it("plans exactly what Node's own type stripping plans, cold and from the cache (dev-aks: its cloud modules load through require)", async () => {
    const out = tempDir("loader-plan-");
    const cache = path.join(out, "cache");
    const file = (name: string) => path.join(out, `${name}.json`);
    // Node's own type stripping is what loads this test's modules: the reference plan is made here,
    // through the command's main function, and only the two loader runs need a process each.
    assert.equal(await runPlan(["--stack", "dev-aks", "--quiet", "--json", file("native")], captured().output), 0);
    await withLoader(cache, [PLAN, "--stack", "dev-aks", "--quiet", "--json", file("cold")]);
    const stripped = cachedFiles(cache).length;
    assert.ok(stripped > 50, `every project module is cached (${stripped})`);
    await withLoader(cache, [PLAN, "--stack", "dev-aks", "--quiet", "--json", file("warm")]);
    assert.equal(cachedFiles(cache).length, stripped, "a warm run strips nothing new");
    const native = fs.readFileSync(file("native"), "utf8");
    assert.equal(fs.readFileSync(file("cold"), "utf8"), native);
    assert.equal(fs.readFileSync(file("warm"), "utf8"), native);
  });

  it("runs an edited file's new text, never the cached old one", async () => {
    const cache = path.join(tempDir("loader-cache-"), "cache");
    const dir = scratchPackage({ "main.ts": 'const answer: string = "first";\nconsole.log(answer);\n' });
    assert.equal((await withLoader(cache, [path.join(dir, "main.ts")])).stdout, "first\n");
    fs.writeFileSync(path.join(dir, "main.ts"), 'const answer: string = "second";\nconsole.log(answer);\n');
    assert.equal((await withLoader(cache, [path.join(dir, "main.ts")])).stdout, "second\n");
    assert.equal(cachedFiles(cache).length, 2);
  });

  it("keeps lines and columns, so a stack trace points into the TypeScript source", async () => {
    const cache = path.join(tempDir("loader-cache-"), "cache");
    const source = [
      "interface Shape {",
      "  sides: number;",
      "}",
      "const square: Shape = { sides: 4 };",
      "if (square.sides === 4) throw new Error(`a shape with ${square.sides} sides`);",
      "",
    ].join("\n");
    const dir = scratchPackage({ "throws.ts": source });
    for (const attempt of ["cold", "warm"]) {
      await assert.rejects(withLoader(cache, [path.join(dir, "throws.ts")]), (error: { stderr: string }) => {
        assert.match(error.stderr, /Error: a shape with 4 sides/, attempt);
        assert.match(error.stderr, /throws\.ts:5:31/, `${attempt}: the throw's own line and column`);
        return true;
      });
    }
  });

  it("leaves syntax that needs more than stripping to Node's own error", async () => {
    const cache = path.join(tempDir("loader-cache-"), "cache");
    const dir = scratchPackage({ "enum.ts": "enum Colour {\n  Red,\n}\nconsole.log(Colour.Red);\n" });
    await assert.rejects(withLoader(cache, [path.join(dir, "enum.ts")]), (error: { stderr: string }) => {
      assert.match(error.stderr, /ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX/);
      assert.match(error.stderr, /TypeScript enum is not supported in strip-only mode/);
      return true;
    });
    assert.deepEqual(cachedFiles(cache), []);
  });
});
