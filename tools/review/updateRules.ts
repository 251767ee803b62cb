/**
 * What an in-place update does besides changing a value: updates Kubernetes or the cloud refuses
 * (the provider sends them, the API answers with an error, and `pulumi up` stops half-way), and
 * updates that restart or drain what runs (a StatefulSet's pods, a node group's nodes). Each finding
 * names its source. Replacements are decided by the replace rules (statefulTypes.ts, cloudRules.ts).
 */
import { COMPUTED } from "../recorder/values.ts";

/** Inputs of one resource, as in a plan or a preview. */
export type Inputs = Record<string, unknown>;

/** What an update does beyond changing a value. */
export interface UpdateFinding {
  verdict: "data loss" | "disruption" | "refused";
  /** What happens, in words. */
  reason: string;
  /** Where that is decided. */
  source: string;
  /** What to do instead, when there is a better way. */
  advice?: string;
}

/** One update to judge. */
export interface UpdateContext {
  base: Inputs;
  head: Inputs;
  /** Input paths that differ, or may differ (values known only after deployment). */
  paths: string[];
  /** Types of the replaced or renewed resources this one takes values from. */
  upstream: ReadonlySet<string>;
  /**
   * Whether the StorageClass named `name` allows volume expansion, as the head plan creates it;
   * `undefined` when the class is not in the plan (created outside the stack).
   */
  expandable: (name: string) => boolean | undefined;
}

type UpdateRule = (update: UpdateContext) => UpdateFinding[];

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

