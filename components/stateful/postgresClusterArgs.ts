/**
 * The arguments of {@link PostgresCluster} that do not depend on where it is deployed, and the
 * names its objects share. Their check is `postgresClusterProblems` (postgresClusterCheck.ts).
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * Name of the Barman Cloud plugin as the Cluster, its external clusters and the ScheduledBackup
 * name it (`PluginName`, cloudnative-pg/plugin-barman-cloud@v0.13.0:internal/cnpgi/metadata/constants.go).
 */
export const BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

/** How strictly instances are kept on different nodes. */
export const PostgresSpread = {
  /** An instance stays pending rather than share a node with another. */
  Required: "required",
  /** The scheduler avoids sharing a node, but shares one when it must. */
  Preferred: "preferred",
} as const;
/** How strictly instances are kept on different nodes: `"required"` or `"preferred"`. */
export type PostgresSpread = (typeof PostgresSpread)[keyof typeof PostgresSpread];

/** The object store base backups and WAL go to, through the Barman Cloud plugin. */
export interface PostgresBackup {
  /**
   * Where backups go: `s3://<bucket>[/<path>]` (S3) or
   * `https://<account>.blob.core.windows.net/<container>[/<path>]` (Azure Blob). Each server gets
   * its own folder below it, named `serverName`.
   */
  destinationPath: string;
  /**
   * `"inherit"`: the pods' cloud identity (S3 `inheritFromIAMRole`, e.g. IRSA through
   * `serviceAccountAnnotations`; Azure `useDefaultAzureCredentials`, the chain that reads a
   * workload identity's token). Or the name of a Secret in the cluster's namespace with
   * `ACCESS_KEY_ID` and `ACCESS_SECRET_KEY` (S3, the keys of the plugin's documented examples,
   * cloudnative-pg/plugin-barman-cloud@v0.13.0:web/docs/object_stores.md) or
   * `AZURE_STORAGE_ACCOUNT` and `AZURE_STORAGE_KEY` (Azure, the Secret `AzureBackupStore` writes).
   * @default "inherit"
   */
  credentials?: "inherit" | { secretName: string };
  /**
   * An S3-compatible endpoint (MinIO, …); only with `s3://`.
   * @default AWS S3
   */
  endpointURL?: string;
  /**
   * How long base backups and WAL are kept: a whole number of days, weeks or months (`30d`, `4w`, `6m`).
   * @default "30d"
   */
  retentionPolicy?: string;
  /**
   * When base backups run: six cron fields, seconds first (`"0 0 2 * * *"` is 02:00 every day).
   * @default "0 0 2 * * *"
   */
  schedule?: string;
  /**
   * The folder of this cluster's backups under `destinationPath` (the plugin's `serverName`).
   * After a recovery it must differ from the source's, so the source's archive is never written to.
   * @default the cluster's name
   */
  serverName?: string;
}

/** Scheduled backups as CSI volume snapshots, next to the object store's. */
export interface PostgresSnapshots {
  /** VolumeSnapshotClass of the snapshots: the one the stack creates for the disk class. */
  className: string;
  /**
   * When snapshots are taken: six cron fields, seconds first.
   * @default "0 0 3 * * *"
   */
  schedule?: string;
}

/** Another database's backups a new cluster starts from. */
export interface PostgresRecovery {
  /** The `ObjectStore` (in this cluster's namespace) holding the source's backups. */
  objectStoreName: string;
  /** The source's `serverName` there (its cluster name unless it set one). */
  serverName: string;
  /**
   * Recover up to this moment, RFC 3339 with a zone (`2026-11-30T14:00:00Z`).
   * @default the end of the archived WAL
   */
  targetTime?: string;
}

/**
 * A running PostgreSQL server whose one database a new cluster imports into its application
 * database at creation (CloudNativePG `bootstrap.initdb.import` of type `microservice`: `pg_dump`
 * of the source over the network, `pg_restore` into the application database, owned by its owner;
 * cloudnative-pg/cloudnative-pg@v1.30.0:docs/src/database_import.md). Changes made on the source
 * after the dump starts are not imported: stop writes first.
 */
export interface PostgresImport {
  /** Host name or address of the source server, e.g. a Service in the cluster's namespace. */
  host: string;
  /**
   * Port of the source server.
   * @default 5432
   */
  port?: number;
  /** User to connect as: a superuser, or one allowed to `pg_dump` the database. */
  user: string;
  /** The source's database to import (one; no wildcard). */
  database: string;
  /** The user's password: a key of a Secret in the cluster's namespace. */
  password: { name: string; key: string };
  /**
   * libpq `sslmode` of the connection (`disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`).
   * @default libpq's default, "prefer"
   */
  sslMode?: string;
  /**
   * The source server's image, when known: a source of a newer PostgreSQL major than the
   * cluster's image is refused (the import runs the cluster's `pg_dump`, which must be at least the
   * source's major).
   * @default not checked
   */
  sourceImage?: string;
}

