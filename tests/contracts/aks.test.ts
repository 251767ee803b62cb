/**
 * What the shipped AKS stacks hand to Azure, the Kubernetes client and the Azure CSI drivers,
 * checked on the recorded program against the typed upstream contracts: the deployer's role
 * assignment (Microsoft's built-in roles), the kubelogin exec block (Azure/kubelogin@v0.2.19) and
 * the storage and snapshot classes (azuredisk-csi-driver@v1.34.5, azurefile-csi-driver@v1.35.7).
 */
import assert from "node:assert/strict";
import yaml from "js-yaml";
import type * as pulumi from "@pulumi/pulumi";
import { AzureStorageClasses } from "../../components/storage/azure/classes.ts";
import {
  AZURE_CLASS_PARAMETER_NAMES,
  AZURE_DISK_CACHING_MODES,
  AZURE_DISK_CLASS_SKUS,
  AZURE_DISK_DRIVER,
  AZURE_FILE_CLASS_SKUS,
  AZURE_FILE_DRIVER,
  AZURE_FILES_NFS_MOUNT_OPTIONS,
} from "../../components/storage/azure/driverParameters.ts";
import { NodeOSUpgradeChannel, UpgradeChannel } from "@pulumi/azure-native/types/enums/containerservice/index.js";
import { AksUpgradeChannel } from "../../components/cluster/aks/args.ts";
import { AKS_RBAC_CLUSTER_ADMIN, CONTRIBUTOR } from "../../components/cluster/aks/roles.ts";
import {
  STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID,
  STORAGE_BLOB_DATA_READER_ROLE_ID,
  STORAGE_BLOB_DELEGATOR_ROLE_ID,
} from "../../components/backups/azure.ts";
import {
  KUBELOGIN_LOGIN_METHODS,
  KUBELOGIN_MODES,
  type AksKubeloginMode,
  type KubeloginKubeconfig,
} from "../../components/cluster/aks/kubelogin.ts";
import type { ClusterHandle } from "../../components/cluster/handle.ts";
import { OFFLINE_CLIENT_CONFIG } from "../../tools/recorder/invokes.ts";
import { runProgram } from "../../tools/recorder/program.ts";
import { record, type RecordedResource, type Recording } from "../../tools/recorder/record.ts";
import { input, named, ofType } from "../support/graph.ts";
import { cloudOf, STACKS_UNDER_TEST, stackValue, type StackUnderTest } from "../support/stacksUnderTest.ts";

/** Records a stack as deployed (ids known) and keeps the program's exports. */
async function recordWithExports(stack: StackUnderTest): Promise<{ recording: Recording; kubeconfig: string }> {
  const { project, settings } = stack;
  let exports: { kubeconfig?: pulumi.Output<string> } = {};
  const recording = await record(
    async () => {
      exports = (await runProgram(project)) as typeof exports;
      return exports;
    },
    {
      project: project.name,
      stack: stack.name,
      config: settings.config,
      secretKeys: settings.secretKeys,
      preview: false,
    },
  );
  assert.ok(exports.kubeconfig, "the program exports its kubeconfig");
  const kubeconfig = await new Promise<string>((resolve) => exports.kubeconfig!.apply(resolve));
  return { recording, kubeconfig };
}

/** A role definition in a subscription, as a role assignment names it. */
const ROLE_DEFINITION = /\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/;
/**
 * The built-in roles the stacks assign: the cluster's, the backup store's on its container alone, and
 * Velero's user delegation key on its store's account.
 */
const BUILT_IN_ROLES = [
  AKS_RBAC_CLUSTER_ADMIN,
  CONTRIBUTOR,
  { id: STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID },
  { id: STORAGE_BLOB_DATA_READER_ROLE_ID },
  { id: STORAGE_BLOB_DELEGATOR_ROLE_ID },
];
const INTERACTIVE_LOGINS = ["devicecode", "interactive", "ropc"];

