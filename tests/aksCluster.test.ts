/**
 * AksCluster: resource group, ManagedCluster, user AgentPools, kubeconfig and provider.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster, type AksClusterArgs } from "../components/azure.ts";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment.js";
import yaml from "js-yaml";
import type { AksKubeloginMode, KubeloginKubeconfig } from "../components/cluster/aks/kubelogin.ts";
import { OFFLINE_AKS_CA, OFFLINE_CLIENT_CONFIG } from "../tools/recorder/invokes.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };
const ADMIN_GROUP = "6f1c3d2a-9b7e-4c1f-8a2d-3e5b7c9d1f20";
/** The Entra ID server application of AKS-managed Entra ID, as AKS writes it in user kubeconfigs. */
const AKS_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";
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
      const { recording } = await recordCluster({ environment, authorizedIpRanges: ["203.0.113.0/24"] });
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
    assert.deepEqual(
      pool.ignoreChanges,
      ["count"],
      "the autoscaler owns the node count; with patch and 1.35 the stack owns the version",
    );
    assert.ok(pool.dependencies.includes(aks.urn));
    assert.deepEqual(cluster.readiness, [cluster.nodePools["data"]], "workloads wait for the user pools");
    assert.deepEqual(cluster.zones, ["1", "2", "3"]);
  });

  it("creates the resource group independently of the cluster, protected in prod", async () => {
    const { recording } = await recordCluster({ environment: "prod", privateCluster: true });
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
    assert.deepEqual(entra.recording.invokes.map((i) => i.token).sort(), [
      "azure-native:authorization:getClientConfig",
      "azure-native:containerservice:listManagedClusterUserCredentials",
    ]);
    const text = await new Promise<string>((resolve) => entra.cluster.kubeconfig.apply(resolve));
    const exec = (yaml.load(text) as KubeloginKubeconfig).users[0]?.user.exec;
    assert.equal(exec?.command, "kubelogin");
    assert.deepEqual(
      exec?.args.slice(0, 3),
      ["get-token", "--login", "azurecli"],
      "never an interactive device-code login",
    );
  });

  it("grants the deploying identity AKS RBAC Cluster Admin on the cluster when local accounts are off, before the provider", async () => {
    const { recording } = await recordCluster({ adminGroupObjectIds: [ADMIN_GROUP] }, false);
    const aks = named(recording, "c-aks");
    const grant = named(recording, "c-deployer-admin", "azure-native:authorization:RoleAssignment");
    assert.equal(input(grant, "principalId"), OFFLINE_CLIENT_CONFIG.objectId);
    assert.equal(input(grant, "scope"), "c-aks-id", "scoped to the ManagedCluster");
    assert.equal(
      input(grant, "roleDefinitionId"),
      `/subscriptions/${OFFLINE_CLIENT_CONFIG.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b`,
    );
    assert.equal(input(grant, "principalType"), "User", "az login by a person");
    assert.ok(grant.dependencies.includes(aks.urn));
    const provider = named(recording, "c-provider", "pulumi:providers:kubernetes");
    assert.ok(provider.dependencies.includes(grant.urn), "no Kubernetes call before the deployer has rights");
  });

  it("names the deployer's principal type, which azure-native would otherwise send as User", async () => {
    for (const [kubeloginMode, deployerPrincipalType, expected] of [
      ["azurecli", undefined, "User"],
      ["azurecli", "ServicePrincipal", "ServicePrincipal"],
      ["spn", undefined, "ServicePrincipal"],
      ["workloadidentity", undefined, "ServicePrincipal"],
      ["msi", undefined, "ServicePrincipal"],
    ] as const) {
      const { recording } = await recordCluster({
        adminGroupObjectIds: [ADMIN_GROUP],
        kubeloginMode,
        deployerPrincipalType,
      });
      assert.equal(input(named(recording, "c-deployer-admin"), "principalType"), expected, kubeloginMode);
    }
    // The upstream fact the rule guards against (azure-native 3.28.0 authorization/roleAssignment.js).
    const bare = await record(
      () => new RoleAssignment("bare", { principalId: "p", roleDefinitionId: "r", scope: "s" }),
      options,
    );
    assert.equal(input(named(bare, "bare"), "principalType"), "User");
  });

  it("grants nothing when local accounts are on or when the grant is turned off", async () => {
    const local = await recordCluster({}, false);
    assert.deepEqual(ofType(local.recording, "azure-native:authorization:RoleAssignment"), []);
    const off = await recordCluster({ adminGroupObjectIds: [ADMIN_GROUP], grantDeployerAdmin: false }, false);
    assert.deepEqual(ofType(off.recording, "azure-native:authorization:RoleAssignment"), []);
  });

  const execArgs: Record<AksKubeloginMode, string[]> = {
    azurecli: ["get-token", "--login", "azurecli", "--server-id", AKS_SERVER_ID],
    spn: [
      "get-token",
      "--login",
      "spn",
      "--server-id",
      AKS_SERVER_ID,
      "--client-id",
      OFFLINE_CLIENT_CONFIG.clientId,
      "--tenant-id",
      OFFLINE_CLIENT_CONFIG.tenantId,
      "--environment",
      "AzurePublicCloud",
    ],
    workloadidentity: [
      "get-token",
      "--login",
      "workloadidentity",
      "--server-id",
      AKS_SERVER_ID,
      "--client-id",
      OFFLINE_CLIENT_CONFIG.clientId,
      "--tenant-id",
      OFFLINE_CLIENT_CONFIG.tenantId,
    ],
    msi: ["get-token", "--login", "msi", "--server-id", AKS_SERVER_ID],
  };
  for (const [mode, args] of Object.entries(execArgs) as [AksKubeloginMode, string[]][]) {
    it(`renders a kubeconfig whose kubelogin exec logs in non-interactively with --login ${mode}`, async () => {
      const { cluster } = await recordCluster({ adminGroupObjectIds: [ADMIN_GROUP], kubeloginMode: mode }, false);
      const text = await new Promise<string>((resolve) => cluster.kubeconfig.apply(resolve));
      const config = yaml.load(text) as KubeloginKubeconfig;
      assert.equal(config.clusters.length, 1);
      assert.equal(config.clusters[0]?.cluster.server, "https://offline-fake-aks.hcp.invalid:443");
      assert.equal(config.clusters[0]?.cluster["certificate-authority-data"], OFFLINE_AKS_CA);
      assert.equal(config.users.length, 1);
      const exec = config.users[0]!.user.exec;
      assert.equal(exec.command, "kubelogin");
      assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
      assert.equal(exec.interactiveMode, "Never");
      assert.deepEqual(exec.args, args);
      assert.equal(config.contexts[0]?.context.user, config.users[0]?.name);
      assert.equal(config["current-context"], config.contexts[0]?.name);
    });
  }

  it("leaves the Kubernetes version to the auto-upgrade channel when it upgrades Kubernetes, so the next up asks for no downgrade", async () => {
    for (const [upgradeChannel, kubernetesVersion] of [
      ["stable", "1.35"],
      ["rapid", "1.35"],
      ["patch", "1.35.2"],
    ] as const) {
      const { recording } = await recordCluster({ upgradeChannel, kubernetesVersion });
      assert.deepEqual(named(recording, "c-aks").ignoreChanges, [
        "kubernetesVersion",
        "agentPoolProfiles[*].orchestratorVersion",
      ]);
      assert.deepEqual(named(recording, "c-data").ignoreChanges, ["count", "orchestratorVersion"]);
      assert.equal(input(named(recording, "c-aks"), "kubernetesVersion"), kubernetesVersion, "the version at creation");
    }
    // The patch channel keeps the minor version: "1.35" stays true, and editing it must upgrade.
    for (const upgradeChannel of ["patch", "none", "node-image"] as const) {
      const { recording } = await recordCluster({ upgradeChannel, kubernetesVersion: "1.35" });
      assert.deepEqual(named(recording, "c-aks").ignoreChanges, [], `${upgradeChannel}: the stack owns the version`);
      assert.deepEqual(named(recording, "c-data").ignoreChanges, ["count"]);
    }
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

  it("refuses bad arguments with every problem, naming the component", () => {
    assert.throws(
      () => new AksCluster("bad", { ...base, kubernetesVersion: "latest", nodePools: [] }),
      (error: Error) => {
        assert.equal(
          error.message,
          'AksCluster "bad": kubernetesVersion = "latest": expected a Kubernetes version major.minor[.patch], e.g. "1.35" or "1.35.2"; ' +
            'nodePools = []: add at least one user node pool for the workloads, e.g. [{ name: "data" }]',
        );
        return true;
      },
    );
  });
});
