import type * as k8s from "@pulumi/kubernetes";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { StorageClass } from "@pulumi/kubernetes/storage/v1/storageClass.js";
import type * as pulumi from "@pulumi/pulumi";
import type { AwsClusterInfo } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../../backups/veleroTypes.ts";
import { AWS_STORAGE_CLASSES, EBS_SNAPSHOT_CLASS, efsClassName } from "./args.ts";
import {
  EBS_CSI_DRIVER,
  EFS_CSI_DRIVER,
  type EbsStorageClassParameters,
  type EfsStorageClassParameters,
  type ParameterInputs,
} from "./contracts.ts";

export { EBS_SNAPSHOT_CLASS } from "./args.ts";

/** Typed fields of a `snapshot.storage.k8s.io/v1` VolumeSnapshotClass, mirroring the upstream API. */
interface VolumeSnapshotClassArgs {
  apiVersion: "snapshot.storage.k8s.io/v1";
  kind: "VolumeSnapshotClass";
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  driver: string;
  deletionPolicy: "Delete" | "Retain";
  parameters?: Record<string, string>;
}

/** What the classes are created with. */
export interface ClassContext {
  aws: AwsClusterInfo;
  environment: Environment;
  provider: k8s.Provider;
  parent: pulumi.Resource;
}

/**
 * The gp3 class (default class: new EKS clusters have none), encrypted, bound when a pod is
 * scheduled so the volume lands in the pod's zone, expandable; in prod its volumes are retained.
 */
export function gp3Class(name: string, context: ClassContext): k8s.storage.v1.StorageClass {
  const parameters: EbsStorageClassParameters = { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" };
  return new StorageClass(
    `${name}-${AWS_STORAGE_CLASSES.gp3}`,
    {
      metadata: {
        name: AWS_STORAGE_CLASSES.gp3,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: EBS_CSI_DRIVER,
      parameters,
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: context.environment === "prod" ? "Retain" : "Delete",
    },
    { parent: context.parent, provider: context.provider, dependsOn: [context.aws.ebsCsiDriver] },
  );
}

/** An EFS class that provisions one access point per claim on `fileSystemId`. */
export function efsClass(
  name: string,
  fileSystem: string,
  fileSystemId: pulumi.Input<string>,
  context: ClassContext,
): k8s.storage.v1.StorageClass {
  const parameters: ParameterInputs<EfsStorageClassParameters> = {
    provisioningMode: "efs-ap",
    fileSystemId,
    directoryPerms: "700",
    basePath: "/dynamic",
  };
  return new StorageClass(
    `${name}-class-${efsClassName(fileSystem)}`,
    {
      metadata: { name: efsClassName(fileSystem) },
      provisioner: EFS_CSI_DRIVER,
      parameters,
      reclaimPolicy: context.environment === "prod" ? "Retain" : "Delete",
      volumeBindingMode: "Immediate",
    },
    { parent: context.parent, provider: context.provider, dependsOn: [context.aws.efsCsiDriver] },
  );
}

/** The VolumeSnapshotClass of the EBS driver; needs the snapshot controller's CRDs. */
export function ebsSnapshotClass(name: string, context: ClassContext): k8s.apiextensions.CustomResource {
  const spec: VolumeSnapshotClassArgs = {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
    // The class Velero's CSI path uses for the EBS driver (vmware-tanzu/velero@v1.17.2:site/content/docs/v1.17/csi.md).
    metadata: { name: EBS_SNAPSHOT_CLASS, labels: { [VELERO_SNAPSHOT_CLASS_LABEL]: "true" } },
    driver: EBS_CSI_DRIVER,
    deletionPolicy: context.environment === "prod" ? "Retain" : "Delete",
  };
  return new CustomResource(`${name}-${EBS_SNAPSHOT_CLASS}`, spec, {
    parent: context.parent,
    provider: context.provider,
    dependsOn: [context.aws.snapshotController, context.aws.ebsCsiDriver],
  });
}
