/**
 * Production data has a backup: every claim of a production stack has its data copied by a running
 * Velero `Schedule`, and every other data-holding object is in a schedule's scope, as Velero v1.17.2
 * selects and copies them: namespace filter and label selectors (veleroScope.ts), a volume policy
 * Velero accepts and every action its conditions may give (veleroVolumePolicy.ts), a CSI snapshot
 * Velero can take (veleroSnapshot.ts), a file-system backup with a node agent the stack deploys.
 * What the stack cannot show (a storage class it does not create) is an advisory, not a pass.
 */
import { DATA_CHARTS, DATA_CUSTOM_RESOURCES, KUBERNETES_DATA_TYPES } from "../dataTypes.ts";
import { isProduction, prop, type CheckedResource, type StackPolicy } from "../model.ts";
import { claimsOf, declaredVolume, labelsOf, text, type Claim } from "./backupClaims.ts";
import { namespaceIncluded, selectorMatches, type LabelSelector, type Labels } from "./veleroScope.ts";
import { provisionedVolume, readStorage, resolveClass, snapshotGap, type StorageFacts } from "./veleroSnapshot.ts";
import { readSchedules, type Schedule } from "./backupSchedules.ts";
import { possibleActions, type VolumePolicy } from "./veleroVolumePolicy.ts";

