/**
 * Pure checks of Azure storage settings (managed disks, file shares), shared by the configuration
 * schema and the components.
 */

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

/** The disk SKUs, in a stable order. */
export const DISK_SKUS = Object.keys(DISK_SKU_MAX_GB) as [DiskSku, ...DiskSku[]];

/** True for zone-redundant SKUs: such a disk has no zone and attaches in every zone. */
export function isZoneRedundant(sku: DiskSku): boolean {
  return sku.endsWith("_ZRS");
}

/** Largest Azure file share quota in GiB (storage account with large file shares enabled). */
export const SHARE_MAX_GB = 102400;

/** Azure file share name: 3-63 lowercase letters, digits and single hyphens, letter or digit at both ends. */
export const SHARE_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** Storage account name: 3-24 lowercase letters and digits. */
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/** Message when a disk of `sizeGb` exceeds what `sku` allows, else undefined. */
export function diskSizeProblem(sku: DiskSku, sizeGb: number): string | undefined {
  const max = DISK_SKU_MAX_GB[sku];
  return sizeGb <= max
    ? undefined
    : `a ${sku} disk can be at most ${max} GiB, not ${sizeGb}; lower sizeGb or choose another sku`;
}

/** Message when a zone does not suit the disk SKU (ZRS disks have none), else undefined. */
export function diskZoneProblem(sku: DiskSku, zone: string | undefined): string | undefined {
  if (isZoneRedundant(sku) && zone !== undefined)
    return `a ${sku} disk is zone-redundant and takes no zone; remove zone or use the LRS sku`;
  return undefined;
}

/** Message when `name` is not a valid Azure file share name, else undefined. */
export function shareNameProblem(name: string): string | undefined {
  return SHARE_NAME.test(name)
    ? undefined
    : `share name "${name}" is invalid; Azure allows 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (e.g. "shared-data")`;
}

/** Message when `name` is not a valid storage account name, else undefined. */
export function storageAccountNameProblem(name: string): string | undefined {
  return STORAGE_ACCOUNT_NAME.test(name)
    ? undefined
    : `storage account name "${name}" is invalid; Azure allows 3-24 lowercase letters and digits`;
}
