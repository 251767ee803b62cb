/**
 * Production data has a backup: every claim of a production stack has its data copied by a running
 * Velero `Schedule`, and every other data-holding object is in a schedule's scope, as Velero v1.17.2
 * selects them (namespace filter, label selectors, volume policy).
 */
import { DATA_CHARTS, DATA_CUSTOM_RESOURCES, KUBERNETES_DATA_TYPES } from "../dataTypes.ts";
import { isProduction, prop, UNKNOWN, type CheckedResource, type StackPolicy } from "../model.ts";
import {
  namespaceIncluded,
  readVolumePolicies,
  selectorMatches,
  volumeAction,
  type LabelSelector,
  type Labels,
  type VolumePolicy,
} from "./veleroScope.ts";

/** The Pulumi type of Velero's schedules. */
export const VELERO_SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";
const VOLUME = "kubernetes:core/v1:PersistentVolume";
const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
const RELEASE = "kubernetes:helm.sh/v3:Release";
/** Workloads whose pod templates mount claims (Velero's pod action adds a pod's claims to a backup). */
const WORKLOADS = [STATEFUL_SET, "kubernetes:apps/v1:Deployment"];

/** A schedule as the rule reads it. */
interface Schedule {
  name: string;
  paused: boolean;
  included: string[];
  excluded: string[];
  /** Undefined: every object; a list: objects any of them matches; `both`: Velero refuses the backup. */
  selectors: LabelSelector[] | undefined | "both";
  snapshotVolumes: boolean;
  fsBackupByDefault: boolean;
  /** The volume policies, or why they cannot be read. */
  policies: VolumePolicy[] | string;
  /** Whether the node agent (file-system backups) runs: the chart's `deployNodeAgent`, assumed when unknown. */
  nodeAgent: boolean;
}

/** A claim whose data must be copied, with the pods that mount it. */
interface Claim {
  namespace: unknown;
  name: string;
  labels: Labels;
  storageClassName: string | undefined;
  pods: Labels[];
}

/** A pod template's volume, as far as the rule reads it. */
interface PodVolume {
  persistentVolumeClaim?: { claimName?: unknown };
}

/** A StatefulSet's claim template, as far as the rule reads it. */
interface ClaimTemplate {
  metadata?: { name?: unknown; labels?: unknown };
  spec?: { storageClassName?: unknown };
}

/** Why a schedule does not copy something, and how to make it. */
interface Gap {
  why: string;
  fix: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === "string") : []);
const labelsOf = (v: unknown): Labels => (v && typeof v === "object" ? (v as Labels) : {});
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== UNKNOWN ? v : undefined);

/** Reads the schedules, their volume-policy ConfigMaps and whether Velero's node agent runs. */
function readSchedules(resources: readonly CheckedResource[]): Schedule[] {
  const release = resources.find((r) => r.type === RELEASE && String(prop(r, "chart")).split("/").pop() === "velero");
  const nodeAgent = !release || prop(release, "values.deployNodeAgent") !== false;
  return resources
    .filter((r) => r.type === VELERO_SCHEDULE)
    .map((s) => {
      const t = (path: string) => prop(s, `spec.template.${path}`);
      const single = t("labelSelector") as LabelSelector | undefined;
      const or = t("orLabelSelectors") as LabelSelector[] | undefined;
      const policyName = t("resourcePolicy.name");
      const map = resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:ConfigMap" &&
          prop(r, "metadata.name") === policyName &&
          prop(r, "metadata.namespace") === prop(s, "metadata.namespace"),
      );
      return {
        name: text(prop(s, "metadata.name")) ?? s.name,
        paused: prop(s, "spec.paused") === true,
        included: strings(t("includedNamespaces")),
        excluded: strings(t("excludedNamespaces")),
        selectors: single && Array.isArray(or) ? "both" : single ? [single] : Array.isArray(or) ? or : undefined,
        snapshotVolumes: t("snapshotVolumes") !== false,
        fsBackupByDefault: t("defaultVolumesToFsBackup") === true,
        policies:
          policyName === undefined
            ? []
            : map
              ? readVolumePolicies(prop(map, "data"))
              : `names ConfigMap "${text(policyName) ?? "(computed)"}", which the stack does not create`,
        nodeAgent,
      };
    });
}

/** Why a schedule leaves out an object in `namespace` with `labels`, or undefined when it backs it up. */
function scopeGap(s: Schedule, namespace: unknown, labels: Labels[], what: string): Gap | undefined {
  if (s.paused) return { why: "it is paused", fix: `unpause schedule "${s.name}" (spec.paused)` };
  const ns = text(namespace);
  if (ns !== undefined && !namespaceIncluded(s.included, s.excluded, ns))
    return {
      why: `namespace "${ns}" is outside its namespaces (included: ${s.included.join(", ") || "all"}; excluded: ${s.excluded.join(", ") || "none"})`,
      fix: `add "${ns}" to the includedNamespaces of schedule "${s.name}" (stateful-stack:backups.schedules[<i>].includedNamespaces) or add a schedule of every namespace`,
    };
  if (s.selectors === "both")
    return { why: "it sets both labelSelector and orLabelSelectors, which Velero refuses", fix: "keep one of them" };
  if (
    s.selectors !== undefined &&
    !labels.some((l) => (s.selectors as LabelSelector[]).some((x) => selectorMatches(x, l)))
  )
    return {
      why: `its label selector ${JSON.stringify(s.selectors.length === 1 ? s.selectors[0] : s.selectors)} matches none of the labels of the ${what}`,
      fix: `give the ${what} the labels of the selector, or widen the labelSelector of schedule "${s.name}" (stateful-stack:backups.schedules[<i>].labelSelector)`,
    };
  return undefined;
}

