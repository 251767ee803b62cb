/**
 * The resources whose deletion deletes data, with the name a user knows them by: the one list the
 * policy pack (protection and retention in production) and the plan review (data-loss warnings)
 * both read.
 */

/** Cloud resources that hold data, by Pulumi type token. */
export const CLOUD_DATA_TYPES: Readonly<Record<string, string>> = {
  "azure-native:compute:Disk": "Azure managed disk",
  "azure-native:storage:StorageAccount": "Azure storage account",
  "azure-native:storage:FileShare": "Azure file share",
  "aws:ebs/volume:Volume": "EBS volume",
  "aws:efs/fileSystem:FileSystem": "EFS file system",
  "aws:s3/bucket:Bucket": "S3 bucket (backups)",
  "azure-native:storage:BlobContainer": "Azure blob container (backups)",
};

/** Kubernetes objects that hold data or own what does, by Pulumi type token. */
export const KUBERNETES_DATA_TYPES: Readonly<Record<string, string>> = {
  "kubernetes:apps/v1:StatefulSet": "StatefulSet (claim templates)",
  "kubernetes:core/v1:PersistentVolumeClaim": "persistent volume claim",
  "kubernetes:core/v1:PersistentVolume": "persistent volume",
  "kubernetes:core/v1:Namespace": "namespace (deleting it deletes every claim in it)",
  // The operator owns the database's claims, so deleting the Cluster deletes them
  // (cloudnative-pg/cloudnative-pg@v1.30.0:pkg/reconciler/persistentvolumeclaim/build.go
  // `WithClusterInheritance`, pkg/resources/metadatabuilder.go `SetInheritedDataAndOwnership`).
  "kubernetes:postgresql.cnpg.io/v1:Cluster": "PostgreSQL cluster (CloudNativePG)",
};

/** Kinds of custom resources that hold data (their operators delete the data with them). */
export const DATA_CUSTOM_RESOURCES: Readonly<Record<string, string>> = {
  EtcdCluster: "etcd cluster",
  CephCluster: "Ceph cluster",
  CephBlockPool: "Ceph block pool",
  CephFilesystem: "Ceph filesystem",
  CephObjectStore: "Ceph object store",
};

/** Helm charts whose release owns data-holding custom resources. */
export const DATA_CHARTS: Readonly<Record<string, string>> = {
  "rook-ceph-cluster": "Rook-Ceph cluster release",
};

/** The name of a data-holding resource type (cloud or Kubernetes), or undefined when it holds none. */
export function dataTypeName(type: string): string | undefined {
  return CLOUD_DATA_TYPES[type] ?? KUBERNETES_DATA_TYPES[type];
}
