/**
 * The project files agree with how the program is meant to run: Pulumi runs `index.ts` as an ES
 * module through Node's own type stripping, with no TypeScript loader and no type-check.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { load } from "js-yaml";
import { loadProject, loadStack, listStacks } from "../tools/plan/project.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { DISABLE_DEFAULT_PROVIDERS, disabledDefaultProviders } from "../tools/recorder/record.ts";

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

  it("the shipped stack files leave the secrets provider to each team's first `pulumi stack init`", () => {
    const files = fs.readdirSync(path.join(PROJECT_ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
    assert.ok(files.length >= 5);
    for (const file of files) {
      const stack = load(read(path.join("stacks", file))) as Record<string, unknown>;
      const chosen = ["secretsprovider", "encryptedkey", "encryptionsalt"].filter((key) => key in stack);
      assert.deepEqual(chosen, [], `${file} carries a secrets provider of its own`);
    }
  });

  it("the policy pack is a package Pulumi's policy-pack runner can load: versioned, its entry plain JavaScript", () => {
    const pack = JSON.parse(read("policy/package.json")) as { version: string; main: string; type: string };
    const root = JSON.parse(read("package.json")) as { version: string };
    assert.equal(pack.version, root.version);
    assert.equal(pack.type, "module");
    assert.match(pack.main, /\.cjs$/, "the runner require()s the pack, so its entry must be CommonJS");
    assert.match(read(path.join("policy", pack.main)), /import\("\.\/index\.ts"\)/);
  });

  it("PulumiPlugin.yaml exposes the plugin entry, which exports only Platform", async () => {
    const plugin = load(read("PulumiPlugin.yaml")) as { runtime: string; main: string };
    assert.equal(plugin.runtime, "nodejs");
    const exported = (await import(path.join(PROJECT_ROOT, plugin.main))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(exported), ["Platform"]);
  });

  it("Pulumi.yaml disables the default Kubernetes provider for every stack, and the offline loader passes it on", () => {
    const project = load(read("Pulumi.yaml")) as { config: Record<string, unknown> };
    // A key outside the project's namespace takes a `value`, never a type or default (pulumi/pulumi:
    // sdk/go/common/workspace/project.go, Project.Validate).
    assert.deepEqual(project.config[DISABLE_DEFAULT_PROVIDERS], { value: ["kubernetes"] });
    const loaded = loadProject(PROJECT_ROOT);
    const stacks = listStacks(loaded);
    assert.ok(stacks.length >= 5, `found stacks ${stacks.join(", ")}`);
    for (const stack of stacks) {
      const { config } = loadStack(loaded, stack);
      assert.equal(config[DISABLE_DEFAULT_PROVIDERS], '["kubernetes"]', stack);
      assert.deepEqual(disabledDefaultProviders(config), ["kubernetes"], stack);
    }
  });

  it("the offline loader lets a stack's own value of a project-level value win, as the CLI does", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
    fs.writeFileSync(
      path.join(root, "Pulumi.yaml"),
      "name: p\nruntime: nodejs\nconfig:\n  pulumi:disable-default-providers:\n    value: [kubernetes]\n  aws:region: eu-west-1\n",
    );
    fs.writeFileSync(path.join(root, "Pulumi.a.yaml"), "config:\n  pulumi:disable-default-providers: ['*']\n");
    fs.writeFileSync(path.join(root, "Pulumi.b.yaml"), "config:\n  p:x: 1\n");
    const project = loadProject(root);
    assert.equal(loadStack(project, "a").config[DISABLE_DEFAULT_PROVIDERS], '["*"]');
    assert.equal(loadStack(project, "b").config[DISABLE_DEFAULT_PROVIDERS], '["kubernetes"]');
    assert.equal(loadStack(project, "b").config["aws:region"], "eu-west-1", "the shorthand form is a value too");
    fs.rmSync(root, { recursive: true });
  });
});
