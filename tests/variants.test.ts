/**
 * String-enum arguments of Platform: a value outside the enum (possible from other languages and
 * plain JavaScript) is refused by the component's pure checks, with a message that names the
 * argument, shows the value and lists the allowed values.
 */
import assert from "node:assert/strict";
import { Platform, platformProblems, type PlatformArgs } from "../components/index.ts";
import { describeProblem, variantProblems } from "../components/problems.ts";
import { record } from "../tools/recorder/record.ts";

const valid: PlatformArgs = {
  environment: "dev",
  cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
  storageClasses: ["standard"],
};

/** Platform args with some values TypeScript would refuse, as another language could send them. */
function loose(args: Record<string, unknown>): PlatformArgs {
  return { ...valid, ...args };
}

/** The platform's problems as its constructor words them. */
function described(args: PlatformArgs): string[] {
  return platformProblems(args).map(describeProblem);
}

describe("Platform string-enum arguments", () => {
  it("accepts every allowed value and leaves unset optional ones alone", () => {
    assert.deepEqual(described(valid), []);
    assert.deepEqual(described({ ...valid, environment: "prod" }), []);
  });

  it("refuses an unknown environment, naming the argument, the value and the allowed values", () => {
    assert.deepEqual(described(loose({ environment: "staging" })), [
      'environment = "staging": expected one of "dev", "prod"',
    ]);
  });

  it("refuses an unknown cloud before any per-cloud check runs", () => {
    assert.deepEqual(described(loose({ cluster: { cloud: "gke" } })), [
      'cluster.cloud = "gke": expected one of "existing", "aks", "eks"',
    ]);
  });

  it("reaches the AKS cluster's and Azure storage's own enum checks at their argument paths", () => {
    const problems = described(
      loose({
        cluster: {
          cloud: "aks",
          aks: {
            environment: "dev",
            location: "westeurope",
            nodePools: [{ name: "data" }],
            upgradeChannel: "weekly",
            kubeloginMode: "devicecode",
            deployerPrincipalType: "MSI",
          },
        },
        storage: { azure: { fileProtocol: "nfs", disks: [{ name: "db", size: "10Gi", sku: "Premium_GRS" }] } },
      }),
    );
    assert.deepEqual(problems, [
      'cluster.aks.upgradeChannel = "weekly": expected one of "none", "patch", "stable", "rapid", "node-image"',
      'cluster.aks.deployerPrincipalType = "MSI": expected one of "User", "ServicePrincipal"',
      'cluster.aks.kubeloginMode = "devicecode": expected one of "azurecli", "spn", "workloadidentity", "msi"',
      'storage.azure.disks[0].sku = "Premium_GRS": expected one of "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS", "PremiumV2_LRS", "UltraSSD_LRS"',
      'storage.azure.fileProtocol = "nfs": expected one of "SMB", "NFS"',
    ]);
  });

  it("shows a value of the wrong type as it was given", () => {
    const [problem] = variantProblems(["cluster", "eks", "network", "natGateways"], 2, {
      Single: "single",
      PerZone: "perZone",
    });
    assert.ok(problem);
    assert.equal(describeProblem(problem), 'cluster.eks.network.natGateways = 2: expected one of "single", "perZone"');
  });

  it("makes the Platform constructor throw the same message", async () => {
    await assert.rejects(
      record(() => new Platform("p", loose({ environment: "Prod" })), { project: "proj", stack: "test" }),
      { message: 'Platform "p": environment = "Prod": expected one of "dev", "prod"' },
    );
  });
});
