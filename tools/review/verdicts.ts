/**
 * The verdict on one change, for reviewers: *data loss* (a resource holding data, or one that
 * contains such resources, is deleted or replaced), *disruption* (replaced or restarted without
 * losing data), *refused* (an update Kubernetes or the cloud will reject, which stops `pulumi up`
 * half-way), or *safe*. The plan diff and the preview gate both judge changes here.
 */
import { creationOrigin } from "./origins.ts";
import { destroysData, type TypeRule } from "./statefulTypes.ts";
import {
  STATEFULSET_UTILS,
  updateFindings,
  valueAt,
  quantityBytes,
  type Inputs,
  type UpdateFinding,
} from "./updateRules.ts";

/** The four verdicts, most serious first: the order of the comment. */
export const VERDICTS = ["data loss", "disruption", "refused", "safe"] as const;

/** The verdict on one change. */
export type Verdict = (typeof VERDICTS)[number];

/** A verdict with what it means and what to do instead. */
export interface Judgement {
  verdict: Verdict;
  /** What the change does to data or to what runs, in words, with its source where one decides it. */
  consequence: string;
  /** A better way to make the change, when there is one. */
  advice?: string;
}

/** What is known about one change. */
export interface ChangeFacts {
  kind: "add" | "remove" | "update" | "replace";
  type: string;
  rule: TypeRule | undefined;
  /** Inputs before and after (absent for an add, a remove, or a preview step without them). */
  base?: Inputs;
  head?: Inputs;
  /** Input paths that differ. */
  paths: string[];
  /** Kept under a new URN through an alias. */
  renamed: boolean;
  /** The old resource is left in place when Pulumi deletes it (`retainOnDelete`). */
  retainOnDelete?: boolean;
  /** Types of the replaced or renewed resources this one takes values from (see renewals.ts). */
  upstream?: ReadonlySet<string>;
  /**
   * True when the head plan creates a claim of this name in this namespace itself (a static claim a
   * StatefulSet's pod adopts by name).
   */
  stackClaim?: (namespace: string, name: string) => boolean;
  /** Whether a StorageClass of the head plan allows volume expansion (`undefined`: not in the plan). */
  expandable: (name: string) => boolean | undefined;
}

const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
const NODE_POOLS = ["aws:eks/nodeGroup:NodeGroup", "azure-native:containerservice:AgentPool"];

/** The more serious of two verdicts. */
export function worse(a: Verdict, b: Verdict): Verdict {
  return VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b;
}

interface ClaimTemplate {
  name: string;
  storage: unknown;
  storageClassName: unknown;
}

function statefulSetName(inputs: Inputs | undefined): string {
  return String(valueAt(inputs, "metadata.name"));
}

/** The ordinals of a StatefulSet's pods. */
function ordinals(inputs: Inputs | undefined): number[] {
  const replicas = valueAt(inputs, "spec.replicas");
  return Array.from({ length: typeof replicas === "number" && replicas > 0 ? replicas : 1 }, (_, i) => i);
}

/** The claims a StatefulSet's pods use: `<template>-<statefulset>-<ordinal>` in its namespace. */
function claimsOf(inputs: Inputs) {
  const templates = (valueAt(inputs, "spec.volumeClaimTemplates") ?? []) as Record<string, unknown>[];
  const statefulSet = statefulSetName(inputs);
  const count = ordinals(inputs).length;
  const ordinal = count > 1 ? `<0..${count - 1}>` : "0";
  const list: ClaimTemplate[] = templates.map((t) => ({
    name: String(valueAt(t, "metadata.name")),
    storage: valueAt(t, "spec.resources.requests.storage"),
    storageClassName: valueAt(t, "spec.storageClassName"),
  }));
  return {
    namespace: String(valueAt(inputs, "metadata.namespace")),
    templates: list,
    names: list.map((t) => `${t.name}-${statefulSet}-${ordinal}`),
    /** Identity of the claims: namespace, StatefulSet name and template names. */
    key: JSON.stringify([valueAt(inputs, "metadata.namespace"), statefulSet, list.map((t) => t.name)]),
  };
}

const RETENTION = `${STATEFULSET_UTILS} (persistentVolumeClaimRetentionPolicy; claims are named <template>-<statefulset>-<ordinal>)`;

