/**
 * What an in-place update does besides changing a value: updates Kubernetes or the cloud refuses
 * (the provider sends them, the API answers with an error, and `pulumi up` stops half-way), and
 * updates that restart or drain what runs (a StatefulSet's pods, a node group's nodes). Each finding
 * names its source. Replacements are decided by the replace rules (statefulTypes.ts, cloudRules.ts).
 * The Kubernetes and operator rules are here, the cloud ones in cloudUpdateRules.ts.
 */
import { CLOUD_UPDATE_RULES } from "./cloudUpdateRules.ts";
import { clusterBootstrapRule, CNPG_CLUSTER } from "./postgresReview.ts";
import { VELERO_UPDATE_RULES } from "./veleroRules.ts";
import {
  both,
  changed,
  grown,
  shrunk,
  valueAt,
  type UpdateContext,
  type UpdateFinding,
  type UpdateRule,
} from "./updateContext.ts";

export { quantityBytes, valueAt, type Inputs, type UpdateContext, type UpdateFinding } from "./updateContext.ts";

/**
 * Kubernetes sources, read in the stored copies named by commit (the v1.35.7 tag the schema tests
 * use could not be read whole here).
 */
const VALIDATION = "kubernetes/kubernetes@a7264f95ffc8:pkg/apis/core/validation/validation.go";
const PVC_VALIDATION = `${VALIDATION} ValidatePersistentVolumeClaimUpdate`;
const PV_VALIDATION = `${VALIDATION} ValidatePersistentVolumeUpdate`;
const RESIZE_ADMISSION =
  "kubernetes/kubernetes@76434bd62ab6:plugin/pkg/admission/storage/persistentvolume/resize/admission.go";
/** Where the StatefulSet controller names claims and applies their retention policy. */
export const STATEFULSET_UTILS = "kubernetes/kubernetes@0fe831c3e98b:pkg/controller/statefulset/stateful_set_utils.go";

const STORAGE = "spec.resources.requests.storage";

/** A claim: shrinking is refused, and so is growing one whose class does not allow expansion. */
const claimRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  const smaller = shrunk(update, STORAGE);
  if (smaller) {
    findings.push({
      verdict: "refused",
      reason: `${STORAGE} shrinks from ${String(smaller[0])} to ${String(smaller[1])}: Kubernetes refuses a claim smaller than its volume ("field can not be less than status.capacity", or "less than previous value" without RecoverVolumeExpansionFailure)`,
      source: PVC_VALIDATION,
      advice: "keep the size; a volume cannot shrink: copy the data to a new, smaller volume instead",
    });
  }
  const larger = grown(update, STORAGE);
  const className = valueAt(update.head, "spec.storageClassName");
  if (larger && typeof className === "string" && update.expandable(className) !== true) {
    const why =
      className === ""
        ? "the claim has no StorageClass (a static claim bound to a volume the stack made)"
        : update.expandable(className) === false
          ? `its StorageClass ${className} does not set allowVolumeExpansion`
          : undefined;
    if (why) {
      findings.push({
        verdict: "refused",
        reason: `${STORAGE} grows from ${String(larger[0])} to ${String(larger[1])}, but ${why}: Kubernetes refuses it ("only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize")`,
        source: RESIZE_ADMISSION,
        advice:
          "undo the size change before `pulumi up`: the disk, share or volume behind the claim is resized first, before the claim is refused, and cannot shrink back",
      });
    }
  }
  for (const field of ["spec.volumeMode", "spec.dataSource", "spec.dataSourceRef"]) {
    if (changed(update, field)) {
      findings.push({
        verdict: "refused",
        reason: `${field} changes: Kubernetes refuses it ("spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"), and the provider updates the claim in place rather than replacing it`,
        source: `${PVC_VALIDATION}; pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/provider/diff.go does not list ${field} as forcing a replacement`,
      });
    }
  }
  return findings;
};

/** A persistent volume: its mode and node affinity cannot change. */
const volumeRule: UpdateRule = (update) =>
  ["spec.volumeMode", "spec.nodeAffinity"]
    .filter((field) => changed(update, field))
    .map((field) => ({
      verdict: "refused",
      reason: `${field} changes: Kubernetes refuses it (${field === "spec.volumeMode" ? '"field is immutable"' : '"field is immutable, except for updating from beta label to GA"'}), and the provider updates the volume in place rather than replacing it`,
      source: `${PV_VALIDATION}; pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/provider/diff.go lists only a volume's source as forcing a replacement`,
    }));

const STS_SOURCE =
  "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#rolling-updates (pods are replaced one at a time, highest ordinal first)";

