/**
 * The project files agree with how the program is meant to run: Pulumi runs `index.ts` as an ES
 * module through Node's own type stripping, with no TypeScript loader and no type-check.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

describe("project files", () => {
  it("Pulumi.yaml runs index.ts with Node's type stripping, without ts-node or another loader", () => {
    const project = load(read("Pulumi.yaml")) as {
      main: string;
      stackConfigDir: string;
      runtime: { name: string; options: Record<string, unknown> };
    };
    assert.equal(project.main, "index.ts");
    assert.equal(project.stackConfigDir, "stacks");
    assert.equal(project.runtime.name, "nodejs");
    assert.deepEqual(project.runtime.options, { typescript: false });
  });

  it("package.json makes the program an ES module and asks for a Node that strips types", () => {
    const pkg = JSON.parse(read("package.json")) as { type: string; engines: { node: string } };
    assert.equal(pkg.type, "module");
    assert.equal(pkg.engines.node, ">=22.18");
  });

  it("PulumiPlugin.yaml exposes the plugin entry, which exports only Platform", async () => {
    const plugin = load(read("PulumiPlugin.yaml")) as { runtime: string; main: string };
    assert.equal(plugin.runtime, "nodejs");
    const exported = (await import(path.join(PROJECT_ROOT, plugin.main))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(exported), ["Platform"]);
  });
});
