import { AksUpgradeChannel } from "./args.ts";
import { CONTRIBUTOR } from "./roles.ts";

/**
 * Volatile AKS values in one place: the Kubernetes version and VM sizes move with Azure's support
 * calendar. Override them per stack in the `aks` configuration key.
 */

/**
 * Kubernetes version AKS clusters are created with (minor version; AKS picks the latest patch).
 * Upstream 1.35 is supported until February 2027 (kubernetes.io/releases/1.35); AKS supports a
 * minor version for twelve months after its AKS release.
 */
export const AKS_KUBERNETES_VERSION = "1.35";

/** VM size of the small system pool (runs CoreDNS, metrics-server, CSI controllers). */
export const AKS_SYSTEM_VM_SIZE = "Standard_D2ds_v5";

/** VM size of user pools when none is given. */
export const AKS_USER_VM_SIZE = "Standard_D4ds_v5";

/** Zones an Azure region with availability zones offers. */
export const AZURE_ZONES = ["1", "2", "3"] as const;

/** Channels that move the Kubernetes minor version, and so own the cluster's and pools' versions. */
export const AKS_VERSION_UPGRADING_CHANNELS: readonly string[] = [AksUpgradeChannel.Stable, AksUpgradeChannel.Rapid];

/**
 * Whether the auto-upgrade channel, not the stack, owns the Kubernetes version. `stable` and
 * `rapid` move the minor version, so they always do. `patch` keeps the minor version and moves only
 * the patch: a `major.minor` version stays true and the stack keeps owning it (changing it upgrades
 * the cluster), while a pinned `major.minor.patch` would be outrun by the channel (AKS docs,
 * `ManagedClusterProperties.kubernetesVersion` and `UpgradeChannel`).
 */
export function channelOwnsVersion(channel: string, version: string): boolean {
  if (AKS_VERSION_UPGRADING_CHANNELS.includes(channel)) return true;
  return channel === AksUpgradeChannel.Patch && version.split(".").length === 3;
}

/** The inputs a version-upgrading channel changes behind the stack's back. */
export const AKS_CHANNEL_OWNED_CLUSTER_FIELDS = ["kubernetesVersion", "agentPoolProfiles[*].orchestratorVersion"];

/** Pod CIDR of the Azure CNI overlay network (pods never take VNet addresses). */
export const AKS_POD_CIDR = "10.244.0.0/16";

/** Built-in role "Contributor"; lets the cluster identity attach and detach a managed disk. */
export const CONTRIBUTOR_ROLE_ID = CONTRIBUTOR.id;
