import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../options.ts";
import type { AksKubeloginMode } from "./kubelogin.ts";

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

/** Kind of Entra ID principal a role assignment names. */
export const AksPrincipalType = {
  /** A person. */
  User: "User",
  /** An application's service principal or a managed identity. */
  ServicePrincipal: "ServicePrincipal",
} as const;
/** Kind of Entra ID principal a role assignment names: `"User"` or `"ServicePrincipal"`. */
export type AksPrincipalType = (typeof AksPrincipalType)[keyof typeof AksPrincipalType];

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
  /** Azure region's programmatic name, e.g. `"westeurope"` (in a stack, the provider key `azure-native:location`). */
  location: pulumi.Input<string>;
  /**
   * An existing resource group to create everything in.
   * @default a new resource group, created before and independently of the cluster
   */
  resourceGroupName?: string;
  /**
   * Kubernetes version, `major.minor[.patch]`, of the control plane and every pool at creation.
   * Who owns it afterwards depends on `upgradeChannel`: `stable` and `rapid` move the minor
   * version themselves, so later changes of this value are ignored (otherwise the next `up` after
   * an automatic upgrade would ask for a downgrade); so does `patch` when a patch is pinned
   * (`1.35.2`). With `patch` and a `major.minor` version, `none` or `node-image`, the stack owns it,
   * and changing it upgrades the cluster.
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
   * User node pools for the workloads, at least one: the system pool is tainted for critical
   * add-ons only, so without a user pool no workload can be scheduled.
   */
  nodePools: AksNodePoolArgs[];
  /**
   * Auto-upgrade channel of the cluster. One owner of the Kubernetes version: `stable` and `rapid`
   * (and `patch` with a pinned patch version) upgrade the control plane and pools themselves, so the
   * stack sets `kubernetesVersion` at creation only (`ignoreChanges` on the cluster's
   * `kubernetesVersion`, its inline pool's and each `AgentPool`'s `orchestratorVersion`); `patch`
   * with a `major.minor` version, `none` and `node-image` leave the version to the stack. Node OS
   * images follow `nodeOSUpgradeChannel: NodeImage` either way.
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
  /**
   * With Entra ID (admin groups given), grant the identity running Pulumi (the object id from
   * azure-native's `getClientConfig`) "Azure Kubernetes Service RBAC Cluster Admin" on the
   * cluster, and make the Kubernetes provider wait for it. Without it, every Kubernetes call is
   * refused unless that identity is in an admin group. The assignment follows the deployer: an
   * `up` run by another identity moves it.
   * @default true
   */
  grantDeployerAdmin?: boolean;
  /**
   * Whether the deploying identity is a person (`User`) or an application, managed identity or
   * CI federation (`ServicePrincipal`). Azure refuses a role assignment whose type does not match
   * the principal ("UnmatchedPrincipalType"), and azure-native 3.28.0 sends `User` when none is
   * given, so it is always set.
   * @default "User" with `kubeloginMode` `azurecli` (`az login` by a person), else "ServicePrincipal"
   */
  deployerPrincipalType?: AksPrincipalType;
  /**
   * How the kubeconfig's `kubelogin get-token` logs in (Entra ID only; with local accounts the
   * kubeconfig holds admin credentials): `azurecli` reuses `az login`; `spn` a service principal
   * secret or certificate from the environment; `workloadidentity` a federated token (workload
   * identity, or GitHub Actions OIDC); `msi` the runner's managed identity. Never interactive.
   * @default "azurecli"
   */
  kubeloginMode?: AksKubeloginMode;
}
