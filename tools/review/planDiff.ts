/**
 * Compares two plans of one stack: what would be added, removed, updated or replaced, each change
 * judged (verdicts.ts: data loss, disruption, refused, safe). A replace-trigger input known on one
 * side only (the other side's value is known only after deployment), or taken from a resource that
 * is replaced (renewals.ts), is a possible replacement.
 */
import type { PlanDocument } from "../plan/render.ts";
import { engineUrn } from "../recorder/urns.ts";
import { inputDifferences, isIgnored, touches, type UnknownPath } from "./inputs.ts";
import { ReviewInputError } from "./planFile.ts";
import { Renewals, updateRenewsOutputs } from "./renewals.ts";
import { creationOrigin } from "./origins.ts";
import { ruleFor } from "./statefulTypes.ts";
import { judge, type ChangeFacts, type Verdict } from "./verdicts.ts";

type PlannedResource = PlanDocument["resources"][number];

/** One changed resource. */
export interface ResourceChange {
  kind: "add" | "remove" | "update" | "replace";
  urn: string;
  type: string;
  name: string;
  /** Input paths that differ (for update and replace). */
  paths: string[];
  /** Why the resource is replaced or removed, in words. */
  reason?: string;
  /** Set on a removal whose URN changes without an alias: possibly a renamed stack entry. */
  urnChanged?: true;
  /** The base URN this resource was renamed from through an alias. */
  renamedFrom?: string;
  /** The verdict: data loss, disruption, refused or safe. */
  verdict: Verdict;
  /** What kind of resource this is, in words (`EKS cluster`, `Azure managed disk`). */
  what: string;
  /** What the change does to data or to what runs, with its source. */
  consequence: string;
  /** A better way to make the change, when there is one. */
  advice?: string;
  /**
   * Set on a replacement that depends on a value known only after deployment on one side: the
   * resource is replaced if the deployed value differs from the known one.
   */
  possible?: true;
  protect: boolean;
  retainOnDelete: boolean;
  dependencies: string[];
}

/** The changes to one stack. */
export interface StackDiff {
  project: string;
  stack: string;
  changes: ResourceChange[];
}

function isCreated(r: PlannedResource): boolean {
  return r.custom || r.remote;
}

function shown(value: unknown): string {
  if (value === undefined) return "not set";
  const text = JSON.stringify(value);
  return text.length <= 60 ? text : "set";
}

/** Why a path known on one side only may replace the resource. */
function unknownReason(u: UnknownPath): string {
  if (u.unknownIn === "both") {
    return `${u.path} is known only after deployment and may change with ${u.from ?? "a dependency"}`;
  }
  return u.unknownIn === "base"
    ? `${u.path} was known only after deployment in the base plan and is ${shown(u.known)} in the head plan`
    : `${u.path} is ${shown(u.known)} in the base plan and known only after deployment in the head plan`;
}

/** Every URN a head resource may have had in the base: its own and those its aliases (and its parents' aliases) name. */
function formerUrns(resource: PlannedResource, byUrn: Map<string, PlannedResource>, doc: PlanDocument): Set<string> {
  const result = new Set([resource.urn]);
  const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  const parentUrns = parent ? [...formerUrns(parent, byUrn, doc)] : [resource.parent ?? ""];
  for (const parentUrn of parentUrns)
    result.add(engineUrn(doc.stack, doc.project, parentUrn, resource.type, resource.name));
  for (const alias of (resource.aliases ?? []) as {
    urn?: string;
    spec?: { name?: string; type?: string; parenturn?: string; noparent?: boolean };
  }[]) {
    if (alias.urn) {
      result.add(alias.urn);
      continue;
    }
    const spec = alias.spec ?? {};
    const parents = spec.noparent ? [""] : spec.parenturn ? [spec.parenturn] : parentUrns;
    for (const parentUrn of parents) {
      result.add(engineUrn(doc.stack, doc.project, parentUrn, spec.type || resource.type, spec.name || resource.name));
    }
  }
  return result;
}

