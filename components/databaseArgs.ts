/**
 * The `databases` argument of a {@link Platform}: CloudNativePG databases whose backups go to an
 * object store the platform creates for the stack's cloud (EKS: an S3 bucket reached through IRSA;
 * AKS: a blob container reached with its key or a workload identity) or, on an existing cluster, to
 * one the entry names. Its check, {@link databaseProblems}, composes `postgresClusterProblems` and
 * the store's own check at each entry's path.
 */
import { azureBackupStoreProblems, s3BackupStoreProblems } from "./backups/check.ts";
import { checkedImport, databaseImportProblems } from "./databaseImport.ts";
import type { Environment } from "./options.ts";
import { recoveryAccessProblems, snapshotProblems } from "./databaseAccess.ts";
import { problem, repeatedNameProblems, under, type Problem } from "./problems.ts";
import { undefinedStorageClass } from "./rules.ts";
import {
  postgresObjectNames,
  type PostgresBackup,
  type PostgresClusterCheckArgs,
  type PostgresDatabaseShape,
  type PostgresRecovery,
  type PostgresSnapshots,
} from "./stateful/postgresClusterArgs.ts";
import { postgresClusterProblems } from "./stateful/postgresClusterCheck.ts";
import type { SnapshotClassInfo } from "./storage/handle.ts";

import type { DatabaseContext, PlatformDatabase } from "./databaseTypes.ts";

export type {
  DatabaseConnection,
  PlatformDatabaseCredentials,
  PlatformDatabaseBackup,
  PlatformDatabaseRecovery,
  PlatformDatabaseSnapshots,
  PlatformDatabase,
  DatabaseContext,
} from "./databaseTypes.ts";

/** Whether an entry keeps backups. */
export function backsUp(db: PlatformDatabase, environment: Environment): boolean {
  return db.backup?.enabled ?? environment === "prod";
}

/** Keys of `backup` that only an existing cluster's entries take (the clouds' stores give them). */
const EXPLICIT_STORE_KEYS = ["destinationPath", "endpointURL", "credentials"] as const;
/** A stand-in store path, for checking the rest of a backup before the cloud store exists. */
const CREATED_STORE = { s3: "s3://backups-00000000/", azure: "https://st0.blob.core.windows.net/backups" };

/** The `PostgresBackup` of an entry, with the destination of the store it writes to. */
export function postgresBackup(
  db: PlatformDatabase,
  store: Pick<PostgresBackup, "destinationPath" | "credentials">,
): PostgresBackup {
  const b = db.backup ?? {};
  return {
    ...store,
    ...(b.endpointURL === undefined ? {} : { endpointURL: b.endpointURL }),
    ...(b.retentionPolicy === undefined ? {} : { retentionPolicy: b.retentionPolicy }),
    ...(b.schedule === undefined ? {} : { schedule: b.schedule }),
    ...(b.serverName === undefined ? {} : { serverName: b.serverName }),
  };
}

/** The `PostgresRecovery` of an entry: the source entry's ObjectStore and folder. */
export function postgresRecovery(db: PlatformDatabase, all: readonly PlatformDatabase[]): PostgresRecovery | undefined {
  const r = db.recovery;
  if (r === undefined) return undefined;
  const source = all.find((d) => d.name === r.from);
  return {
    objectStoreName: postgresObjectNames(r.from).objectStore,
    serverName: r.serverName ?? source?.backup?.serverName ?? r.from,
    ...(r.targetTime === undefined ? {} : { targetTime: r.targetTime }),
  };
}

/** An entry's cluster settings: all but the keys the platform resolves (`name`, `backup`, `recovery`, `snapshots`, `import`). */
export function clusterSettings(db: PlatformDatabase): PostgresDatabaseShape {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the keys the platform resolves
  const { name, backup, recovery, snapshots, import: imported, ...settings } = db;
  return settings;
}

/**
 * The `PostgresSnapshots` of an entry: its schedule, on the class the platform creates (aks, eks)
 * or the one it names (existing cluster; a stand-in while it names none, refused on its own).
 */
export function postgresSnapshots(
  db: PlatformDatabase,
  snapshotClass: Pick<SnapshotClassInfo, "name"> | undefined,
): PostgresSnapshots | undefined {
  const s = db.snapshots;
  if (s === undefined) return undefined;
  return {
    className: snapshotClass?.name ?? s.className ?? "volume-snapshot-class",
    ...(s.schedule === undefined ? {} : { schedule: s.schedule }),
  };
}

/** The cluster's check, its paths made the entry's (`clusterName` → `name`, `recovery.objectStoreName` → `recovery.from`, the resolved `import` → the entry's). */
function clusterProblems(
  db: PlatformDatabase,
  backup: PostgresBackup | undefined,
  all: readonly PlatformDatabase[],
  context: DatabaseContext,
) {
  const source = db.import && checkedImport(db.import, context.workloads ?? []);
  const args: PostgresClusterCheckArgs = {
    ...clusterSettings(db),
    clusterName: db.name,
    backup,
    recovery: postgresRecovery(db, all),
    snapshots: postgresSnapshots(db, context.snapshotClass),
    ...(source ? { import: source } : {}),
  };
  return postgresClusterProblems(args).map((p) => {
    const at = p.path.join(".");
    if (at === "clusterName") return { ...p, path: ["name"] };
    if (at === "recovery.objectStoreName") return { ...p, path: ["recovery", "from"], value: db.recovery?.from };
    if (at === "import") return { ...p, value: db.import };
    return p;
  });
}

