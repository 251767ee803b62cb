/**
 * Schema builders shared by every configuration module, each with the message a user sees.
 * Free of imports from the other config modules, so any of them can use it.
 *
 * The schemas are valibot's. A failed type check marks a value untyped (`typed: false`): the checks
 * after it are skipped, and so are the refinements of the objects that contain it. A failed check
 * (a range, a pattern, a length, a refinement) leaves the value typed, so every check of a value
 * is reported, and the refinements of its objects still run.
 */
import * as v from "valibot";

/** A DNS label (Kubernetes names of namespaces, services, …). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS subdomain (Kubernetes names of storage classes, …). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A UUID (an Entra ID object id), any version, or the nil and max UUIDs. */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** The `type` of the issue {@link strictObject} reports for each unknown key. */
export const UNKNOWN_KEY = "unknown_key";

type Issue = v.BaseIssue<unknown>;
type Dataset<T> = v.OutputDataset<T, Issue>;

/** A plain object: not null, not an array. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object made by an object literal, `JSON.parse` or `Object.create(null)`: what a record accepts. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === null || prototype === Object.prototype;
}

/** The name of a value's type as messages show it: `array`, `null`, `NaN`, `Infinity`, … */
function typeName(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "number" : String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") {
    const prototype = Object.getPrototypeOf(value) as unknown;
    const constructor = (value as { constructor?: { name?: unknown } }).constructor;
    if (prototype !== Object.prototype && "constructor" in value && constructor) return String(constructor.name);
  }
  return typeof value;
}

/** The message of a value of the wrong type, when the schema has none of its own. */
function invalidType(expected: string) {
  return (issue: Issue) => typeMessage(expected, issue.input);
}

function typeMessage(expected: string, input: unknown): string {
  return `Invalid input: expected ${expected}, received ${typeName(input)}`;
}

/** A new issue at `path` (below the value being checked). */
function issueAt(kind: Issue["kind"], type: string, input: unknown, message: string, path?: Issue["path"]): Issue {
  return { kind, type, input, expected: null, received: typeName(input), message, path };
}

/** The path item of `key` in `object`, for issues reported below an object. */
export function keyPath(object: Record<string, unknown>, key: string): [v.ObjectPathItem] {
  return [{ type: "object", origin: "value", input: object, key, value: object[key] }];
}

/** A path item's key as a property key (an object's key or an array's index). */
export function pathKey(key: unknown): PropertyKey {
  return typeof key === "string" || typeof key === "number" || typeof key === "symbol" ? key : String(key);
}

/** A string; `message` replaces the default "expected string" message. */
export function string(message?: string) {
  return v.string(message ?? invalidType("string"));
}

/** An array of `item`. */
export function array<T extends v.GenericSchema>(item: T) {
  return v.array(item, invalidType("array"));
}

/** The length of a string in code points (a surrogate pair is one character). */
function codePoints(text: string): number {
  return Array.from(text).length;
}

/**
 * A bound on the length of a string (in code points) or an array. It runs even when the value has
 * the wrong type, as long as the value has a length: `[]` given for a string is also "too short".
 * Without a message, the default one says what is too short or too long.
 */
export function length<TSchema extends v.GenericSchema>(
  schema: TSchema,
  bound: "min" | "max",
  limit: number,
  message?: string,
) {
  return v.pipe(
    schema,
    v.rawCheck<v.InferOutput<TSchema>>(({ dataset, addIssue }) => {
      const value: unknown = dataset.value;
      if (value === null || value === undefined) return;
      const raw = (value as { length?: unknown }).length;
      if (raw === undefined) return;
      const text = typeof value === "string" ? value : undefined;
      const counted = text !== undefined ? codePoints(text) : Number(raw);
      if (bound === "min" ? counted >= limit : counted <= limit) return;
      const origin = Array.isArray(value) ? "array" : text !== undefined ? "string" : "unknown";
      const unit = origin === "array" ? "items" : origin === "string" ? "characters" : undefined;
      const what = bound === "min" ? `Too small: expected ${origin} to` : `Too big: expected ${origin} to`;
      const limitText = `${bound === "min" ? ">=" : "<="}${limit}`;
      addIssue({ message: message ?? (unit ? `${what} have ${limitText} ${unit}` : `${what} be ${limitText}`) });
    }),
  );
}

/** A check of a typed value by a function that returns the problem's message, or undefined. */
export function problemCheck<T>(problem: (value: T) => string | undefined) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const message = problem(dataset.value);
    if (message !== undefined) addIssue({ message });
  });
}

/**
 * An object whose unknown keys are reported, all of them, each with a message that lists the keys
 * that are allowed. A missing key is checked as `undefined` by its own schema, so the message says
 * what the key must hold; the unknown keys follow the problems of the known keys.
 */
