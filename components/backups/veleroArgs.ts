/**
 * The cluster backups of a {@link Platform} (Velero): what they are, their defaults per environment
 * and their one check. Pure: no resource is created here.
 */
import type { Environment } from "../options.ts";
import { problem, repeatedNameProblems, under, type Problem } from "../problems.ts";
import { dnsLabelProblems } from "../rules.ts";
import { veleroCronProblems, ttlProblems } from "./veleroCron.ts";

/** One Velero `Schedule` of a platform. */
export interface PlatformBackupSchedule {
  /** Name of the `Schedule` (its backups are named `<name>-<timestamp>`): a DNS label. */
  name: string;
  /**
   * When backups run: five cron fields (minute hour day-of-month month day-of-week) or a
   * descriptor such as `@daily`, read by robfig/cron v3 `ParseStandard`
   * (vmware-tanzu/velero@v1.17.2:pkg/controller/schedule_controller.go `parseCronSchedule`).
   */
  cron: string;
  /**
   * Namespaces backed up; never the Rook-Ceph cluster's, which every schedule leaves out.
   * @default every namespace but the Rook-Ceph cluster's (Velero's default when `includedNamespaces` is empty)
   */
  includedNamespaces?: string[];
  /**
   * Only objects with these labels (Velero's `labelSelector.matchLabels`).
   * @default every object of the included namespaces
   */
  labelSelector?: Record<string, string>;
  /**
   * How long each backup is kept, a Go duration such as `720h` (Velero's `ttl`; no `d` unit).
   * @default "720h" (30 days)
   */
  ttl?: string;
}

/** What to bring back: a `Restore` of a named backup or of the latest backup of a schedule. */
export interface PlatformRestore {
  /** Name of the `Restore` object: a DNS label of at most 58 characters (its gate Job is `<name>-gate`). */
  name: string;
  /**
   * The backup restored, by name (`velero backup get`).
   * @default none: give this or `scheduleName`
   */
  backupName?: string;
  /**
   * Restore the latest completed backup of this schedule.
   * @default none: give this or `backupName`
   */
  scheduleName?: string;
  /**
   * Namespaces restored; never the Rook-Ceph cluster's, which the restore leaves out.
   * @default every namespace in the backup but the Rook-Ceph cluster's
   */
  includedNamespaces?: string[];
  /**
   * Kinds restored: only the volumes' data (`RESTORED_DATA_KINDS`). A restore in `pulumi up`
   * runs before the stack creates its workloads, which then find their claims restored; every other
   * object is the stack's to create (a restored copy would make its create fail: "already exists").
   * @default `RESTORED_DATA_KINDS`: persistentvolumeclaims, persistentvolumes, volumesnapshots.snapshot.storage.k8s.io
   */
  includedResources?: string[];
  /**
   * Restore the volumes' data (from their snapshots or the data mover).
   * @default true
   */
  restorePVs?: boolean;
}

/** Cluster backups (Velero): its schedules, how volume data is kept and an optional restore. */
export interface PlatformBackups {
  /**
   * Install Velero and run the schedules.
   * @default true in prod (with a daily schedule of every namespace kept 30 days), false in dev
   */
  enabled?: boolean;
  /**
   * The schedules.
   * @default prod: one, `daily`, at 03:00 every day, every namespace, kept 720h; dev: none
   */
  schedules?: PlatformBackupSchedule[];
  /**
   * Move each CSI snapshot's data into the object store (Velero's data mover, with its node agent):
   * backups then survive the cluster and the loss of the disks. Otherwise volumes are kept as CSI
   * snapshots in the cloud next to the disks: on AKS in the cluster's node resource group, which
   * is deleted with the cluster (see `defaultSnapshotMoveData`).
   * @default true on AKS in prod, else false
   */
  snapshotMoveData?: boolean;
  /**
   * Days a deleted backup object stays recoverable in the store (versioning, soft delete).
   * @default 30
   */
  retentionDays?: number;
}

/** The default schedule of a prod platform: every namespace at 03:00 daily, kept 30 days. */
export const DEFAULT_SCHEDULE: PlatformBackupSchedule = { name: "daily", cron: "0 3 * * *", ttl: "720h" };
/** A backup's TTL when its schedule gives none: 30 days. */
export const DEFAULT_BACKUP_TTL = "720h";

