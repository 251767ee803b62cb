/**
 * What an update rule reads (the inputs before and after, the paths that differ) and what it finds,
 * with the helpers the rules share.
 */
import { valueAt as valueAtPath } from "../../components/problems.ts";
import { QUANTITY } from "../../components/rules.ts";
import { COMPUTED } from "../recorder/values.ts";

/** Inputs of one resource, as in a plan or a preview. */
export type Inputs = Record<string, unknown>;

/** What an update does beyond changing a value. */
export interface UpdateFinding {
  /** `safe`: the update does nothing beyond the value, said with its reason (a Cluster's bootstrap). */
  verdict: "data loss" | "disruption" | "refused" | "safe";
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

export type UpdateRule = (update: UpdateContext) => UpdateFinding[];

/** The value at a dotted path (`a.b[0].c`). */
export function valueAt(inputs: unknown, path: string): unknown {
  return valueAtPath(inputs, path.split(/\.|\[|\]/).filter(Boolean));
}

/** True when a changed path is `prefix` or below it. */
export function changed(update: UpdateContext, prefix: string): boolean {
  return update.paths.some((p) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`8Gi`, `500M`, `1.5Gi`) in bytes; `undefined` for anything else (`(computed)`). */
export function quantityBytes(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const unit = match[3] ?? "";
  return Number(match[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? Number.NaN);
}

/** Base and head values at `path`, when both are known. */
export function both(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair: [unknown, unknown] = [valueAt(update.base, path), valueAt(update.head, path)];
  return pair.some((v) => v === undefined || v === COMPUTED) ? undefined : pair;
}

/** A smaller head size at `path` (a quantity, or a number of GiB). */
export function shrunk(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair = both(update, path);
  if (!pair) return undefined;
  const [from, to] = pair.map(quantityBytes);
  return from !== undefined && to !== undefined && to < from ? pair : undefined;
}

export function grown(update: UpdateContext, path: string): [unknown, unknown] | undefined {
  const pair = both(update, path);
  if (!pair) return undefined;
  const [from, to] = pair.map(quantityBytes);
  return from !== undefined && to !== undefined && to > from ? pair : undefined;
}