/** The store's check on EKS and AKS, at the entry's keys. */
function storeProblems(db: PlatformDatabase, context: DatabaseContext): Problem[] {
  const b = db.backup ?? {};
  const common = { namespace: context.namespace, clusterName: db.name, retentionDays: b.retentionDays };
  const found =
    context.cloud === "eks"
      ? s3BackupStoreProblems({ ...common, oidcProvider: "the platform's" })
      : azureBackupStoreProblems({ ...common, access: b.access, oidcIssuerUrl: "the cluster's" });
  // The namespace and name are the platform's and the entry's, checked there.
  return under(
    ["backup"],
    found.filter((p) => !["namespace", "clusterName"].includes(String(p.path[0]))),
  );
}

/** The rules of an entry's `backup` that depend on the cloud. */
function backupPlacementProblems(db: PlatformDatabase, context: DatabaseContext, enabled: boolean): Problem[] {
  const b = db.backup ?? {};
  const problems: Problem[] = [];
  if (context.cloud === "existing") {
    if (enabled && b.destinationPath === undefined)
      problems.push(
        problem(
          ["backup", "destinationPath"],
          undefined,
          'the stack creates no object store on an existing cluster: give the store (e.g. "s3://pg-backups" with endpointURL for an S3-compatible one, and credentials), or set backup.enabled to false',
        ),
      );
    for (const key of ["retentionDays", "access"] as const)
      if (b[key] !== undefined)
        problems.push(
          problem(["backup", key], b[key], "applies only to the store the stack creates on aks or eks; remove it"),
        );
  } else {
    for (const key of EXPLICIT_STORE_KEYS)
      if (b[key] !== undefined)
        problems.push(
          problem(
            ["backup", key],
            b[key],
            `the stack creates this database's object store on ${context.cloud} and reaches it with its own identity; remove it`,
          ),
        );
    if (context.cloud === "eks" && b.access !== undefined)
      problems.push(problem(["backup", "access"], b.access, "applies only to an Azure store (cloud aks); remove it"));
    if (enabled) problems.push(...storeProblems(db, context));
  }
  return problems;
}

/** A recovery's source: another entry that keeps backups. */
function recoverySourceProblems(db: PlatformDatabase, all: readonly PlatformDatabase[], env: Environment): Problem[] {
  const from = db.recovery?.from;
  if (from === undefined || typeof from !== "string") return [];
  const source = all.find((d) => d.name === from);
  const names = all.filter((d) => d !== db && backsUp(d, env)).map((d) => `"${d.name}"`);
  const known = names.length > 0 ? names.join(", ") : "none";
  if (from === db.name || source === undefined || !backsUp(source, env))
    return [
      problem(
        ["recovery", "from"],
        from,
        `expected the name of another database entry that keeps backups (entries with backups: ${known})`,
      ),
    ];
  return [];
}

/**
 * The one check of a platform's `databases` (paths relative to it): each entry's cluster check,
 * its storage classes among the platform's, its backup placed where the cloud allows (the store the
 * platform creates on EKS and AKS, one the entry names on an existing cluster) and the store's own
 * check, a recovery from another entry with backups, unique names.
 */
export function databaseProblems(databases: readonly PlatformDatabase[], context: DatabaseContext): Problem[] {
  const problems = repeatedNameProblems(
    databases.map((d) => d.name),
    (i) => [i, "name"],
    "database",
  );
  databases.forEach((db, i) => {
    const enabled = backsUp(db, context.environment);
    const b = db.backup ?? {};
    const cloudStore = context.cloud === "eks" ? CREATED_STORE.s3 : CREATED_STORE.azure;
    const destinationPath = context.cloud === "existing" ? (b.destinationPath ?? CREATED_STORE.s3) : cloudStore;
    const backup = enabled ? postgresBackup(db, { destinationPath, credentials: b.credentials }) : undefined;
    const found = clusterProblems(db, backup, databases, context);
    found.push(...databaseImportProblems(db, context.workloads ?? []));
    found.push(...backupPlacementProblems(db, context, enabled));
    found.push(...recoverySourceProblems(db, databases, context.environment));
    if (context.takenNames.includes(db.name))
      found.push(
        problem(
          ["name"],
          db.name,
          "a workload or etcd cluster in the data namespace has this name, and the database's pods and Services would clash with its; rename the database",
        ),
      );
    for (const [path, value] of [
      [["storageClass"], db.storageClass],
      [["walStorage", "storageClass"], db.walStorage?.storageClass],
    ] as const)
      if (
        typeof value === "string" &&
        !context.storageClasses.includes(value) &&
        !found.some((p) => p.path.join(".") === path.join("."))
      )
        found.push(problem(path, value, undefinedStorageClass(value, context.storageClasses)));
    for (const p of [
      ...snapshotProblems(db, context, enabled),
      ...recoveryAccessProblems(db, databases, context, (d) => backsUp(d, context.environment)),
    ])
      if (!found.some((f) => f.path.join(".") === p.path.join("."))) found.push(p);
    problems.push(...under([i], found));
  });
  return problems;
}
