/**
 * The `databases` configuration key: PostgreSQL databases run by CloudNativePG, with backups to an
 * object store the stack creates (or, on an existing cluster, one the entry names) and recovery
 * from another entry's backups. Shape only, mapped onto the `Platform`'s `databases` argument; what
 * values it accepts is its own check (`databaseProblems`), reported here at the keys.
 */
import * as v from "valibot";
import { AzureBackupAccess } from "../components/backups/check.ts";
import type { PlatformDatabase } from "../components/databaseArgs.ts";
import { PostgresSpread } from "../components/stateful/postgresClusterArgs.ts";
import { array, boolean, number, object, string, variant } from "./builders.ts";

/** CPU and memory of one kind (requests or limits). */
const cpuMemory = (what: string) =>
  object(
    {
      cpu: v.optional(string(`CPU ${what} such as "500m"`)),
      memory: v.optional(string(`memory ${what} such as "1Gi"`)),
    },
    `the ${what}`,
  );

/** The Secret holding the store's keys. */
const credentials = object(
  { secretName: string("a Secret in the data namespace with the store's keys") },
  "the Secret with the store's keys",
);

/** One database's backups. */
const backupSchema = object(
  {
    enabled: v.optional(boolean("keep backups; default: true in prod, false in dev")),
    schedule: v.optional(string('six cron fields, seconds first, such as "0 0 2 * * *"')),
    retentionPolicy: v.optional(string('how long backups are kept such as "30d"')),
    serverName: v.optional(string("the folder of this database's backups")),
    retentionDays: v.optional(number("days deleted backups stay recoverable in the store")),
    access: v.optional(variant(AzureBackupAccess, "aks only")),
    destinationPath: v.optional(string('existing cluster only: the store such as "s3://pg-backups"')),
    endpointURL: v.optional(string("existing cluster only: an S3-compatible endpoint")),
    credentials: v.optional(credentials),
  },
  "a database's backups",
);

/** Recovery from another entry's backups. */
const recoverySchema = object(
  {
    from: string("the name of the database entry whose backups it starts from"),
    serverName: v.optional(string("the source's folder of backups")),
    targetTime: v.optional(string('recover up to this moment such as "2026-11-30T14:00:00Z"')),
  },
  "a recovery",
);

/** Import from a PostgreSQL workload of the stack. */
const importSchema = object(
  {
    workload: string("the name of the PostgreSQL workload whose data the database imports"),
    database: v.optional(string("the workload's database to import; default: its POSTGRES_DB")),
  },
  "an import",
);

/** One database entry. */
export const databaseSchema = object(
  {
    name: string('the database\'s name: a DNS-1035 label of at most 50 characters such as "orders"'),
    instances: v.optional(number("PostgreSQL instances: one primary, the rest streaming replicas")),
    image: v.optional(string("a PostgreSQL image pinned by full version or digest")),
    storageClass: string("the storage class of the data volumes"),
    storageSize: v.optional(string('the size of each data volume such as "20Gi"')),
    walStorage: v.optional(
      object(
        {
          size: string('the size of each WAL volume such as "5Gi"'),
          storageClass: v.optional(string("the storage class of the WAL volumes")),
        },
        "separate WAL volumes",
      ),
    ),
    spread: v.optional(variant(PostgresSpread)),
    database: v.optional(string("the application database's name")),
    owner: v.optional(string("the application database's owner")),
    resources: v.optional(
      object({ requests: v.optional(cpuMemory("request")), limits: v.optional(cpuMemory("limit")) }, "resources"),
    ),
    backup: v.optional(backupSchema),
    recovery: v.optional(recoverySchema),
    import: v.optional(importSchema),
    snapshots: v.optional(
      object(
        {
          schedule: v.optional(string('six cron fields, seconds first, such as "0 0 3 * * *"')),
          className: v.optional(string("existing cluster only: the VolumeSnapshotClass")),
        },
        "volume-snapshot backups",
      ),
    ),
  },
  "a database",
);

/** The `databases` key, merged into the stack schema. */
export const databaseKeys = {
  databases: v.optional(array(databaseSchema, "databases"), () => []),
};

/** A validated database entry. */
export type DatabaseConfig = v.InferOutput<typeof databaseSchema>;

/** Maps the `databases` key to the {@link Platform}'s `databases` argument (the keys are its arguments). */
export function toPlatformDatabases(databases: readonly DatabaseConfig[]): PlatformDatabase[] {
  return databases.map((db) => ({ ...db }));
}