/**
 * Whether backups move their volumes' data into the object store: `snapshotMoveData` when given,
 * else on for AKS in prod. The Azure Disk CSI driver stores a snapshot in the source disk's
 * resource group unless the VolumeSnapshotClass names another (kubernetes-sigs/azuredisk-csi-driver
 * @v1.34.5, the driver of AKS 1.35: docs/driver-parameters.md "VolumeSnapshotClass" `resourceGroup`;
 * pkg/azuredisk/controllerserver.go `CreateSnapshot`), and a dynamically provisioned disk is in the
 * node resource group (same file, `CreateVolume`: `d.cloud.ResourceGroup`), which AKS deletes with
 * the cluster: snapshot-only backups would die with the cluster they protect. Moving the data puts
 * it in the stack's protected, versioned store, with no role for the AKS-managed CSI controller on
 * another resource group (the alternative, a protected snapshot resource group, would need one).
 * EKS is not concerned: the EBS CSI driver takes an EC2 snapshot of the volume, a regional resource
 * of the account, not of the cluster (kubernetes-sigs/aws-ebs-csi-driver@021596d42efd:
 * pkg/cloud/cloud.go `CreateSnapshot` calls EC2 `CreateSnapshot`), and deleting an EKS cluster
 * deletes neither volumes nor snapshots: they outlive it.
 */
export function defaultSnapshotMoveData(
  backups: PlatformBackups | undefined,
  context: { environment: Environment; cloud: string },
): boolean {
  return backups?.snapshotMoveData ?? (context.environment === "prod" && context.cloud === "aks");
}

/**
 * The kinds a restore brings back by default and the only ones it may name: the claims, their
 * volumes and the CSI snapshots a claim is restored from (the PVC restore action adds the claim's
 * `VolumeSnapshot` as an additional item, which the restore's resource filter still applies to:
 * vmware-tanzu/velero@v1.17.2: pkg/restore/actions/csi/pvc_action.go `Execute`, pkg/restore/restore.go
 * `restoreItem`; `volumesnapshotcontents` and `datauploads` pass the filter always, `resourceMustHave`).
 */
export const RESTORED_DATA_KINDS = [
  "persistentvolumeclaims",
  "persistentvolumes",
  "volumesnapshots.snapshot.storage.k8s.io",
] as const;

/** The kinds a restore brings back: those given, else {@link RESTORED_DATA_KINDS}. */
export function restoredKinds(restore: PlatformRestore): string[] {
  return restore.includedResources ?? [...RESTORED_DATA_KINDS];
}

/** Whether a platform runs Velero: `enabled`, else on in prod. */
export function backupsEnabled(backups: PlatformBackups | undefined, environment: Environment): boolean {
  return backups?.enabled ?? environment === "prod";
}

/** The schedules a platform runs: those given, else the prod default. */
export function backupSchedules(
  backups: PlatformBackups | undefined,
  environment: Environment,
): PlatformBackupSchedule[] {
  if (!backupsEnabled(backups, environment)) return [];
  return backups?.schedules ?? [DEFAULT_SCHEDULE];
}

export { goDurationSeconds, ttlProblems, veleroCron, veleroCronProblems } from "./veleroCron.ts";

/** Where a platform's backups run, and the namespaces they leave out. */
export interface BackupContext {
  environment: Environment;
  cloud: string;
  /**
   * Namespaces no schedule backs up and no restore brings back: the Rook-Ceph cluster's (see
   * `VeleroArgs.excludedNamespaces`). @default none
   */
  excludedNamespaces?: readonly string[];
}

/**
 * Why a namespace is never backed up: its monitors' and OSDs' disks copied into a new cluster would
 * not form a Ceph cluster (the new one has its own fsid and keys).
 */
export const EXCLUDED_NAMESPACE_REASON =
  "runs the Rook-Ceph cluster, which is never backed up nor restored: its monitors' and OSDs' disks copied into a new cluster would not form a Ceph cluster (a new fsid and keys). The Ceph cluster comes back with `pulumi up`, and its volumes' data is backed up with the claims of the namespaces that use them";

/** The problems of a namespace list: DNS labels, none of the namespaces left out. */
function selectionProblems(namespaces: readonly unknown[] | undefined, excluded: readonly string[] = []): Problem[] {
  return (namespaces ?? []).flatMap((ns, i) => [
    ...dnsLabelProblems(["includedNamespaces", i], ns, "namespace"),
    ...(typeof ns === "string" && excluded.includes(ns)
      ? [problem(["includedNamespaces", i], ns, `namespace "${ns}" ${EXCLUDED_NAMESPACE_REASON}; remove it`)]
      : []),
  ]);
}

