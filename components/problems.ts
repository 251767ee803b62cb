/**
 * The one shape of a problem with a component's arguments, and the helpers every check uses. Each
 * component owns one pure check of its arguments that returns these; the stack configuration maps
 * their paths back to its keys, so a rule has one message whether it is broken in TypeScript or in
 * a stack file.
 */

/** One bad argument value. */
export interface Problem {
  /** Where the value sits in the checked arguments, e.g. `["workloads", 0, "replicas"]` (`[]`: the whole). */
  path: readonly PropertyKey[];
  /** The value found there (`undefined` when it is missing). */
  value: unknown;
  /** What is wrong, what is allowed and how to fix it (no trailing period). */
  message: string;
  /**
   * The other argument of a clash between two (the problem is at the later one): every rendering
   * names it after the message, as its path or, in a stack's configuration, its key.
   */
  related?: readonly PropertyKey[];
}

/** A problem at `path` with the value found there. */
export function problem(path: readonly PropertyKey[], value: unknown, message: string): Problem {
  return { path, value, message };
}

/** The problems of a part of the arguments, with their paths made relative to the whole. */
export function under(prefix: readonly PropertyKey[], problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({
    ...p,
    path: [...prefix, ...p.path],
    ...(p.related ? { related: [...prefix, ...p.related] } : {}),
  }));
}

/** The note a rendered clash ends with, naming the other argument (`other`: its path or key). */
export function clashNote(other: string): string {
  return ` (the other: ${other})`;
}

/** Renders a path such as `["workloads", 0, "replicas"]` as `workloads[0].replicas`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** The value at `path` below `root` (`undefined` when anything on the way is missing). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** A value as a problem shows it: JSON, shortened; `(not set)` when missing. */
export function showValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Renders one problem as `path = value: message`. */
export function describeProblem(p: Problem): string {
  const where = p.path.length === 0 ? "" : `${formatPath(p.path)} = ${showValue(p.value)}: `;
  return `${where}${p.message}${p.related ? clashNote(formatPath(p.related)) : ""}`;
}

/** Thrown by a component whose arguments break its rules, before it registers anything. */
export class ArgumentError extends Error {
  /** Every problem found. */
  readonly problems: readonly Problem[];

  /**
   * @param component What was checked, e.g. `Platform "platform"`.
   * @param problems The problems found (at least one).
   */
  constructor(component: string, problems: readonly Problem[]) {
    super(`${component}: ${problems.map(describeProblem).join("; ")}`);
    this.name = "ArgumentError";
    this.problems = problems;
  }
}

/** Throws an {@link ArgumentError} naming `component` when `problems` is not empty. */
export function refuse(component: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ArgumentError(component, problems);
}

/**
 * The problem of one string-enum value, or none when it is valid or not set. TypeScript callers
 * cannot pass a bad value, but callers from other languages (through the package schema), plain
 * JavaScript and stack files can: such a value must fail loudly, not fall back to a default.
 * @param variants The enum object (`as const`) whose values are allowed.
 */
export function variantProblems(
  path: readonly PropertyKey[],
  value: unknown,
  variants: Readonly<Record<string, string>>,
): Problem[] {
  const allowed = Object.values(variants);
  if (value === undefined || (typeof value === "string" && allowed.includes(value))) return [];
  const choices = allowed.map((v) => `"${v}"`).join(", ");
  return [problem(path, value, value === "" ? `required: one of ${choices}` : `expected one of ${choices}`)];
}

/**
 * The one rule of names that must be unique: each name used again is reported at `pathOf(i)`.
 * @param what What the names name, e.g. `"workload"`.
 */
export function repeatedNameProblems(
  names: readonly string[],
  pathOf: (index: number) => readonly PropertyKey[],
  what: string,
): Problem[] {
  return repeatedIndices(names).map((i) =>
    problem(pathOf(i), names[i], `${what} names must be unique; this name is used earlier, rename one of them`),
  );
}

/** Indices of the entries whose key already appeared earlier in the list. */
export function repeatedIndices(keys: readonly string[]): number[] {
  const seen = new Set<string>();
  return keys.flatMap((key, i) => {
    const repeated = seen.has(key);
    seen.add(key);
    return repeated ? [i] : [];
  });
}
