import type * as pulumi from "@pulumi/pulumi";

/**
 * The contract between the storage layer and the layers above it (operators, custom resources,
 * workloads). One implementation per cloud; nothing above the storage layer branches on the cloud.
 */
export interface StorageHandle {
  /** Every storage class workloads and custom resources may name: created here or already in the cluster. */
  readonly classes: string[];
  /**
   * Claims the storage layer created in the data namespace for statically provisioned volumes
   * (disks, file shares), by the volume's name in the stack configuration.
   */
  readonly claims: Record<string, pulumi.Output<string>>;
  /**
   * What a claim on each storage class the storage layer creates must wait for, by class name: the
   * class, and what its volumes mount through (an EFS class's mount targets). Classes that already
   * exist in the cluster have no entry: they are ready with the cluster.
   */
  readonly classReadiness: Record<string, pulumi.Resource[]>;
  /** What a user of each static volume's claim must wait for (the bound claim), by volume name. */
  readonly claimReadiness: Record<string, pulumi.Resource[]>;
  /**
   * The VolumeSnapshotClass the storage layer creates, with what a snapshot must wait for (the
   * class). None on an existing cluster: there the user names a class the cluster has.
   */
  readonly snapshotClass?: SnapshotClassHandle;
}

/**
 * A VolumeSnapshotClass the storage layer creates (known before deployment) and the storage
 * classes whose volumes it snapshots: a class snapshots only volumes of its own CSI driver.
 */
export interface SnapshotClassInfo {
  /** Name of the VolumeSnapshotClass. */
  name: string;
  /** The storage classes the storage layer creates on the same CSI driver. */
  storageClasses: readonly string[];
}

/** A created VolumeSnapshotClass and what a snapshot of it waits for. */
export interface SnapshotClassHandle extends SnapshotClassInfo {
  /** The VolumeSnapshotClass object. */
  readiness: pulumi.Resource[];
}

/** The storage a consumer uses. */
export interface StorageUse {
  /**
   * The storage class its claims name; when it is known only after deployment, the consumer waits
   * for every class the storage layer creates.
   * @default none (no claims from a class)
   */
  storageClass?: pulumi.Input<string>;
  /**
   * Static volumes it mounts or adopts, by name in the stack.
   * @default []
   */
  volumes?: readonly string[];
}

/**
 * What a consumer of the storage waits for: the readiness of the one class it claims from and of
 * the static volumes it uses, nothing else (a workload on gp3 does not wait for EFS mount targets).
 */
export function storageReadiness(storage: StorageHandle, use: StorageUse): pulumi.Resource[] {
  const { storageClass } = use;
  const classes =
    storageClass === undefined
      ? []
      : typeof storageClass === "string"
        ? (storage.classReadiness[storageClass] ?? [])
        : Object.values(storage.classReadiness).flat();
  const claims = (use.volumes ?? []).flatMap((volume) => storage.claimReadiness[volume] ?? []);
  return [...new Set([...classes, ...claims])];
}
