/**
 * Value rules still written as schema pipes while their components' checks take them over; each
 * area's keys move to `builders.ts` shapes plus the component's own check.
 */
import * as v from "valibot";
import { DNS_LABEL, DNS_SUBDOMAIN } from "../components/rules.ts";
import { object } from "./builders.ts";

export { DNS_LABEL, DNS_SUBDOMAIN };
export { repeatedIndices } from "../components/problems.ts";
export { undefinedStorageClass } from "../components/rules.ts";

/** A UUID (an Entra ID object id), any version, or the nil and max UUIDs. */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** An object with exactly these keys (see {@link object}). */
export function strictObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return object(entries, "a settings object");
}

/** The path item of `key` in `object`, for issues reported below an object. */
export function keyPath(object: Record<string, unknown>, key: string): [v.ObjectPathItem] {
  return [{ type: "object", origin: "value", input: object, key, value: object[key] }];
}

/** A bound on the length of a string (in code points) or an array. */
export function length<TSchema extends v.GenericSchema>(
  schema: TSchema,
  bound: "min" | "max",
  limit: number,
  message?: string,
) {
  return v.pipe(
    schema,
    v.check(
      (value: v.InferOutput<TSchema>) => {
        const raw = (value as { length?: unknown }).length;
        if (raw === undefined) return true;
        const counted = typeof value === "string" ? Array.from(value).length : Number(raw);
        return bound === "min" ? counted >= limit : counted <= limit;
      },
      message ?? `expected ${bound === "min" ? "at least" : "at most"} ${limit}`,
    ),
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

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return v.picklist(values, `expected one of ${values.map((value) => `"${value}"`).join(", ")}`);
}

/** A finite number; `message` is reported for anything else. */
export function number(message: string) {
  return v.pipe(v.number(message), v.finite(message));
}

/** A whole number in a range. */
export function int(min: number, max: number, what: string) {
  const message = `expected a whole number from ${min} to ${max} (${what})`;
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(min, message), v.maxValue(max, message));
}

/** A UUID; `message` is reported for anything else. */
export function uuid(message: string) {
  return v.pipe(v.string(message), v.regex(UUID, message));
}

/** A DNS label; `what` says what it names. */
export function dnsLabel(what: string) {
  return v.pipe(
    v.string(`expected a string (${what})`),
    v.maxLength(63, `must be at most 63 characters (${what})`),
    v.regex(
      DNS_LABEL,
      `must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit (${what})`,
    ),
  );
}

/** An object of string keys (each passing `keyRule`) to values of `value`. */
export function keyedRecord<T extends v.GenericSchema>(value: T, keyRule: (key: string) => boolean) {
  return v.record(v.pipe(v.string(), v.check(keyRule, "Invalid key in record")), value);
}

/** A string; `message` is reported for anything else. */
export function string(message?: string) {
  return v.string(message ?? "expected a string");
}

/** A list of `item`. */
export function array<T extends v.GenericSchema>(item: T) {
  return v.array(item, "expected a list");
}

/** An object of string keys to values of `value`. */
export function record<T extends v.GenericSchema>(value: T) {
  return v.record(v.string(), value, "expected an object");
}

export { boolean } from "./builders.ts";
