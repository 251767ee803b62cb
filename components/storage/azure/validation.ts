/**
 * The one check of the Azure storage arguments (managed disks, file shares, the Files class's
 * protocol): pure (no cloud SDK), so the platform and the stack configuration run it before
 * anything is registered, and the components refuse the same values with the same words.
 */
import { renamedFromProblems } from "../../renames.ts";
import { azureZoneProblems } from "../../cluster/aks/validation.ts";
import { problem, repeatedNameProblems, under, variantProblems, type Problem } from "../../problems.ts";
import { dnsLabelProblems, gibSizeProblems } from "../../rules.ts";
import { FileProtocol, type AzureDiskSpec, type AzureShareSpec, type AzureStorageSpec } from "./spec.ts";

/** Managed disk SKUs. */
export const DiskSku = {
  /** Standard HDD, locally redundant. */
  Standard_LRS: "Standard_LRS",
  /** Standard SSD, locally redundant. */
  StandardSSD_LRS: "StandardSSD_LRS",
  /** Standard SSD, zone-redundant. */
  StandardSSD_ZRS: "StandardSSD_ZRS",
  /** Premium SSD, locally redundant. */
  Premium_LRS: "Premium_LRS",
  /** Premium SSD, zone-redundant. */
  Premium_ZRS: "Premium_ZRS",
  /** Premium SSD v2, locally redundant. */
  PremiumV2_LRS: "PremiumV2_LRS",
  /** Ultra Disk, locally redundant. */
  UltraSSD_LRS: "UltraSSD_LRS",
} as const;
/** A managed disk SKU. */
export type DiskSku = (typeof DiskSku)[keyof typeof DiskSku];

/** Managed disk SKUs, with the largest size in GiB Azure allows for each. */
export const DISK_SKU_MAX_GB: Readonly<Record<DiskSku, number>> = {
  Standard_LRS: 32767,
  StandardSSD_LRS: 32767,
  StandardSSD_ZRS: 32767,
  Premium_LRS: 32767,
  Premium_ZRS: 32767,
  PremiumV2_LRS: 65536,
  UltraSSD_LRS: 65536,
};

/** True for zone-redundant SKUs: such a disk has no zone and attaches in every zone. */
export function isZoneRedundant(sku: string): boolean {
  return sku.endsWith("_ZRS");
}

/** Largest Azure file share quota in GiB (storage account with large file shares enabled). */
export const SHARE_MAX_GB = 102400;

/** Azure file share name: 3-63 lowercase letters, digits and single hyphens, letter or digit at both ends. */
export const SHARE_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** Storage account name: 3-24 lowercase letters and digits. */
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/** The largest disk of any SKU, in GiB. */
const DISK_MAX_GB = Math.max(...Object.values(DISK_SKU_MAX_GB));

/** The SKUs that allow the largest disks. */
const LARGEST_SKUS = (Object.keys(DISK_SKU_MAX_GB) as DiskSku[]).filter((sku) => DISK_SKU_MAX_GB[sku] === DISK_MAX_GB);

/** The check of one managed disk (paths relative to it); zones across the cluster are {@link azureStorageProblems}'. */
export function azureDiskProblems(disk: AzureDiskSpec): Problem[] {
  const skuProblems = variantProblems(["sku"], disk.sku, DiskSku);
  const sku = disk.sku ?? DiskSku.Premium_LRS;
  const max = skuProblems.length === 0 ? DISK_SKU_MAX_GB[sku] : DISK_MAX_GB;
  const larger = max < DISK_MAX_GB ? `; ${LARGEST_SKUS.join(" and ")} disks reach ${DISK_MAX_GB}Gi` : "";
  return [
    ...dnsLabelProblems(["name"], disk.name, "disk name; also its claim's name"),
    ...gibSizeProblems(["size"], disk.size, 1, max, `a ${sku} disk${larger}`),
    ...skuProblems,
    ...azureZoneProblems(["zone"], disk.zone),
    ...(skuProblems.length === 0 && isZoneRedundant(sku) && disk.zone !== undefined
      ? [
          problem(
            ["zone"],
            disk.zone,
            `a ${sku} disk is zone-redundant and takes no zone; remove zone or use an LRS sku`,
          ),
        ]
      : []),
  ];
}

