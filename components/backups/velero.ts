import type { Job } from "@pulumi/kubernetes/batch/v1/job.js";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap.js";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import type { CustomResourcePatch } from "@pulumi/kubernetes/apiextensions/customResourcePatch.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { Operator } from "../operators/operator.ts";
import { forwardedDependsOn, type Environment } from "../options.ts";
import { refuse } from "../problems.ts";
import {
  DEFAULT_BACKUP_TTL,
  defaultSnapshotMoveData,
  platformBackupsProblems,
  restoredKinds,
  veleroCron,
  type PlatformBackupSchedule,
  type PlatformRestore,
} from "./veleroArgs.ts";
import { RESTORE_AWAIT, restoreGate, restoreOutcome, restoreSync } from "./veleroRestore.ts";
import {
  VELERO_CHART_REPOSITORY,
  VELERO_CHART_VERSION,
  VELERO_NAMESPACE,
  type VeleroRestoreSpec,
  type VeleroScheduleSpec,
} from "./veleroTypes.ts";

import { veleroChartValues, type VeleroStore } from "./veleroValues.ts";

export { VeleroProvider, veleroChartValues, type InputLeaves, type VeleroStore } from "./veleroValues.ts";
/** Arguments of {@link Velero}. */
export interface VeleroArgs {
  /** The cluster; every object uses its provider. */
  cluster: ClusterHandle;
  /** `prod`: the release is kept when it leaves the stack (its CRDs hold the backups' records). */
  environment: Environment;
  /** The object store and identity. */
  store: VeleroStore;
  /** Schedules (`Schedule` objects in Velero's namespace). @default none */
  schedules?: PlatformBackupSchedule[];
  /**
   * Move snapshot data to the object store (data mover, node agent).
   * @default true on AKS in prod (its CSI snapshots live in the node resource group, deleted with the cluster: see `defaultSnapshotMoveData`), else false
   */
  snapshotMoveData?: boolean;
  /**
   * A `Restore` to create, once a gate Job has seen Velero list its backup ({@link restoreGate}),
   * for a schedule once Velero has read every backup of the store ({@link restoreSync}).
   * `pulumi up` waits until the Restore ends ({@link RESTORE_AWAIT}) and fails unless it is
   * `Completed`: make what the restore brings back for (the workloads whose claims it restores)
   * depend on {@link Velero.restored}. @default none
   */
  restore?: PlatformRestore;
  /**
   * What the restore waits for besides Velero: the namespaces and static claims the stack creates.
   * Velero creates a missing namespace of a restored claim and skips a claim that exists
   * (vmware-tanzu/velero@v1.17.2: pkg/restore/restore.go `restoreItem`
   * `EnsureNamespaceExistsAndIsReady`; pkg/restore/actions/csi/pvc_action.go "PVC already exists"),
   * so the stack's own namespaces and claims are created first and kept as they are.
   * @default none
   */
  restoreAfter?: pulumi.Input<pulumi.Resource>[];
  /**
   * The stack's static volumes, by name (their claims and volumes carry the label
   * `stateful-stack/volume: <name>`): bound without a storage class, so Velero's CSI path cannot map
   * them to a snapshot class (vmware-tanzu/velero@v1.17.2: pkg/backup/actions/csi/pvc_action.go),
   * and file shares have none. A volume policy backs their data up with Velero's file-system backup
   * (action `fs-backup`: the node agent reads the volume through the pod that mounts it,
   * vmware-tanzu/velero@v1.17.2: internal/volumehelper/volume_policy_helper.go
   * `ShouldPerformFSBackup`), so the node agent is deployed when there are any. @default none
   */
  staticVolumes?: readonly string[];
  /**
   * Namespaces every schedule and the restore leave out (`excludedNamespaces`), and which neither
   * may include: the Rook-Ceph cluster's. Its monitors and OSDs run on claims of cloud disks; a copy
   * of them would cost a full copy of the Ceph cluster's disks each night (with the data mover) and
   * could not be restored into a new Ceph cluster, which has its own fsid and keys. The Ceph cluster
   * is the stack's own (its Helm releases) and comes back with `pulumi up`; the data of its volumes is
   * backed up through the claims in the namespaces that use them. @default none
   */
  excludedNamespaces?: readonly string[];
}

