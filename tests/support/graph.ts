/**
 * Queries over a recording, for tests.
 */
import { valueAt } from "../../components/problems.ts";
import assert from "node:assert/strict";
import type { RecordedResource, Recording } from "../../tools/recorder/record.ts";

/** Resources of a type (exact token). */
export function ofType(recording: Recording, type: string): RecordedResource[] {
  return recording.resources.filter((r) => r.type === type);
}

/** The one resource with this logical name, and type when given (fails the test unless exactly one). */
export function named(recording: Recording, name: string, type?: string): RecordedResource {
  const found = recording.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
  assert.equal(
    found.length,
    1,
    `expected one resource named "${name}"${type ? ` of type ${type}` : ""}, found ${found.length}`,
  );
  return found[0] as RecordedResource;
}

/** Reads a nested input value by dotted path (`spec.template.spec.containers.0.image`). */
export function input(resource: RecordedResource, path: string): unknown {
  return valueAt(resource.inputs, path.split("."));
}

/** URNs of every resource `resource` waits for, through dependencies and its provider, transitively. */
export function transitiveDependencies(recording: Recording, resource: RecordedResource): Set<string> {
  const byUrn = new Map(recording.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const stack = [...resource.dependencies, ...(resource.provider ? [resource.provider] : [])];
  while (stack.length > 0) {
    const urn = stack.pop() as string;
    if (seen.has(urn)) continue;
    seen.add(urn);
    const next = byUrn.get(urn);
    if (next) stack.push(...next.dependencies, ...(next.provider ? [next.provider] : []));
  }
  return seen;
}

/** True when `resource` is `ancestor` or has it as a parent, grandparent, … */
export function isDescendant(recording: Recording, resource: RecordedResource, ancestor: string): boolean {
  const byUrn = new Map(recording.resources.map((r) => [r.urn, r]));
  for (let at: RecordedResource | undefined = resource; at; at = at.parent ? byUrn.get(at.parent) : undefined) {
    if (at.urn === ancestor) return true;
  }
  return false;
}
