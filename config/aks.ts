/**
 * The `aks` configuration key: everything Azure-specific of a stack (cluster settings, user node
 * pools, static managed disks and Azure file shares). The rules are the components' own pure
 * checks, so the configuration and the components refuse the same values with the same words.
 */
import * as v from "valibot";
import { openToInternet } from "../components/options.ts";
import {
  array,
  boolean,
  dnsLabel,
  int,
  keyPath,
  length,
  oneOf,
  problemCheck,
  strictObject,
  string,
  uuid,
} from "./legacy.ts";
import {
  AKS_KUBELOGIN_MODES,
  AKS_KUBERNETES_VERSION,
  AKS_PRINCIPAL_TYPES,
  AKS_SYSTEM_VM_SIZE,
  AKS_UPGRADE_CHANNELS,
  AKS_USER_VM_SIZE,
} from "../components/cluster/aks/defaults.ts";
import {
  IPV4_RANGE,
  SUBNET_ID,
  kubernetesVersionProblem,
  poolNameProblem,
  vmSizeProblem,
  zoneProblem,
} from "../components/cluster/aks/validation.ts";
import {
  DISK_SKUS,
  SHARE_MAX_GB,
  diskSizeProblem,
  diskZoneProblem,
  isZoneRedundant,
  shareNameProblem,
  storageAccountNameProblem,
} from "../components/storage/azure/validation.ts";

/** A string checked by one of the components' pure functions (message or undefined). */
function checked(problem: (value: string) => string | undefined) {
  return v.pipe(string("expected a string"), problemCheck(problem));
}

const zone = checked(zoneProblem);
const vmSize = checked(vmSizeProblem);
const bool = boolean();

/** The small system pool, inline in the cluster (changing it should be rare). */
export const aksSystemPoolSchema = strictObject({
  vmSize: v.optional(vmSize, AKS_SYSTEM_VM_SIZE),
  count: v.optional(int(1, 10, "system nodes"), 1),
  zones: v.optional(array(zone), () => []),
});

/** One user node pool (an `AgentPool` of its own). */
export const aksNodePoolSchema = strictObject({
  name: checked(poolNameProblem),
  vmSize: v.optional(vmSize, AKS_USER_VM_SIZE),
  minCount: v.optional(int(0, 1000, "fewest nodes"), 1),
  maxCount: v.optional(int(1, 1000, "most nodes"), 3),
  zones: v.optional(array(zone), () => []),
});