/** The value at a dotted path (`a.b[0].c`). */
export function valueAt(inputs: unknown, path: string): unknown {
  let value = inputs;
  for (const part of path.split(/\.|\[|\]/).filter(Boolean)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** True when a changed path is `prefix` or below it. */
function changed(update: UpdateContext, prefix: string): boolean {
  return update.paths.some((p) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`8Gi`, `500M`, `1.5Gi`) in bytes; `undefined` for anything else (`(computed)`). */
export function quantityBytes(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const match = /^([0-9]+(?:\.[0-9]+)?)([KMGTPE]i|[mkMGTPE])?$/.exec(value);
  if (!match) return undefined;
  const unit = match[2] ?? "";
  return Number(match[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? Number.NaN);
}

/** Base and head values at `path`, when both are known. */
function both(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair: [unknown, unknown] = [valueAt(update.base, path), valueAt(update.head, path)];
  return pair.some((v) => v === undefined || v === COMPUTED) ? undefined : pair;
}

/** A smaller head size at `path` (a quantity, or a number of GiB). */
function shrunk(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair = both(update, path);
  if (!pair) return undefined;
  const [from, to] = pair.map(quantityBytes);
  return from !== undefined && to !== undefined && to < from ? pair : undefined;
}

function grown(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair = both(update, path);
  if (!pair) return undefined;
  const [from, to] = pair.map(quantityBytes);
  return from !== undefined && to !== undefined && to > from ? pair : undefined;
}

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

/** `[major, minor]` of a Kubernetes version string (`1.33`, `1.33.2`). */
function minorVersion(value: unknown): [number, number] | undefined {
  const match = typeof value === "string" ? /^v?(\d+)\.(\d+)/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * A cluster's Kubernetes version: a downgrade (and for EKS a jump of more than one minor version) is
 * refused; an upgrade upgrades the control plane and then drains and replaces every node.
 */
function clusterVersionRule(path: string, cloud: "EKS" | "AKS", source: string): UpdateRule {
  return (update) => {
    const pair = both(update, path);
    const [from, to] = (pair ?? []).map(minorVersion);
    if (!pair || !from || !to) return [];
    const steps = (to[0] - from[0]) * 100 + (to[1] - from[1]);
    if (steps < 0 || (cloud === "EKS" && steps > 1)) {
      return [
        {
          verdict: "refused",
          reason: `${path} changes from ${String(pair[0])} to ${String(pair[1])}: ${cloud} ${steps < 0 ? "does not downgrade a cluster" : "upgrades one minor version at a time"}`,
          source,
          advice: steps < 0 ? undefined : "upgrade one minor version per deployment",
        },
      ];
    }
    if (steps === 0) return [];
    return [
      {
        verdict: "disruption",
        reason: `${path} changes from ${String(pair[0])} to ${String(pair[1])}: the control plane is upgraded, then nodes are drained and replaced (pods restart where their budgets allow)`,
        source,
      },
    ];
  };
}

/** Node versions and VM sizes of node pools. */
function nodeRollRule(paths: string[], what: string, source: string): UpdateRule {
  return (update) =>
    paths
      .filter((p) => changed(update, p))
      .map((p) => ({
        verdict: "disruption",
        reason: `${p} changes: ${what}`,
        source,
      }));
}

const AKS_ZONES =
  'https://learn.microsoft.com/azure/aks/reliability-availability-zones-configure ("You can\'t change the number of availability zones after you create a node pool")';
const NEW_POOL = "add a pool with the new setting, move the workloads to it, then remove the old pool";

/** A node pool's zones: fixed when the pool is created; the provider sends a change as an update. */
function poolZonesFinding(path: string): UpdateFinding {
  return {
    verdict: "refused",
    reason: `${path} changes: AKS fixes a node pool's zones when it creates the pool, and pulumi-azure-native sends the change as an update`,
    source: `${AKS_ZONES}; pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go does not list availabilityZones`,
    advice: NEW_POOL,
  };
}

/** An AKS pool defined inside the cluster: its VM size and zones cannot change in place. */
const aksProfilesRule: UpdateRule = (update) => {
  const pools = valueAt(update.head, "agentPoolProfiles");
  if (!Array.isArray(pools)) return [];
  return pools.flatMap((_, i) => {
    const findings: UpdateFinding[] = [];
    const pair = both(update, `agentPoolProfiles[${i}].vmSize`);
    if (pair && pair[0] !== pair[1]) {
      findings.push({
        verdict: "refused",
        reason: `agentPoolProfiles[${i}].vmSize changes from ${String(pair[0])} to ${String(pair[1])}: AKS cannot resize an existing node pool, and pulumi-azure-native updates a cluster's pools in place`,
        source:
          "https://learn.microsoft.com/azure/aks/resize-node-pool (add a pool of the new size and move the workloads); pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go lists vmSize for AgentPool, not for ManagedCluster's agentPoolProfiles",
        advice: NEW_POOL,
      });
    }
    const zones = `agentPoolProfiles[${i}].availabilityZones`;
    if (changed(update, zones)) findings.push(poolZonesFinding(zones));
    return findings;
  });
};

const DISK_SPEC =
  "Azure/azure-rest-api-specs@99d32dba25b3 Microsoft.Compute DiskRP 2024-03-02 disk.json (the API version pulumi-azure-native 3.28.0's compute.Disk uses)";
const NO_COMPUTE_FORCE_NEW =
  "pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go has no Compute entry and the spec marks none of them create-only, so the provider sends an update";

/**
 * An Azure managed disk: it cannot shrink, and its zone, creation source and location are fixed at
 * creation, yet the provider sends changes to them as updates.
 */
const azureDiskRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  const smaller = shrunk(update, "diskSizeGB");
  if (smaller) {
    findings.push({
      verdict: "refused",
      reason: `diskSizeGB shrinks from ${String(smaller[0])} to ${String(smaller[1])}: Azure only grows a managed disk ("Reducing disk/snapshot size is not supported in Azure to prevent data loss")`,
      source: `${DISK_SPEC} DiskProperties.diskSizeGB ("can only increase the disk's size")`,
      advice: "keep the size; copy the data to a new, smaller disk instead",
    });
  }
  const fixed: [string, string][] = [
    ["zones", '"Availability zone must not be changed on existing resource"'],
    ["creationData", '"Changing property … is not allowed for existing disk"'],
    ["location", '"InvalidResourceLocation": a resource with the same name cannot be created in another location'],
    ["extendedLocation", "the edge zone is fixed when the disk is created"],
  ];
  for (const [field, answer] of fixed.filter(([field]) => changed(update, field))) {
    findings.push({
      verdict: "refused",
      reason: `${field} changes: it is fixed when the disk is created, and Azure refuses the update (${answer})`,
      source: `${DISK_SPEC}; ${NO_COMPUTE_FORCE_NEW}`,
      advice:
        "snapshot the disk and create a new disk from the snapshot where it should be (a new stack entry), then move the workload to it",
    });
  }
  return findings;
};

/** An EBS volume: it cannot shrink. */
const ebsRule: UpdateRule = (update) => {
  const smaller = shrunk(update, "size");
  return smaller
    ? [
        {
          verdict: "refused",
          reason: `size shrinks from ${String(smaller[0])} to ${String(smaller[1])} GiB: EC2 ModifyVolume only grows a volume ("New size cannot be smaller than existing size")`,
          source:
            "hashicorp/terraform-provider-aws@0073593e7d69:internal/service/ec2/ebs_volume.go (size is not ForceNew, so the change goes to ModifyVolume); https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html",
          advice: "keep the size; copy the data to a new, smaller volume instead",
        },
      ]
    : [];
};

const NODE_ROLL = "every node is drained and replaced, one batch at a time (pods move where their budgets allow)";
const EKS_VERSION =
  "https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html (one minor version at a time; no downgrade)";
const AKS_VERSION =
  "https://learn.microsoft.com/azure/aks/upgrade-aks-cluster (no downgrade; nodes are upgraded by surge: cordoned, drained and replaced)";

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
  "azure-native:compute:Disk": azureDiskRule,
  "aws:ebs/volume:Volume": ebsRule,
  "aws:eks/cluster:Cluster": (update) => [
    ...clusterVersionRule("version", "EKS", EKS_VERSION)(update),
    ...(changed(update, "vpcConfig") && update.upstream.has("aws:ec2/vpc:Vpc")
      ? [
          {
            verdict: "refused" as const,
            reason:
              "vpcConfig takes its subnets and security groups from a VPC that is replaced: the cluster would move to another VPC, which EKS refuses (a cluster's subnets must stay in the VPC it was created in)",
            source:
              'awsdocs/amazon-eks-user-guide@4d52b4d0:latest/ug/networking/network-reqs.adoc ("the subnets must be in the same VPC as the original subnets"); hashicorp/terraform-provider-aws internal/service/eks/cluster.go updates vpc_config.subnet_ids in place',
            advice: "keep the VPC; a new network means a new cluster (a new stack, with the data moved to it)",
          },
        ]
      : []),
  ],
  "aws:eks/nodeGroup:NodeGroup": nodeRollRule(
    ["version", "releaseVersion", "launchTemplate.version"],
    NODE_ROLL,
    "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html",
  ),
  "azure-native:containerservice:ManagedCluster": (update) => [
    ...clusterVersionRule("kubernetesVersion", "AKS", AKS_VERSION)(update),
    ...aksProfilesRule(update),
  ],
  "azure-native:containerservice:AgentPool": (update) => [
    ...nodeRollRule(["orchestratorVersion"], NODE_ROLL, AKS_VERSION)(update),
    ...(changed(update, "availabilityZones") ? [poolZonesFinding("availabilityZones")] : []),
  ],
};

/** What updating a resource of `type` does besides changing values (empty when nothing). */
export function updateFindings(type: string, update: UpdateContext): UpdateFinding[] {
  return UPDATE_RULES[type]?.(update) ?? [];
}
