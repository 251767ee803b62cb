/**
 * What the AWS CSI drivers accept from the objects the storage layer renders: driver names and
 * StorageClass parameters, typed from the drivers' own documentation at the release the EKS add-on
 * ships (written here, not copied). The classes are typed with them, so a misspelt parameter is a
 * compile error, and `tests/contracts/awsStorage.test.ts` checks the rendered values against them.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A parameter whose value is one of a few strings, or any string of a kind. */
type ParameterValues = readonly string[] | "string" | "integer";

/** The value type of a documented parameter: a union of its listed values, else a string. */
type ValueOf<V extends ParameterValues> = V extends readonly string[] ? V[number] : string;

/** Optional StorageClass parameters typed from a documented table. */
type ParametersOf<T extends Record<string, ParameterValues>> = { [K in keyof T]?: ValueOf<T[K]> };

/** Parameters whose values may be outputs of other resources (a file system id). */
export type ParameterInputs<T> = { [K in keyof T]: pulumi.Input<Exclude<T[K], undefined>> };

/** aws-ebs-csi-driver release the contract is read from (EKS add-on `aws-ebs-csi-driver` v1.5x). */
export const EBS_CSI_DRIVER_TAG = "v1.55.0";

/** The EBS CSI driver's name, its StorageClass provisioner (kubernetes-sigs/aws-ebs-csi-driver@v1.55.0:cmd/main.go). */
export const EBS_CSI_DRIVER = "ebs.csi.aws.com";

/**
 * The node label a static EBS volume's zone is matched on: the driver reports the well-known zone
 * key in its node topology, and its static provisioning example pins the PV with it
 * (kubernetes-sigs/aws-ebs-csi-driver@v1.55.0:pkg/driver/driver.go `WellKnownZoneTopologyKey`,
 * `examples/kubernetes/static-provisioning/manifests/pv.yaml`).
 */
export const EBS_ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

/**
 * StorageClass parameters of the EBS CSI driver, every one optional, with their documented values
 * (kubernetes-sigs/aws-ebs-csi-driver@v1.55.0:docs/parameters.md, "Supported Parameters"; the names
 * are also the constants of `pkg/driver/constants.go`). Names are used exactly as documented;
 * `iops` and `iopsPerGB` are mutually exclusive; only `csi.storage.k8s.io/fstype` is case sensitive.
 */
export const EBS_STORAGE_CLASS_PARAMETERS = {
  "csi.storage.k8s.io/fstype": ["xfs", "ext3", "ext4"],
  type: ["io1", "io2", "gp2", "gp3", "sc1", "st1", "standard"],
  iopsPerGB: "integer",
  allowAutoIOPSPerGBIncrease: ["true", "false"],
  allowAutoIOPSIncreaseOnModify: ["true", "false"],
  iops: "integer",
  throughput: "integer",
  encrypted: ["true", "false"],
  kmsKeyId: "string",
  blockSize: "integer",
  inodeSize: "integer",
  bytesPerInode: "integer",
  numberOfInodes: "integer",
  ext4BigAlloc: ["true", "false"],
  ext4ClusterSize: "integer",
  ext4EncryptionSupport: ["true", "false"],
  volumeInitializationRate: "integer",
} as const satisfies Record<string, ParameterValues>;

/** Typed EBS StorageClass parameters ({@link EBS_STORAGE_CLASS_PARAMETERS}). */
export type EbsStorageClassParameters = ParametersOf<typeof EBS_STORAGE_CLASS_PARAMETERS>;

/** File system types a static EBS volume may be formatted with (same list as the `fstype` parameter). */
export type EbsFsType = (typeof EBS_STORAGE_CLASS_PARAMETERS)["csi.storage.k8s.io/fstype"][number];

/** aws-efs-csi-driver release the contract is read from (EKS add-on `aws-efs-csi-driver` v2.x). */
export const EFS_CSI_DRIVER_TAG = "v2.3.1";

/** The EFS CSI driver's name, its StorageClass provisioner (kubernetes-sigs/aws-efs-csi-driver@v2.3.1:pkg/driver/driver.go). */
export const EFS_CSI_DRIVER = "efs.csi.aws.com";

/**
 * StorageClass parameters of the EFS CSI driver for dynamic provisioning, with their documented
 * values (kubernetes-sigs/aws-efs-csi-driver@v2.3.1:docs/parameters.md; names as the constants of
 * `pkg/driver/controller.go`). `provisioningMode` and `directoryPerms` are required; exactly one of
 * `fileSystemId`, `fileSystemIdConfigRef`, `fileSystemIdSecretRef` must be given; `gidRangeStart`
 * and `gidRangeEnd` go together. The same parameters are unchanged at v3.4.1.
 */
export const EFS_STORAGE_CLASS_PARAMETERS = {
  provisioningMode: ["efs-ap"],
  fileSystemId: "string",
  fileSystemIdConfigRef: "string",
  fileSystemIdSecretRef: "string",
  directoryPerms: "string",
  uid: "integer",
  gid: "integer",
  gidRangeStart: "integer",
  gidRangeEnd: "integer",
  basePath: "string",
  subPathPattern: "string",
  ensureUniqueDirectory: ["true", "false"],
  az: "string",
  enforceZoneAffinity: ["true", "false"],
  reuseAccessPoint: ["true", "false"],
} as const satisfies Record<string, ParameterValues>;

/** The EFS parameters a StorageClass must carry. */
export const EFS_REQUIRED_PARAMETERS = ["provisioningMode", "directoryPerms"] as const;

/** The EFS parameters of which exactly one names the file system. */
export const EFS_FILE_SYSTEM_SOURCES = ["fileSystemId", "fileSystemIdConfigRef", "fileSystemIdSecretRef"] as const;

/** Typed EFS StorageClass parameters: {@link EFS_STORAGE_CLASS_PARAMETERS}, the required ones required. */
export type EfsStorageClassParameters = ParametersOf<typeof EFS_STORAGE_CLASS_PARAMETERS> & {
  provisioningMode: "efs-ap";
  directoryPerms: string;
};

/**
 * Service accounts of the drivers' controllers, which call the AWS APIs and so get the IAM roles
 * (kubernetes-sigs/aws-ebs-csi-driver@v1.55.0:charts/aws-ebs-csi-driver/values.yaml and
 * kubernetes-sigs/aws-efs-csi-driver@v2.3.1:charts/aws-efs-csi-driver/values.yaml,
 * `controller.serviceAccount.name`; the EKS add-ons run them in `kube-system`).
 */
export const CSI_CONTROLLER_SERVICE_ACCOUNTS = {
  ebs: "ebs-csi-controller-sa",
  efs: "efs-csi-controller-sa",
} as const;
