/**
 * The values of the `rook-ceph-cluster` chart (Rook v1.20) this package sets, as TypeScript types
 * mirroring the chart and the `ceph.rook.io/v1` API, so a misspelt field is a compile error.
 */

/** A claim template of a monitor or an OSD device set. */
export interface CephVolumeClaimTemplate {
  metadata?: { name?: string };
  spec: {
    storageClassName: string;
    /** OSDs consume raw block devices; monitors use a file system. */
    volumeMode?: "Block" | "Filesystem";
    accessModes: "ReadWriteOnce"[];
    resources: { requests: { storage: string } };
  };
}

/** `spec.storage.storageClassDeviceSets[]`: OSDs on claims of a cloud disk class. */
export interface CephStorageClassDeviceSet {
  name: string;
  /** Number of OSDs (one claim each). */
  count: number;
  /** OSDs may move between nodes with their volume (true for cloud disks). */
  portable: boolean;
  /** Ceph-level encryption of the OSDs (the cloud disk class already encrypts at rest). */
  encrypted: boolean;
  volumeClaimTemplates: CephVolumeClaimTemplate[];
}

/** `CephCluster` `spec.cleanupPolicy`: what deleting the cluster does to the data. */
export interface CephCleanupPolicy {
  /** Empty keeps the data; only `yes-really-destroy-data` wipes it. */
  confirmation: "" | "yes-really-destroy-data";
  /** Refuse to uninstall while volumes from the cluster still exist when false. */
  allowUninstallWithVolumes: boolean;
}

/** `CephCluster` `spec`, as the chart's `cephClusterSpec`. */
export interface CephClusterSpec {
  dataDirHostPath: string;
  mon: { count: number; allowMultiplePerNode: boolean; volumeClaimTemplate: CephVolumeClaimTemplate };
  mgr: { count: number; allowMultiplePerNode: boolean };
  dashboard: { enabled: boolean; ssl: boolean };
  cleanupPolicy: CephCleanupPolicy;
  storage: { useAllNodes: boolean; useAllDevices: boolean; storageClassDeviceSets: CephStorageClassDeviceSet[] };
}

/** A storage class the chart creates for a pool or file system. */
export interface CephStorageClassValues {
  enabled: boolean;
  name: string;
  isDefault: boolean;
  reclaimPolicy: "Retain" | "Delete";
  allowVolumeExpansion: boolean;
  volumeBindingMode: "Immediate" | "WaitForFirstConsumer";
  parameters: Record<string, string>;
}

/** Replication of a pool. */
export interface CephReplicatedSpec {
  size: number;
}

/** One entry of the chart's `cephBlockPools`. */
export interface CephBlockPoolValues {
  name: string;
  spec: { failureDomain: "host" | "zone"; replicated: CephReplicatedSpec };
  storageClass: CephStorageClassValues;
}

/** One entry of the chart's `cephFileSystems`. */
export interface CephFileSystemValues {
  name: string;
  spec: {
    metadataPool: { replicated: CephReplicatedSpec };
    dataPools: { name: string; failureDomain: "host" | "zone"; replicated: CephReplicatedSpec }[];
    metadataServer: { activeCount: number; activeStandby: boolean };
  };
  storageClass: CephStorageClassValues & { pool: string };
}

/** The `rook-ceph-cluster` chart values this package sets. */
export interface RookCephClusterValues {
  operatorNamespace: string;
  toolbox: { enabled: boolean };
  monitoring: { enabled: boolean };
  cephClusterSpec: CephClusterSpec;
  cephBlockPools: CephBlockPoolValues[];
  cephFileSystems: CephFileSystemValues[];
  /** Empty: no object store unless asked (the chart's default creates one). */
  cephObjectStores: never[];
}
