/**
 * The shapes of a {@link Platform}'s `databases` argument and of what its check needs. The check
 * and the mapping onto `PostgresCluster` are in databaseArgs.ts.
 */
import type { AzureBackupAccess } from "./backups/check.ts";
import type { Cloud } from "./cluster/handle.ts";
import type { ImportableWorkload, PlatformDatabaseImport } from "./databaseImport.ts";
import type { Environment } from "./options.ts";
import type { PostgresDatabaseShape } from "./stateful/postgresClusterArgs.ts";
import type { SnapshotClassInfo } from "./storage/handle.ts";

/** What a client of one database needs, as names (never a password). */
export interface DatabaseConnection {
  /** The read-write Service (the primary), `<name>-rw`. */
  readWriteService: string;
  /** The read-only Service (the replicas), `<name>-ro`. */
  readOnlyService: string;
  /** The Secret with the owner's credentials, `<name>-app`. */
  appSecretName: string;
}

/** The Secret with an object store's keys. */
export interface PlatformDatabaseCredentials {
  /** Name of the Secret, in the data namespace. */
  secretName: string;
}

/** Backups of one database: on by default in prod, to the store the platform creates for its cloud. */
export interface PlatformDatabaseBackup {
  /**
   * Whether the database keeps backups (continuous WAL archiving and scheduled base backups).
   * @default true in prod, false in dev
   */
  enabled?: boolean;
  /** When base backups run: six cron fields, seconds first. @default "0 0 2 * * *" */
  schedule?: string;
  /** How long base backups and WAL are kept (`30d`, `4w`, `6m`). @default "30d" */
  retentionPolicy?: string;
  /** The folder of this database's backups in the store. @default the database's name */
  serverName?: string;
  /**
   * Days deleted or overwritten backup objects stay recoverable in the store the platform creates
   * (S3 noncurrent versions, Azure soft delete). EKS and AKS only.
   * @default 30
   */
  retentionDays?: number;
  /** AKS only: how the database reaches its container (`"key"` or `"workloadIdentity"`). @default "key" */
  access?: AzureBackupAccess;
  /**
   * Existing cluster only (required there): the store, `s3://<bucket>[/<path>]` (S3 or an
   * S3-compatible store) or `https://<account>.blob.core.windows.net/<container>`.
   */
  destinationPath?: string;
  /** Existing cluster only: an S3-compatible endpoint (MinIO, …). @default AWS S3 */
  endpointURL?: string;
  /**
   * Existing cluster only: the Secret in the data namespace with the store's keys
   * (`ACCESS_KEY_ID`, `ACCESS_SECRET_KEY` for S3).
   * @default the pods' own identity (`inheritFromIAMRole`, `useDefaultAzureCredentials`)
   */
  credentials?: PlatformDatabaseCredentials;
}

/** A database started from another entry's backups. */
export interface PlatformDatabaseRecovery {
  /** Name of the database entry whose backups it starts from (that entry must keep backups). */
  from: string;
  /** The source's folder of backups. @default the source's `backup.serverName`, else its name */
  serverName?: string;
  /** Recover up to this moment, RFC 3339 with a zone. @default the end of the archived WAL */
  targetTime?: string;
}

/**
 * Volume-snapshot backups of one database, next to its object store's (an object, not `true`, so
 * an existing cluster can name its class and any cloud its schedule). CloudNativePG prunes none of
 * them (no retention policy for volume snapshots: cloudnative-pg/cloudnative-pg@v1.30.0:
 * docs/src/backup.md, "Volume Snapshots"), and in prod the stack's classes keep the cloud snapshot
 * (`deletionPolicy: Retain`): each one stays until deleted by hand.
 */
export interface PlatformDatabaseSnapshots {
  /**
   * When snapshots are taken: six cron fields, seconds first.
   * @default "0 0 3 * * *"
   */
  schedule?: string;
  /**
   * Existing cluster only (required there): the VolumeSnapshotClass of the CSI driver of the
   * database's storage classes. On aks and eks the stack's own class is used (`azure-disk-snapshots`,
   * `ebs-snapshots`).
   */
  className?: string;
}

/** One CloudNativePG database of a `Platform`, in its data namespace. */
export interface PlatformDatabase extends PostgresDatabaseShape {
  /** Name of the `Cluster` object (its Services `<name>-rw`, `<name>-ro`, Secret `<name>-app`). */
  name: string;
  /** Backups to object storage. @default on in prod (to the store the platform creates), off in dev */
  backup?: PlatformDatabaseBackup;
  /** Start from another entry's backups instead of an empty database. @default a new database */
  recovery?: PlatformDatabaseRecovery;
  /**
   * Import the data of a PostgreSQL workload of this stack at creation (not with `recovery`);
   * the cluster waits for the workload. @default a new database
   */
  import?: PlatformDatabaseImport;
  /** Also back up as volume snapshots (online: the entry must keep backups). @default no snapshots */
  snapshots?: PlatformDatabaseSnapshots;
}

/** What {@link databaseProblems} needs of the platform. */
export interface DatabaseContext {
  cloud: Cloud;
  environment: Environment;
  namespace: string;
  /** Storage classes the platform offers. */
  storageClasses: readonly string[];
  /** The VolumeSnapshotClass the platform creates (aks, eks), with the storage classes it snapshots. */
  snapshotClass?: SnapshotClassInfo;
  /** Names of the other objects in the data namespace whose pods and Services a database's would clash with (workloads, etcd clusters). */
  takenNames: readonly string[];
  /** The platform's workloads, which an entry may import from. @default none */
  workloads?: readonly ImportableWorkload[];
}
