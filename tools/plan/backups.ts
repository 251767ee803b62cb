/**
 * The plan's backup section: each Velero `Schedule` (when, what, how long) and each `Restore` with
 * what it would bring back, read from the recorded objects, so a restore drill is seen offline.
 */
import { readVolumePolicies } from "../../policy/rules/veleroVolumePolicy.ts";
import type { RecordedResource, Recording } from "../recorder/record.ts";
import { COMPUTED } from "../recorder/values.ts";

const SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const RESTORE = "kubernetes:velero.io/v1:Restore";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const JOB = "kubernetes:batch/v1:Job";
const LOCATION_PATCH = "kubernetes:velero.io/v1:BackupStorageLocationPatch";
/** Namespaced kinds the plan knows hold or run data, as Velero names resources. */
const RESTORED_KINDS: Readonly<Record<string, string>> = {
  "kubernetes:apps/v1:StatefulSet": "statefulsets.apps",
  "kubernetes:core/v1:PersistentVolumeClaim": "persistentvolumeclaims",
  "kubernetes:postgresql.cnpg.io/v1:Cluster": "clusters.postgresql.cnpg.io",
  "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster": "etcdclusters.operator.etcd.io",
  "kubernetes:ceph.rook.io/v1:CephCluster": "cephclusters.ceph.rook.io",
};

const at = (r: RecordedResource, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r.inputs);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const names = (values: readonly string[], all: string): string => (values.length === 0 ? all : values.join(", "));
/** `names`, then the namespaces left out (`excludedNamespaces`), if any. */
const except = (excluded: unknown): string => {
  const out = list(excluded);
  return out.length === 0 ? "" : ` except ${out.join(", ")}`;
};