/** A StatefulSet: a pod template change restarts every pod in turn; fewer replicas stop pods. */
const statefulSetRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  if (changed(update, "spec.template")) {
    findings.push({
      verdict: "disruption",
      reason:
        "the pod template changes: every pod restarts, one at a time from the highest ordinal (RollingUpdate); a single replica is unavailable while it restarts",
      source: STS_SOURCE,
    });
  }
  const replicas = both(update, "spec.replicas") as [number, number] | undefined;
  if (replicas && replicas[1] < replicas[0]) {
    const whenScaled = valueAt(update.head, "spec.persistentVolumeClaimRetentionPolicy.whenScaled");
    findings.push(
      whenScaled === "Delete"
        ? {
            verdict: "data loss",
            reason: `replicas drop from ${replicas[0]} to ${replicas[1]} and persistentVolumeClaimRetentionPolicy.whenScaled is Delete: the claims of the removed pods are deleted`,
            source: `${STATEFULSET_UTILS} (claim retention policy)`,
          }
        : {
            verdict: "disruption",
            reason: `replicas drop from ${replicas[0]} to ${replicas[1]}: the highest-ordinal pods stop; their claims are retained (whenScaled: Retain) and reused if the StatefulSet grows again`,
            source: STS_SOURCE,
          },
    );
  }
  return findings;
};

/** A disruption budget: its spec decides how many pods a drain or an upgrade may evict at once. */
const budgetRule: UpdateRule = (update) =>
  changed(update, "spec")
    ? [
        {
          verdict: "disruption",
          reason:
            "the budget changes how many pods node drains and upgrades may evict at once (minAvailable / maxUnavailable)",
          source:
            "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ (a budget is checked on every eviction)",
        },
      ]
    : [];

const ETCD_OPERATOR = "etcd-io/etcd-operator@v0.2.0:internal/controller";

/** `[major, minor, patch]` of an etcd version (`v3.5.21`). */
function semver(value: unknown): [number, number, number] | undefined {
  const match = typeof value === "string" ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/**
 * An etcd cluster of etcd-operator: the operator patches its StatefulSet's whole spec, claim templates
 * included, which Kubernetes forbids, so a storage change is never applied; a version change is a
 * rolling restart of the members, and one the operator's upgrade path refuses is never applied.
 */
const etcdClusterRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  if (changed(update, "spec.storageSpec")) {
    findings.push({
      verdict: "refused",
      reason:
        "spec.storageSpec changes: the operator rewrites its StatefulSet's claim templates, which Kubernetes forbids, so every reconcile fails and the change is never applied (pulumi up itself succeeds)",
      source: `${ETCD_OPERATOR}/utils.go createOrPatchStatefulSet (CreateOrPatch with the whole StatefulSet spec)`,
      advice:
        "keep the storage as it is; a new size or class needs a new etcd cluster (a new entry) and the data moved to it",
    });
  }
  const pair = both(update, "spec.version");
  const [from, to] = (pair ?? []).map(semver);
  if (pair && from && to && pair[0] !== pair[1]) {
    const minors = (to[0] - from[0]) * 100 + (to[1] - from[1]);
    const down = minors < 0 || (minors === 0 && to[2] < from[2]);
    findings.push(
      down || minors > 1
        ? {
            verdict: "refused",
            reason: `spec.version changes from ${String(pair[0])} to ${String(pair[1])}: the operator ${down ? "does not downgrade" : "upgrades one minor version at a time"}, so every reconcile fails and the change is never applied`,
            source: `${ETCD_OPERATOR}/utils.go validateEtcdUpgradePath`,
            advice: down ? undefined : "upgrade one minor version per deployment",
          }
        : {
            verdict: "disruption",
            reason: `spec.version changes from ${String(pair[0])} to ${String(pair[1])}: the members restart one at a time on the new image`,
            source: `${ETCD_OPERATOR}/etcdcluster_controller.go (the StatefulSet's image follows spec.version)`,
          },
    );
  }
  return findings;
};

/** Update rules by Pulumi type token. */
export const UPDATE_RULES: Readonly<Record<string, UpdateRule>> = {
  "kubernetes:core/v1:PersistentVolumeClaim": claimRule,
  "kubernetes:core/v1:PersistentVolume": volumeRule,
  "kubernetes:apps/v1:StatefulSet": statefulSetRule,
  "kubernetes:policy/v1:PodDisruptionBudget": budgetRule,
  "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster": etcdClusterRule,
  [CNPG_CLUSTER]: clusterBootstrapRule,
  ...CLOUD_UPDATE_RULES,
  ...VELERO_UPDATE_RULES,
};

/** What updating a resource of `type` does besides changing values (empty when nothing). */
export function updateFindings(type: string, update: UpdateContext): UpdateFinding[] {
  return UPDATE_RULES[type]?.(update) ?? [];
}
