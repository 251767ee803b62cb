import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../options.ts";

/** Auto-upgrade channel of an AKS cluster. */
export const AksUpgradeChannel = {
  /** No automatic upgrades. */
  None: "none",
  /** Latest patch of the current minor version. */
  Patch: "patch",
  /** Latest supported patch of minor version N-1. */
  Stable: "stable",
  /** Latest supported patch of the latest minor version. */
  Rapid: "rapid",
  /** Latest node image only. */
  NodeImage: "node-image",
} as const;
/** Auto-upgrade channel of an AKS cluster: `"none"`, `"patch"`, `"stable"`, `"rapid"` or `"node-image"`. */
export type AksUpgradeChannel = (typeof AksUpgradeChannel)[keyof typeof AksUpgradeChannel];

/** The small system pool, defined inline in the cluster. */
export interface AksSystemPoolArgs {
  /**
   * VM size of the system nodes.
   * @default AKS_SYSTEM_VM_SIZE ("Standard_D2ds_v5")
   */
  vmSize?: string;
  /**
   * Number of system nodes.
   * @default 1
   */
  count?: number;
  /**
   * Availability zones of the system nodes.
   * @default [] (no zone pinning)
   */
  zones?: string[];
}

/** A user node pool: an autoscaled `AgentPool` of its own, so changing it never touches the cluster. */
export interface AksNodePoolArgs {
  /** Pool name: 1-12 lowercase letters and digits, starting with a letter. */
  name: string;
  /**
   * VM size of the nodes.
   * @default AKS_USER_VM_SIZE ("Standard_D4ds_v5")
   */
  vmSize?: string;
  /**
   * Fewest nodes the autoscaler keeps (also the initial count).
   * @default 1
   */
  minCount?: number;
  /**
   * Most nodes the autoscaler may add.
   * @default 3
   */
  maxCount?: number;
  /**
   * Availability zones the pool spreads over.
   * @default [] (no zone pinning)
   */
  zones?: string[];
}

/** Arguments of {@link AksCluster}. */
export interface AksClusterArgs {
  /** `prod` uses the Standard (SLA) tier and protects the resource group; `dev` the Free tier. */
  environment: Environment;
  /** Azure region (from the provider key `azure-native:location`). */
  location: pulumi.Input<string>;
  /**
   * An existing resource group to create everything in.
   * @default a new resource group, created before and independently of the cluster
   */
  resourceGroupName?: string;
  /**
   * Kubernetes version, `major.minor[.patch]`.
   * @default AKS_KUBERNETES_VERSION
   */
  kubernetesVersion?: string;
  /**
   * Existing subnet for the nodes (Azure CNI overlay: pods do not use its addresses).
   * @default an AKS-managed virtual network
   */
  subnetId?: pulumi.Input<string>;
  /**
   * The inline system pool.
   * @default one Standard_D2ds_v5 node, tainted for critical add-ons only
   */
  systemPool?: AksSystemPoolArgs;
  /**
   * User node pools for the workloads.
   * @default []
   */
  nodePools?: AksNodePoolArgs[];
  /**
   * Auto-upgrade channel of the cluster.
   * @default "patch"
   */
  upgradeChannel?: AksUpgradeChannel;
  /**
   * IPv4 ranges allowed to reach the public API server.
   * @default [] (no restriction)
   */
  authorizedIpRanges?: string[];
  /**
   * Make the API server private (reachable from the virtual network only).
   * @default false
   */
  privateCluster?: boolean;
  /**
   * Entra ID groups that administer the cluster. When given, Entra ID integration and Azure RBAC
   * are on and local accounts are disabled (the kubeconfig then uses kubelogin).
   * @default [] (local accounts, admin kubeconfig)
   */
  adminGroupObjectIds?: string[];
}
