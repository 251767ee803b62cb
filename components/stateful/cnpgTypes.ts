/**
 * The CloudNativePG custom resources {@link PostgresCluster} renders, as TypeScript types, so a
 * misspelt field is a compile error. Only the fields rendered are modelled. Field names and required
 * fields follow, at the pinned tags:
 *
 * - `postgresql.cnpg.io/v1` `Cluster` and `ScheduledBackup`: cloudnative-pg/cloudnative-pg@v1.30.0:
 *   api/v1/cluster_types.go, api/v1/scheduledbackup_types.go, api/v1/backup_types.go (and the CRDs
 *   generated from them, config/crd/bases/postgresql.cnpg.io_clusters.yaml,
 *   config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml);
 * - `barmancloud.cnpg.io/v1` `ObjectStore`: cloudnative-pg/plugin-barman-cloud@v0.13.0:
 *   api/v1/objectstore_types.go and config/crd/bases/barmancloud.cnpg.io_objectstores.yaml (the
 *   `configuration` is barman-cloud's `BarmanObjectStoreConfiguration`, as that CRD spells it).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";

/** A key of a Secret in the same namespace (`SecretKeySelector` of the CRDs: `name` and `key`, both required). */
export interface CnpgSecretKeySelector {
  /** Name of the Secret. */
  name: string;
  /** Key in the Secret. */
  key: string;
}

/** `StorageConfiguration` (`spec.storage`, `spec.walStorage`; cluster_types.go). */
export interface CnpgStorageConfiguration {
  /** Storage class of the instances' claims. */
  storageClass?: string;
  /** Size of each claim (can grow, never shrink). */
  size?: string;
  /** Grow claims in use when `size` grows (CRD default `true`). */
  resizeInUseVolumes?: boolean;
}

/**
 * `AffinityConfiguration` (`spec.affinity`; cluster_types.go). The operator generates the
 * anti-affinity term itself from `topologyKey` and `podAntiAffinityType`, selecting the cluster's
 * instances by `cnpg.io/cluster` and `cnpg.io/podRole: instance` (pkg/specs/pods.go
 * `CreateGeneratedAntiAffinity`).
 */
export interface CnpgAffinityConfiguration {
  /** Generate the anti-affinity term (the operator does unless this is `false`). */
  enablePodAntiAffinity?: boolean;
  /** Topology key of the generated term (operator default `kubernetes.io/hostname`). */
  topologyKey?: string;
  /** `required` (pods stay pending rather than share a domain) or `preferred`. */
  podAntiAffinityType?: "required" | "preferred";
  /** Terms added to the generated one. */
  additionalPodAntiAffinity?: k8s.types.input.core.v1.PodAntiAffinity;
}

/**
 * `Import` (`spec.bootstrap.initdb.import`; cluster_types.go): a logical import (`pg_dump -Fd` of
 * the source, `pg_restore --no-acl --no-owner` into the application database), docs/src/database_import.md.
 * `type`, `databases` and `source` are required by the CRD.
 */
export interface CnpgImport {
  /** `microservice`: one database into the application database, owned by its owner (`monolith` is not rendered). */
  type: "microservice";
  /** The databases of the source to import: exactly one for `microservice` (webhook `validateMicroservice`). */
  databases: string[];
  /** `ImportSource`: the entry of `spec.externalClusters` to import from (`externalCluster`, required). */
  source: { externalCluster: string };
}

/** `BootstrapInitDB` (`spec.bootstrap.initdb`): a new database, empty or imported. */
export interface CnpgBootstrapInitDb {
  /** Name of the application database. */
  database?: string;
  /** Owner of the application database; the `<cluster>-app` secret holds its credentials. */
  owner?: string;
  /** Import a database of another PostgreSQL server into the application database. */
  import?: CnpgImport;
}

/** `RecoveryTarget` (`spec.bootstrap.recovery.recoveryTarget`): where point-in-time recovery stops. */
export interface CnpgRecoveryTarget {
  /** A timestamp in RFC 3339 or PostgreSQL format (checked by the webhook, `types.ParseTargetTime`). */
  targetTime?: string;
}

