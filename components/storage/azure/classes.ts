import type * as k8s from "@pulumi/kubernetes";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { StorageClass } from "@pulumi/kubernetes/storage/v1/storageClass.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import {
  AZURE_DISK_DRIVER,
  AZURE_FILE_DRIVER,
  AZURE_FILES_NFS_MOUNT_OPTIONS,
  type AzureDiskClassParameters,
  type AzureDiskSnapshotClassParameters,
  type AzureFileClassParameters,
} from "./driverParameters.ts";
import { AZURE_DISK_CLASS, AZURE_DISK_SNAPSHOT_CLASS, AZURE_FILES_CLASS, type FileProtocol } from "./spec.ts";

import { azureStorageClassesProblems } from "./validation.ts";
import { refuse } from "../../problems.ts";
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../../backups/veleroTypes.ts";

export { FileProtocol } from "./spec.ts";

/** Arguments of {@link AzureStorageClasses}. */
export interface AzureStorageClassesArgs {
  /** The AKS cluster (its built-in CSI drivers and snapshot controller serve the classes). */
  cluster: ClusterHandle;
  /** `prod`: zone-redundant SKUs and `Retain` reclaim; `dev`: locally redundant, `Delete`. */
  environment: Environment;
  /**
   * Protocol of the Azure Files class.
   * @default "SMB"
   */
  fileProtocol?: FileProtocol;
}

/** Typed fields of a `snapshot.storage.k8s.io/v1` VolumeSnapshotClass (mirrors the upstream API). */
interface VolumeSnapshotClassArgs {
  apiVersion: "snapshot.storage.k8s.io/v1";
  kind: "VolumeSnapshotClass";
  metadata: k8s.types.input.meta.v1.ObjectMeta;
  driver: typeof AZURE_DISK_DRIVER;
  deletionPolicy: "Delete" | "Retain";
  parameters?: AzureDiskSnapshotClassParameters;
}

/**
 * SMB mount options of the driver's example class (kubernetes-sigs/azurefile-csi-driver@v1.35.7:
 * `deploy/example/storageclass-azurefile-csi.yaml`), without `nobrl`: byte-range locks stay on,
 * as databases on a share rely on them.
 */
export const SMB_MOUNT_OPTIONS = [
  "dir_mode=0777",
  "file_mode=0777",
  "mfsymlinks",
  "cache=strict",
  "nosharesock",
  "actimeo=30",
];

/**
 * The Azure storage classes workloads name: `azure-disk-data` (`disk.csi.azure.com`, Premium ZRS in
 * prod, LRS in dev, WaitForFirstConsumer, expandable), `azure-files-data` (`file.csi.azure.com`,
 * SMB or NFS, ReadWriteMany) and the `azure-disk-snapshots` VolumeSnapshotClass. In prod every
 * class retains the data when a claim is deleted.
 *
 * @example
 * ```ts
 * new AzureStorageClasses("storage", { cluster, environment: "prod" });
 * ```
 */
export class AzureStorageClasses extends pulumi.ComponentResource {
  /** The Azure Disk class. */
  readonly disk: k8s.storage.v1.StorageClass;
  /** The Azure Files class. */
  readonly files: k8s.storage.v1.StorageClass;
  /** The Azure Disk snapshot class. */
  readonly snapshots: k8s.apiextensions.CustomResource;

  constructor(name: string, args: AzureStorageClassesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AzureStorageClasses", name, {}, opts);
    refuse(`AzureStorageClasses "${name}"`, azureStorageClassesProblems(args));
    const prod = args.environment === "prod";
    const reclaimPolicy = prod ? "Retain" : "Delete";
    const nfs = args.fileProtocol === "NFS";
    const options = { parent: this, provider: args.cluster.provider };
    const labels = { "app.kubernetes.io/part-of": "stateful-stack" };

    this.disk = new StorageClass(
      `${name}-disk`,
      {
        metadata: { name: AZURE_DISK_CLASS, labels },
        provisioner: AZURE_DISK_DRIVER,
        parameters: {
          skuName: prod ? "Premium_ZRS" : "Premium_LRS",
          cachingMode: "ReadOnly",
        } satisfies AzureDiskClassParameters,
        reclaimPolicy,
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      },
      options,
    );
    this.files = new StorageClass(
      `${name}-files`,
      {
        metadata: { name: AZURE_FILES_CLASS, labels },
        provisioner: AZURE_FILE_DRIVER,
        // NFS shares need a Premium account; Premium shares are at least 100 GiB (the driver rounds up).
        parameters: (nfs
          ? { skuName: prod ? "Premium_ZRS" : "Premium_LRS", protocol: "nfs" }
          : { skuName: prod ? "Standard_ZRS" : "Standard_LRS" }) satisfies AzureFileClassParameters,
        mountOptions: nfs ? AZURE_FILES_NFS_MOUNT_OPTIONS : SMB_MOUNT_OPTIONS,
        reclaimPolicy,
        volumeBindingMode: "Immediate",
        allowVolumeExpansion: true,
      },
      options,
    );
    const snapshotClass: VolumeSnapshotClassArgs = {
      apiVersion: "snapshot.storage.k8s.io/v1",
      kind: "VolumeSnapshotClass",
      // The class Velero's CSI path uses for the Azure Disk driver (vmware-tanzu/velero@v1.17.2:site/content/docs/v1.17/csi.md).
      metadata: { name: AZURE_DISK_SNAPSHOT_CLASS, labels: { ...labels, [VELERO_SNAPSHOT_CLASS_LABEL]: "true" } },
      driver: AZURE_DISK_DRIVER,
      deletionPolicy: reclaimPolicy,
      parameters: { incremental: "true" },
    };
    this.snapshots = new CustomResource(`${name}-snapshots`, snapshotClass, options);
    this.registerOutputs({});
  }
}