/** Whether a plan creates a claim of this namespace and name itself. */
export function claimsOfPlan(doc: PlanDocument): (namespace: string, name: string) => boolean {
  const claims = new Set(
    doc.resources
      .filter((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim")
      .map((r) => {
        const metadata = (r.inputs["metadata"] ?? {}) as { name?: unknown; namespace?: unknown };
        return `${String(metadata.namespace)}/${String(metadata.name)}`;
      }),
  );
  return (namespace, name) => claims.has(`${namespace}/${name}`);
}

/** StorageClasses of a plan by name: whether each allows volume expansion. */
export function expansionByClass(doc: PlanDocument): (name: string) => boolean | undefined {
  const classes = new Map(
    doc.resources
      .filter((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass")
      .map((r) => [
        (r.inputs["metadata"] as { name?: unknown } | undefined)?.name,
        r.inputs["allowVolumeExpansion"] === true,
      ]),
  );
  return (name) => classes.get(name);
}

type Extra = Partial<Omit<ResourceChange, "verdict" | "consequence" | "advice" | "what">>;

function change(
  kind: ResourceChange["kind"],
  r: PlannedResource,
  extra: Extra,
  facts: Omit<ChangeFacts, "kind" | "type" | "rule" | "paths" | "renamed">,
): ResourceChange {
  const rule = ruleFor(r.type, facts.base ?? facts.head);
  const paths = extra.paths ?? [];
  const judgement = judge({ ...facts, kind, type: r.type, rule, paths, renamed: extra.renamedFrom !== undefined });
  return {
    kind,
    urn: r.urn,
    type: r.type,
    name: r.name,
    paths,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    dependencies: r.dependencies,
    what: rule?.what ?? r.type,
    ...judgement,
    ...extra,
  };
}

/** What to do when removals come from a renamed stack entry. */
export const RENAME_HINT =
  "If a stack entry was renamed (a disk, share, volume, file system, workload or etcd cluster), give it `renamedFrom: <its previous name>` in the stack file: the components then keep its resources under their new names, and nothing is deleted.";

/**
 * Compares the plans of one stack.
 * @throws ReviewInputError when the plans are of different projects or stacks.
 */
export function diffPlans(base: PlanDocument, head: PlanDocument): StackDiff {
  if (base.project !== head.project || base.stack !== head.stack) {
    throw new ReviewInputError(
      `the plans are of different stacks: base is ${base.project}/${base.stack}, head is ${head.project}/${head.stack}; compare plans of the same stack`,
    );
  }
  const baseByUrn = new Map(base.resources.filter(isCreated).map((r) => [r.urn, r]));
  const headAll = new Map(head.resources.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const changes: ResourceChange[] = [];
  const expandable = expansionByClass(head);
  const stackClaim = claimsOfPlan(head);
  const renewals = new Renewals();

  // Resources are in registration order, so a resource's dependencies come before it.
  for (const r of head.resources.filter(isCreated)) {
    const former = [...formerUrns(r, headAll, head)].find((urn) => baseByUrn.has(urn) && !matched.has(urn));
    if (former === undefined) {
      const origin = creationOrigin(r.type, r.inputs);
      changes.push(change("add", r, origin ? { reason: origin } : {}, { head: r.inputs, expandable }));
      continue;
    }
    matched.add(former);
    const old = baseByUrn.get(former) as PlannedResource;
    const all = inputDifferences(old.inputs, r.inputs);
    const affected = renewals.affecting(r, all.computed);
    const differences = {
      changed: all.changed.filter((p) => !isIgnored(p, r.ignoreChanges ?? [])),
      unknown: [...all.unknown, ...affected.unknown].filter((u) => !isIgnored(u.path, r.ignoreChanges ?? [])),
    };
    const rule = ruleFor(r.type, r.inputs);
    const facts = {
      base: old.inputs,
      head: r.inputs,
      expandable,
      stackClaim,
      upstream: affected.upstream,
      retainOnDelete: old.retainOnDelete,
    };
    const triggers = [...(rule?.replace?.paths ?? []), ...(rule?.replace?.conditional?.(old.inputs, r.inputs) ?? [])];
    const forcing = differences.changed.filter((p) => touches(p, triggers));
    const maybe = differences.unknown.filter((u) => touches(u.path, triggers));
    const paths = [...differences.changed, ...maybe.map((u) => u.path)];
    const renamedFrom = former === r.urn ? undefined : former;
    // Values known only after deployment on both sides that change with what they come from, without
    // forcing a replacement: listed when an update rule finds them refused or disruptive.
    const mayChange = differences.unknown.filter((u) => u.unknownIn === "both" && !touches(u.path, triggers));
    if (paths.length === 0 && mayChange.length === 0 && !renamedFrom) continue;
    if (forcing.length > 0 || maybe.length > 0) {
      renewals.add(r, affected.upstream);
      const source = rule?.replace?.source ?? "";
      changes.push(
        change(
          "replace",
          r,
          {
            paths,
            renamedFrom,
            reason:
              forcing.length > 0
                ? `${forcing.join(", ")} cannot change in place (${source})`
                : `${maybe.map(unknownReason).join("; ")}: replaced if the deployed value differs (${source})`,
            ...(forcing.length > 0 ? {} : { possible: true as const }),
          },
          facts,
        ),
      );
    } else {
      const renewedOutputs = updateRenewsOutputs(r.type, differences.changed);
      if (renewedOutputs) renewals.add(r, affected.upstream, renewedOutputs);
      const possiblePaths = mayChange.map((u) => u.path);
      const updated = change(
        "update",
        r,
        {
          paths: [...paths, ...possiblePaths],
          renamedFrom,
          reason: renamedFrom
            ? "renamed with an alias: kept"
            : mayChange.length > 0
              ? `${mayChange.map(unknownReason).join("; ")}: updated if the deployed value differs`
              : undefined,
          ...(paths.length === 0 && !renamedFrom ? { possible: true as const } : {}),
        },
        facts,
      );
      if (updated.possible && updated.verdict === "safe") continue;
      changes.push(updated);
    }
  }

  const added = new Set(changes.filter((c) => c.kind === "add").map((c) => c.type));
  for (const old of baseByUrn.values()) {
    if (matched.has(old.urn)) continue;
    const urnChanged = added.has(old.type);
    const reason = urnChanged
      ? "its URN changes (renamed or moved to another parent without an alias): Pulumi deletes it and creates a new one"
      : "removed from the program: Pulumi deletes it";
    changes.push(
      change(
        "remove",
        old,
        { reason, ...(urnChanged ? { urnChanged: true as const } : {}) },
        { base: old.inputs, expandable, retainOnDelete: old.retainOnDelete },
      ),
    );
  }
  return { project: head.project, stack: head.stack, changes };
}

/** The changes with one verdict. */
export function changesJudged(diff: StackDiff, verdict: Verdict): ResourceChange[] {
  return diff.changes.filter((c) => c.verdict === verdict);
}

/** The changes that destroy data. */
export function dataLossChanges(diff: StackDiff): ResourceChange[] {
  return changesJudged(diff, "data loss");
}