/** `BootstrapRecovery` (`spec.bootstrap.recovery`): a new cluster from another one's backups. */
export interface CnpgBootstrapRecovery {
  /** Name of the entry of `spec.externalClusters` to recover from. */
  source?: string;
  /** Application database (as initdb's). */
  database?: string;
  /** Owner of the application database. */
  owner?: string;
  /** Where recovery stops; without it, at the end of the archived WAL. */
  recoveryTarget?: CnpgRecoveryTarget;
}

/** `BootstrapConfiguration` (`spec.bootstrap`): exactly one method. */
export interface CnpgBootstrapConfiguration {
  /** Create a new database. */
  initdb?: CnpgBootstrapInitDb;
  /** Recover another cluster's backups. */
  recovery?: CnpgBootstrapRecovery;
}

/** `PluginConfiguration` (`spec.plugins[]`, `spec.externalClusters[].plugin`; cluster_types.go). */
export interface CnpgPluginConfiguration {
  /** Plugin name (required). */
  name: string;
  /** Enabled (CRD default `true`). */
  enabled?: boolean;
  /** The plugin archives the WAL (CRD default `false`; at most one plugin may). */
  isWALArchiver?: boolean;
  /** Plugin parameters (for Barman Cloud: `barmanObjectName`, `serverName`). */
  parameters?: Record<string, string>;
}

/** `ExternalCluster` (`spec.externalClusters[]`): another database a cluster can recover or import from. */
export interface CnpgExternalCluster {
  /** Name a `source` refers to (required). */
  name: string;
  /** Read it through a plugin (its object store). */
  plugin?: CnpgPluginConfiguration;
  /** libpq connection parameters of a running server (`host`, `port`, `user`, `dbname`, `sslmode`): a map of strings. */
  connectionParameters?: Record<string, string>;
  /** The password to connect with: a key of a Secret in the cluster's namespace (core/v1 `SecretKeySelector`). */
  password?: CnpgSecretKeySelector;
}

/** `ServiceAccountTemplate` (`spec.serviceAccountTemplate`): metadata of the service account named after the cluster. */
export interface CnpgServiceAccountTemplate {
  /** `EmbeddedObjectMetadata`: only labels and annotations. */
  metadata: { labels?: Record<string, string>; annotations?: Record<string, pulumi.Input<string>> };
}

/** `VolumeSnapshotConfiguration` (`spec.backup.volumeSnapshot`; cluster_types.go). */
export interface CnpgVolumeSnapshotConfiguration {
  /** VolumeSnapshotClass of the data volume's snapshots, and of the others unless they name theirs. */
  className?: string;
}

/** `BackupConfiguration` (`spec.backup`), the fields rendered. */
export interface CnpgBackupConfiguration {
  /** Volume snapshot backups. */
  volumeSnapshot?: CnpgVolumeSnapshotConfiguration;
}

/** `ClusterSpec` (`postgresql.cnpg.io/v1` `Cluster` `spec`), the fields rendered. */
export interface CnpgClusterSpec {
  /** Number of instances, at least 1 (required; the CRD's `minimum: 1`). */
  instances: number;
  /** PostgreSQL operand image (excludes `imageCatalogRef`). */
  imageName?: string;
  /** The data volumes. */
  storage?: CnpgStorageConfiguration;
  /** Separate WAL volumes. */
  walStorage?: CnpgStorageConfiguration;
  /** Scheduling of the instances. */
  affinity?: CnpgAffinityConfiguration;
  /** How the data directory is created. */
  bootstrap?: CnpgBootstrapConfiguration;
  /** Resources of the `postgres` container. */
  resources?: k8s.types.input.core.v1.ResourceRequirements;
  /** Plugins, e.g. the WAL archiver. */
  plugins?: CnpgPluginConfiguration[];
  /** Other clusters, e.g. the recovery source. */
  externalClusters?: CnpgExternalCluster[];
  /**
   * Create the operator's PodDisruptionBudgets (CRD default `true`): the primary's (`minAvailable: 1`)
   * and, from 3 instances, the replicas' (all replicas but one), pkg/specs/poddisruptionbudget.go.
   */
  enablePDB?: boolean;
  /** Labels and annotations on every object the operator creates for the cluster (`EmbeddedObjectMetadata`). */
  inheritedMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Metadata of the cluster's service account (workload identity annotations). */
  serviceAccountTemplate?: CnpgServiceAccountTemplate;
}