/** Name of the ConfigMap with the schedules' volume policy, in Velero's namespace. */
export const VELERO_VOLUME_POLICY = "stateful-stack-volume-policy";

/** The label of a static volume's claim and volume, which the volume policy matches. */
export const STATIC_VOLUME_LABEL = "stateful-stack/volume";

/**
 * The resource policies (version `v1`, one `volumePolicies` entry per volume: condition `pvcLabels`,
 * action `fs-backup`; vmware-tanzu/velero@v1.17.2: internal/resourcepolicies/resource_policies.go,
 * volume_resources_validator.go) that copy the data of the stack's static volumes with the node
 * agent's file-system backup instead of a CSI snapshot Velero cannot take of them.
 */
export function veleroVolumePolicy(volumes: readonly string[]): string {
  const entries = volumes.map(
    (volume) =>
      `  - conditions:\n      pvcLabels:\n        ${STATIC_VOLUME_LABEL}: ${JSON.stringify(volume)}\n    action:\n      type: fs-backup\n`,
  );
  return `version: v1\nvolumePolicies:\n${entries.join("")}`;
}

/**
 * Velero from its pinned Helm chart (a `helm.sh/v3` Release through {@link Operator}), with the
 * cloud's object-store plugin, one default BackupStorageLocation on the stack's store, CSI
 * snapshots (`EnableCSI`) on the snapshot class labelled for Velero, no VolumeSnapshotLocation, and
 * no credentials Secret: the server's service account carries the workload identity. Then a
 * `Schedule` per schedule and an optional `Restore`, each after the release (its CRDs). The Restore
 * waits for a gate Job that sees Velero list its backup (bounded: on a new cluster Velero reads the
 * store's backups about a minute after it starts), and a restore of a schedule also for Velero to have
 * read them all ({@link restoreSync}); `pulumi up` waits for the Restore to end and fails
 * unless it is `Completed`, so workloads made to depend on {@link Velero.restored} find their claims restored.
 *
 * Pass in `dependsOn` what Velero needs first: the cluster, the snapshot classes (and so the
 * snapshot controller) and the store's identity.
 *
 * @example
 * ```ts
 * new Velero("velero", { cluster, environment: "prod", store, schedules: [{ name: "daily", cron: "0 3 * * *", ttl: "720h" }] }, { dependsOn: [...store.readiness] });
 * ```
 */
export class Velero extends pulumi.ComponentResource {
  /** The release's install: what schedules and restores wait for. */
  readonly ready: pulumi.Resource[];
  /** The schedules, by name. */
  readonly schedules: Record<string, CustomResource>;
  /** The restore, if any. */
  readonly restore: CustomResource | undefined;
  /** The restore once it has ended `Completed` (failing the up otherwise; see {@link restoreOutcome}), if any. */
  readonly restored: pulumi.Output<CustomResource> | undefined;
  /** The Job that waits until Velero lists the restore's backup, if any. */
  readonly restoreGate: Job | undefined;
  /** For a restore of a schedule, the wait until Velero has read the store's backups ({@link restoreSync}). */
  readonly restoreSync: CustomResourcePatch | undefined;
  /** The namespaces its schedules and restore leave out (see {@link VeleroArgs.excludedNamespaces}). */
  readonly excludedNamespaces: readonly string[];

