/**
 * Update rules of Velero's custom resources: what a changed `Schedule` or `Restore` does, so the
 * review shows schedule and retention changes with their consequence.
 */
import { both, changed, type UpdateFinding, type UpdateRule } from "./updateContext.ts";

const SCHEDULE_CONTROLLER = "vmware-tanzu/velero@v1.17.2:pkg/controller/schedule_controller.go";
const BACKUP_CONTROLLER = "vmware-tanzu/velero@v1.17.2:pkg/controller/backup_controller.go";
const RESTORE_CONTROLLER = "vmware-tanzu/velero@v1.17.2:pkg/controller/restore_controller.go";

/** Hours of a Go duration of hours, minutes and seconds (`720h`, `90m`), or undefined. */
function hours(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return undefined;
  const scale: Record<string, number> = { h: 1, m: 1 / 60, s: 1 / 3600 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (scale[p[2] as string] as number), 0);
}

/**
 * A `Schedule`: a new cron line or selection applies to the next backup; a new TTL only to backups
 * taken from now on (each backup's expiry is set when it starts). Shown, never blocking.
 */
const scheduleRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  const cron = both(update, "spec.schedule");
  if (cron && cron[0] !== cron[1])
    findings.push({
      verdict: "safe",
      reason: `backups now run at "${String(cron[1])}" instead of "${String(cron[0])}", from the next run on`,
      source: `${SCHEDULE_CONTROLLER} parseCronSchedule, ifDue`,
    });
  const ttl = both(update, "spec.template.ttl");
  if (ttl && ttl[0] !== ttl[1]) {
    const [from, to] = [hours(ttl[0]), hours(ttl[1])];
    const shorter = from !== undefined && to !== undefined && to < from;
    findings.push({
      verdict: "safe",
      reason: `retention changes from ${String(ttl[0])} to ${String(ttl[1])}${shorter ? " (shorter: new backups are deleted sooner)" : ""}; backups already taken keep the expiry they were given when they started`,
      source: `${BACKUP_CONTROLLER} (Status.Expiration = start + Spec.TTL)`,
    });
  }
  if (
    changed(update, "spec.template.includedNamespaces") ||
    changed(update, "spec.template.excludedNamespaces") ||
    changed(update, "spec.template.labelSelector")
  )
    findings.push({
      verdict: "safe",
      reason: "what is backed up changes (included or excluded namespaces, or label selector), from the next backup on",
      source: `${SCHEDULE_CONTROLLER} getBackup (each backup copies the schedule's template)`,
    });
  return findings;
};

/** A `Restore` runs once: Velero processes only new restores, so a changed spec is never applied. */
const restoreRule: UpdateRule = (update) =>
  changed(update, "spec")
    ? [
        {
          verdict: "refused",
          reason:
            "the Restore's spec changes, but Velero runs a Restore once (only in phase New) and ignores later changes: nothing is restored again",
          source: `${RESTORE_CONTROLLER} Reconcile (phase "" or New only)`,
          advice: "give the restore a new name: a new Restore object runs",
        },
      ]
    : [];

/** Update rules of Velero's types, by Pulumi type token. */
export const VELERO_UPDATE_RULES: Readonly<Record<string, UpdateRule>> = {
  "kubernetes:velero.io/v1:Schedule": scheduleRule,
  "kubernetes:velero.io/v1:Restore": restoreRule,
};