const NODE_AGENT_FIX =
  "a file-system backup: the volume policy action fs-backup for its claim (stateful-stack:backups gives it to the stack's static volumes) with the node agent deployed";

/**
 * Why a schedule does not copy a claim's data, or undefined when it does: the claim (or a pod
 * mounting it: Velero's pod action adds a pod's claims whatever their labels, vmware-tanzu/velero@
 * v1.17.2: pkg/backup/actions/pod_action.go, item_backupper.go `itemInclusionChecks`) in scope, and
 * the volume policy's action: `skip` copies nothing; `fs-backup` needs the node agent and a pod
 * that mounts it in scope (internal/volumehelper/volume_policy_helper.go `ShouldPerformFSBackup`);
 * a CSI snapshot needs a storage class (pkg/backup/actions/csi/pvc_action.go skips a claim without).
 */
function claimGap(s: Schedule, claim: Claim): Gap | undefined {
  const scope = scopeGap(s, claim.namespace, [claim.labels, ...claim.pods], "claim or the pods that mount it");
  if (scope) return scope;
  if (typeof s.policies === "string")
    return { why: `its volume policy ${s.policies}`, fix: "give the ConfigMap one key holding a v1 resource policy" };
  const action = volumeAction(s.policies, claim) ?? (s.fsBackupByDefault ? "fs-backup" : "snapshot");
  if (action === "skip")
    return { why: "its volume policy skips the claim's data (action skip)", fix: `back it up with ${NODE_AGENT_FIX}` };
  if (action === "fs-backup") {
    if (!s.nodeAgent)
      return {
        why: "its volume policy copies the data with a file-system backup, but the node agent that runs it is not deployed",
        fix: "deploy the node agent (chart value deployNodeAgent: true)",
      };
    if (claim.pods.length === 0)
      return {
        why: "no workload of the stack mounts the claim, and a file-system backup reads a volume through a running pod",
        fix: "mount the claim in a workload of the stack",
      };
    if (s.selectors !== undefined && scopeGap(s, claim.namespace, claim.pods, "pod"))
      return {
        why: "its label selector matches no pod that mounts the claim, which a file-system backup needs",
        fix: `give the pod template the labels of the labelSelector of schedule "${s.name}", or widen it`,
      };
    return undefined;
  }
  if (!s.snapshotVolumes)
    return { why: "it takes no snapshots (snapshotVolumes: false)", fix: `back it up with ${NODE_AGENT_FIX}` };
  if (claim.storageClassName === "")
    return {
      why: "the claim is bound without a storage class, so Velero's CSI snapshot skips it",
      fix: `back it up with ${NODE_AGENT_FIX}`,
    };
  return undefined;
}

/** The claims of the stack: its PersistentVolumeClaims, and the claims its StatefulSets' templates make. */
function claimsOf(resources: readonly CheckedResource[]): { resource: CheckedResource; what: string; claim: Claim }[] {
  const key = (ns: unknown, name: unknown) => `${String(ns)}/${String(name)}`;
  const pods = new Map<string, Labels[]>();
  const declared = new Set(
    resources.filter((r) => r.type === CLAIM).map((r) => key(prop(r, "metadata.namespace"), prop(r, "metadata.name"))),
  );
  const templated: { resource: CheckedResource; what: string; claim: Claim }[] = [];
  for (const w of resources.filter((r) => WORKLOADS.includes(r.type))) {
    const ns = prop(w, "metadata.namespace");
    const podLabels = labelsOf(prop(w, "spec.template.metadata.labels"));
    const volumes = prop(w, "spec.template.spec.volumes");
    const mounted = (Array.isArray(volumes) ? (volumes as PodVolume[]) : []).flatMap((v) => {
      const claimName = text(v?.persistentVolumeClaim?.claimName);
      return claimName === undefined ? [] : [claimName];
    });
    const replicas = prop(w, "spec.replicas");
    const count = typeof replicas === "number" && replicas > 0 ? replicas : 1;
    const templates = w.type === STATEFUL_SET ? prop(w, "spec.volumeClaimTemplates") : undefined;
    const set = text(prop(w, "metadata.name")) ?? w.name;
    for (const t of Array.isArray(templates) ? (templates as ClaimTemplate[]) : []) {
      const template = text(t?.metadata?.name) ?? "(computed)";
      for (let i = 0; i < count; i++) {
        const name = `${template}-${set}-${i}`;
        mounted.push(name);
        if (declared.has(key(ns, name))) continue;
        // The StatefulSet controller labels a claim with its template's labels and the set's
        // selector (kubernetes/kubernetes@v1.36.0: pkg/controller/statefulset/stateful_set_utils.go
        // `getPersistentVolumeClaims`).
        const labels = { ...labelsOf(t?.metadata?.labels), ...labelsOf(prop(w, "spec.selector.matchLabels")) };
        const storageClassName = text(t?.spec?.storageClassName);
        templated.push({
          resource: w,
          what: `claim "${name}" of StatefulSet "${set}" (volumeClaimTemplates "${template}")`,
          claim: { namespace: ns, name, labels, storageClassName, pods: [podLabels] },
        });
      }
    }
    for (const claim of mounted) pods.set(key(ns, claim), [...(pods.get(key(ns, claim)) ?? []), podLabels]);
  }
  for (const t of templated) t.claim.pods = pods.get(key(t.claim.namespace, t.claim.name)) ?? [];
  const declaredClaims = resources
    .filter((r) => r.type === CLAIM)
    .map((r) => {
      const ns = prop(r, "metadata.namespace");
      const name = text(prop(r, "metadata.name")) ?? r.name;
      const sc = prop(r, "spec.storageClassName");
      return {
        resource: r,
        what: `persistent volume claim "${name}"`,
        claim: {
          namespace: ns,
          name,
          labels: labelsOf(prop(r, "metadata.labels")),
          storageClassName: typeof sc === "string" && sc !== UNKNOWN ? sc : undefined,
          pods: pods.get(key(ns, name)) ?? [],
        },
      };
    });
  return [...declaredClaims, ...templated];
}

