/**
 * Compares two plans of one stack: what would be added, removed, updated or replaced, and which of
 * those changes would destroy data.
 */
import type { PlanDocument } from "../plan/render.ts";
import { engineUrn } from "../recorder/record.ts";
import { COMPUTED } from "../recorder/values.ts";
import { ReviewInputError } from "./planFile.ts";
import { ruleFor } from "./statefulTypes.ts";

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
  /** The base URN this resource was renamed from through an alias. */
  renamedFrom?: string;
  /** Set when the change destroys data: what kind of data-holding resource this is. */
  dataLoss?: string;
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

/** Leaf paths where `a` and `b` differ; a value known only after deployment on either side is not a difference. */
export function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  if (a === COMPUTED || b === COMPUTED) return [];
  if (a === b) return [];
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [path || "(root)"];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const join = (key: string) => (Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  return [...keys].flatMap((key) =>
    changedPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], join(key)),
  );
}

function underAny(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

/** Every URN a head resource may have had in the base: its own and those its aliases (and its parents' aliases) name. */
function formerUrns(resource: PlannedResource, byUrn: Map<string, PlannedResource>, doc: PlanDocument): Set<string> {
  const result = new Set([resource.urn]);
  const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  const parentUrns = parent ? [...formerUrns(parent, byUrn, doc)] : [resource.parent ?? ""];
  for (const parentUrn of parentUrns)
    result.add(engineUrn(doc.stack, doc.project, parentUrn, resource.type, resource.name));
  for (const alias of resource.aliases as {
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

function change(kind: ResourceChange["kind"], r: PlannedResource, extra: Partial<ResourceChange> = {}): ResourceChange {
  return {
    kind,
    urn: r.urn,
    type: r.type,
    name: r.name,
    paths: [],
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    dependencies: r.dependencies,
    ...extra,
  };
}

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

  for (const r of head.resources.filter(isCreated)) {
    const former = [...formerUrns(r, headAll, head)].find((urn) => baseByUrn.has(urn) && !matched.has(urn));
    if (former === undefined) {
      changes.push(change("add", r));
      continue;
    }
    matched.add(former);
    const old = baseByUrn.get(former) as PlannedResource;
    const paths = changedPaths(old.inputs, r.inputs);
    const renamedFrom = former === r.urn ? undefined : former;
    if (paths.length === 0 && !renamedFrom) continue;
    const rule = ruleFor(r.type, r.inputs);
    const forcing = paths.filter((p) => underAny(p, rule?.replace?.paths ?? []));
    if (forcing.length > 0) {
      changes.push(
        change("replace", r, {
          paths,
          renamedFrom,
          reason: `${forcing.join(", ")} cannot change in place (${rule?.replace?.source ?? ""})`,
          dataLoss: rule?.holdsData ? rule.what : undefined,
        }),
      );
    } else {
      changes.push(
        change("update", r, { paths, renamedFrom, reason: renamedFrom ? "renamed with an alias: kept" : undefined }),
      );
    }
  }

  const added = new Set(changes.filter((c) => c.kind === "add").map((c) => c.type));
  for (const old of baseByUrn.values()) {
    if (matched.has(old.urn)) continue;
    const rule = ruleFor(old.type, old.inputs);
    const reason = added.has(old.type)
      ? "its URN changes (renamed or moved to another parent without an alias): Pulumi deletes it and creates a new one"
      : "removed from the program: Pulumi deletes it";
    changes.push(change("remove", old, { reason, dataLoss: rule?.holdsData ? rule.what : undefined }));
  }
  return { project: head.project, stack: head.stack, changes };
}

/** The changes that destroy data. */
export function dataLossChanges(diff: StackDiff): ResourceChange[] {
  return diff.changes.filter((c) => c.dataLoss !== undefined);
}
