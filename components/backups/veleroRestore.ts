/**
 * How `pulumi up` runs a Velero `Restore` so that it fails fast: for a schedule, a wait until Velero
 * has read the store's backups; a gate Job that waits, for a bounded time, until Velero lists the
 * backup the restore names; the Restore awaited until it ends, in any
 * phase; and a verdict that fails the up with Velero's reason unless it ended `Completed`.
 */
import { Job } from "@pulumi/kubernetes/batch/v1/job.js";
import type { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { CustomResourcePatch } from "@pulumi/kubernetes/apiextensions/customResourcePatch.js";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformRestore } from "./veleroArgs.ts";
import { VELERO_NAMESPACE, VELERO_SERVICE_ACCOUNT, VELERO_VERSION } from "./veleroTypes.ts";

/** Seconds `pulumi up` waits for a restore to end: it copies the volumes' data, which takes as long as the data. */
export const RESTORE_TIMEOUT_SECONDS = 6 * 60 * 60;

/**
 * The phases a Restore ends in (vmware-tanzu/velero@v1.17.2: pkg/apis/velero/v1/restore_types.go
 * `RestorePhase`). Velero's restore controller handles a Restore only in phase `New` (or none), so
 * one that failed validation stays `FailedValidation` for good, even once the backup it names
 * appears (pkg/controller/restore_controller.go `Reconcile`).
 */
export const RESTORE_FINAL_PHASES = ["Completed", "PartiallyFailed", "Failed", "FailedValidation"] as const;

/**
 * Annotations that make `pulumi up` wait until the Restore ends, in any of {@link RESTORE_FINAL_PHASES}.
 * The Kubernetes provider waits for a custom resource only when told, and knows no failure
 * expression: one `jsonpath=` or `condition=` expression, or a JSON list of them that must all hold
 * (pulumi/pulumi-kubernetes@v4.32.0: provider/pkg/metadata/overrides.go `ReadyCondition`); an
 * expression's error does not end the wait before the timeout (provider/pkg/await/internal/awaiter.go
 * `Await`). The path is RFC 9535 JSONPath (github.com/theory/jsonpath; provider/pkg/jsonpath/jsonpath.go
 * `Parse` keeps `==`, and `Matches` matches a path that selects anything when no value is given):
 * the filter selects a member of `status` equal to a final phase, only ever `phase`, the form the
 * provider's own tests use ("complex OR match", provider/pkg/jsonpath/jsonpath_test.go).
 * v4.32.0 is the newest tag the mirror of pulumi/pulumi-kubernetes holds; its main branch of
 * 2 July 2026 (fa8e6387) has the same code. The SDK pins 4.34.2, whose tag is not in the mirror.
 * {@link restoreOutcome} then fails the up unless the phase is `Completed`.
 */
export const RESTORE_AWAIT = {
  "pulumi.com/waitFor": `jsonpath={.status[?${RESTORE_FINAL_PHASES.map((p) => `@=="${p}"`).join(" || ")}]}`,
  "pulumi.com/timeoutSeconds": String(RESTORE_TIMEOUT_SECONDS),
} as const;

/**
 * Seconds the gate Job runs at most. Velero reads the store's backups into `Backup` objects once the
 * location is available, every minute (vmware-tanzu/velero@v1.17.2:
 * pkg/controller/backup_sync_controller.go `backupSyncReconcilePeriod`), so on a new cluster the
 * backup appears within a few minutes of the release being ready, or not at all.
 */
export const RESTORE_GATE_DEADLINE_SECONDS = 600;
/**
 * Failed attempts of the gate before it gives up: the Job controller retries a failed pod after
 * 10 s, doubling up to 6 min (Kubernetes Job "Pod backoff failure policy"), so 6 retries span the
 * deadline.
 */
export const RESTORE_GATE_RETRIES = 6;
/**
 * User and group of the Velero image: it runs as `cnb` from paketobuildpacks/run-jammy-tiny
 * (vmware-tanzu/velero@v1.17.2:Dockerfile `USER cnb:cnb`), uid 1002 and gid 1000, with no shell
 * (paketo-buildpacks/jammy-tiny-stack@043f0394: stack/stack.toml `[run]`; the tag of run image
 * 0.2.90 was not at hand), numeric here so that the kubelet can check `runAsNonRoot`.
 */