/** How growing the claims in place would go, when the claim template asks for more storage. */
function growthAdvice(
  base: ClaimTemplate[],
  head: ClaimTemplate[],
  claims: string[],
  namespace: string,
  facts: ChangeFacts,
) {
  return head.flatMap((t, i) => {
    const before = quantityBytes(base[i]?.storage);
    const after = quantityBytes(t.storage);
    if (before === undefined || after === undefined || after <= before) return [];
    const adopted = ordinals(facts.base).map((n) => `${t.name}-${statefulSetName(facts.base)}-${n}`);
    const own = adopted.filter((claim) => facts.stackClaim?.(namespace, claim) === true);
    if (own.length > 0) {
      return [
        `${own.join(", ")} ${own.length === 1 ? "is a claim" : "are claims"} the stack creates itself for a static volume, which the pod adopts by name: the claim template's size never applies to ${own.length === 1 ? "it" : "them"}, and Kubernetes refuses resizing a claim without a StorageClass, so leave the size in the stack as it is (this change only restarts every replica)`,
      ];
    }
    const className = String(t.storageClassName);
    const expandable = facts.expandable(className);
    if (expandable === false) {
      return [`the claims cannot grow in place either: StorageClass ${className} does not allow volume expansion`];
    }
    return [
      `to grow the volumes without stopping every replica, leave the size in the stack as it is and resize each claim in place, \`kubectl -n ${namespace} patch pvc ${claims[i]} --type merge -p '{"spec":{"resources":{"requests":{"storage":"${String(t.storage)}"}}}}'\`${expandable ? ` (StorageClass ${className} allows expansion)` : " (its StorageClass must allow expansion)"}`,
    ];
  });
}

/**
 * A StatefulSet deleted or replaced. Its pods' data is in claims the StatefulSet controller made:
 * with `whenDeleted: Retain` they outlive it, so a replacement that keeps their names reattaches
 * them (every replica stops at once, no data is lost), while a removal, a new claim name or a
 * new namespace leaves the data in claims nothing uses any more.
 */
