/**
 * The `aks` configuration key: everything Azure-specific of a stack (cluster settings, user node
 * pools, static managed disks and Azure file shares). Shape and defaults only, mapped onto the
 * arguments of `AksCluster` and `AzureStorage`; what values they accept is their own check
 * (`aksClusterProblems`, `azureStorageProblems`), reported here at the keys the values came from.
 */
import * as v from "valibot";
import type { AksClusterArgs } from "../components/cluster/aks/args.ts";
import { AksPrincipalType, AksUpgradeChannel } from "../components/cluster/aks/args.ts";
import { AKS_KUBERNETES_VERSION, AKS_SYSTEM_VM_SIZE, AKS_USER_VM_SIZE } from "../components/cluster/aks/defaults.ts";
import { AksKubeloginMode } from "../components/cluster/aks/kubelogin.ts";
import { FileProtocol, type AzureStorageSpec } from "../components/storage/azure/spec.ts";
import { DiskSku } from "../components/storage/azure/validation.ts";
import { array, boolean, number, object, renamedSize, string, variant } from "./builders.ts";
import type { StackConfig } from "./schema.ts";

/** The small system pool, inline in the cluster (changing it should be rare). */
const systemPool = object(
  {
    vmSize: v.optional(string("an Azure VM size such as Standard_D2ds_v5"), AKS_SYSTEM_VM_SIZE),
    count: v.optional(number("system nodes"), 1),
    zones: v.optional(array(string(`an availability zone such as "1"`)), () => []),
  },
  "the system pool",
);

/** One user node pool (an `AgentPool` of its own). */
const nodePool = object(
  {
    name: string("a node pool name such as data"),
    vmSize: v.optional(string("an Azure VM size such as Standard_D4ds_v5"), AKS_USER_VM_SIZE),
    minCount: v.optional(number("fewest nodes"), 1),
    maxCount: v.optional(number("most nodes"), 3),
    zones: v.optional(array(string(`an availability zone such as "1"`)), () => []),
  },
  "a node pool",
);

/** One static managed disk, with its PersistentVolume and claim in the data namespace. */
const disk = object(
  {
    name: string("the disk's name; also its claim's name"),
    renamedFrom: v.optional(string("the disk's previous name, whose disk, volume and claim it keeps")),
    size: string('a size in whole GiB such as "256Gi"'),
    sku: v.optional(variant(DiskSku), DiskSku.Premium_LRS),
    zone: v.optional(string(`an availability zone such as "1"`)),
    diskEncryptionSetId: v.optional(string("a disk encryption set id")),
  },
  "a managed disk",
  { sizeGb: renamedSize("size") },
);

/** One Azure file share (SMB), with its storage account, secret, PersistentVolume and claim. */
const share = object(
  {
    name: string("the share's name; also its claim's name"),
    renamedFrom: v.optional(string("the share's previous name, whose account, share and claim it keeps")),
    size: string('a quota in whole GiB such as "100Gi"'),
    accountName: v.optional(string("a storage account name")),
  },
  "a file share",
  { quotaGb: renamedSize("size") },
);

/** The `aks` key. */
export const aksSchema = object(
  {
    kubernetesVersion: v.optional(string("a Kubernetes version such as 1.35"), AKS_KUBERNETES_VERSION),
    resourceGroupName: v.optional(string("an existing resource group's name")),
    subnetId: v.optional(string("an existing subnet's id")),
    systemPool: v.optional(systemPool, () => ({ vmSize: AKS_SYSTEM_VM_SIZE, count: 1, zones: [] })),
    nodePools: v.optional(array(nodePool, "the user node pools"), () => []),
    upgradeChannel: v.optional(variant(AksUpgradeChannel), AksUpgradeChannel.Patch),
    authorizedIpRanges: v.optional(array(string("an IPv4 address or range")), () => []),
    privateCluster: v.optional(boolean(), false),
    adminGroupObjectIds: v.optional(array(string("an Entra ID group object id")), () => []),
    grantDeployerAdmin: v.optional(boolean(), true),
    deployerPrincipalType: v.optional(variant(AksPrincipalType)),
    kubeloginMode: v.optional(variant(AksKubeloginMode), AksKubeloginMode.AzureCli),
    fileProtocol: v.optional(variant(FileProtocol), FileProtocol.Smb),
    disks: v.optional(array(disk, "static managed disks"), () => []),
    shares: v.optional(array(share, "Azure file shares"), () => []),
  },
  "the Azure settings",
);

/** A parsed `aks` key, defaults applied. */
export type AksConfig = v.InferOutput<typeof aksSchema>;

/** The `AksCluster` arguments of an `aks` stack (undefined without the `aks` key). */
export function aksClusterArgs(config: StackConfig): AksClusterArgs | undefined {
  const aks = config.aks;
  if (aks === undefined) return undefined;
  return {
    environment: config.environment,
    location: config.azureLocation ?? "",
    resourceGroupName: aks.resourceGroupName,
    kubernetesVersion: aks.kubernetesVersion,
    subnetId: aks.subnetId,
    systemPool: aks.systemPool,
    nodePools: aks.nodePools,
    upgradeChannel: aks.upgradeChannel,
    authorizedIpRanges: aks.authorizedIpRanges,
    privateCluster: aks.privateCluster,
    adminGroupObjectIds: aks.adminGroupObjectIds,
    grantDeployerAdmin: aks.grantDeployerAdmin,
    deployerPrincipalType: aks.deployerPrincipalType,
    kubeloginMode: aks.kubeloginMode,
  };
}

/** The `AzureStorage` arguments of an `aks` stack (undefined without the `aks` key). */
export function azureStorageSpec(config: StackConfig): AzureStorageSpec | undefined {
  const aks = config.aks;
  return aks && { disks: aks.disks, shares: aks.shares, fileProtocol: aks.fileProtocol };
}
