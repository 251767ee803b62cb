/**
 * Text and JSON renderings of a plan.
 */
import type { Violation } from "../../policy/model.ts";
import type { RecordedResource, Recording } from "../recorder/record.ts";
import { COMPUTED } from "../recorder/values.ts";
import { renderBackups } from "./backups.ts";
import type { Plan, PlannedResource } from "./graph.ts";

/** The `--json` document. */
export interface PlanDocument {
  stack: string;
  project: string;
  resources: {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    remote: boolean;
    parent: string | null;
    provider: string | null;
    dependencies: string[];
    /** For each input property, the resources its value came from (absent in plans of older versions). */
    propertyDependencies?: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    aliases: unknown[];
    inputs: Record<string, unknown>;
  }[];
  waves: string[][];
  estimate: { criticalPathSeconds: number; serialSeconds: number; criticalPath: string[] };
}

/** Builds the `--json` document. */
export function planDocument(recording: Recording, plan: Plan): PlanDocument {
  return {
    stack: recording.stack,
    project: recording.project,
    resources: recording.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      custom: r.custom,
      remote: r.remote,
      parent: r.parent ?? null,
      provider: r.provider ?? null,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ignoreChanges: r.ignoreChanges,
      aliases: r.aliases,
      inputs: r.inputs,
    })),
    waves: plan.waves,
    estimate: {
      criticalPathSeconds: plan.criticalSeconds,
      serialSeconds: plan.serialSeconds,
      criticalPath: plan.criticalPath.map((p) => p.resource.urn),
    },
  };
}

/** `95` → `1m 35s`. */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest}s` : rest === 0 ? `${minutes}m` : `${minutes}m ${rest}s`;
}

function computedPaths(value: unknown, path = ""): string[] {
  if (value === COMPUTED) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => computedPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => computedPaths(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** The last part of a type token: `kubernetes:core/v1:Service` → `Service`; a provider stays whole. */
export function shortType(type: string): string {
  return type.startsWith("pulumi:providers:") ? type : (type.split(":").at(-1) ?? type);
}

/**
 * A resource as the critical path names it: its short type and name (`Service cache`), or its
 * full type when another of `among` has the same short type and name (`kubernetes:core/v1:Secret
 * db` next to `aws:secretsmanager/secret:Secret db`).
 */
export function resourceLabel(resource: RecordedResource, among: readonly PlannedResource[]): string {
  const short = shortType(resource.type);
  const clash = among.some(
    (p) =>
      p.resource.name === resource.name && p.resource.type !== resource.type && shortType(p.resource.type) === short,
  );
  return `${clash ? resource.type : short} ${resource.name}`;
}

/** The plan as text for a terminal or a pull-request comment. */
export function renderPlan(recording: Recording, plan: Plan): string {
  const lines: string[] = [];
  lines.push(`Plan for stack "${recording.stack}" of ${recording.project}: offline, no cloud calls, no credentials.`);
  lines.push("Each wave can start once the waves before it are done; resources within a wave are created in parallel.");
  const width = Math.max(...plan.resources.map((p) => p.resource.type.length), 10);
  plan.waves.forEach((wave, i) => {
    const slowest = Math.max(...wave.map((urn) => plan.resources.find((p) => p.resource.urn === urn)?.seconds ?? 0));
    lines.push(
      "",
      `Wave ${i + 1} (${wave.length} resource${wave.length === 1 ? "" : "s"}, up to ~${formatSeconds(slowest)})`,
    );
    for (const urn of wave) {
      const p = plan.resources.find((x) => x.resource.urn === urn);
      if (!p) continue;
      const r = p.resource;
      const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
      const computed = computedPaths(r.inputs);
      const notes = [
        flags.length > 0 ? `[${flags.join(", ")}]` : "",
        computed.length > 0 ? `computed: ${computed.slice(0, 3).join(", ")}${computed.length > 3 ? ", …" : ""}` : "",
      ].filter(Boolean);
      lines.push(`  + ${r.type.padEnd(width)}  ${r.name}${notes.length > 0 ? `  ${notes.join("  ")}` : ""}`);
    }
  });
  const counts = new Map<string, number>();
  for (const r of recording.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  lines.push("", "Resources by type:");
  for (const [type, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(count).padStart(4)}  ${type}`);
  }
  const components = recording.resources.filter((r) => !r.custom && !r.remote).length;
  lines.push(
    `  ${String(recording.resources.length).padStart(4)}  total (${plan.resources.length} to create, ${components} components)`,
  );
  lines.push(...renderBackups(recording));
  lines.push(
    "",
    `Estimated time to environment: ${formatSeconds(plan.criticalSeconds)} (critical path; one after another it would take ${formatSeconds(plan.serialSeconds)}).`,
    `Critical path: ${plan.criticalPath.map((p) => `${resourceLabel(p.resource, plan.criticalPath)} (${formatSeconds(p.seconds)})`).join(" → ")}`,
    `Values known only after deployment show as ${COMPUTED}; secrets as [secret]. Use --json <file> (or --json - for standard output) for every input.`,
  );
  return lines.join("\n");
}

/** The policy verdict under the plan. */
export function renderViolations(violations: readonly Violation[]): string {
  if (violations.length === 0) return "Policies: no violations.";
  const lines = [`Policies: ${violations.length} violation${violations.length === 1 ? "" : "s"}:`];
  for (const v of violations)
    lines.push(`  ${v.enforcement === "mandatory" ? "✗" : "!"} [${v.enforcement}] ${v.policy}: ${v.message}`);
  return lines.join("\n");
}
