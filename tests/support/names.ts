/**
 * Generated names and a valid configuration for the tests of names and collisions.
 */
import fc from "fast-check";
import { EXISTING_CLUSTER_STACK, VALID_WORKLOAD } from "./config.ts";

/** A valid workload entry. */
export const workload = VALID_WORKLOAD;
/** A valid stack configuration on an existing cluster with one workload. */
export const valid = { ...EXISTING_CLUSTER_STACK, workloads: [workload] };
/** An etcd cluster entry on the stack's class. */
export const etcd = (name: string) => ({ name, storageClass: "standard" });
/** Runs of each property: pure checks, so cheap. */
export const RUNS = 60;

/** A DNS-1035 label of exactly `length` characters (a letter first, a letter or digit last). */
export const label = (length: number) =>
  fc
    .tuple(
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
      fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), {
        minLength: Math.max(0, length - 2),
        maxLength: Math.max(0, length - 2),
      }),
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    )
    .map(([first, middle, last]) => (length === 1 ? first : `${first}${middle.join("")}${last}`));
/** A DNS-1035 label of 1 to `max` characters. */
export const labelUpTo = (max: number) => fc.integer({ min: 1, max }).chain(label);
/** A DNS label that starts with a digit (accepted by DNS-1123, refused for a Service). */
export const digitFirst = fc
  .tuple(fc.constantFrom(..."0123456789"), labelUpTo(30))
  .map(([digit, rest]) => `${digit}${rest}`);