/**
 * The one check of a platform's cluster backups: schedules with distinct DNS-label names, valid
 * cron lines and TTLs, and included namespaces none of which the backups leave out; a restore of
 * exactly one backup or schedule (a schedule the platform runs); Velero on a cluster the platform creates (it creates the store and the identity).
 */
export function platformBackupsProblems(
  backups: PlatformBackups | undefined,
  restore: PlatformRestore | undefined,
  context: BackupContext,
): Problem[] {
  const problems: Problem[] = [];
  const enabled = backupsEnabled(backups, context.environment);
  if (enabled && context.cloud === "existing" && backups?.enabled === true)
    problems.push(
      problem(
        ["backups", "enabled"],
        true,
        "Velero is installed on clusters the stack creates (aks, eks), into a store it creates; on an existing cluster install Velero yourself, or set it to false",
      ),
    );
  const schedules = backups?.schedules ?? [];
  problems.push(
    ...repeatedNameProblems(
      schedules.map((s) => s.name),
      (i) => ["backups", "schedules", i, "name"],
      "schedule",
    ),
  );
  schedules.forEach((s, i) => {
    const at = ["backups", "schedules", i];
    problems.push(...dnsLabelProblems([...at, "name"], s.name, "schedule name"));
    problems.push(...veleroCronProblems([...at, "cron"], s.cron));
    if (s.ttl !== undefined) problems.push(...ttlProblems([...at, "ttl"], s.ttl));
    problems.push(...under(at, selectionProblems(s.includedNamespaces, context.excludedNamespaces)));
  });
  const days = backups?.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365))
    problems.push(problem(["backups", "retentionDays"], days, "expected whole days from 1 to 365, such as 30"));
  if (restore !== undefined) problems.push(...under(["restore"], restoreProblems(restore, backups, context, enabled)));
  return problems;
}

/** The longest restore name: its gate Job is `<name>-gate` (see `restoreGateName`). */
export const RESTORE_NAME_MAX = 58;

/** The problems of a restore, relative to it. */
function restoreProblems(
  restore: PlatformRestore,
  backups: PlatformBackups | undefined,
  context: BackupContext,
  enabled: boolean,
): Problem[] {
  const problems = [...dnsLabelProblems(["name"], restore.name, "restore name")];
  // The gate Job's name becomes a label value of its pods (63 characters at most).
  if (typeof restore.name === "string" && restore.name.length > RESTORE_NAME_MAX && problems.length === 0)
    problems.push(
      problem(
        ["name"],
        restore.name,
        `at most ${RESTORE_NAME_MAX} characters: its gate Job is named "<name>-gate", and a Job's name is a label of its pods (63 characters at most); choose a shorter name`,
      ),
    );
  if (!enabled)
    problems.push(
      problem(
        ["name"],
        restore.name,
        "a restore needs Velero: set backups.enabled to true (it is off by default in dev)",
      ),
    );
  const given = [restore.backupName, restore.scheduleName].filter((v) => v !== undefined).length;
  if (given !== 1)
    problems.push(
      problem(
        given === 0 ? ["backupName"] : ["scheduleName"],
        given === 0 ? undefined : restore.scheduleName,
        "give exactly one of backupName (a backup `velero backup get` lists) and scheduleName (restore its latest backup)",
      ),
    );
  const names = backupSchedules(backups, context.environment).map((s) => s.name);
  if (restore.scheduleName !== undefined && given === 1 && !names.includes(restore.scheduleName))
    problems.push(
      problem(
        ["scheduleName"],
        restore.scheduleName,
        `the stack runs no schedule "${restore.scheduleName}" (it runs: ${names.map((n) => `"${n}"`).join(", ") || "none"})`,
      ),
    );
  problems.push(...selectionProblems(restore.includedNamespaces, context.excludedNamespaces));
  (restore.includedResources ?? []).forEach((kind, i) => {
    if (!(RESTORED_DATA_KINDS as readonly unknown[]).includes(kind))
      problems.push(
        problem(
          ["includedResources", i],
          kind,
          `a restore in \`pulumi up\` brings back volumes' data only (${RESTORED_DATA_KINDS.join(", ")}), before the stack creates its workloads, which then find their claims restored; every other object is the stack's to create, and a restored copy makes its create fail ("already exists"). Remove it, or restore it with \`velero restore create\` in a namespace the stack does not manage`,
        ),
      );
  });
  return problems;
}