/** One static managed disk, with its PersistentVolume and claim in the data namespace. */
export const aksDiskSchema = v.pipe(
  strictObject({
    name: dnsLabel("disk name; also its claim's name"),
    sizeGb: int(1, 65536, "disk size in GiB"),
    sku: v.optional(oneOf(DISK_SKUS), "Premium_LRS"),
    zone: v.optional(zone),
    diskEncryptionSetId: v.optional(string()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const disk = dataset.value;
    const size = diskSizeProblem(disk.sku, disk.sizeGb);
    if (size) addIssue({ message: size, path: keyPath(disk, "sizeGb") });
    const zoned = diskZoneProblem(disk.sku, disk.zone);
    if (zoned) addIssue({ message: zoned, path: keyPath(disk, "zone") });
  }),
);

/** One Azure file share (SMB), with its storage account, secret, PersistentVolume and claim. */
export const aksShareSchema = strictObject({
  name: checked(shareNameProblem),
  quotaGb: int(1, SHARE_MAX_GB, "share quota in GiB"),
  accountName: v.optional(checked(storageAccountNameProblem)),
});

/** The provider key the Azure region is read from. */
export const LOCATION_KEY = "azure-native:location";

/** The `aks` key. */
export const aksSchema = strictObject({
  kubernetesVersion: v.optional(checked(kubernetesVersionProblem), AKS_KUBERNETES_VERSION),
  resourceGroupName: v.optional(length(string(), "min", 1, "expected a resource group name")),
  subnetId: v.optional(
    v.pipe(
      string(),
      v.regex(
        SUBNET_ID,
        "expected a subnet id /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
      ),
    ),
  ),
  systemPool: v.optional(aksSystemPoolSchema, () => ({ vmSize: AKS_SYSTEM_VM_SIZE, count: 1, zones: [] })),
  nodePools: v.optional(array(aksNodePoolSchema), () => []),
  upgradeChannel: v.optional(oneOf(AKS_UPGRADE_CHANNELS), "patch"),
  authorizedIpRanges: v.optional(
    array(v.pipe(string(), v.regex(IPV4_RANGE, 'expected an IPv4 address or range such as "203.0.113.0/24"'))),
    () => [],
  ),
  privateCluster: v.optional(bool, false),
  adminGroupObjectIds: v.optional(array(uuid("expected an Entra ID group object id (a GUID)")), () => []),
  grantDeployerAdmin: v.optional(bool, true),
  deployerPrincipalType: v.optional(oneOf(AKS_PRINCIPAL_TYPES)),
  kubeloginMode: v.optional(oneOf(AKS_KUBELOGIN_MODES), "azurecli"),
  fileProtocol: v.optional(oneOf(["SMB", "NFS"]), "SMB"),
  disks: v.optional(array(aksDiskSchema), () => []),
  shares: v.optional(array(aksShareSchema), () => []),
});

/** A validated `aks` key, defaults applied. */
export type AksConfig = v.InferOutput<typeof aksSchema>;

/** One problem of the `aks` key: path below `aks`, the bad value, the message. */
export interface AksProblem {
  path: PropertyKey[];
  /** The full key when it is not a `stateful-stack:` key (e.g. `azure-native:location`). */
  key?: string;
  value: unknown;
  message: string;
}

/**
 * Rules spanning several fields of the `aks` key (and the location); empty when coherent.
 * @param prod the stack's environment is `prod`: its API server must be private or allow-listed.
 */
export function aksProblems(aks: AksConfig, location: string | undefined, prod = false): AksProblem[] {
  const problems: AksProblem[] = [];
  const add = (path: PropertyKey[], value: unknown, message: string) =>
    problems.push({ path: ["aks", ...path], value, message });
  if (!location) {
    problems.push({
      path: [],
      key: LOCATION_KEY,
      value: undefined,
      message: 'cloud "aks" needs the Azure region: set azure-native:location to the region\'s name, e.g. "westeurope"',
    });
  }
  if (location && !/^[a-z0-9]+$/.test(location)) {
    problems.push({
      path: [],
      key: LOCATION_KEY,
      value: location,
      message: `azure-native:location "${location}" must be the region's programmatic name (lowercase letters and digits, e.g. "westeurope"): volumes are pinned to zones by it`,
    });
  }
  if (aks.nodePools.length === 0) {
    add(["nodePools"], [], 'add at least one user node pool for the workloads, e.g. [{ name: "data" }]');
  }
  if (aks.privateCluster && aks.authorizedIpRanges.length > 0) {
    add(
      ["authorizedIpRanges"],
      aks.authorizedIpRanges,
      "a private cluster has no public API server to restrict; remove authorizedIpRanges or set privateCluster false",
    );
  }
  if (prod && !aks.privateCluster) {
    const open = openToInternet(aks.authorizedIpRanges);
    if (aks.authorizedIpRanges.length === 0)
      add(
        ["authorizedIpRanges"],
        undefined,
        'a production API server must not be open to the internet: list the address ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set privateCluster true',
      );
    else if (open.length > 0)
      add(
        ["authorizedIpRanges"],
        aks.authorizedIpRanges,
        `${open.join(", ")} lets the whole internet reach a production API server: list narrower ranges, or set privateCluster true`,
      );
  }
  const poolNames = new Set<string>();
  aks.nodePools.forEach((pool, i) => {
    if (pool.name === "system" || poolNames.has(pool.name))
      add(["nodePools", i, "name"], pool.name, 'node pool names must be unique and not "system"');
    poolNames.add(pool.name);
    if (pool.minCount > pool.maxCount)
      add(["nodePools", i, "minCount"], pool.minCount, `minCount must not exceed maxCount (${pool.maxCount})`);
  });
  const poolZones = new Set(aks.nodePools.flatMap((p) => p.zones));
  const volumeNames = new Set<string>();
  aks.disks.forEach((disk, i) => {
    if (volumeNames.has(disk.name)) add(["disks", i, "name"], disk.name, "disk and share names must be unique");
    volumeNames.add(disk.name);
    if (poolZones.size > 0 && !isZoneRedundant(disk.sku) && disk.zone === undefined)
      add(
        ["disks", i, "zone"],
        undefined,
        `the node pools are zonal: give a ${disk.sku} disk one of their zones (${[...poolZones].join(", ")}), or use a ZRS sku`,
      );
    if (disk.zone !== undefined && poolZones.size > 0 && !poolZones.has(disk.zone))
      add(
        ["disks", i, "zone"],
        disk.zone,
        `no user node pool runs in zone ${disk.zone}, so the disk could never be attached (pool zones: ${[...poolZones].join(", ")})`,
      );
  });
  aks.shares.forEach((share, i) => {
    if (volumeNames.has(share.name)) add(["shares", i, "name"], share.name, "disk and share names must be unique");
    volumeNames.add(share.name);
  });
  return problems;
}