  constructor(name: string, args: VeleroArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:Velero", name, {}, opts);
    const excluded = [...(args.excludedNamespaces ?? [])];
    const context = { environment: args.environment, cloud: args.cluster.cloud, excludedNamespaces: excluded };
    this.excludedNamespaces = excluded;
    refuse(
      `Velero "${name}"`,
      platformBackupsProblems(
        { enabled: true, ...(args.schedules ? { schedules: args.schedules } : {}) },
        args.restore,
        context,
      ),
    );
    const prod = args.environment === "prod";
    const provider = args.cluster.provider;
    const staticVolumes = args.staticVolumes ?? [];
    const snapshotMoveData = defaultSnapshotMoveData(
      args.snapshotMoveData === undefined ? undefined : { snapshotMoveData: args.snapshotMoveData },
      context,
    );
    const values = veleroChartValues(args.store, {
      snapshotMoveData,
      nodeAgent: snapshotMoveData || staticVolumes.length > 0,
    });
    const operator = new Operator(
      `${name}-server`,
      {
        cluster: args.cluster,
        namespace: VELERO_NAMESPACE,
        helm: { repository: VELERO_CHART_REPOSITORY, chart: "velero", version: VELERO_CHART_VERSION, values },
        retainOnDelete: prod,
      },
      { parent: this, dependsOn: forwardedDependsOn(opts) },
    );
    this.ready = operator.ready;
    const policy =
      staticVolumes.length > 0
        ? new ConfigMap(
            `${name}-volume-policy`,
            {
              metadata: { name: VELERO_VOLUME_POLICY, namespace: VELERO_NAMESPACE },
              data: { "policies.yaml": veleroVolumePolicy(staticVolumes) },
            },
            { parent: this, provider, retainOnDelete: prod, dependsOn: operator.ready },
          )
        : undefined;
    this.schedules = {};
    for (const schedule of args.schedules ?? []) {
      const spec: VeleroScheduleSpec = {
        schedule: veleroCron(schedule.cron),
        template: {
          ...(schedule.includedNamespaces ? { includedNamespaces: schedule.includedNamespaces } : {}),
          ...(excluded.length > 0 ? { excludedNamespaces: excluded } : {}),
          ...(schedule.labelSelector ? { labelSelector: { matchLabels: schedule.labelSelector } } : {}),
          ttl: schedule.ttl ?? DEFAULT_BACKUP_TTL,
          storageLocation: "default",
          snapshotVolumes: true,
          snapshotMoveData,
          ...(policy ? { resourcePolicy: { kind: "configmap" as const, name: VELERO_VOLUME_POLICY } } : {}),
        },
      };
      this.schedules[schedule.name] = new CustomResource(
        `${name}-${schedule.name}`,
        {
          apiVersion: "velero.io/v1",
          kind: "Schedule",
          metadata: { name: schedule.name, namespace: VELERO_NAMESPACE },
          spec,
        },
        // Kept with the kept release in prod: a destroy that stops early leaves Velero backing up.
        { parent: this, provider, retainOnDelete: prod, dependsOn: [...operator.ready, ...(policy ? [policy] : [])] },
      );
    }
    const restore = args.restore;
    if (restore) {
      const spec: VeleroRestoreSpec = {
        ...(restore.backupName ? { backupName: restore.backupName } : {}),
        ...(restore.scheduleName ? { scheduleName: restore.scheduleName } : {}),
        ...(restore.includedNamespaces ? { includedNamespaces: restore.includedNamespaces } : {}),
        ...(excluded.length > 0 ? { excludedNamespaces: excluded } : {}),
        includedResources: restoredKinds(restore),
        restorePVs: restore.restorePVs ?? true,
        existingResourcePolicy: "none",
      };
      // A schedule's latest backup is the newest Velero has read: wait until it has read them all.
      this.restoreSync = restore.scheduleName
        ? restoreSync(`${name}-restore-${restore.name}-sync`, { parent: this, provider, dependsOn: operator.ready })
        : undefined;
      this.restoreGate = restoreGate(`${name}-restore-${restore.name}-gate`, restore, {
        parent: this,
        provider,
        dependsOn: [
          ...operator.ready,
          ...Object.values(this.schedules),
          ...(this.restoreSync ? [this.restoreSync] : []),
        ],
      });
      this.restore = new CustomResource(
        `${name}-restore-${restore.name}`,
        {
          apiVersion: "velero.io/v1",
          kind: "Restore",
          metadata: { name: restore.name, namespace: VELERO_NAMESPACE, annotations: { ...RESTORE_AWAIT } },
          spec,
          // Read back after the await: the verdict reads the phase Velero ended it in.
          status: undefined,
        },
        {
          parent: this,
          provider,
          dependsOn: [
            ...operator.ready,
            ...Object.values(this.schedules),
            this.restoreGate,
            ...(args.restoreAfter ?? []),
          ],
        },
      );
      this.restored = restoreOutcome(restore.name, this.restore);
    } else {
      this.restoreSync = undefined;
      this.restoreGate = undefined;
      this.restore = undefined;
      this.restored = undefined;
    }
    this.registerOutputs({});
  }
}
