/**
 * The rules of a platform database that depend on what its pods can reach: volume snapshots on a
 * class that covers its volumes and after a WAL archive, and a recovery whose source's store the
 * recovering database's own identity can read. Part of `databaseProblems` (databaseArgs.ts).
 */
import type { DatabaseContext, PlatformDatabase } from "./databaseTypes.ts";
import { problem, type Problem } from "./problems.ts";

/**
 * Volume snapshots of an entry. On aks and eks the platform's own class snapshots them, and only
 * volumes of its CSI driver (the storage classes it covers); on an existing cluster the entry names
 * the class. They are online backups, which "require the presence of a WAL archive"
 * (cloudnative-pg/cloudnative-pg@v1.30.0:docs/src/backup.md, "Cold and Hot backups"; point in time
 * recovery from a snapshot also needs it, same page), so the entry must keep backups.
 */
export function snapshotProblems(db: PlatformDatabase, context: DatabaseContext, backsUp: boolean): Problem[] {
  const s = db.snapshots;
  if (s === undefined || s === null || typeof s !== "object") return [];
  const problems: Problem[] = [];
  const created = context.snapshotClass;
  if (created === undefined && s.className === undefined)
    problems.push(
      problem(
        ["snapshots", "className"],
        undefined,
        'the stack creates no VolumeSnapshotClass on an existing cluster: name the one of the CSI driver of the database\'s storage class, e.g. "csi-hostpath-snapclass"',
      ),
    );
  if (created !== undefined && s.className !== undefined)
    problems.push(
      problem(
        ["snapshots", "className"],
        s.className,
        `the stack creates the VolumeSnapshotClass "${created.name}" on ${context.cloud} and snapshots with it; remove it`,
      ),
    );
  if (created !== undefined) {
    const covered = created.storageClasses.map((c) => `"${c}"`).join(", ");
    for (const [path, value] of [
      [["storageClass"], db.storageClass],
      [["walStorage", "storageClass"], db.walStorage?.storageClass],
    ] as const)
      if (typeof value === "string" && !created.storageClasses.includes(value))
        problems.push(
          problem(
            path,
            value,
            `the VolumeSnapshotClass "${created.name}" snapshots only volumes of its CSI driver's class ${covered}: set ${path.join(".")} to ${covered}, or remove snapshots`,
          ),
        );
  }
  if (!backsUp)
    problems.push(
      problem(
        ["backup", "enabled"],
        db.backup?.enabled,
        "volume snapshots are online backups, which need the WAL archive of the database's backups: set backup.enabled to true, or remove snapshots",
      ),
    );
  return problems;
}

/**
 * Whether the recovering entry's pods can read its source's store. On eks the bucket is read with
 * the recovering entry's own IRSA role, which only an entry that keeps backups has (a read-only
 * role for an entry without backups would be a second kind of role for one case: refused
 * instead). On aks a source reached by workload identity allows no key, so only the recovering
 * entry's own workload identity, given "Storage Blob Data Reader" on the source's container, can
 * read it. A source reached by key needs nothing: the plugin's Role for a Cluster grants the
 * Secrets of every ObjectStore it refers to, its recovery source's included
 * (cloudnative-pg/plugin-barman-cloud@v0.13.0:internal/cnpgi/operator/reconciler.go with
 * config/config.go `GetReferredBarmanObjectsKey` and specs/role.go `BuildRoleRules`).
 */
export function recoveryAccessProblems(
  db: PlatformDatabase,
  all: readonly PlatformDatabase[],
  context: DatabaseContext,
  backsUp: (db: PlatformDatabase) => boolean,
): Problem[] {
  const from = db.recovery?.from;
  const source = all.find((d) => d !== db && d.name === from);
  if (source === undefined || !backsUp(source)) return [];
  if (context.cloud === "eks" && !backsUp(db))
    return [
      problem(
        ["backup", "enabled"],
        db.backup?.enabled,
        `the database reads the bucket of "${source.name}" with its own IRSA role, which only a database that keeps backups has: set backup.enabled to true`,
      ),
    ];
  const sourceIdentity = source.backup?.access === "workloadIdentity";
  if (context.cloud === "aks" && sourceIdentity && (!backsUp(db) || db.backup?.access !== "workloadIdentity"))
    return [
      problem(
        ["backup", "access"],
        db.backup?.access,
        `"${source.name}" is reached by workload identity, so only this database's own workload identity can be given read on its container: set backup.access to "workloadIdentity"${backsUp(db) ? "" : " and backup.enabled to true"}`,
      ),
    ];
  return [];
}
