/**
 * How two sets of inputs differ, leaf by leaf: known values that differ, values known only after
 * deployment on one side or both, and which paths a resource's `ignoreChanges` leaves out.
 */
import { COMPUTED } from "../recorder/values.ts";

/**
 * A leaf path known only after deployment on one side, and the other side's value there; or on both
 * sides, when it comes from a resource that is replaced or gets new outputs (`from`).
 */
export interface UnknownPath {
  path: string;
  /** The side whose value is `(computed)`. */
  unknownIn: "base" | "head" | "both";
  /** The value on the other side (`undefined` when it is not set there, or unknown on both). */
  known: unknown;
  /** For `both`: the resource it comes from, which is replaced or gets new outputs. */
  from?: string;
}

/**
 * How two sets of inputs differ: paths whose known values differ, paths known on one side only, and
 * paths known only after deployment on both sides (the same unless what they come from is replaced).
 */
export interface InputDifferences {
  changed: string[];
  unknown: UnknownPath[];
  computed: string[];
}

/**
 * Leaf paths where `a` (base) and `b` (head) differ. A value known only after deployment (`(computed)`)
 * on one side and known on the other is not a known difference but an unknown one: the deployed value
 * may or may not equal the known one. Unknown on both sides is no difference.
 */
export function inputDifferences(a: unknown, b: unknown, path = ""): InputDifferences {
  const at = path || "(root)";
  if (a === COMPUTED || b === COMPUTED) {
    if (a === b) return { changed: [], unknown: [], computed: [at] };
    // Set on one side only: whatever the deployed value is, it differs from "not set".
    if (a === undefined || b === undefined) return { changed: [at], unknown: [], computed: [] };
    const unknownIn = a === COMPUTED ? "base" : "head";
    return { changed: [], unknown: [{ path: at, unknownIn, known: unknownIn === "base" ? b : a }], computed: [] };
  }
  if (a === b) return { changed: [], unknown: [], computed: [] };
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return { changed: [at], unknown: [], computed: [] };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const join = (key: string) => (Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  const parts = [...keys].map((key) =>
    inputDifferences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], join(key)),
  );
  return {
    changed: parts.flatMap((p) => p.changed),
    unknown: parts.flatMap((p) => p.unknown),
    computed: parts.flatMap((p) => p.computed),
  };
}

/**
 * True when `path` is at or below one of a resource's `ignoreChanges` paths (`a.b`, `list[*].c`):
 * Pulumi keeps the deployed value there, so a difference is no change.
 */
export function isIgnored(path: string, ignoreChanges: readonly string[]): boolean {
  return ignoreChanges.some((pattern) => {
    const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\[\\\*\\\]/g, "\\[\\d+\\]");
    return new RegExp(`^${escaped}(?:$|[.[])`).test(path);
  });
}

/** True when `path` is at or below one of `prefixes`, or above one (a whole object that holds it changed). */
export function touches(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some(
    (p) =>
      path === p ||
      path === "(root)" ||
      [".", "["].some((sep) => path.startsWith(`${p}${sep}`) || p.startsWith(`${path}${sep}`)),
  );
}
