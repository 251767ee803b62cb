/**
 * The shape of a stack's configuration, written with valibot's own schemas, pipes and issue paths
 * and the project's messages. These check what a value is (a string, a number, an object with
 * known keys); what values a component accepts is the component's own check (`components/`).
 */
import * as v from "valibot";

type Issue = v.BaseIssue<unknown>;

/** The name of a value's type as messages show it: `a string`, `a number`, `a list`, `null`, … */
export function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isFinite(value) ? "a number" : String(value);
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** The message of a value of the wrong type: what was expected, for what, and what was found. */
function expected(what: string, description?: string) {
  return (issue: Issue) =>
    issue.input === undefined
      ? `is required: ${describe(what, description)}`
      : `${describe(what, description)}, found ${kindOf(issue.input)}`;
}

/** What a schema holds, as a required key's message says it. */
function describe(what: string, description?: string): string {
  return `expected ${what}${description ? ` (${description})` : ""}`;
}

/** A string; `description` says what it holds. */
export function string(description?: string) {
  return v.pipe(v.string(expected("a string", description)), v.description(describe("a string", description)));
}

/**
 * A string that names one of a component's enum values, typed as the enum. Which values are
 * allowed is the component's own check (`variantProblems`), so the rule and its message live there.
 */
export function variant<T extends string>(variants: Readonly<Record<string, T>>, description?: string) {
  const allowed = Object.values(variants)
    .map((value) => `"${value}"`)
    .join(", ");
  const what = `one of ${allowed}`;
  const schema = v.pipe(v.string(expected(what, description)), v.description(describe(what, description)));
  return schema as unknown as v.GenericSchema<string, T>;
}

/** A finite number; `description` says what it counts. */
export function number(description?: string) {
  return v.pipe(
    v.number(expected("a number", description)),
    v.finite(expected("a finite number", description)),
    v.description(describe("a number", description)),
  );
}

/** `true` or `false`. Pulumi passes top-level booleans as the strings `"true"` and `"false"`. */
export function boolean(description?: string) {
  return v.pipe(
    v.union([v.boolean(), v.picklist(["true", "false"])], expected("true or false", description)),
    v.transform((value) => value === true || value === "true"),
    v.description(describe("true or false", description)),
  );
}

/** A list of `item`; `description` says what it lists. */
export function array<T extends v.GenericSchema>(item: T, description?: string) {
  return v.pipe(v.array(item, expected("a list", description)), v.description(describe("a list", description)));
}

/** An object of string keys to values of `value`; `description` says what it maps. */
export function record<T extends v.GenericSchema>(value: T, description?: string) {
  return v.pipe(
    v.record(v.string(), value, expected("an object", description)),
    v.description(describe("an object", description)),
  );
}

/**
 * The known key `key` most likely means: the one known key it begins (`environment` for `env`,
 * `replicas` for `replica`), else the closest (case, two letters off, three in a key of 9 letters
 * or more), else a known key of 3 letters or more that `key` begins with.
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const extended = known.filter((candidate) => lower.length >= 3 && candidate.toLowerCase().startsWith(lower));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3));
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? known.find((candidate) => candidate.length >= 3 && lower.startsWith(candidate.toLowerCase()));
}

/** Levenshtein distance of two strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A key of an earlier release: the key that replaced it, and its value in the new key's terms. */
export interface RenamedKey {
  /** The key that replaced it. */
  key: string;
  /** The old key's value as the new key takes it. */
  value: (old: unknown) => unknown;
}

/** A size in GiB renamed to a storage quantity key (`sizeGb: 256` → `size: "256Gi"`). */
export function renamedSize(key: string): RenamedKey {
  return { key, value: (old) => (typeof old === "number" ? `${old}Gi` : old) };
}

const RENAMED = /^"([^"]+)" was renamed: use ([^:]+): (.+)$/;