export const VELERO_IMAGE_USER = { uid: 1002, gid: 1000 } as const;

/** Name of the BackupStorageLocation the chart creates and every schedule backs up to. */
export const VELERO_STORAGE_LOCATION = "default";

/**
 * Annotations that make `pulumi up` wait until Velero has read the store's backups once: the backup
 * sync creates the store's `Backup` objects one by one and sets the location's
 * `status.lastSyncedTime` only after the last (vmware-tanzu/velero@v1.17.2:
 * pkg/controller/backup_sync_controller.go `Reconcile`; pkg/apis/velero/v1/backupstoragelocation_types.go
 * `LastSyncedTime`). Until then a Restore of a schedule would take the newest backup read so far,
 * which may be an older one. A `jsonpath=` expression without a value holds once the path selects
 * anything (pulumi/pulumi-kubernetes@v4.32.0: provider/pkg/jsonpath/jsonpath.go `Matches`); the
 * provider waits for a Patch resource as for any other, reading the annotation from the patched
 * object (provider/pkg/await/await.go `Creation`).
 */
export const RESTORE_SYNC_AWAIT = {
  "pulumi.com/waitFor": "jsonpath={.status.lastSyncedTime}",
  "pulumi.com/timeoutSeconds": String(RESTORE_GATE_DEADLINE_SECONDS),
} as const;

/**
 * What a restore of a schedule waits for before its gate: a patch of the location that adds only
 * {@link RESTORE_SYNC_AWAIT}'s annotations (the chart sets none on it:
 * vmware-tanzu/helm-charts@velero-11.4.0: charts/velero/templates/backupstoragelocation.yaml), so
 * that `pulumi up` waits until Velero has read every backup of the store. On a cluster where Velero
 * already runs the time is set and the wait ends at once. Removing the restore removes the annotations.
 */
export function restoreSync(name: string, opts: pulumi.CustomResourceOptions): CustomResourcePatch {
  return new CustomResourcePatch(
    name,
    {
      apiVersion: "velero.io/v1",
      kind: "BackupStorageLocation",
      metadata: { name: VELERO_STORAGE_LOCATION, namespace: VELERO_NAMESPACE, annotations: { ...RESTORE_SYNC_AWAIT } },
    },
    opts,
  );
}

/**
 * The gate Job's inputs that `pulumi up` leaves as they were once the Job exists: its image, so that a
 * newer Velero does not replace the Job (its pod template is immutable) and so run the gate again,
 * which fails once the backup it names has expired (pulumi/pulumi@1a16857a, the stored commit: pkg/resource/deploy/step_generator.go
 * `processIgnoreChanges` puts the old value in the new inputs before the diff). Its arguments are not
 * ignored: a gate that failed is replaced with the source the restore now names.
 */
export const RESTORE_GATE_IGNORED = ["spec.template.spec.containers[0].image"] as const;

/** Name of a restore's gate Job, in Velero's namespace. */
export function restoreGateName(restore: PlatformRestore): string {
  return `${restore.name}-gate`;
}

/**
 * The gate's command: `velero restore create <name> --from-backup|--from-schedule ... --output json`
 * exits non-zero unless Velero lists the named `Backup`, or, for a schedule, at least one `Backup`
 * labelled with it, in any phase; then it prints the Restore without creating it (`--output`:
 * "display the object but do not send it to the server"; vmware-tanzu/velero@v1.17.2:
 * pkg/cmd/cli/restore/create.go `Validate`, `Run`; pkg/cmd/util/output/output.go `BindFlags`). That
 * is less than Velero's validation of the Restore, which takes the newest `Completed` backup of a
 * schedule (pkg/controller/restore_controller.go `validateAndComplete`): for a schedule the gate
 * runs only once Velero has read the whole store ({@link restoreSync}). In the pod it reaches the
 * API server with the service account's in-cluster credentials.
 */
export function restoreGateArgs(restore: PlatformRestore): string[] {
  const source = restore.backupName
    ? ["--from-backup", restore.backupName]
    : ["--from-schedule", String(restore.scheduleName)];
  return ["restore", "create", restore.name, ...source, "--namespace", VELERO_NAMESPACE, "--output", "json"];
}

