/**
 * String-enum arguments of Platform: a value outside the enum (possible from other languages and
 * plain JavaScript) is refused by the component's pure checks, with a message that names the
 * argument, shows the value and lists the allowed values.
 */
import assert from "node:assert/strict";
import { Platform, platformProblems, type PlatformArgs } from "../components/index.ts";
import { variantProblem } from "../components/variants.ts";
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

describe("Platform string-enum arguments", () => {
  it("accepts every allowed value and leaves unset optional ones alone", () => {
    assert.deepEqual(platformProblems(valid), []);
    assert.deepEqual(platformProblems({ ...valid, environment: "prod" }), []);
  });

  it("refuses an unknown environment, naming the argument, the value and the allowed values", () => {
    assert.deepEqual(platformProblems(loose({ environment: "staging" })), [
      'Platform: environment "staging" is not allowed; set it to one of "dev", "prod"',
    ]);
  });

  it("refuses an unknown cloud before any per-cloud check runs", () => {
    assert.deepEqual(platformProblems(loose({ cluster: { cloud: "gke" } })), [
      'Platform: cluster.cloud "gke" is not allowed; set it to one of "existing", "aks", "eks"',
    ]);
  });

  it("checks nested enums: AKS upgrade channel, Azure disk SKU and file protocol, etcd TLS, access operator", () => {
    const problems = platformProblems(
      loose({
        cluster: { cloud: "aks", aks: { environment: "dev", location: "westeurope", upgradeChannel: "weekly" } },
        storage: { azure: { fileProtocol: "nfs", disks: [{ name: "db", sizeGb: 10, sku: "Premium_GRS" }] } },
        operators: {
          etcdClusters: [{ name: "meta", ephemeral: true, tls: "mutual" }],
          access: [{ namespace: "apps", group: "team", operator: "postgres" }],
        },
      }),
    );
    assert.deepEqual(problems, [
      'Platform: cluster.aks.upgradeChannel "weekly" is not allowed; set it to one of "none", "patch", "stable", "rapid", "node-image"',
      'Platform: storage.azure.fileProtocol "nfs" is not allowed; set it to one of "SMB", "NFS"',
      'Platform: storage.azure.disks[0].sku "Premium_GRS" is not allowed; set it to one of "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS", "PremiumV2_LRS", "UltraSSD_LRS"',
      'Platform: operators.etcdClusters[0].tls "mutual" is not allowed; set it to one of "none", "auto", "cert-manager"',
      'Platform: operators.access[0].operator "postgres" is not allowed; set it to one of "etcd", "rook-ceph"',
    ]);
  });

  it("checks the AKS kubelogin mode and the deployer's principal type", () => {
    const problems = platformProblems(
      loose({
        cluster: {
          cloud: "aks",
          aks: {
            environment: "dev",
            location: "westeurope",
            kubeloginMode: "devicecode",
            deployerPrincipalType: "MSI",
          },
        },
      }),
    );
    assert.deepEqual(problems, [
      'Platform: cluster.aks.kubeloginMode "devicecode" is not allowed; set it to one of "azurecli", "spn", "workloadidentity", "msi"',
      'Platform: cluster.aks.deployerPrincipalType "MSI" is not allowed; set it to one of "User", "ServicePrincipal"',
    ]);
  });

  it("shows a value of the wrong type as it was given", () => {
    assert.equal(
      variantProblem("cluster.eks.network.natGateways", 2, { Single: "single", PerZone: "perZone" }),
      'cluster.eks.network.natGateways 2 is not allowed; set it to one of "single", "perZone"',
    );
  });

  it("makes the Platform constructor throw the same message", async () => {
    await assert.rejects(
      record(() => new Platform("p", loose({ environment: "Prod" })), { project: "proj", stack: "test" }),
      { message: 'Platform: environment "Prod" is not allowed; set it to one of "dev", "prod"' },
    );
  });
});