/** URNs `resource` waits for, through its dependencies, transitively. */
function waitsFor(recording: Recording, resource: RecordedResource): Set<string> {
  const byUrn = new Map(recording.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const todo = [...resource.dependencies];
  while (todo.length > 0) {
    const urn = todo.pop() as string;
    if (seen.has(urn)) continue;
    seen.add(urn);
    todo.push(...(byUrn.get(urn)?.dependencies ?? []));
  }
  return seen;
}

/** The data objects of these namespaces (a schedule's, then a restore's), as `<kind> <ns>/<name>`, with their resources. */
function dataObjects(
  recording: Recording,
  namespaces: string[],
  restoreNs: string[],
): { resource: RecordedResource; kind: string; text: string }[] {
  return recording.resources.flatMap((r) => {
    const kind = RESTORED_KINDS[r.type];
    const ns = at(r, "metadata.namespace");
    const name = at(r, "metadata.name");
    if (!kind || typeof ns !== "string" || ns === COMPUTED) return [];
    if (namespaces.length > 0 && !namespaces.includes(ns)) return [];
    if (restoreNs.length > 0 && !restoreNs.includes(ns) && !restoreNs.includes("*")) return [];
    return [{ resource: r, kind, text: `${kind} ${ns}/${typeof name === "string" ? name : r.name}` }];
  });
}

/** The volumes a schedule's volume policy (its ConfigMap's one key) does not snapshot: `, <action>: <labels>`. */
function volumePolicyNote(recording: Recording, schedule: RecordedResource): string {
  const name = at(schedule, "spec.template.resourcePolicy.name");
  if (name === undefined) return "";
  const map = recording.resources.find(
    (r) =>
      r.type === "kubernetes:core/v1:ConfigMap" &&
      at(r, "metadata.name") === name &&
      at(r, "metadata.namespace") === at(schedule, "metadata.namespace"),
  );
  const policies = map
    ? readVolumePolicies(at(map, "data"))
    : `ConfigMap "${typeof name === "string" ? name : COMPUTED}" not in this stack`;
  if (typeof policies === "string") return `; volume policy: ${policies}`;
  const described = {
    "fs-backup": "file-system backup (node agent)",
    skip: "not backed up",
    snapshot: "CSI snapshots",
  };
  const byAction = new Map<string, string[]>();
  for (const p of policies) {
    const labels = Object.entries((p.conditions["pvcLabels"] ?? {}) as Record<string, unknown>);
    const what = labels.length === 1 ? String(labels[0]![1]) : JSON.stringify(p.conditions);
    const action = described[p.action];
    byAction.set(action, [...(byAction.get(action) ?? []), what]);
  }
  return [...byAction].map(([action, what]) => `; ${action}: ${what.join(", ")}`).join("");
}

/** Lines of the backup section, or none when the stack has no schedule and no restore. */
export function renderBackups(recording: Recording): string[] {
  const schedules = recording.resources.filter((r) => r.type === SCHEDULE);
  const restores = recording.resources.filter((r) => r.type === RESTORE);
  if (schedules.length === 0 && restores.length === 0) return [];
  const lines = ["", "Cluster backups (Velero):"];
  for (const s of schedules) {
    const ns = list(at(s, "spec.template.includedNamespaces"));
    const selector = at(s, "spec.template.labelSelector.matchLabels");
    const moved = at(s, "spec.template.snapshotMoveData") === true;
    lines.push(
      `  Schedule ${String(at(s, "metadata.name"))}: "${String(at(s, "spec.schedule"))}", namespaces: ${names(ns, "all")}${except(at(s, "spec.template.excludedNamespaces"))}${selector ? `, labels ${JSON.stringify(selector)}` : ""}, kept ${String(at(s, "spec.template.ttl"))}, volumes: ${moved ? "CSI snapshots moved to the object store (data mover)" : "CSI snapshots"}${volumePolicyNote(recording, s)}`,
    );
  }
  for (const r of restores) {
    const backup = at(r, "spec.backupName");
    const scheduleName = at(r, "spec.scheduleName");
    const source =
      typeof backup === "string" ? `backup "${backup}"` : `the latest backup of schedule "${String(scheduleName)}"`;
    const schedule = schedules.find((s) => at(s, "metadata.name") === scheduleName);
    const restoreNs = list(at(r, "spec.includedNamespaces"));
    const kinds = list(at(r, "spec.includedResources"));
    const scope = schedule ? list(at(schedule, "spec.template.includedNamespaces")) : [];
    const objects = dataObjects(recording, scope, restoreNs);
    const labelled =
      schedule && at(schedule, "spec.template.labelSelector") ? " (those with the schedule's labels)" : "";
    const claims = kinds.length === 0 || kinds.includes("persistentvolumeclaims");
    // The stack's own claims exist before the restore (it waits for them), and Velero skips a claim
    // that exists; the StatefulSets and clusters that wait for the restore adopt the claims it makes.
    const kept = objects.filter((o) => o.kind === "persistentvolumeclaims").map((o) => o.text);
    const adopted = objects.filter(
      (o) => o.kind !== "persistentvolumeclaims" && waitsFor(recording, o.resource).has(r.urn),
    );
    lines.push(
      `  Restore ${String(at(r, "metadata.name"))}: from ${source}; namespaces: ${names(restoreNs, "all in the backup")}${except(at(r, "spec.excludedNamespaces"))}; resources: ${names(kinds, "every kind in the backup")}; volume data: ${at(r, "spec.restorePVs") === false ? "not restored" : "restored"}; objects that exist are left as they are (existingResourcePolicy ${JSON.stringify(at(r, "spec.existingResourcePolicy") ?? "none")}); pulumi up waits until it ends and fails unless it is Completed`,
      `    brings back the claims of, created once it completes${labelled}: ${!claims || adopted.length === 0 ? "nothing this stack creates (only what the backup holds)" : adopted.map((o) => o.text).join("; ")}`,
    );
    if (kept.length > 0)
      lines.push(
        `    keeps as they are (the stack creates them first; Velero skips a claim that exists): ${kept.join("; ")}`,
      );
    // The gate: a Job the Restore waits for, which lists the backup before the Restore is created.
    const gate = recording.resources.find(
      (x) =>
        x.type === JOB && r.dependencies.includes(x.urn) && at(x, "metadata.namespace") === at(r, "metadata.namespace"),
    );
    if (gate) {
      const args = list(at(gate, "spec.template.spec.containers.0.args"));
      // For a schedule, the gate waits for Velero to have read the whole store (the location's sync time).
      const sync = recording.resources.find((x) => x.type === LOCATION_PATCH && gate.dependencies.includes(x.urn));
      const synced = sync
        ? `, once Velero has read every backup of the store (pulumi up waits for BackupStorageLocation ${String(at(sync, "metadata.name"))}'s status.lastSyncedTime, up to ${Math.round(Number((at(sync, "metadata.annotations") as Record<string, string> | undefined)?.["pulumi.com/timeoutSeconds"]) / 60)} min; until then the latest backup Velero lists may be an older one)`
        : "";
      lines.push(
        `    created after Job ${String(at(gate, "metadata.name"))} sees Velero list the backup (\`velero ${args.join(" ")}\`, which checks and creates nothing)${synced}, retried for up to ${Math.round(Number(at(gate, "spec.activeDeadlineSeconds")) / 60)} min: on a new cluster Velero reads the store's backups within about a minute; the up fails if it never does`,
      );
    }
    // Velero deletes a backup's Restores when the backup expires (vmware-tanzu/velero@v1.17.2:
    // pkg/controller/backup_deletion_controller.go "Deleting restore referencing backup"); a refresh
    // then drops the Restore from the state and the next up creates it again.
    lines.push(
      `    warning: remove stateful-stack:restore once the restore has completed and its data is checked: when ${typeof backup === "string" ? `backup "${backup}"` : "the backup it restored"} expires, Velero deletes this Restore, and an up after a refresh creates it again (${typeof backup === "string" ? "its backup gone, the up fails" : `it restores the latest backup of "${String(scheduleName)}" again: claims that exist are skipped, claims deleted since come back`})`,
    );
    // On a new store a schedule has no backup: the gate then fails the up at its deadline (Velero
    // would fail the Restore "No backups found for schedule", for good: vmware-tanzu/velero@v1.17.2:
    // pkg/controller/restore_controller.go `validateAndComplete`, `Reconcile`).
    if (schedule && recording.resources.some((x) => x.type === RELEASE && at(x, "chart") === "velero"))
      lines.push(
        `    warning: if the store holds no completed backup of schedule "${String(scheduleName)}" yet (a new store), the gate fails the up at its deadline; restore in a later up, once \`velero backup get\` lists one as Completed, or name a backup with restore.backupName`,
      );
  }
  return lines;
}