for (const stack of STACKS_UNDER_TEST.filter((s) => cloudOf(s) === "aks")) {
  describe(`AKS contracts of stack ${stack.name}`, () => {
    let recording: Recording;
    let kubeconfig: string;
    let cluster: RecordedResource;
    before(async () => {
      ({ recording, kubeconfig } = await recordWithExports(stack));
      const clusters = ofType(recording, "azure-native:containerservice:ManagedCluster");
      assert.equal(clusters.length, 1);
      cluster = clusters[0]!;
    });

    it("names only the typed built-in roles, by role definition id, and a principal type Azure checks", () => {
      const assignments = ofType(recording, "azure-native:authorization:RoleAssignment");
      assert.ok(assignments.length > 0);
      for (const assignment of assignments) {
        const id = ROLE_DEFINITION.exec(String(input(assignment, "roleDefinitionId")))?.[1];
        assert.ok(
          BUILT_IN_ROLES.some((role) => role.id === id),
          `${assignment.name}: role ${id}`,
        );
        assert.ok(["User", "ServicePrincipal"].includes(String(input(assignment, "principalType"))), assignment.name);
      }
    });

    it("gives the deployer Kubernetes rights on the cluster whenever local accounts are off, before any Kubernetes call", () => {
      const localAccountsOff = input(cluster, "disableLocalAccounts") === true;
      const entraId =
        ((stackValue(stack, "aks") as { adminGroupObjectIds?: string[] }).adminGroupObjectIds ?? []).length > 0;
      assert.equal(
        localAccountsOff,
        entraId,
        "Entra ID stacks turn local accounts off; the others use the local admin account",
      );
      const grants = ofType(recording, "azure-native:authorization:RoleAssignment").filter((a) =>
        String(input(a, "roleDefinitionId")).endsWith(`/roleDefinitions/${AKS_RBAC_CLUSTER_ADMIN.id}`),
      );
      if (!localAccountsOff) {
        assert.deepEqual(grants, [], "admin credentials need no role");
        return;
      }
      assert.equal(input(cluster, "aadProfile.enableAzureRBAC"), true);
      assert.equal(grants.length, 1);
      const grant = grants[0]!;
      assert.equal(input(grant, "scope"), `${cluster.name}-id`, "scoped to the ManagedCluster");
      assert.equal(
        input(grant, "roleDefinitionId"),
        `/subscriptions/${OFFLINE_CLIENT_CONFIG.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AKS_RBAC_CLUSTER_ADMIN.id}`,
      );
      assert.equal(input(grant, "principalId"), OFFLINE_CLIENT_CONFIG.objectId, "the identity running Pulumi");
      assert.ok(grant.dependencies.includes(cluster.urn));
      const providers = ofType(recording, "pulumi:providers:kubernetes");
      assert.equal(providers.length, 1);
      assert.ok(providers[0]!.dependencies.includes(grant.urn), "the Kubernetes provider waits for the assignment");
    });

    it("has one owner of the Kubernetes version: the auto-upgrade channel or the stack", () => {
      const channel = String(input(cluster, "autoUpgradeProfile.upgradeChannel"));
      assert.ok((Object.values(UpgradeChannel) as string[]).includes(channel), channel);
      const nodeOs = String(input(cluster, "autoUpgradeProfile.nodeOSUpgradeChannel"));
      assert.ok((Object.values(NodeOSUpgradeChannel) as string[]).includes(nodeOs), nodeOs);
      const version = String(input(cluster, "kubernetesVersion"));
      const channelUpgrades =
        ["stable", "rapid"].includes(channel) || (channel === "patch" && /^\d+\.\d+\.\d+$/.test(version));
      assert.equal(cluster.ignoreChanges.includes("kubernetesVersion"), channelUpgrades);
      assert.equal(cluster.ignoreChanges.includes("agentPoolProfiles[*].orchestratorVersion"), channelUpgrades);
      const pools = ofType(recording, "azure-native:containerservice:AgentPool");
      assert.ok(pools.length > 0);
      for (const pool of pools) assert.equal(pool.ignoreChanges.includes("orchestratorVersion"), channelUpgrades);
    });

    it("logs the kubeconfig's user in without a person at a keyboard", () => {
      const config = yaml.load(kubeconfig) as Partial<KubeloginKubeconfig> & { users: { user: object }[] };
      assert.equal(config.users.length, 1);
      const user = config.users[0]!.user as { exec?: KubeloginKubeconfig["users"][number]["user"]["exec"] };
      if (input(cluster, "disableLocalAccounts") !== true) {
        assert.equal(user.exec, undefined, "local accounts: a static admin credential");
        return;
      }
      const exec = user.exec!;
      assert.equal(exec.command, "kubelogin");
      assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
      assert.equal(exec.interactiveMode, "Never");
      assert.deepEqual(exec.args.slice(0, 2), ["get-token", "--login"]);
      const login = exec.args[2] as AksKubeloginMode;
      assert.ok((KUBELOGIN_LOGIN_METHODS as readonly string[]).includes(login), `kubelogin knows --login ${login}`);
      assert.ok(!INTERACTIVE_LOGINS.includes(login), `--login ${login} needs no one at a keyboard`);
      assert.equal(exec.args[3], "--server-id");
      for (const flag of KUBELOGIN_MODES[login].flags) assert.ok(exec.args.includes(flag), `${login} gets ${flag}`);
      assert.ok(!exec.args.some((a) => /secret|password/i.test(a)), "no secret in the kubeconfig");
    });

    it("renders storage and snapshot classes the Azure CSI drivers accept", () => {
      const classes = ofType(recording, "kubernetes:storage.k8s.io/v1:StorageClass");
      assert.equal(classes.length, 2);
      const disk = classes.find((c) => input(c, "provisioner") === AZURE_DISK_DRIVER);
      const files = classes.find((c) => input(c, "provisioner") === AZURE_FILE_DRIVER);
      assert.ok(disk && files);
      checkDiskClass(input(disk, "parameters") as Record<string, string>);
      checkFileClass(input(files, "parameters") as Record<string, string>);
      const snapshots = ofType(recording, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
      assert.equal(snapshots.length, 1);
      assert.equal(input(snapshots[0]!, "driver"), AZURE_DISK_DRIVER, "snapshots of the disk class's volumes");
      checkNames(input(snapshots[0]!, "parameters") as Record<string, string>, AZURE_CLASS_PARAMETER_NAMES.snapshot);
      assert.ok(["true", "false"].includes(String(input(snapshots[0]!, "parameters.incremental"))));
    });

    it("binds static volumes to the same CSI drivers, with the disk driver's zone topology key", () => {
      const volumes = ofType(recording, "kubernetes:core/v1:PersistentVolume");
      assert.ok(volumes.length > 0, "the stack declares static disks and shares");
      for (const volume of volumes) {
        const driver = input(volume, "spec.csi.driver");
        assert.ok(driver === AZURE_DISK_DRIVER || driver === AZURE_FILE_DRIVER, String(driver));
        const terms = input(volume, "spec.nodeAffinity.required.nodeSelectorTerms") as
          { matchExpressions: { key: string; values: string[] }[] }[] | undefined;
        for (const expression of (terms ?? []).flatMap((t) => t.matchExpressions)) {
          // azuredisk-csi-driver@v1.34.5 pkg/azuredisk/azuredisk.go: topology.<driver>/zone = <location>-<zone>
          assert.equal(expression.key, `topology.${AZURE_DISK_DRIVER}/zone`);
          for (const value of expression.values) assert.match(value, /^westeurope-[123]$/);
        }
      }
    });
  });
}

/** Every parameter name is one the driver documents (compared as the drivers do, ignoring case). */
function checkNames(parameters: Record<string, string>, allowed: readonly string[]): void {
  const known = allowed.map((name) => name.toLowerCase());
  for (const name of Object.keys(parameters))
    assert.ok(known.includes(name.toLowerCase()), `unknown parameter ${name}`);
}

function checkDiskClass(parameters: Record<string, string>): void {
  checkNames(parameters, AZURE_CLASS_PARAMETER_NAMES.disk);
  assert.ok((AZURE_DISK_CLASS_SKUS as readonly string[]).includes(parameters["skuName"] ?? ""), parameters["skuName"]);
  const caching = parameters["cachingMode"] ?? "ReadOnly";
  assert.ok((AZURE_DISK_CACHING_MODES as readonly string[]).includes(caching));
  if (/^(PremiumV2|UltraSSD)_/.test(parameters["skuName"] ?? "")) assert.equal(caching, "None");
}

function checkFileClass(parameters: Record<string, string>): void {
  checkNames(parameters, AZURE_CLASS_PARAMETER_NAMES.file);
  const sku = parameters["skuName"] ?? "Standard_LRS";
  assert.ok((AZURE_FILE_CLASS_SKUS as readonly string[]).includes(sku), sku);
  if (parameters["protocol"] === "nfs") assert.match(sku, /^Premium/, "NFS shares need a Premium account");
}

describe("AKS auto-upgrade settings", () => {
  it("offers exactly the upgrade channels of azure-native 3.28.0, and a node OS channel it knows", () => {
    assert.deepEqual(Object.values(AksUpgradeChannel).sort(), Object.values(UpgradeChannel).sort());
    assert.ok((Object.values(NodeOSUpgradeChannel) as string[]).includes("NodeImage"));
  });
});

describe("Azure Files NFS class", () => {
  it("mounts NFS shares with the options of the driver's own NFS class, on a Premium account", async () => {
    const cluster = { provider: undefined } as unknown as ClusterHandle;
    const recording = await record(
      () => new AzureStorageClasses("s", { cluster, environment: "prod", fileProtocol: "NFS" }),
      { project: "proj", stack: "test" },
    );
    const files = named(recording, "s-files", "kubernetes:storage.k8s.io/v1:StorageClass");
    checkFileClass(input(files, "parameters") as Record<string, string>);
    assert.equal(input(files, "parameters.protocol"), "nfs");
    assert.deepEqual(input(files, "mountOptions"), AZURE_FILES_NFS_MOUNT_OPTIONS);
  });
});
