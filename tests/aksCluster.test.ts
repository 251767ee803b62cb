/**
 * AksCluster: resource group, ManagedCluster, user AgentPools, kubeconfig and provider.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster, aksClusterProblems, type AksClusterArgs } from "../components/index.ts";
import { decodeKubeconfig, useAzureCliLogin } from "../components/cluster/aks/kubeconfig.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };
const base: AksClusterArgs = {
  environment: "dev",
  location: "westeurope",
  nodePools: [{ name: "data", vmSize: "Standard_E4ds_v5", minCount: 2, maxCount: 5, zones: ["1", "2", "3"] }],
};

async function recordCluster(
  args: Partial<AksClusterArgs> = {},
  preview = true,
): Promise<{ recording: Recording; cluster: AksCluster }> {
  let cluster: AksCluster | undefined;
  const recording = await record(
    () => {
      cluster = new AksCluster("c", { ...base, ...args });
    },
    { ...options, preview },
  );
  return { recording, cluster: cluster! };
}

describe("AksCluster", () => {
  it("creates a Free-tier cluster in dev and a Standard-tier one in prod, with the storage drivers, OIDC and workload identity on", async () => {
    for (const [environment, tier] of [
      ["dev", "Free"],
      ["prod", "Standard"],
    ] as const) {
      const { recording } = await recordCluster({ environment });
      const aks = named(recording, "c-aks", "azure-native:containerservice:ManagedCluster");
      assert.equal(input(aks, "sku.tier"), tier);
      assert.deepEqual(input(aks, "storageProfile"), {
        diskCSIDriver: { enabled: true },
        fileCSIDriver: { enabled: true },
        snapshotController: { enabled: true },
      });
      assert.equal(input(aks, "oidcIssuerProfile.enabled"), true);
      assert.equal(input(aks, "securityProfile.workloadIdentity.enabled"), true);
      assert.equal(input(aks, "kubernetesVersion"), "1.35");
      assert.equal(input(aks, "networkProfile.networkPlugin"), "azure");
      assert.equal(input(aks, "networkProfile.networkPluginMode"), "overlay");
      assert.equal(input(aks, "autoUpgradeProfile.upgradeChannel"), "patch");
    }
  });

  it("keeps only a tainted system pool inline and makes each user pool a separate autoscaled AgentPool", async () => {
    const { recording, cluster } = await recordCluster();
    const aks = named(recording, "c-aks");
    const inline = input(aks, "agentPoolProfiles") as Record<string, unknown>[];
    assert.deepEqual(
      inline.map((p) => [p["name"], p["mode"], p["nodeTaints"]]),
      [["system", "System", ["CriticalAddonsOnly=true:NoSchedule"]]],
    );
    const pool = named(recording, "c-data", "azure-native:containerservice:AgentPool");
    assert.equal(input(pool, "agentPoolName"), "data");
    assert.equal(input(pool, "mode"), "User");
    assert.equal(input(pool, "enableAutoScaling"), true);
    assert.equal(input(pool, "minCount"), 2);
    assert.equal(input(pool, "maxCount"), 5);
    assert.deepEqual(input(pool, "availabilityZones"), ["1", "2", "3"]);
    assert.equal(input(pool, "vmSize"), "Standard_E4ds_v5");
    assert.deepEqual(pool.ignoreChanges, ["count"], "the autoscaler owns the node count");
    assert.ok(pool.dependencies.includes(aks.urn));
    assert.deepEqual(cluster.readiness, [cluster.nodePools["data"]], "workloads wait for the user pools");
    assert.deepEqual(cluster.zones, ["1", "2", "3"]);
  });

  it("creates the resource group independently of the cluster, protected in prod", async () => {
    const { recording } = await recordCluster({ environment: "prod" });
    const rg = named(recording, "c-rg", "azure-native:resources:ResourceGroup");
    assert.equal(rg.protect, true);
    assert.deepEqual(rg.dependencies, []);
    assert.deepEqual(named(recording, "c-aks").dependencies, [rg.urn]);
  });

  it("uses an existing resource group and subnet by name without creating a group", async () => {
    const subnetId =
      "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks";
    const { recording } = await recordCluster({ resourceGroupName: "platform-rg", subnetId });
    assert.deepEqual(ofType(recording, "azure-native:resources:ResourceGroup"), []);
    const aks = named(recording, "c-aks");
    assert.equal(input(aks, "resourceGroupName"), "platform-rg");
    assert.equal((input(aks, "agentPoolProfiles") as { vnetSubnetID: string }[])[0]?.vnetSubnetID, subnetId);
    assert.equal(input(named(recording, "c-data"), "vnetSubnetID"), subnetId);
  });

  it("restricts the API server and integrates Entra ID with local accounts disabled when admin groups are given", async () => {
    const { recording } = await recordCluster({
      authorizedIpRanges: ["203.0.113.0/24"],
      adminGroupObjectIds: ["6f1c3d2a-9b7e-4c1f-8a2d-3e5b7c9d1f20"],
    });
    const aks = named(recording, "c-aks");
    assert.deepEqual(input(aks, "apiServerAccessProfile.authorizedIPRanges"), ["203.0.113.0/24"]);
    assert.equal(input(aks, "disableLocalAccounts"), true);
    assert.deepEqual(input(aks, "aadProfile"), {
      managed: true,
      enableAzureRBAC: true,
      adminGroupObjectIDs: ["6f1c3d2a-9b7e-4c1f-8a2d-3e5b7c9d1f20"],
    });
  });

  it("reads admin credentials with local accounts, user credentials in exec format without them", async () => {
    const local = await recordCluster({}, false);
    assert.deepEqual(
      local.recording.invokes.map((i) => i.token),
      ["azure-native:containerservice:listManagedClusterAdminCredentials"],
    );
    const entra = await recordCluster({ adminGroupObjectIds: ["6f1c3d2a-9b7e-4c1f-8a2d-3e5b7c9d1f20"] }, false);
    assert.deepEqual(
      entra.recording.invokes.map((i) => i.token),
      ["azure-native:containerservice:listManagedClusterUserCredentials"],
    );
    const text = await new Promise<string>((resolve) => entra.cluster.kubeconfig.apply(resolve));
    assert.match(text, /command: kubelogin/);
    assert.match(text, /- --login\n\s+- azurecli/, "never an interactive device-code login during pulumi up");
  });

  it("builds the provider from the kubeconfig, kept secret, and makes it wait for the cluster", async () => {
    const { recording, cluster } = await recordCluster({}, false);
    const provider = named(recording, "c-provider", "pulumi:providers:kubernetes");
    assert.equal(provider.inputs["kubeconfig"], SECRET);
    assert.ok(transitiveDependencies(recording, provider).has(named(recording, "c-aks").urn));
    assert.equal(await pulumi.isSecret(cluster.kubeconfig), true);
    const text = await new Promise<string>((resolve) => cluster.kubeconfig.apply(resolve));
    assert.match(text, /offline-fake-aks/);
  });

  it("decodes the base64 kubeconfig AKS returns, and fails loudly when there is none", () => {
    const value = Buffer.from("apiVersion: v1\n").toString("base64");
    assert.equal(decodeKubeconfig({ kubeconfigs: [{ value }] }), "apiVersion: v1\n");
    assert.throws(() => decodeKubeconfig({ kubeconfigs: [] }), /no kubeconfig/);
  });

  it("switches an Entra ID kubeconfig from interactive device-code login to the Azure CLI login", () => {
    const block = "      args:\n      - get-token\n      - --login\n      - devicecode\n      command: kubelogin\n";
    assert.equal(
      useAzureCliLogin(block),
      "      args:\n      - get-token\n      - --login\n      - azurecli\n      command: kubelogin\n",
    );
    assert.equal(
      useAzureCliLogin('args: ["get-token", "--login", "devicecode"]'),
      'args: ["get-token", "--login", "azurecli"]',
    );
    assert.equal(useAzureCliLogin("user: {token: abc}"), "user: {token: abc}");
  });

  it("rejects bad VM sizes, zones, versions and pool names before registering anything", () => {
    assert.deepEqual(
      aksClusterProblems({
        ...base,
        kubernetesVersion: "v1.35",
        nodePools: [{ name: "Data-Pool", vmSize: "D4ds_v5", zones: ["4"], minCount: 5, maxCount: 2 }],
      }),
      [
        'AksCluster: Kubernetes version "v1.35" is not major.minor[.patch]; use e.g. "1.35" or "1.35.2"',
        'AksCluster: node pool name "Data-Pool" is invalid; AKS allows 1-12 lowercase letters and digits, starting with a letter (e.g. "data")',
        'AksCluster: VM size "D4ds_v5" is not an Azure VM size; use the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])',
        'AksCluster: zone "4" is not an Azure availability zone; allowed: "1", "2", "3"',
        'AksCluster: node pool "Data-Pool": minCount 5 exceeds maxCount 2',
      ],
    );
    assert.deepEqual(aksClusterProblems(base), []);
    assert.throws(() => new AksCluster("bad", { ...base, kubernetesVersion: "latest" }), /not major\.minor/);
  });
});
