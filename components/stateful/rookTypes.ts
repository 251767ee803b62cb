/**
 * The values of the `rook-ceph` (operator) and `rook-ceph-cluster` charts this package sets, as
 * TypeScript types mirroring the charts and the `ceph.rook.io/v1` API at Rook v1.20.6, so a misspelt
 * field is a compile error. Sources:
 * - rook/rook@v1.20.6:deploy/charts/rook-ceph/values.yaml (operator chart values),
 * - rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/values.yaml (cluster chart values),
 * - rook/rook@v1.20.6:pkg/apis/ceph.rook.io/v1/types.go (`CephCluster`, pools, placement).
 */

/**
 * The `rook-ceph` operator chart values this package sets (rook/rook@v1.20.6:deploy/charts/rook-ceph/values.yaml).
 */
export interface RookOperatorValues {
  /** The chart manages Rook's CRDs; turning this off on a running cluster deletes every Ceph resource. */
  crds: { enabled: boolean };
  /** The device discovery daemon: not needed for OSDs on claims. */
  enableDiscoveryDaemon: boolean;
  /**
   * `csi.installCsiOperator` installs the Ceph-CSI operator (chart dependency `ceph-csi-operator`,
   * `rook/rook@v1.20.6:deploy/charts/rook-ceph/Chart.yaml`) and its CRDs, which the drivers chart needs.
   */
  csi: { installCsiOperator: boolean };
}

/** `metav1.LabelSelectorRequirement`. */
export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

/** `metav1.LabelSelector`, as placement rules use it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** `corev1.TopologySpreadConstraint` (the fields this package sets). */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector: LabelSelector;
}

/** `corev1.WeightedPodAffinityTerm`. */
export interface WeightedPodAffinityTerm {
  /** 1 to 100. */
  weight: number;
  podAffinityTerm: { labelSelector: LabelSelector; topologyKey: string };
}

/** `cephv1.Placement`: where a Ceph daemon's pods may run (the fields this package sets). */
export interface CephPlacement {
  podAntiAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] };
  topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** A CRUSH failure domain: the level of the CRUSH map whose members hold at most one copy. */
export type CephFailureDomain = "osd" | "host" | "zone";

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
  /** Where the OSD daemons run. */
  placement?: CephPlacement;
  /** Where the OSD prepare jobs run; for portable OSDs this decides the zone their disk is created in. */
  preparePlacement?: CephPlacement;
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
  /** `cephv1.PlacementSpec`, by daemon (`mon`, `mgr`, `all`, …); OSDs of device sets use the sets' own placement. */
  placement?: { mon?: CephPlacement };
  storage: {
    useAllNodes: boolean;
    useAllDevices: boolean;
    /** False: device sets' placement is merged with `placement.all`. */
    onlyApplyOSDPlacement: boolean;
    storageClassDeviceSets: CephStorageClassDeviceSet[];
  };
}

/**
 * Parameters of a class the chart creates: the CSI secrets the Rook operator creates in the cluster's
 * namespace (rook/rook@v1.20.6:pkg/operator/ceph/csi/secrets.go), as the chart's own classes name
 * them (rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/values.yaml). `pool` and `clusterID` are
 * added by the chart's templates.
 */
export interface CephStorageClassParameters {
  /** RBD image format (block classes only). */
  imageFormat?: "2";
  /** RBD image features (block classes only). */
  imageFeatures?: string;
  "csi.storage.k8s.io/provisioner-secret-name": string;
  "csi.storage.k8s.io/provisioner-secret-namespace": string;
  "csi.storage.k8s.io/controller-expand-secret-name": string;
  "csi.storage.k8s.io/controller-expand-secret-namespace": string;
  "csi.storage.k8s.io/controller-publish-secret-name": string;
  "csi.storage.k8s.io/controller-publish-secret-namespace": string;
  "csi.storage.k8s.io/node-stage-secret-name": string;
  "csi.storage.k8s.io/node-stage-secret-namespace": string;
  "csi.storage.k8s.io/fstype": "ext4" | "xfs";
}

/** A storage class the chart creates for a pool or file system. */
export interface CephStorageClassValues {
  enabled: boolean;
  name: string;
  isDefault: boolean;
  reclaimPolicy: "Retain" | "Delete";
  allowVolumeExpansion: boolean;
  volumeBindingMode: "Immediate" | "WaitForFirstConsumer";
  parameters: CephStorageClassParameters;
}

/** Replication of a pool. */
export interface CephReplicatedSpec {
  size: number;
}

/** One entry of the chart's `cephBlockPools`. */
export interface CephBlockPoolValues {
  name: string;
  spec: { failureDomain: CephFailureDomain; replicated: CephReplicatedSpec };
  storageClass: CephStorageClassValues;
}

/** One entry of the chart's `cephFileSystems`. */
export interface CephFileSystemValues {
  name: string;
  spec: {
    metadataPool: { failureDomain: CephFailureDomain; replicated: CephReplicatedSpec };
    dataPools: { name: string; failureDomain: CephFailureDomain; replicated: CephReplicatedSpec }[];
    metadataServer: { activeCount: number; activeStandby: boolean };
  };
  storageClass: CephStorageClassValues & { pool: string };
}

/**
 * A VolumeSnapshotClass the chart creates for the Ceph pools' or file systems' CSI driver
 * (`cephBlockPoolsVolumeSnapshotClass`, `cephFileSystemVolumeSnapshotClass`;
 * rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/templates/volumesnapshotclass.yaml). The template
 * sets the driver (as for the storage classes), `clusterID` and the snapshotter secret
 * (`rook-csi-rbd-provisioner` or `rook-csi-cephfs-provisioner`, as the Rook documentation's classes
 * do: rook/rook@v1.20.6:deploy/examples/csi/rbd/snapshotclass.yaml).
 */
export interface CephVolumeSnapshotClassValues {
  enabled: boolean;
  name: string;
  /** Annotates the class `snapshot.storage.kubernetes.io/is-default-class` "true" (else "false"). */
  isDefault: boolean;
  deletionPolicy: "Retain" | "Delete";
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** Parameters besides those the template sets. */
  parameters: Record<string, string>;
}

/** The `rook-ceph-cluster` chart values this package sets. */
export interface RookCephClusterValues {
  /** Namespace of the Rook operator; the classes' provisioners are `<this>.rbd.csi.ceph.com` / `.cephfs.`. */
  operatorNamespace: string;
  /**
   * Prefix of the CSI driver names in the classes' provisioners, when not the operator namespace
   * (`templates/cephblockpool.yaml`, `templates/cephfilesystem.yaml`). Not set by this package.
   */
  csiDriverNamePrefix?: string;
  toolbox: { enabled: boolean };
  monitoring: { enabled: boolean };
  cephClusterSpec: CephClusterSpec;
  cephBlockPools: CephBlockPoolValues[];
  cephFileSystems: CephFileSystemValues[];
  /** The block pools' VolumeSnapshotClass (driver `<operatorNamespace>.rbd.csi.ceph.com`); the chart's default is none. */
  cephBlockPoolsVolumeSnapshotClass?: CephVolumeSnapshotClassValues;
  /** The file systems' VolumeSnapshotClass (driver `<operatorNamespace>.cephfs.csi.ceph.com`); the chart's default is none. */
  cephFileSystemVolumeSnapshotClass?: CephVolumeSnapshotClassValues;
  /** Empty: no object store unless asked (the chart's default creates one). */
  cephObjectStores: never[];
}