/** `BackupPluginConfiguration` (`ScheduledBackup` `spec.pluginConfiguration`; backup_types.go). */
export interface CnpgBackupPluginConfiguration {
  /** Plugin name (required). */
  name: string;
  /** Plugin parameters. */
  parameters?: Record<string, string>;
}

/** `ScheduledBackupSpec` (scheduledbackup_types.go), the fields rendered. */
export interface CnpgScheduledBackupSpec {
  /** robfig/cron v1.2.0 schedule, six fields starting with seconds (required). */
  schedule: string;
  /** The cluster to back up (required, immutable). */
  cluster: { name: string };
  /** `barmanObjectStore` (CRD default), `volumeSnapshot` or `plugin`. */
  method: "plugin" | "volumeSnapshot";
  /** The plugin that takes the backup; with `method: plugin`. */
  pluginConfiguration?: CnpgBackupPluginConfiguration;
  /** Owner of the `Backup` objects: `none` (CRD default), `self` or `cluster`. */
  backupOwnerReference?: "none" | "self" | "cluster";
  /** Take a backup when the object is created. */
  immediate?: boolean;
}

/**
 * `BarmanObjectStoreConfiguration.s3Credentials`: either the pod's IAM role (IRSA) or keys from a
 * Secret.
 */
export interface CnpgS3Credentials {
  /** Use the role of the pod's service account. */
  inheritFromIAMRole?: boolean;
  /** Access key ID. */
  accessKeyId?: CnpgSecretKeySelector;
  /** Secret access key. */
  secretAccessKey?: CnpgSecretKeySelector;
}

/**
 * `BarmanObjectStoreConfiguration.azureCredentials`: the pod's Azure identity, or the storage
 * account's name and key from a Secret (cloudnative-pg/plugin-barman-cloud@v0.13.0:
 * config/crd/bases/barmancloud.cnpg.io_objectstores.yaml).
 */
export interface CnpgAzureCredentials {
  /** Use the node's managed identity (barman-cloud `--credential managed-identity`). */
  inheritFromAzureAD?: boolean;
  /** Use `DefaultAzureCredential`, the chain that reads a workload identity's federated token. */
  useDefaultAzureCredentials?: boolean;
  /** Connection string of the storage account. */
  connectionString?: CnpgSecretKeySelector;
  /** The storage account's name. */
  storageAccount?: CnpgSecretKeySelector;
  /** The storage account's key. */
  storageKey?: CnpgSecretKeySelector;
}

/**
 * `BarmanObjectStoreConfiguration` (`ObjectStore` `spec.configuration`). Its `serverName` is
 * refused by the CRD ("use the 'serverName' plugin parameter in the Cluster resource").
 */
export interface CnpgObjectStoreConfiguration {
  /** `s3://bucket/path` or `https://<account>.blob.core.windows.net/<container>/path` (required, non-empty). */
  destinationPath: string;
  /** An S3-compatible endpoint other than AWS's. */
  endpointURL?: string;
  /** S3 credentials. */
  s3Credentials?: CnpgS3Credentials;
  /** Azure Blob credentials. */
  azureCredentials?: CnpgAzureCredentials;
}

/** `ObjectStoreSpec` (`barmancloud.cnpg.io/v1` `ObjectStore` `spec`). */
export interface CnpgObjectStoreSpec {
  /** Where and how to reach the object store (required). */
  configuration: CnpgObjectStoreConfiguration;
  /** How long base backups and WAL are kept: `^[1-9][0-9]*[dwm]$` (days, weeks, months). */
  retentionPolicy?: string;
}