/** The message for a key of an earlier release, with the new key and its value. */
function renamedMessage(old: string, renamed: RenamedKey, value: unknown): string {
  return `"${old}" was renamed: use ${renamed.key}: ${JSON.stringify(renamed.value(value))}`;
}

/** The new key and its value, when `message` is that of a renamed key. */
export function renamedTo(message: string): { key: string; value: unknown } | undefined {
  const match = RENAMED.exec(message);
  if (!match) return undefined;
  return { key: match[2] as string, value: JSON.parse(match[3] as string) as unknown };
}

/** Whether a problem's message is that of a key the configuration does not have (its fix removes the key). */
export function isUnknownKeyMessage(message: string): boolean {
  return message.startsWith("unknown key ") || RENAMED.test(message);
}

const DID_YOU_MEAN = /^unknown key "[^"]+"; did you mean "([^"]+)"\?$/;

/** The key a misspelt key's message suggests, when it suggests one. */
export function suggestedKey(message: string): string | undefined {
  return DID_YOU_MEAN.exec(message)?.[1];
}

/** The message for a key the object does not have: the closest known key, or every known key. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = closest(key, known);
  if (near !== undefined) return `unknown key "${key}"; did you mean "${near}"?`;
  return `unknown key "${key}"; allowed keys are: ${known.join(", ")}`;
}

/**
 * An object with exactly these keys: a missing required key is reported as required, with what it
 * must hold; every key it does not know is reported at its own path, with the closest known key.
 * @param description What the object is, e.g. `a workload`.
 * A key of an earlier release is reported with the key and value that replace it, and its value
 * stands in for the new key meanwhile, so the new key is not also reported as missing.
 * @param renamed Keys of earlier releases and what replaced them, e.g. `{ sizeGb: renamedSize("size") }`.
 */
export function object<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  description: string,
  renamed: Readonly<Record<string, RenamedKey>> = {},
) {
  const known = Object.keys(entries);
  const message = (issue: Issue) => {
    const key = issue.path?.at(-1)?.key;
    if (typeof key === "string") {
      const schema = entries[key];
      const holds = schema ? v.getDescription(schema) : undefined;
      return `is required${holds ? `: ${holds}` : ""}`;
    }
    return `expected an object (${description}), found ${kindOf(issue.input)}`;
  };
  const loose = v.looseObject(entries, message);
  type Loose = v.InferOutput<typeof loose>;
  const withRenamed = (input: unknown): unknown => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
    const record = input as Record<string, unknown>;
    const filled = { ...record };
    for (const [old, rename] of Object.entries(renamed))
      if (old in record && !(rename.key in record)) filled[rename.key] = rename.value(record[old]);
    return filled;
  };
  return v.pipe(
    v.unknown(),
    v.transform(withRenamed),
    loose,
    v.rawCheck<Loose>(({ dataset, addIssue }) => {
      const input: unknown = dataset.value;
      if (input === null || typeof input !== "object" || Array.isArray(input)) return;
      const record = input as Record<string, unknown>;
      for (const [key, value] of Object.entries(record)) {
        if (Object.hasOwn(entries, key)) continue;
        const rename = Object.hasOwn(renamed, key) ? renamed[key] : undefined;
        addIssue({
          message: rename ? renamedMessage(key, rename, value) : unknownKeyMessage(key, known),
          path: [{ type: "object", origin: "key", input: record, key, value }],
        });
      }
    }),
    v.description(`expected an object (${description})`),
    v.transform(
      (input: Loose) =>
        Object.fromEntries(known.filter((k) => k in input).map((k) => [k, input[k]])) as v.InferOutput<
          v.ObjectSchema<TEntries, undefined>
        >,
    ),
  );
}

/** The key path of an issue, e.g. `["workloads", 0, "replicas"]`. */
export function issuePath(issue: Issue): PropertyKey[] {
  return (issue.path ?? []).map((item) => {
    const key: unknown = item.key;
    return typeof key === "string" || typeof key === "number" ? key : String(key);
  });
}
