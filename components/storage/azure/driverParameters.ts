/**
 * What the AKS-managed Azure CSI drivers accept in the storage and snapshot classes this package
 * renders, at the driver versions AKS 1.35 ships (v1.3x):
 * - kubernetes-sigs/azuredisk-csi-driver@v1.34.5:docs/driver-parameters.md ("Dynamic
 *   Provisioning", "VolumeSnapshotClass"), `pkg/azureconstants/azure_constants.go`;
 * - kubernetes-sigs/azurefile-csi-driver@v1.35.7:docs/driver-parameters.md ("Dynamic Provision"),
 *   `deploy/example/storageclass-azurefile-csi.yaml` and `storageclass-azurefile-nfs.yaml`.
 * Parameter names are case-insensitive in both drivers (the docs say so, and the controllers match
 * `strings.ToLower(k)`: azuredisk `pkg/azureutils/azure_disk_utils.go`, azurefile
 * `pkg/azurefile/controllerserver.go`); values are case-sensitive enums. Only the parameters this
 * package sets, or may set, are typed.
 */

/** Provisioner / driver name of the Azure Disk CSI driver. */
export const AZURE_DISK_DRIVER = "disk.csi.azure.com";
/**
 * The node label a static Azure disk's zone is matched on, with values `<region>-<zone>`: the
 * driver's own topology key, which it reports next to `topology.kubernetes.io/zone`
 * (kubernetes-sigs/azuredisk-csi-driver@v1.34.5:pkg/azuredisk/azuredisk.go `topologyKey`,
 * `pkg/azuredisk/nodeserver.go` `NodeGetInfo`).
 */
export const AZURE_DISK_ZONE_TOPOLOGY_KEY = "topology.disk.csi.azure.com/zone";
/** Provisioner / driver name of the Azure Files CSI driver. */
export const AZURE_FILE_DRIVER = "file.csi.azure.com";

/** `skuName` values of `disk.csi.azure.com` (alias `storageAccountType`). */
export const AZURE_DISK_CLASS_SKUS = [
  "Standard_LRS",
  "Premium_LRS",
  "StandardSSD_LRS",
  "UltraSSD_LRS",
  "Premium_ZRS",
  "StandardSSD_ZRS",
  "PremiumV2_LRS",
] as const;

/** `cachingMode` values (`ReadWrite` is deprecated; PremiumV2 and Ultra take `None` only). */
export const AZURE_DISK_CACHING_MODES = ["None", "ReadOnly", "ReadWrite"] as const;

/** `disk.csi.azure.com` StorageClass parameters this package may set. */
export interface AzureDiskClassParameters {
  /** @default "StandardSSD_LRS" */
  skuName?: (typeof AZURE_DISK_CLASS_SKUS)[number];
  /** @default "ReadOnly" */
  cachingMode?: (typeof AZURE_DISK_CACHING_MODES)[number];
  /** @default "ext4" on Linux */
  fsType?: "ext4" | "ext3" | "ext2" | "xfs" | "btrfs";
  /** @default "AllowAll" */
  networkAccessPolicy?: "AllowAll" | "DenyAll" | "AllowPrivate";
  /** Customer-managed key: a disk encryption set's ARM id. @default "" (platform-managed keys) */
  diskEncryptionSetID?: string;
}

/** `disk.csi.azure.com` VolumeSnapshotClass parameters this package may set. */
export interface AzureDiskSnapshotClassParameters {
  /** Incremental snapshots (`"false"` for full ones). @default "true" */
  incremental?: "true" | "false";
  /** Resource group the snapshots are stored in. @default the source disk's */
  resourceGroup?: string;
}

/** `skuName` values of `file.csi.azure.com`; NFS shares need a Premium account. */
export const AZURE_FILE_CLASS_SKUS = [
  "Standard_LRS",
  "Standard_ZRS",
  "Standard_GRS",
  "Standard_RAGRS",
  "Standard_RAGZRS",
  "Premium_LRS",
  "Premium_ZRS",
  "StandardV2_LRS",
  "StandardV2_ZRS",
  "StandardV2_GRS",
  "StandardV2_GZRS",
  "PremiumV2_LRS",
  "PremiumV2_ZRS",
] as const;

/** `file.csi.azure.com` StorageClass parameters this package may set. */
export interface AzureFileClassParameters {
  /** @default "Standard_LRS" */
  skuName?: (typeof AZURE_FILE_CLASS_SKUS)[number];
  /** @default "smb" */
  protocol?: "smb" | "nfs";
  /** Only on Standard accounts (Premium has large shares already). @default "false" */
  enableLargeFileShares?: "true" | "false";
}

/** The parameter names each class kind accepts here, for checks of rendered classes. */
export const AZURE_CLASS_PARAMETER_NAMES = {
  disk: ["skuName", "cachingMode", "fsType", "networkAccessPolicy", "diskEncryptionSetID"],
  file: ["skuName", "protocol", "enableLargeFileShares"],
  snapshot: ["incremental", "resourceGroup"],
} as const satisfies Record<string, readonly string[]>;

/**
 * Mount options of the drivers' own NFS example class: `nconnect=4` (several TCP connections),
 * `noresvport` (a new source port on reconnect, so a share survives a network blip) and
 * `actimeo=30` (attribute cache for metadata-heavy workloads).
 */
export const AZURE_FILES_NFS_MOUNT_OPTIONS = ["nconnect=4", "noresvport", "actimeo=30"];