/** The rule of a share name (the share's, or its previous name). */
function shareNameProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  return typeof value === "string" && SHARE_NAME.test(value)
    ? []
    : [
        problem(
          path,
          value,
          'expected a share name of 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "shared-data"',
        ),
      ];
}

/** The check of one file share (paths relative to it). */
export function azureShareProblems(share: AzureShareSpec): Problem[] {
  return [
    ...shareNameProblems(["name"], share.name),
    ...gibSizeProblems(["size"], share.size, 1, SHARE_MAX_GB, "share quota"),
    ...(share.accountName === undefined ? [] : storageAccountNameProblems(["accountName"], share.accountName)),
  ];
}

/** The one rule of a storage account name a stack gives: {@link STORAGE_ACCOUNT_NAME}. */
export function storageAccountNameProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  return typeof value === "string" && STORAGE_ACCOUNT_NAME.test(value)
    ? []
    : [
        problem(
          path,
          value,
          "expected a storage account name of 3-24 lowercase letters and digits, unique across Azure",
        ),
      ];
}

/**
 * A disk must attach where the workloads run: with zonal node pools, a locally redundant disk
 * needs one of their zones; a zoned disk needs a pool in its zone.
 */
function diskPlacementProblems(disk: AzureDiskSpec, poolZones: readonly string[]): Problem[] {
  if (poolZones.length === 0) return [];
  const sku = disk.sku ?? DiskSku.Premium_LRS;
  const zones = poolZones.join(", ");
  if (disk.zone === undefined)
    return isZoneRedundant(sku)
      ? []
      : [
          problem(
            ["zone"],
            undefined,
            `the node pools are zonal: give a ${sku} disk one of their zones (${zones}), or use a ZRS sku`,
          ),
        ];
  if (poolZones.includes(disk.zone)) return [];
  return [
    problem(
      ["zone"],
      disk.zone,
      `no user node pool runs in this zone, so the disk could never be attached; use one of the pools' zones (${zones})`,
    ),
  ];
}

/**
 * The one check of the Azure storage arguments; returns the problems found (empty when valid).
 * @param poolZones The zones of the AKS cluster's user node pools (empty: no zone pinning).
 */
export function azureStorageProblems(spec: AzureStorageSpec, poolZones: readonly string[]): Problem[] {
  const disks = spec.disks ?? [];
  const shares = spec.shares ?? [];
  const names = [...disks.map((d) => d.name), ...shares.map((s) => s.name)];
  return [
    ...disks.flatMap((disk, i) => {
      const own = azureDiskProblems(disk);
      return under(["disks", i], own.length > 0 ? own : diskPlacementProblems(disk, poolZones));
    }),
    ...shares.flatMap((share, i) => under(["shares", i], azureShareProblems(share))),
    // Each names its claim, so disks and shares share one set of names.
    ...repeatedNameProblems(
      names,
      (i) => (i < disks.length ? ["disks", i, "name"] : ["shares", i - disks.length, "name"]),
      "disk and share",
    ),
    ...renamedFromProblems(
      disks,
      (i) => ["disks", i],
      (path, value) => dnsLabelProblems(path, value, "the disk's previous name"),
      "disk",
    ),
    ...renamedFromProblems(
      shares,
      (i) => ["shares", i],
      (path, value) => shareNameProblems(path, value),
      "share",
    ),
    ...azureStorageClassesProblems(spec),
  ];
}

/** Checks the arguments of `AzureStorageClasses`: the file protocol of its Azure Files class. */
export function azureStorageClassesProblems(args: { fileProtocol?: FileProtocol }): Problem[] {
  return variantProblems(["fileProtocol"], args.fileProtocol, FileProtocol);
}
