/**
 * Schema builders shared by every configuration module, each with the message a user sees.
 * Free of imports from the other config modules, so any of them can use it.
 */
import { z } from "zod";

/** A DNS label (Kubernetes names of namespaces, services, …). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS subdomain (Kubernetes names of storage classes, …). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A `z.strictObject` whose unknown-key message lists the keys that are allowed. */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed keys are: ${allowed}`
        : undefined,
  });
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: () => `expected one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

/** A whole number in a range. */
export function int(min: number, max: number, what: string) {
  const error = `expected a whole number from ${min} to ${max} (${what})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A DNS label; `what` says what it names. */
export function dnsLabel(what: string) {
  return z
    .string({ error: `expected a string (${what})` })
    .max(63, { error: `must be at most 63 characters (${what})` })
    .regex(DNS_LABEL, {
      error: `must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit (${what})`,
    });
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
