/**
 * The gate over a real `pulumi preview --json`: the engine's steps (update, replace, delete), each
 * judged with the same verdicts as the plan diff.
 */
import { ReviewInputError } from "./planFile.ts";
import { inputDifferences } from "./inputs.ts";
import type { ResourceChange, StackDiff } from "./planDiff.ts";
import { ruleFor } from "./statefulTypes.ts";
import { judge } from "./verdicts.ts";

/** The part of a `pulumi preview --json` step the gate reads. */
export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { type?: string; inputs?: Record<string, unknown>; protect?: boolean; retainOnDelete?: boolean };
  newState?: { type?: string; inputs?: Record<string, unknown>; protect?: boolean; retainOnDelete?: boolean };
  replaceReasons?: string[];
  diffReasons?: string[];
}

/** Steps that delete the old resource. */
export const DESTRUCTIVE_OPS = ["delete", "replace", "create-replacement", "delete-replaced"] as const;

/** Checks that `value` is the output of `pulumi preview --json`. */
export function asPreview(value: unknown, file: string): { steps: PreviewStep[] } {
  const doc = value as { steps?: unknown; changeSummary?: unknown } | null;
  const ok =
    doc !== null &&
    typeof doc === "object" &&
    Array.isArray(doc.steps) &&
    doc.steps.every(
      (s: { op?: unknown; urn?: unknown } | null) => typeof s?.op === "string" && typeof s.urn === "string",
    );
  if (!ok) {
    throw new ReviewInputError(
      `${file} is not a preview file: expected the JSON written by \`pulumi preview --json\` ({ steps: [{ op, urn, … }], changeSummary })`,
    );
  }
  return doc as { steps: PreviewStep[] };
}

function typeOf(step: PreviewStep): string {
  return step.newState?.type ?? step.oldState?.type ?? step.urn.split("::")[2]?.split("$").pop() ?? "";
}

function kindOf(op: string): ResourceChange["kind"] | undefined {
  if (op === "create") return "add";
  if (op === "update") return "update";
  if (op === "delete") return "remove";
  return (DESTRUCTIVE_OPS as readonly string[]).includes(op) ? "replace" : undefined;
}

/** StorageClasses the preview knows (in any step, `same` included) by name: whether each allows expansion. */
function expansionByClass(steps: PreviewStep[]): (name: string) => boolean | undefined {
  const classes = new Map<unknown, boolean>();
  for (const step of steps) {
    const state = step.newState ?? step.oldState;
    if (typeOf(step) !== "kubernetes:storage.k8s.io/v1:StorageClass" || !state?.inputs) continue;
    const metadata = state.inputs["metadata"] as { name?: unknown } | undefined;
    classes.set(metadata?.name, state.inputs["allowVolumeExpansion"] === true);
  }
  return (name) => classes.get(name);
}

/** Claims the preview's stack creates itself (in any step, `same` included): namespace and name. */
function claimsOfSteps(steps: PreviewStep[]): (namespace: string, name: string) => boolean {
  const claims = new Set<string>();
  for (const step of steps) {
    const inputs = (step.newState ?? step.oldState)?.inputs;
    if (typeOf(step) !== "kubernetes:core/v1:PersistentVolumeClaim" || !inputs) continue;
    const metadata = (inputs["metadata"] ?? {}) as { name?: unknown; namespace?: unknown };
    claims.add(`${String(metadata.namespace)}/${String(metadata.name)}`);
  }
  return (namespace, name) => claims.has(`${namespace}/${name}`);
}

/**
 * Turns the preview's steps into changes, one per resource, each judged: the engine's own decision
 * (update, replace, delete) is the truth; the verdict says what it means for data and availability.
 */
export function previewDiff(preview: { steps: PreviewStep[] }, stack: string, project: string): StackDiff {
  const expandable = expansionByClass(preview.steps);
  const stackClaim = claimsOfSteps(preview.steps);
  const steps = new Map<string, PreviewStep[]>();
  for (const step of preview.steps) {
    if (kindOf(step.op)) steps.set(step.urn, [...(steps.get(step.urn) ?? []), step]);
  }
  const changes = [...steps.entries()].map(([urn, group]): ResourceChange => {
    // A replacement is reported as up to three steps (create-replacement, replace, delete-replaced).
    const kinds = group.map((s) => kindOf(s.op));
    const kind = kinds.includes("replace") ? "replace" : (kinds[0] as ResourceChange["kind"]);
    const first = group[0] as PreviewStep;
    const type = typeOf(first);
    const state = group.map((s) => s.oldState).find(Boolean) ?? first.newState;
    const base = group.map((s) => s.oldState?.inputs).find(Boolean);
    const head = group.map((s) => s.newState?.inputs).find(Boolean);
    const rule = ruleFor(type, state?.inputs);
    const reasons = [...new Set(group.flatMap((s) => s.replaceReasons ?? []))];
    const diffs = [...new Set(group.flatMap((s) => s.diffReasons ?? []))];
    const reason =
      kind === "replace"
        ? `the engine replaces it${reasons.length > 0 ? ` (changes to ${reasons.join(", ")})` : ""}`
        : kind === "remove"
          ? "the engine deletes it"
          : undefined;
    const changed = base && head ? inputDifferences(base, head).changed : [];
    const paths = changed.length > 0 ? changed : diffs.length > 0 ? diffs : reasons;
    const retainOnDelete = group.some((s) => s.oldState?.retainOnDelete === true);
    const facts = { kind, type, rule, base, head, paths, renamed: false, retainOnDelete, expandable, stackClaim };
    const judgement = judge(facts);
    return {
      kind,
      urn,
      type,
      name: urn.split("::").pop() ?? urn,
      paths,
      reason,
      what: rule?.what ?? type,
      ...judgement,
      protect: state?.protect === true,
      retainOnDelete: state?.retainOnDelete === true,
      dependencies: [],
    };
  });
  return { project, stack, changes };
}
