import type * as pulumi from "@pulumi/pulumi";
import type { SnapshotClassInfo } from "../handle.ts";
import type { Renamable } from "../../renames.ts";
import type { DiskSku } from "./validation.ts";

/** Protocol of the Azure Files storage class. */
export const FileProtocol = {
  /** SMB shares (Standard tier). */
  Smb: "SMB",
  /** NFS 4.1 shares (Premium tier). */
  Nfs: "NFS",
} as const;
/** Protocol of the Azure Files storage class: `"SMB"` or `"NFS"`. */
export type FileProtocol = (typeof FileProtocol)[keyof typeof FileProtocol];

/** Storage class for Azure Disk volumes the platform creates (known before deployment). */
export const AZURE_DISK_CLASS = "azure-disk-data";
/** Storage class for Azure Files volumes the platform creates (known before deployment). */
export const AZURE_FILES_CLASS = "azure-files-data";
/** VolumeSnapshotClass for Azure Disk snapshots. */
export const AZURE_DISK_SNAPSHOT_CLASS = "azure-disk-snapshots";

/** The Azure Disk VolumeSnapshotClass and the class it snapshots (the disk class; Azure Files has none). */
export function azureSnapshotClass(): SnapshotClassInfo {
  return { name: AZURE_DISK_SNAPSHOT_CLASS, storageClasses: [AZURE_DISK_CLASS] };
}

/** Names of the storage classes the Azure storage layer creates. */
export function azureStorageClassNames(): string[] {
  return [AZURE_DISK_CLASS, AZURE_FILES_CLASS];
}

/**
 * A static managed disk: created with the cluster, offered as a PersistentVolume and bound claim.
 *
 * Renaming (`renamedFrom`): the disk, its role assignment, volume and claim are taken over under
 * aliases. The disk and the volume are auto-named (from their first resource names), so they keep
 * their names; the claim keeps its previous name (the disk's previous name, or the replica claim
 * that adopts it): nothing is replaced, the data stays attached.
 */
export interface AzureDiskSpec extends Renamable {
  /** Name of the disk in the stack; also the name of its claim (unless renamed: `renamedFrom`). */
  name: string;
  /**
   * Size: whole GiB as a storage quantity, e.g. `"256Gi"` or `"1Ti"`; at most 32767Gi (64Ti for
   * PremiumV2_LRS and UltraSSD_LRS).
   */
  size: string;
  /**
   * Disk SKU.
   * @default "Premium_LRS"
   */
  sku?: DiskSku;
  /**
   * Availability zone (LRS disks in a zonal cluster); ZRS disks take none.
   * @default none (regional)
   */
  zone?: string;
  /**
   * Disk encryption set for customer-managed keys.
   * @default platform-managed keys (always encrypted at rest)
   */
  diskEncryptionSetId?: pulumi.Input<string>;
}

/**
 * An Azure file share (SMB): storage account, share, CSI secret, ReadWriteMany volume and claim.
 *
 * Renaming (`renamedFrom`): every resource is taken over under an alias. The share's name, the
 * derived storage account name and the claim's name follow the entry's name, so a renamed share
 * keeps its previous ones (share `renamedFrom`, account derived from it, claim `renamedFrom`); the
 * secret and volume are auto-named and keep their names: nothing is replaced, the data stays.
 */
export interface AzureShareSpec extends Renamable {
  /**
   * Share name (3-63 lowercase letters, digits, single hyphens); also the name of its claim (unless
   * renamed: `renamedFrom`, which the share and claim keep as their name).
   */
  name: string;
  /** Quota: whole GiB as a storage quantity, e.g. `"100Gi"`; at most 100Ti. */
  size: string;
  /**
   * Storage account name (globally unique, 3-24 lowercase letters and digits).
   * @default derived from the share name and a hash of the stack
   */
  accountName?: string;
}

/** The Azure storage a stack declares. */
export interface AzureStorageSpec {
  /**
   * Static managed disks.
   * @default []
   */
  disks?: AzureDiskSpec[];
  /**
   * File shares.
   * @default []
   */
  shares?: AzureShareSpec[];
  /**
   * Protocol of the dynamic Azure Files storage class.
   * @default "SMB"
   */
  fileProtocol?: FileProtocol;
}

/** Names of the static volumes (disks and shares) the Azure storage layer creates claims for. */
export function azureVolumeNames(spec: AzureStorageSpec | undefined): string[] {
  return [...(spec?.disks ?? []).map((d) => d.name), ...(spec?.shares ?? []).map((s) => s.name)];
}
