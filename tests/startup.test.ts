/**
 * What a stack's program loads: each stack pays start-up time only for the SDK modules of the
 * resources it creates (README, "Runtime and performance"). Importing an SDK's index from an ES
 * module would load every resource module of it; these bounds catch that.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const FIXTURE = path.join(PROJECT_ROOT, "tests", "fixtures", "loadedModules.ts");

/** How many modules of each Pulumi package one fresh process has loaded after recording each of `stacks` in turn. */
async function loadedModules(...stacks: string[]): Promise<Record<string, Record<string, number>>> {
  const { stdout } = await runNode([FIXTURE, ...stacks]);
  return JSON.parse(stdout) as Record<string, Record<string, number>>;
}

describe("SDK modules a stack loads", function () {
  // Each count needs a fresh process: its module cache is what is counted. The AKS stack is recorded
  // after the local one in the same process: its counts are then those of both (an upper bound, so
  // its limits hold for it alone), and the local stack loads nothing of either cloud (checked first).
  this.timeout(SUBPROCESS_BUDGET_MS);
  let localThenAks: Record<string, Record<string, number>>;
  before(async () => {
    localThenAks = await loadedModules("local", "prod-aks");
  });

  it("local loads no cloud SDK and a few Kubernetes resource modules", () => {
    const loaded = localThenAks["local"] ?? {};
    assert.ok((loaded["@pulumi/pulumi"] ?? 0) > 0, "the counts are of a recorded run");
    assert.equal(loaded["@pulumi/aws"], undefined);
    assert.equal(loaded["@pulumi/azure-native"], undefined);
    assert.ok((loaded["@pulumi/kubernetes"] ?? 0) <= 30, `@pulumi/kubernetes: ${loaded["@pulumi/kubernetes"]} modules`);
  });

  it("an AKS stack loads the Azure resource modules it uses, and nothing of AWS", () => {
    const loaded = localThenAks["prod-aks"] ?? {};
    assert.equal(loaded["@pulumi/aws"], undefined);
    const azure = loaded["@pulumi/azure-native"] ?? 0;
    assert.ok(azure > 0 && azure <= 25, `@pulumi/azure-native: ${azure} modules`);
    assert.ok((loaded["@pulumi/kubernetes"] ?? 0) <= 30, `@pulumi/kubernetes: ${loaded["@pulumi/kubernetes"]} modules`);
  });

  it("an EKS stack loads the AWS resource modules it uses, and nothing of Azure", async () => {
    const loaded = (await loadedModules("prod-eks"))["prod-eks"] ?? {};
    assert.equal(loaded["@pulumi/azure-native"], undefined);
    const aws = loaded["@pulumi/aws"] ?? 0;
    assert.ok(aws > 0 && aws <= 40, `@pulumi/aws: ${aws} modules`);
    assert.ok((loaded["@pulumi/kubernetes"] ?? 0) <= 30, `@pulumi/kubernetes: ${loaded["@pulumi/kubernetes"]} modules`);
  });

  it("the review commands (plan:diff, preview:check, the comment target) load no Pulumi SDK", async () => {
    const entries = ["commands.ts", "gate.ts", "commentTarget.ts"].map((file) =>
      pathToFileURL(path.join(PROJECT_ROOT, "tools", "review", file)),
    );
    const script = [
      ...entries.map((url) => `await import(${JSON.stringify(url.href)});`),
      'const { createRequire } = await import("node:module");',
      "process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));",
    ].join("\n");
    const { stdout } = await runNode(["--input-type=module", "-e", script]);
    const loaded = JSON.parse(stdout) as string[];
    assert.deepEqual(
      loaded.filter((file) => file.includes("@pulumi")),
      [],
      "a review reads plan files: the SDK is hundreds of modules, most of a command's start-up",
    );
  });
});
