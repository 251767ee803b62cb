/**
 * The offline plan: stack files read as the Pulumi CLI reads them, waves and the critical path,
 * and the command a newcomer runs.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { runPlan } from "../tools/plan/command.ts";
import { buildPlan } from "../tools/plan/graph.ts";
import { loadProject, loadStack, SECRET_PLACEHOLDER, StackFileError } from "../tools/plan/project.ts";
import { renderPlan, type PlanDocument } from "../tools/plan/render.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import type { RecordedResource, Recording } from "../tools/recorder/record.ts";
import { captured, runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { recordedResource } from "./support/recorded.ts";
import { propertyRuns } from "./support/properties.ts";

const CLI = path.join(PROJECT_ROOT, "tools", "plan", "cli.ts");

function resource(
  name: string,
  type: string,
  dependencies: string[] = [],
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  return recordedResource({
    urn: `urn:${name}`,
    type,
    name,
    dependencies: dependencies.map((d) => `urn:${d}`),
    ...extra,
  });
}

function recordingOf(resources: RecordedResource[]): Recording {
  return { project: "p", stack: "s", preview: true, resources, invokes: [], outputs: {} };
}

function tempProject(stackYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-stack-"));
  fs.copyFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.mkdirSync(path.join(dir, "stacks"));
  fs.writeFileSync(path.join(dir, "stacks", "Pulumi.t.yaml"), stackYaml);
  return dir;
}

describe("offline plan", () => {
  describe("waves and critical path", () => {
    const cluster = resource("cluster", "azure-native:containerservice:ManagedCluster");
    const disk = resource("disk", "azure-native:compute:Disk");
    const pool = resource("pool", "azure-native:containerservice:AgentPool", ["cluster"]);
    const provider = resource("k8s", "pulumi:providers:kubernetes", ["cluster"]);
    const comp = resource("comp", "x:index:Comp", [], { custom: false });
    const ns = resource("ns", "kubernetes:core/v1:Namespace", ["pool"], { provider: "urn:k8s", parent: "urn:comp" });
    const sts = resource("sts", "kubernetes:apps/v1:StatefulSet", ["comp", "disk"], { provider: "urn:k8s" });

    it("puts independent resources in the first wave and dependents after what they wait for", () => {
      const plan = buildPlan([cluster, disk, pool, provider, comp, ns, sts]);
      assert.deepEqual(plan.waves, [["urn:cluster", "urn:disk"], ["urn:pool", "urn:k8s"], ["urn:ns"], ["urn:sts"]]);
    });

    it("follows a dependency on a component to its children, and a resource to its provider", () => {
      const plan = buildPlan([cluster, disk, pool, provider, comp, ns, sts]);
      const planned = plan.resources.find((p) => p.resource.name === "sts");
      assert.deepEqual(planned?.waitsFor.sort(), ["urn:disk", "urn:k8s", "urn:ns"]);
    });

    it("estimates time to environment along the longest chain of typical durations", () => {
      const plan = buildPlan([cluster, disk, pool, provider, comp, ns, sts]);
      assert.equal(plan.criticalSeconds, 600 + 240 + 2 + 60);
      assert.deepEqual(
        plan.criticalPath.map((p) => p.resource.name),
        ["cluster", "pool", "ns", "sts"],
      );
      assert.equal(plan.serialSeconds, 600 + 15 + 240 + 0 + 2 + 60);
    });

    it("treats a provider-implemented component as one resource to wait for", () => {
      const chart = resource("chart", "kubernetes:helm.sh/v4:Chart", [], {
        custom: false,
        remote: true,
        provider: "urn:k8s",
      });
      const cr = resource("cr", "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster", ["chart"], { provider: "urn:k8s" });
      const plan = buildPlan([cluster, provider, chart, cr]);
      assert.deepEqual(plan.waves, [["urn:cluster"], ["urn:k8s"], ["urn:chart"], ["urn:cr"]]);
      assert.equal(plan.criticalSeconds, 600 + 0 + 90 + 2);
    });

    it("names each resource of the critical path with its type, so two of the same name are told apart", () => {
      const template = resource("general", "aws:ec2/launchTemplate:LaunchTemplate");
      const group = resource("general", "aws:eks/nodeGroup:NodeGroup", [], {
        urn: "urn:group",
        dependencies: ["urn:general"],
      });
      const text = renderPlan(recordingOf([template, group]), buildPlan([template, group]));
      assert.match(text, /\nCritical path: LaunchTemplate general \(10s\) → NodeGroup general \(4m\)\n/);
    });

    it("tells apart every resource of a critical path, whatever their types and names (generated)", () => {
      const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
      const type = fc
        .tuple(segment, segment, fc.constantFrom("Secret", "Service", "Role", "Cluster"))
        .map(([pkg, module, kind]) => `${pkg}:${module}:${kind}`);
      fc.assert(
        fc.property(
          fc.uniqueArray(type, { minLength: 2, maxLength: 6 }),
          fc.constantFrom("cache", "platform-data"),
          (types, name) => {
            const chain = types.map((t, i) =>
              resource(name, t, [], { urn: `urn:${i}`, dependencies: i === 0 ? [] : [`urn:${i - 1}`] }),
            );
            const text = renderPlan(recordingOf(chain), buildPlan(chain));
            const line = /\nCritical path: (.*)\n/.exec(text)?.[1] ?? "";
            const labels = line.split(" → ").map((label) => label.replace(/ \([^)]*\)$/, ""));
            assert.equal(labels.length, chain.length, line);
            assert.equal(new Set(labels).size, labels.length, line);
            labels.forEach((label, i) => {
              const kind = (types[i] as string).split(":")[2] as string;
              assert.ok(label.endsWith(` ${name}`) && label.includes(kind), label);
            });
          },
        ),
        { numRuns: propertyRuns(200) },
      );
    });

    it("rejects a dependency cycle", () => {
      assert.throws(
        () => buildPlan([resource("a", "t:a:A", ["b"]), resource("b", "t:b:B", ["a"])]),
        /dependency cycle/,
      );
    });
  });

  describe("stack files", () => {
    it("applies Pulumi.yaml defaults and turns objects into JSON, as the CLI does", () => {
      const settings = loadStack(loadProject(PROJECT_ROOT), "local");
      assert.equal(settings.config["stateful-stack:namespace"], "data");
      assert.equal(settings.config["stateful-stack:kubeconfig"], "");
      assert.deepEqual(JSON.parse(settings.config["stateful-stack:storageClasses"] ?? ""), ["standard"]);
    });

    it("marks secure values secret and never needs to decrypt them", () => {
      const dir = tempProject(
        "config:\n  stateful-stack:environment: dev\n  stateful-stack:cloud: existing\n  stateful-stack:kubeconfig:\n    secure: v1:abc\n",
      );
      const settings = loadStack(loadProject(dir), "t");
      assert.deepEqual(settings.secretKeys, ["stateful-stack:kubeconfig"]);
      assert.equal(settings.config["stateful-stack:kubeconfig"], SECRET_PLACEHOLDER);
    });

    it("tells a misspelt environment or cloud key the key it meant: the project requires neither before the program runs", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-stack-typo-"));
      const local = fs.readFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.local.yaml"), "utf8");
      const misspelt = local
        .replace(/^  stateful-stack:environment:/m, "  stateful-stack:enviroment:")
        .replace(/^  stateful-stack:cloud:/m, "  stateful-stack:clod:");
      assert.notEqual(misspelt, local);
      fs.writeFileSync(path.join(dir, "Pulumi.typo.yaml"), misspelt);
      await assert.rejects(
        recordStack("typo", true, PROJECT_ROOT, path.relative(PROJECT_ROOT, dir)),
        (error: Error) => {
          assert.match(
            error.message,
            /stateful-stack:enviroment = "dev": unknown key "enviroment"; did you mean "environment"\?/,
          );
          assert.match(error.message, /`pulumi config rm enviroment && pulumi config set environment dev`/);
          assert.match(error.message, /unknown key "clod"; did you mean "cloud"\?/);
          assert.match(error.message, /`pulumi config rm clod && pulumi config set cloud existing`/);
          return true;
        },
      );
      fs.writeFileSync(
        path.join(dir, "Pulumi.none.yaml"),
        local.replace(/^  stateful-stack:(environment|cloud):.*\n/gm, ""),
      );
      await assert.rejects(
        recordStack("none", true, PROJECT_ROOT, path.relative(PROJECT_ROOT, dir)),
        (error: Error) => {
          assert.match(error.message, /stateful-stack:environment = "": required: one of "dev", "prod"/);
          assert.match(error.message, /stateful-stack:cloud = "": required: one of "existing", "aks", "eks"/);
          return true;
        },
      );
    });

    it("reports a missing required key and a value of the wrong declared type with the CLI's words", () => {
      const missing = tempProject("config:\n  stateful-stack:cloud: existing\n");
      const projectFile = path.join(missing, "Pulumi.yaml");
      fs.appendFileSync(projectFile, "  team:\n    type: string\n");
      assert.match(fs.readFileSync(projectFile, "utf8"), /^config:$/m);
      assert.throws(() => loadStack(loadProject(missing), "t"), /Stack 't' is missing configuration value 'team'/);
      const wrong = tempProject(
        "config:\n  stateful-stack:environment: dev\n  stateful-stack:cloud: existing\n  stateful-stack:zones: eu-1\n",
      );
      assert.throws(
        () => loadStack(loadProject(wrong), "t"),
        /Stack 't' with configuration key 'zones' must be of type 'array<string>'/,
      );
    });

    it("rejects a file that is not YAML or has no config mapping", () => {
      const broken = tempProject("config: [unclosed\n");
      assert.throws(
        () => loadStack(loadProject(broken), "t"),
        (e: Error) => e instanceof StackFileError && /is not valid YAML/.test(e.message),
      );
      const noConfig = tempProject("environment: dev\n");
      assert.throws(() => loadStack(loadProject(noConfig), "t"), /must be a mapping with a "config:" mapping/);
    });
  });

  describe("npm run plan", () => {
    /** Runs the plan command in-process; its exit code and what it printed. */
    async function plan(argv: string[]) {
      const { output, text } = captured();
      return { code: await runPlan(argv, output), ...text };
    }

    it("prints the ordered plan of a stack and writes the JSON document (the entry point, in its own process)", async function () {
      this.timeout(SUBPROCESS_BUDGET_MS);
      const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.json");
      const { stdout } = await runNode([CLI, "--stack", "local", "--json", json]);
      assert.match(stdout, /Plan for stack "local" of stateful-stack: offline, no cloud calls, no credentials\./);
      assert.match(
        stdout,
        /Wave 1 \(1 resource, up to ~0s\)\n {2}\+ pulumi:providers:kubernetes +platform-cluster-provider/,
      );
      assert.match(stdout, /Estimated time to environment: 4m 30s /);
      assert.match(stdout, /Policies: no violations\./);
      const doc = JSON.parse(fs.readFileSync(json, "utf8")) as PlanDocument;
      assert.equal(doc.stack, "local");
      assert.equal(doc.project, "stateful-stack");
      const sts = doc.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet");
      assert.ok(sts && sts.provider && sts.dependencies.length > 0 && sts.inputs["spec"]);
      assert.deepEqual(Object.keys(sts).sort(), [
        "aliases",
        "custom",
        "dependencies",
        "ignoreChanges",
        "inputs",
        "name",
        "parent",
        "propertyDependencies",
        "protect",
        "provider",
        "remote",
        "retainOnDelete",
        "type",
        "urn",
      ]);
      assert.equal(doc.waves.flat().length, doc.resources.filter((r) => r.custom || r.remote).length);
      assert.ok(doc.waves.at(-1)?.includes(sts.urn), "the StatefulSet is in the last wave");
    });

    it("writes the JSON document alone to standard output for --json -, and no file named -", async () => {
      const dash = path.join(process.cwd(), "-");
      try {
        const result = await plan(["--stack", "local", "--json", "-"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(fs.existsSync(dash), false, "a file named - was written");
        const doc = JSON.parse(result.stdout) as PlanDocument;
        assert.equal(doc.stack, "local");
        assert.ok(doc.resources.length > 0 && doc.waves.length > 0);
        assert.equal(result.stderr, "", "no policy is violated, so nothing on standard error");
      } finally {
        fs.rmSync(dash, { force: true });
      }
    });

    it("refuses a --json file it cannot write in one line, exit 1", async () => {
      const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "no-such-dir", "plan.json");
      const result = await plan(["--stack", "local", "--json", missing]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^plan: cannot write --json .*no-such-dir\/plan\.json: .*\n$/);
      assert.equal(result.stderr.split("\n").length, 2, result.stderr);
    });

    it("fails with the list of stacks for an unknown stack", async () => {
      const result = await plan(["--stack", "nope"]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /^plan: no stack "nope": there is no stacks\/Pulumi\.nope\.yaml\. Stacks: .*\blocal\b/,
      );
      assert.equal(result.stdout, "");
    });

    it("refuses a missing --stack or a misspelt option in one line, with the stacks or the option meant", async () => {
      const missing = await plan([]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^plan: --stack is required, as in --stack local \(stacks: .*\bdev-aks\b.*\)\n$/);
      const unknown = await plan(["--stak", "local"]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^plan: unknown option --stak; did you mean --stack\?.*\n$/);
      const positional = await plan(["local"]);
      assert.equal(positional.code, 2);
      assert.match(positional.stderr, /^plan: unexpected argument "local".*\n$/);
    });
  });
});