function statefulSetJudgement(facts: ChangeFacts): Judgement {
  const base = facts.base ?? {};
  const before = claimsOf(base);
  const whenDeleted = valueAt(base, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted");
  if (before.templates.length === 0) {
    return {
      verdict: "disruption",
      consequence: "the StatefulSet has no claim templates: its pods stop, no data is kept by it",
    };
  }
  if (whenDeleted === "Delete") {
    return {
      verdict: "data loss",
      consequence: `its claims ${before.names.join(", ")} are deleted with it (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete; ${RETENTION})`,
    };
  }
  const kept = `its claims ${before.names.join(", ")} are retained (whenDeleted: Retain)`;
  if (facts.kind === "remove") {
    return {
      verdict: "data loss",
      consequence: `${kept} but nothing in the stack uses them any more; the data stays in namespace ${before.namespace} until they are deleted (${RETENTION})`,
    };
  }
  const after = claimsOf(facts.head ?? {});
  if (after.key !== before.key) {
    return {
      verdict: "data loss",
      consequence: `the new pods use claims ${after.names.join(", ")}${after.namespace === before.namespace ? "" : ` in namespace ${after.namespace}`}, which start empty; ${kept} and left unused (${RETENTION})`,
    };
  }
  const templateChanged = facts.paths.filter((p) => p.startsWith("spec.volumeClaimTemplates"));
  const keepOld =
    templateChanged.length > 0
      ? "; the existing claims keep their old size, class and access modes: a claim template applies only to claims created later"
      : "";
  const advice = growthAdvice(before.templates, after.templates, before.names, before.namespace, facts);
  return {
    verdict: "disruption",
    consequence: `every replica stops at once: Pulumi deletes the StatefulSet and creates it anew; ${kept} and reattached by name, so no data is lost${keepOld} (${RETENTION})`,
    advice: advice.length > 0 ? advice.join("; ") : undefined,
  };
}

/** The verdict of an in-place update: the most serious finding, or safe. */
function updateJudgement(facts: ChangeFacts): Judgement {
  const findings: UpdateFinding[] =
    facts.base && facts.head
      ? updateFindings(facts.type, {
          base: facts.base,
          head: facts.head,
          paths: facts.paths,
          upstream: facts.upstream ?? new Set(),
          expandable: facts.expandable,
        })
      : [];
  if (findings.length === 0) {
    return { verdict: "safe", consequence: facts.renamed ? "renamed with an alias: kept" : "updated in place" };
  }
  const verdict = findings.map((f) => f.verdict).reduce(worse);
  const shown = findings.filter((f) => f.verdict === verdict);
  const advice = shown.flatMap((f) => (f.advice ? [f.advice] : []));
  return {
    verdict,
    consequence: shown.map((f) => `${f.reason} (${f.source})`).join("; "),
    advice: advice.length > 0 ? advice.join("; ") : undefined,
  };
}

const RETAINED_CREATE =
  "pulumi/pulumi@v3.259.0:pkg/resource/deploy/step.go (a retained resource's delete is skipped); pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/await/await.go (without upsertExistingObjects a create of an object that exists fails with AlreadyExists)";

/**
 * A Kubernetes object kept on delete (`retainOnDelete`) and replaced: Pulumi skips deleting the old
 * object, then creating the new one under the same name fails, and the old one drops out of the
 * stack's state, so every later `up` fails the same way.
 */
function retainedReplacement(facts: ChangeFacts): Judgement {
  const name = String(valueAt(facts.base, "metadata.name"));
  const namespace = valueAt(facts.base, "metadata.namespace");
  const orphan =
    facts.type === STATEFULSET
      ? `delete the StatefulSet without its pods first, \`kubectl${typeof namespace === "string" ? ` -n ${namespace}` : ""} delete statefulset ${name} --cascade=orphan\`, then \`pulumi up\`: the new StatefulSet adopts the running pods, and its claims are kept`
      : "undo the change, or delete the object from the cluster by hand first, knowing what it holds";
  return {
    verdict: "refused",
    consequence: `retainOnDelete leaves the old object in the cluster, so creating its replacement under the same name fails (AlreadyExists) and \`pulumi up\` stops; the old object also drops out of the stack's state, so the next \`up\` fails the same way (${RETAINED_CREATE})`,
    advice: orphan,
  };
}

/** The verdict on one change. */
export function judge(facts: ChangeFacts): Judgement {
  if (facts.kind === "add") {
    const origin = creationOrigin(facts.type, facts.head);
    return { verdict: "safe", consequence: origin ? `created, ${origin}` : "created" };
  }
  if (facts.kind === "update") return updateJudgement(facts);
  if (
    facts.kind === "replace" &&
    facts.retainOnDelete === true &&
    facts.type.startsWith("kubernetes:") &&
    !facts.type.startsWith("kubernetes:yaml/")
  ) {
    return retainedReplacement(facts);
  }
  if (facts.type === STATEFULSET && facts.base) return statefulSetJudgement(facts);
  const rule = facts.rule;
  const what = rule?.what ?? facts.type;
  if (facts.kind === "remove" && NODE_POOLS.includes(facts.type)) {
    return {
      verdict: "disruption",
      consequence: `the ${what} is deleted: its nodes are drained and their pods move to other nodes where they fit`,
    };
  }
  if (
    facts.type === "kubernetes:core/v1:PersistentVolume" &&
    valueAt(facts.base, "spec.persistentVolumeReclaimPolicy") === "Retain"
  ) {
    // The disk or share behind the volume object is a resource of its own, judged on its own.
    return facts.kind === "replace"
      ? {
          verdict: "disruption",
          consequence:
            "the volume object is deleted and created anew under its name; its reclaim policy Retain keeps the disk or share behind it, and the claim bound to it is Lost until the new object binds it again",
        }
      : {
          verdict: "data loss",
          consequence:
            "the volume object is deleted (its reclaim policy Retain keeps the disk or share behind it), and the claim bound to it is left Lost: nothing in the stack reaches that data any more",
        };
  }
  if (facts.kind === "remove" && facts.retainOnDelete === true && destroysData(rule)) {
    return {
      verdict: "data loss",
      consequence: `the ${rule.what} is left in place with its data but outside the stack (retainOnDelete): nothing in the stack reaches it any more; delete it by hand once it is no longer needed`,
    };
  }
  if (destroysData(rule)) {
    return {
      verdict: "data loss",
      consequence: rule.holdsData ? `the ${rule.what} and its data are deleted` : `the ${rule.what} is deleted`,
    };
  }
  if (facts.kind === "replace") {
    return {
      verdict: "disruption",
      consequence: `the ${what} is deleted and created anew: what uses it is interrupted until the new one is ready; it holds no data`,
    };
  }
  return { verdict: "safe", consequence: `the ${what} is deleted: it holds no data` };
}