/**
 * The gate Job of a restore: the pinned Velero image's CLI under Velero's service account (the chart
 * binds it to a Role of every verb on every resource of its namespace, and to `cluster-admin`:
 * vmware-tanzu/helm-charts@velero-11.4.0: charts/velero/templates/role.yaml, values.yaml
 * `rbac.clusterAdministrator`), retried until the backup is listed or the deadline passes. The
 * provider's Job await fails the up when the Job fails (`BackoffLimitExceeded`, `DeadlineExceeded`),
 * with the pod's last output (pulumi/pulumi-kubernetes@v4.32.0: provider/pkg/await/job.go,
 * provider/pkg/await/checker/job/check.go `collectJobConditionErrors`).
 */
export function restoreGate(name: string, restore: PlatformRestore, opts: pulumi.CustomResourceOptions): Job {
  return new Job(
    name,
    {
      metadata: {
        name: restoreGateName(restore),
        namespace: VELERO_NAMESPACE,
        annotations: {
          "pulumi.com/timeoutSeconds": String(RESTORE_GATE_DEADLINE_SECONDS + 60),
          // A gate that failed is replaced, and so runs again, on the next up
          // (pulumi/pulumi-kubernetes@v4.32.0: provider/pkg/provider/provider.go `Diff`, Jobs only).
          "pulumi.com/replaceUnready": "true",
        },
      },
      spec: {
        backoffLimit: RESTORE_GATE_RETRIES,
        activeDeadlineSeconds: RESTORE_GATE_DEADLINE_SECONDS,
        template: {
          spec: {
            serviceAccountName: VELERO_SERVICE_ACCOUNT,
            restartPolicy: "Never",
            securityContext: {
              runAsNonRoot: true,
              runAsUser: VELERO_IMAGE_USER.uid,
              runAsGroup: VELERO_IMAGE_USER.gid,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: "velero",
                image: `docker.io/velero/velero:${VELERO_VERSION}`,
                command: ["/velero"],
                args: restoreGateArgs(restore),
                terminationMessagePolicy: "FallbackToLogsOnError",
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
              },
            ],
          },
        },
      },
    },
    { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), ...RESTORE_GATE_IGNORED] },
  );
}

/** The parts of a Restore's `status` the verdict reads (vmware-tanzu/velero@v1.17.2: pkg/apis/velero/v1/restore_types.go `RestoreStatus`). */
export interface RestoreStatus {
  phase?: string;
  validationErrors?: string[];
  failureReason?: string;
  errors?: number;
  warnings?: number;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * Why a Restore that ended did not complete, or `undefined` when it is `Completed`: Velero's
 * validation errors, its failure reason or its count of errors, and what to do next.
 */
export function restoreVerdict(name: string, status: RestoreStatus | undefined): string | undefined {
  const phase = status?.phase;
  if (phase === "Completed") return undefined;
  const reason =
    status?.validationErrors && status.validationErrors.length > 0
      ? status.validationErrors.join("; ")
      : status?.failureReason
        ? status.failureReason
        : [
            ...(status?.errors ? [count(status.errors, "error")] : []),
            ...(status?.warnings ? [count(status.warnings, "warning")] : []),
          ].join(", ") || "no reason given";
  return (
    `Velero restore "${name}" ended ${phase ?? "without a phase"}: ${reason}. ` +
    `Read \`velero restore describe ${name} --details\` and \`velero restore logs ${name}\`; ` +
    `a Restore runs once: fix the cause, then give the restore a new name (stateful-stack:restore.name) and run pulumi up again, ` +
    `or remove stateful-stack:restore to create the workloads without it. ` +
    `If this restore completed in an earlier up, Velero deleted it with its backup (expired or deleted) ` +
    `and a refresh made pulumi up create it again: remove stateful-stack:restore.`
  );
}

/**
 * The restore, once it has ended `Completed`: what the workloads it brings data back for depend on.
 * It fails (and so fails the up, before those workloads are created) with {@link restoreVerdict}
 * otherwise. Unknown in a preview, where the Restore's status is.
 */
export function restoreOutcome(name: string, restore: CustomResource): pulumi.Output<CustomResource> {
  const status = (restore as unknown as { status: pulumi.Output<RestoreStatus | undefined> }).status;
  return status.apply((s) => {
    const verdict = restoreVerdict(name, s);
    if (verdict !== undefined) throw new pulumi.RunError(verdict);
    return restore;
  });
}
