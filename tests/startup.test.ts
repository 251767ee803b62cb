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

async function loadedModules(stack: string): Promise<Record<string, number>> {
  const { stdout } = await runNode([FIXTURE, stack]);
  return JSON.parse(stdout) as Record<string, number>;
}

describe("SDK modules a stack loads", function () {
  // Each count needs a fresh process: its module cache is what is counted.
  this.timeout(SUBPROCESS_BUDGET_MS);

  it("local loads no cloud SDK and a few Kubernetes resource modules", async () => {
    const loaded = await loadedModules("local");
    assert.equal(loaded["@pulumi/aws"], undefined);
    assert.equal(loaded["@pulumi/azure-native"], undefined);
    assert.ok((loaded["@pulumi/kubernetes"] ?? 0) <= 30, `@pulumi/kubernetes: ${loaded["@pulumi/kubernetes"]} modules`);
  });

  it("an AKS stack loads the Azure resource modules it uses, and nothing of AWS", async () => {
    const loaded = await loadedModules("prod-aks");
    assert.equal(loaded["@pulumi/aws"], undefined);
    const azure = loaded["@pulumi/azure-native"] ?? 0;
    assert.ok(azure > 0 && azure <= 25, `@pulumi/azure-native: ${azure} modules`);
    assert.ok((loaded["@pulumi/kubernetes"] ?? 0) <= 30, `@pulumi/kubernetes: ${loaded["@pulumi/kubernetes"]} modules`);
  });

  it("an EKS stack loads the AWS resource modules it uses, and nothing of Azure", async () => {
    const loaded = await loadedModules("prod-eks");
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