export { VELERO_SCHEDULE } from "./backupSchedules.ts";
const CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";
const VOLUME = "kubernetes:core/v1:PersistentVolume";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** Why a schedule does not copy something, and how to make it. */
interface Gap {
  why: string;
  fix: string;
  /** Not shown to be a gap: the stack does not show what decides it (reported by the advisory rule). */
  unverified?: true;
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
  if (typeof s.policies === "string")
    return {
      why: `its volume policy ${s.policies}`,
      fix: `correct the field named (a v1 resource policy: vmware-tanzu/velero@v1.17.2 internal/resourcepolicies), or remove spec.template.resourcePolicy from schedule "${s.name}"`,
    };
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

/** What Velero's volume policy reads of a claim's volume: the stack's PersistentVolume, or what its class provisions. */
function volumeOf(claim: Claim, storage: StorageFacts) {
  if (claim.volume) return declaredVolume(claim.volume, claim.labels);
  if (claim.storageClassName === "")
    return {
      labels: claim.labels,
      storageClass: "",
      csi: undefined,
      nfs: undefined,
      volumeType: undefined,
      capacity: undefined,
    };
  return provisionedVolume(claim.labels, resolveClass(storage, claim.storageClassName), claim.requestBytes);
}

/**
 * Why one volume action does not copy a claim's data, or undefined when it does: `skip` copies
 * nothing; `fs-backup` needs the node agent and a pod that mounts the claim in scope
 * (internal/volumehelper/volume_policy_helper.go `ShouldPerformFSBackup`); `snapshot` (the policy's
 * action whatever `snapshotVolumes` says, or no policy matching and `snapshotVolumes` not false:
 * `ShouldPerformSnapshot`) needs Velero's CSI path to take it (veleroSnapshot.ts).
 */
function actionGap(
  s: Schedule,
  claim: Claim,
  action: VolumePolicy["action"] | undefined,
  storage: StorageFacts,
): Gap | undefined {
  const effective = action ?? (s.fsBackupByDefault ? "fs-backup" : s.snapshotVolumes ? "snapshot" : undefined);
  if (effective === undefined)
    return { why: "it takes no snapshots (snapshotVolumes: false)", fix: `back it up with ${NODE_AGENT_FIX}` };
  if (effective === "skip")
    return { why: "its volume policy skips the claim's data (action skip)", fix: `back it up with ${NODE_AGENT_FIX}` };
  if (effective === "fs-backup") {
    if (s.nodeAgent === undefined)
      return {
        why: "its volume policy copies the data with a file-system backup, and the stack cannot tell whether the node agent that runs it is deployed (the Velero release's values.deployNodeAgent is not a value known before deployment, or the stack has no Velero release)",
        fix: "give the Velero release a plain deployNodeAgent: true (components/backups/velero.ts veleroChartValues)",
      };
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
  const gap = snapshotGap(storage, claim.storageClassName, resolveClass(storage, claim.storageClassName), claim.key);
  if (gap) return { ...gap, fix: claim.storageClassName === "" ? `back it up with ${NODE_AGENT_FIX}` : gap.fix };
  // The data mover's DataUpload is run by the node agent (pkg/backup/actions/csi/pvc_action.go
  // `SnapshotMoveData`; pkg/cmd/cli/nodeagent/server.go `NewDataUploadReconciler`).
  if (s.dataMover && s.nodeAgent !== true)
    return {
      why: `its snapshots' data is moved to the object store by the data mover, which runs in the node agent, and ${s.nodeAgent === false ? "the node agent is not deployed" : "the stack cannot tell whether the node agent is deployed"}`,
      fix: "deploy the node agent (chart value deployNodeAgent: true; stateful-stack:backups.snapshotMoveData: true deploys it)",
    };
  return undefined;
}

/**
 * Why a schedule does not copy a claim's data, or undefined when it does: the claim (or a pod
 * mounting it: Velero's pod action adds a pod's claims whatever their labels, vmware-tanzu/velero@
 * v1.17.2: pkg/backup/actions/pod_action.go, item_backupper.go `itemInclusionChecks`) in scope, and
 * every action the volume policy may give it (conditions the stack cannot evaluate taken both ways:
 * veleroVolumePolicy.ts `possibleActions`) copying it. A gap that is only unverified counts when no
 * possible action has a certain one.
 */
function claimGap(s: Schedule, claim: Claim, storage: StorageFacts): Gap | undefined {
  const scope = scopeGap(s, claim.namespace, [claim.labels, ...claim.pods], "claim or the pods that mount it");
  if (scope) return scope;
  const policies = s.policies as VolumePolicy[];
  const outcomes = possibleActions(policies, volumeOf(claim, storage)).map((o) => ({
    ...o,
    gap: actionGap(s, claim, o.action, storage),
  }));
  const found = outcomes.find((o) => o.gap && !o.gap.unverified) ?? outcomes.find((o) => o.gap);
  if (!found?.gap) return undefined;
  if (found.unknown.length === 0 || outcomes.length === 1) return found.gap;
  return {
    ...found.gap,
    why: `${found.gap.why}, should ${found.unknown.join(" and ")} of its volume policy go that way (the stack cannot evaluate them before deployment, so each outcome is taken as possible)`,
  };
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

/**
 * Whether an object is the Rook-Ceph cluster itself (the rook-ceph-cluster release without object
 * stores, or its CephCluster, CephBlockPool, CephFilesystem), whose data is only the data of its
 * volumes. The stack's schedules leave the Rook namespace out (components/backups/velero.ts
 * `VeleroArgs.excludedNamespaces`): its monitors' and OSDs' disks could not be restored into a new
 * Ceph cluster (a new fsid and keys), which the stack's releases recreate with `pulumi up`. The data
 * of its volumes is backed up through their claims, in the namespaces of the workloads that use them,
 * which this rule checks like any claim (a Ceph class needs its own snapshot class, veleroSnapshot.ts).
 * An object store's data has no claim: a release with object stores (the chart's default has one,
 * rook/rook@v1.20.6: deploy/charts/rook-ceph-cluster/values.yaml `cephObjectStores`) is judged.
 */
function cephClusterItself(r: CheckedResource): boolean {
  if (r.type === RELEASE)
    return (
      String(prop(r, "chart")).split("/").pop() === "rook-ceph-cluster" &&
      Array.isArray(prop(r, "values.cephObjectStores")) &&
      (prop(r, "values.cephObjectStores") as unknown[]).length === 0
    );
  return /^kubernetes:ceph\.rook\.io\/v1:(CephCluster|CephBlockPool|CephFilesystem)$/.test(r.type);
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

/** Each claim with what every schedule leaves of it uncopied (undefined: that schedule copies it). */
function claimGaps(resources: readonly CheckedResource[]) {
  const schedules = readSchedules(resources);
  const storage = readStorage(resources);
  return {
    schedules,
    claims: claimsOf(resources).map((c) => ({ ...c, gaps: schedules.map((s) => claimGap(s, c.claim, storage)) })),
  };
}

/** Every data object of a production stack is backed up by a Velero schedule. */
export const productionDataBackedUp: StackPolicy = {
  name: "production-data-has-a-backup",
  description:
    "In production stacks, a running Velero Schedule copies every claim's data (its namespace filter, label selector and volume policy as Velero v1.17.2 applies them: a volume policy Velero accepts, every action its conditions may give; a CSI snapshot needs the claim's storage class to have a driver with a VolumeSnapshotClass labelled velero.io/csi-volumesnapshot-class, a file-system backup the node agent deployed and a pod that mounts the claim), and includes every other object holding data (StatefulSets, etcd and PostgreSQL clusters; not the Rook-Ceph cluster itself, whose data is its volumes' claims, checked as claims, and which the stack's schedules leave out).",
  enforcement: "mandatory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const { schedules, claims } = claimGaps(resources);
    const named = new Set(claims.map((c) => `${String(c.claim.namespace)}/${c.claim.name}`));
    const claimProblems = claims.flatMap(({ resource, what, claim, gaps }) => {
      if (schedules.length > 0 && gaps.some((g) => g === undefined || g.unverified)) return [];
      return [{ resource, message: message(stack, what, claim.namespace, schedules, gaps as Gap[]) }];
    });
    const objectProblems = resources.flatMap((r) => {
      const what = dataObject(r);
      if (what === undefined || cephClusterItself(r)) return [];
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

/**
 * Advisory: a production claim counted as backed up only because the stack cannot show otherwise,
 * its data copied by a CSI snapshot on a storage class the stack does not create (the cluster's
 * default or built-in class), whose driver may have no VolumeSnapshotClass Velero picks. Not
 * mandatory: the class and the snapshot classes are in the cluster, outside what a policy sees.
 */
export const productionSnapshotUnverified: StackPolicy = {
  name: "production-backup-snapshot-unverified",
  description:
    "In production stacks, a claim whose only backup is a Velero CSI snapshot on a storage class the stack does not create: the stack cannot show that the class's CSI driver has a VolumeSnapshotClass labelled velero.io/csi-volumesnapshot-class, without which Velero copies nothing of it.",
  enforcement: "advisory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const { schedules, claims } = claimGaps(resources);
    return claims.flatMap(({ resource, what, claim, gaps }) => {
      if (gaps.some((g) => g === undefined) || !gaps.some((g) => g?.unverified)) return [];
      const unverified = gaps.flatMap((g, i) => (g?.unverified ? [{ s: schedules[i]!, g }] : []));
      const where = text(claim.namespace) === undefined ? "" : ` in namespace "${String(claim.namespace)}"`;
      const whys = unverified.map(({ s, g }) => `schedule "${s.name}": ${g.why}`).join("; ");
      return [
        {
          resource,
          message: `${what}${where} may have no backup of its data in production stack "${stack}": ${whys}; fix: ${unverified[0]!.g.fix}`,
        },
      ];
    });
  },
};
