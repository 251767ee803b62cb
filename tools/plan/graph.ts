/**
 * The dependency graph of a recording: creation waves (what Pulumi can create in parallel) and the
 * critical path that bounds time to environment.
 */
import type { RecordedResource } from "../recorder/record.ts";
import { typicalSeconds } from "./durations.ts";

/** A planned resource with what it waits for. */
export interface PlannedResource {
  resource: RecordedResource;
  /** URNs of the created resources (including providers) this one waits for. */
  waitsFor: string[];
  /** 0-based creation wave. */
  wave: number;
  seconds: number;
  /** Earliest finish time, in seconds from the start of `pulumi up`. */
  finish: number;
}

/** The plan of one stack. */
export interface Plan {
  resources: PlannedResource[];
  /** URNs by wave. */
  waves: string[][];
  /** The longest chain, first to last. */
  criticalPath: PlannedResource[];
  /** Estimated time to environment: the critical path's length, in seconds. */
  criticalSeconds: number;
  /** Time if everything were created one after another. */
  serialSeconds: number;
}

/** True for what the engine creates: custom resources and remote (provider-implemented) components. */
export function isCreated(resource: RecordedResource): boolean {
  return resource.custom || resource.remote;
}

/**
 * Builds the plan. A dependency on a local component stands for its descendants, as in the
 * engine; local components themselves create nothing and are left out of the waves.
 * @throws Error on a dependency cycle or a dependency on an unknown URN.
 */
export function buildPlan(resources: readonly RecordedResource[]): Plan {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, RecordedResource[]>();
  for (const r of resources) {
    if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  }
  const customDescendants = (urn: string): string[] => {
    const r = byUrn.get(urn);
    if (!r) throw new Error(`dependency on unknown resource ${urn}`);
    if (isCreated(r)) return [urn];
    return (children.get(urn) ?? []).flatMap((child) => customDescendants(child.urn));
  };

  const custom = resources.filter(isCreated);
  const planned = new Map<string, PlannedResource>();
  const visiting = new Set<string>();
  const visit = (r: RecordedResource): PlannedResource => {
    const done = planned.get(r.urn);
    if (done) return done;
    if (visiting.has(r.urn)) throw new Error(`dependency cycle through ${r.urn}`);
    visiting.add(r.urn);
    const deps = [...r.dependencies, ...(r.provider ? [r.provider] : [])];
    const waitsFor = [...new Set(deps.flatMap(customDescendants))].filter((urn) => urn !== r.urn);
    const before = waitsFor.map((urn) => visit(byUrn.get(urn) as RecordedResource));
    const seconds = typicalSeconds(r.type, true);
    const start = Math.max(0, ...before.map((p) => p.finish));
    const wave = before.length === 0 ? 0 : Math.max(...before.map((p) => p.wave)) + 1;
    const entry: PlannedResource = { resource: r, waitsFor, wave, seconds, finish: start + seconds };
    visiting.delete(r.urn);
    planned.set(r.urn, entry);
    return entry;
  };
  const ordered = custom.map(visit);

  const waves: string[][] = [];
  for (const p of ordered) (waves[p.wave] ??= []).push(p.resource.urn);

  const last = ordered.reduce<PlannedResource | undefined>(
    (best, p) => (!best || p.finish > best.finish ? p : best),
    undefined,
  );
  const criticalPath: PlannedResource[] = [];
  for (let at = last; at;) {
    criticalPath.unshift(at);
    const start = at.finish - at.seconds;
    const previous: PlannedResource | undefined = at.waitsFor
      .map((urn) => planned.get(urn) as PlannedResource)
      .find((p) => p.finish === start && (start > 0 || p.seconds > 0));
    at = previous;
  }
  return {
    resources: ordered,
    waves,
    criticalPath,
    criticalSeconds: last?.finish ?? 0,
    serialSeconds: ordered.reduce((sum, p) => sum + p.seconds, 0),
  };
}