export function strictObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  const keys = Object.keys(entries);
  const allowed = keys.join(", ");
  const required = keys.filter((key) => entries[key]?.type !== "optional");
  const object = v.object(entries, invalidType("object"));
  const schema = {
    ...object,
    "~run"(dataset: v.UnknownDataset, config: v.Config<Issue>): Dataset<v.InferOutput<typeof object>> {
      const input = dataset.value;
      if (!isObject(input)) {
        return {
          typed: false,
          value: input,
          issues: [issueAt("schema", "object", input, typeMessage("object", input))],
        };
      }
      const complete: Record<string, unknown> = { ...input };
      for (const key of required) if (!(key in input)) complete[key] = undefined;
      const result = object["~run"]({ value: complete }, config);
      const unknown: string[] = [];
      for (const key in input) if (!Object.hasOwn(entries, key)) unknown.push(key);
      if (unknown.length === 0) return result;
      const message = `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; allowed keys are: ${allowed}`;
      const issues: [Issue, ...Issue[]] = [
        ...(result.issues ?? []),
        ...unknown.map((key) => issueAt("validation", UNKNOWN_KEY, input[key], message, keyPath(input, key))),
      ] as [Issue, ...Issue[]];
      return result.typed
        ? { typed: true, value: result.value, issues }
        : { typed: false, value: result.value, issues };
    },
  };
  // Standard Schema validation runs these rules too, not those of the plain object.
  schema["~standard"] = {
    ...object["~standard"],
    validate: (value: unknown) => {
      const result = schema["~run"]({ value }, v.getGlobalConfig());
      if (!result.issues) return { value: result.value };
      return {
        issues: result.issues.map((issue) => ({
          message: issue.message,
          path: issue.path?.map((item) => ({ key: pathKey(item.key) })),
        })),
      };
    },
  };
  return schema;
}

/**
 * An object of string keys to values of `value`; with `keyRule`, a key that breaks it is reported
 * ("Invalid key in record") and its value is not checked.
 */
export function record<T extends v.GenericSchema>(value: T, keyRule?: (key: string) => boolean) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, invalidType("record")),
    v.rawTransform<Record<string, unknown>, Record<string, v.InferOutput<T>>>(({ dataset, addIssue }) => {
      const input = dataset.value;
      const output: Record<string, v.InferOutput<T>> = {};
      for (const key of Object.keys(input)) {
        if (key === "__proto__") continue;
        if (keyRule && !keyRule(key)) {
          addIssue({ message: "Invalid key in record", path: keyPath(input, key) });
          continue;
        }
        const result = v.safeParse(value, input[key]);
        if (result.success) output[key] = result.output;
        else
          for (const issue of result.issues)
            addIssue({ message: issue.message, path: [...keyPath(input, key), ...(issue.path ?? [])] });
      }
      return output;
    }),
  );
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return v.picklist(values, `expected one of ${values.map((value) => `"${value}"`).join(", ")}`);
}

/** A finite number; `message` is reported for anything else. */
export function number(message: string) {
  return v.pipe(
    v.number(message),
    v.rawTransform<number, number>(({ dataset, addIssue }) => {
      if (!Number.isFinite(dataset.value)) addIssue({ message });
      return dataset.value;
    }),
  );
}

/** A whole number in a range. */
export function int(min: number, max: number, what: string) {
  const message = `expected a whole number from ${min} to ${max} (${what})`;
  return v.pipe(
    v.number(message),
    // A fraction (or an infinity) is not a number of this kind at all: nothing else is checked.
    v.rawTransform<number, number>(({ dataset, addIssue }) => {
      if (!Number.isInteger(dataset.value)) addIssue({ message });
      return dataset.value;
    }),
    v.rawCheck<number>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const n = dataset.value;
      if (!Number.isSafeInteger(n)) addIssue({ message });
      if (n < min) addIssue({ message });
      if (n > max) addIssue({ message });
    }),
  );
}

/** A boolean. */
export function boolean() {
  return v.boolean("expected true or false");
}

/** A UUID; `message` is reported for anything else. */
export function uuid(message: string) {
  return v.pipe(v.string(message), v.regex(UUID, message));
}

/** A DNS label; `what` says what it names. */
export function dnsLabel(what: string) {
  return v.pipe(
    length(v.string(`expected a string (${what})`), "max", 63, `must be at most 63 characters (${what})`),
    v.regex(
      DNS_LABEL,
      `must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit (${what})`,
    ),
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

/** The message for a storage class the stack does not define. */
export function undefinedStorageClass(value: string, defined: readonly string[]): string {
  const known = defined.length > 0 ? defined.map((c) => `"${c}"`).join(", ") : "none";
  return `the stack defines no storage class "${value}" (defined: ${known}); add it to storageClasses or use a defined one`;
}