/** What a data-holding object other than a claim is called, or undefined when it holds none. */
function dataObject(r: CheckedResource): string | undefined {
  if (r.type === "kubernetes:core/v1:Namespace" || r.type === CLAIM) return undefined;
  if (r.type === RELEASE) return DATA_CHARTS[String(prop(r, "chart")).split("/").pop() ?? ""];
  const known = KUBERNETES_DATA_TYPES[r.type];
  if (known) return known;
  const kind = /^kubernetes:[^:]+:([A-Za-z]+)$/.exec(r.type)?.[1];
  return kind ? DATA_CUSTOM_RESOURCES[kind] : undefined;
}

/** The message of an object no schedule backs up. */
function message(stack: string, what: string, namespace: unknown, schedules: Schedule[], gaps: Gap[]): string {
  const where = text(namespace) === undefined ? "" : ` in namespace "${String(namespace)}"`;
  if (schedules.length === 0)
    return `${what}${where} has no backup: no running Velero Schedule includes it in production stack "${stack}"; keep stateful-stack:backups enabled (prod default: a daily schedule of every namespace, kept 720h), or add its namespace to a schedule's includedNamespaces`;
  const whys = schedules.map((s, i) => `schedule "${s.name}": ${gaps[i]!.why}`).join("; ");
  const fixes = [...new Set(gaps.map((g) => g.fix))].join("; or ");
  return `${what}${where} has no backup of its data in production stack "${stack}": ${whys}; fix: ${fixes}`;
}

/** Every data object of a production stack is backed up by a Velero schedule. */
export const productionDataBackedUp: StackPolicy = {
  name: "production-data-has-a-backup",
  description:
    "In production stacks, a running Velero Schedule copies every claim's data (its namespace filter, label selector and volume policy as Velero applies them: a CSI snapshot needs a storage class, a file-system backup the node agent and a pod that mounts the claim), and includes every other object holding data (StatefulSets, etcd, Ceph and PostgreSQL clusters).",
  enforcement: "mandatory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const schedules = readSchedules(resources);
    const claims = claimsOf(resources);
    const named = new Set(claims.map((c) => `${String(c.claim.namespace)}/${c.claim.name}`));
    const claimProblems = claims.flatMap(({ resource, what, claim }) => {
      const gaps = schedules.map((s) => claimGap(s, claim));
      if (schedules.length > 0 && gaps.some((g) => g === undefined)) return [];
      return [{ resource, message: message(stack, what, claim.namespace, schedules, gaps as Gap[]) }];
    });
    const objectProblems = resources.flatMap((r) => {
      const what = dataObject(r);
      if (what === undefined) return [];
      const volume = r.type === VOLUME;
      const namespace = prop(
        r,
        r.type === RELEASE ? "namespace" : volume ? "spec.claimRef.namespace" : "metadata.namespace",
      );
      // A bound volume is backed up with its claim (pkg/backup/actions/backup_pv_action.go), judged above.
      if (volume && named.has(`${String(namespace)}/${String(prop(r, "spec.claimRef.name"))}`)) return [];
      const gaps = schedules.map((s) => scopeGap(s, namespace, [labelsOf(prop(r, "metadata.labels"))], what));
      if (schedules.length > 0 && gaps.some((g) => g === undefined)) return [];
      const name = text(prop(r, r.type === RELEASE ? "name" : "metadata.name")) ?? r.name;
      return [{ resource: r, message: message(stack, `${what} "${name}"`, namespace, schedules, gaps as Gap[]) }];
    });
    return [...claimProblems, ...objectProblems];
  },
};