/** Separate volumes for the write-ahead log. */
export interface PostgresWalStorage {
  /** Size of each instance's WAL volume, such as `"5Gi"`. */
  size: string;
  /**
   * Storage class of the WAL volumes.
   * @default the data volumes' class
   */
  storageClass?: string;
}

/** A `cpu` and a `memory` quantity (an interface, as the component schema of a `Platform` needs). */
export interface PostgresCpuMemory {
  /** CPU, such as `"500m"`. */
  cpu?: string;
  /** Memory, such as `"1Gi"`. */
  memory?: string;
}

/** CPU and memory of each instance's `postgres` container. */
export interface PostgresResources {
  /** Guaranteed `cpu` and `memory`. */
  requests?: PostgresCpuMemory;
  /** Upper `cpu` and `memory`. */
  limits?: PostgresCpuMemory;
}

/**
 * What a database is, wherever it runs and however its backups are reached: the fields a
 * {@link PostgresCluster} and a platform's database entry share.
 */
export interface PostgresDatabaseShape {
  /**
   * Number of instances: one primary and `instances - 1` streaming replicas.
   * @default 3
   */
  instances?: number;
  /**
   * PostgreSQL image, pinned by a full version tag or a digest.
   * @default CNPG_POSTGRES_IMAGE (CloudNativePG's pinned image)
   */
  image?: string;
  /** Storage class of the instances' data volumes. */
  storageClass: string;
  /**
   * Size of each instance's data volume.
   * @default "10Gi"
   */
  storageSize?: string;
  /**
   * Separate volumes for the write-ahead log.
   * @default WAL on the data volume
   */
  walStorage?: PostgresWalStorage;
  /**
   * Instances on different nodes: `"required"` or `"preferred"`. Zones are always preferred.
   * @default "preferred"
   */
  spread?: PostgresSpread;
  /**
   * Name of the application database.
   * @default "app"
   */
  database?: string;
  /**
   * Owner of the application database; its credentials are in the Secret `<name>-app`.
   * @default "app"
   */
  owner?: string;
  /**
   * CPU and memory of each instance.
   * @default none
   */
  resources?: PostgresResources;
}

/** The settings of a {@link PostgresCluster} that do not depend on where it is deployed. */
export interface PostgresClusterSettings extends PostgresDatabaseShape {
  /**
   * Where base backups and the WAL archive go (through the Barman Cloud plugin). Without it the
   * cluster keeps no backups: only for development.
   * @default no backups
   */
  backup?: PostgresBackup;
  /**
   * Also back up as volume snapshots on this class, on their own schedule (online, from a standby
   * when there is one).
   * @default no snapshots
   */
  snapshots?: PostgresSnapshots;
  /**
   * Start from another database's backups instead of an empty database.
   * @default a new database
   */
  recovery?: PostgresRecovery;
  /**
   * Import one database of a running PostgreSQL server at creation (not with `recovery`). Read
   * only when the cluster is created: removing it later changes nothing.
   * @default a new database
   */
  import?: PostgresImport;
  /**
   * Annotations of the cluster's service account (named after the cluster), e.g.
   * `eks.amazonaws.com/role-arn` for IRSA: the plugin's sidecar runs in the instance pods with that
   * account (cloudnative-pg/plugin-barman-cloud@v0.13.0:web/docs/object_stores.md, "IAM Role for
   * Service Account (IRSA)").
   * @default none
   */
  serviceAccountAnnotations?: Record<string, pulumi.Input<string>>;
  /**
   * Labels on every object the operator creates for the cluster, pods included
   * (`spec.inheritedMetadata.labels`), e.g. `azure.workload.identity/use: "true"`.
   * @default none
   */
  inheritedLabels?: Record<string, string>;
}

/** What {@link postgresClusterProblems} checks: the settings and the object's name. */
export interface PostgresClusterCheckArgs extends PostgresClusterSettings {
  /** Name of the `Cluster` object. */
  clusterName: string;
}

/** The objects of a cluster named `name`: its ObjectStore, ScheduledBackup, Services and app Secret. */
export function postgresObjectNames(name: string): {
  objectStore: string;
  scheduledBackup: string;
  snapshotBackup: string;
  readWriteService: string;
  readOnlyService: string;
  appSecret: string;
} {
  return {
    objectStore: `${name}-backups`,
    scheduledBackup: `${name}-base-backup`,
    snapshotBackup: `${name}-snapshot`,
    readWriteService: `${name}-rw`,
    readOnlyService: `${name}-ro`,
    appSecret: `${name}-app`,
  };
}
