/**
 * The npm package: `npm pack` builds it; unpacked where npm would install it, the example program
 * imports it the way a consumer does and type-checks; its JavaScript loads and exports the
 * components; nothing but the package itself is shipped.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const example = path.join(PROJECT_ROOT, "examples", "basic");
const installed = path.join(example, "node_modules", "stateful-stack");

describe("npm package", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);
  let files: string[] = [];

  before(async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", out], {
      cwd: PROJECT_ROOT,
      maxBuffer: 32 * 1024 * 1024,
    });
    const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = result!.files.map((f) => f.path);
    fs.rmSync(installed, { recursive: true, force: true });
    fs.mkdirSync(installed, { recursive: true });
    await run("tar", ["-xzf", path.join(out, result!.filename), "-C", installed, "--strip-components=1"]);
  });

  it("ships the built components, their types and sources, and nothing of the repository's own", () => {
    assert.ok(files.includes("bin/components/index.js"));
    assert.ok(files.includes("bin/components/index.d.ts"));
    assert.ok(files.includes("components/index.ts"));
    const stray = files.filter((f) => /^(tests|tools|stacks|config|policy|examples)\//.test(f) || f === "index.ts");
    assert.deepEqual(stray, []);
  });

  it("type-checks the example program against the installed package", async () => {
    const tsc = path.join(path.dirname(require.resolve("typescript7/package.json")), "bin", "tsc");
    await run(process.execPath, [tsc, "-p", example]).catch((error: { stdout: string }) => {
      assert.fail(`the example does not type-check against the package:\n${error.stdout}`);
    });
  });

  it("loads as an ES module and exports every component", async () => {
    const entry = pathToFileURL(path.join(installed, "bin", "components", "index.js")).href;
    const exported = (await import(entry)) as Record<string, unknown>;
    for (const name of [
      "Platform",
      "ExistingCluster",
      "StatefulWorkload",
      "AksCluster",
      "EksCluster",
      "AwsStorage",
      "AzureStorage",
      "Operator",
      "EtcdCluster",
      "RookCephCluster",
    ]) {
      assert.equal(typeof exported[name], "function", `${name} is exported`);
    }
  });

  it("loads each cloud's implementation on demand from the built JavaScript", async () => {
    const modules = (await import(
      pathToFileURL(path.join(installed, "bin", "components", "cloudModules.js")).href
    )) as Record<string, () => Record<string, unknown>>;
    assert.equal(typeof modules["aksClusterModule"]?.()["AksCluster"], "function");
    assert.equal(typeof modules["eksClusterModule"]?.()["EksCluster"], "function");
    assert.equal(typeof modules["azureStorageModule"]?.()["AzureStorage"], "function");
    assert.equal(typeof modules["awsStorageModule"]?.()["AwsStorage"], "function");
  });
});
