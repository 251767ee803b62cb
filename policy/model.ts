/**
 * The resource model the policies read: what both the Pulumi policy engine (online) and the
 * recorder (offline) can give. One implementation of every policy runs on both.
 */
import { isProductionStack } from "../components/options.ts";
import { valueAt } from "../components/problems.ts";

/** A resource as a policy sees it. */
export interface CheckedResource {
  urn: string;
  type: string;
  name: string;
  /** Inputs (offline) or properties (online); unknown values are absent or the string `(computed)`. */
  props: Record<string, unknown>;
  protect: boolean;
  /** Offline only: the policy engine does not report it, so online it is `undefined` and not judged. */
  retainOnDelete: boolean | undefined;
  /** URN of the explicit provider; `undefined` for a default provider. */
  provider: string | undefined;
  parent: string | undefined;
  /** URNs this resource waits for. */
  dependencies: string[];
  /** For each input property, the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
}

/** A stack as a policy sees it. */
export interface CheckedStack {
  stack: string;
  resources: CheckedResource[];
}

/** How bad breaking a policy is. */
export type Enforcement = "mandatory" | "advisory";

/** One broken rule. */
export interface Violation {
  policy: string;
  enforcement: Enforcement;
  urn: string;
  name: string;
  message: string;
}

/** A policy: a name, what it protects, and a check over a whole stack. */
export interface StackPolicy {
  name: string;
  description: string;
  enforcement: Enforcement;
  /** Returns one message per offending resource. */
  check(stack: CheckedStack): { resource: CheckedResource; message: string }[];
}

/** Whether a stack's name marks it as production; the configuration holds such stacks to `environment: prod`. */
export const isProduction = isProductionStack;

/** Reads a nested property by dotted path. */
export function prop(resource: CheckedResource, path: string): unknown {
  return valueAt(resource.props, path.split("."));
}

/** Value shown for what is only known after deployment. */
export const UNKNOWN = "(computed)";

/** Runs every policy over a stack. */
export function runPolicies(policies: readonly StackPolicy[], stack: CheckedStack): Violation[] {
  return policies.flatMap((policy) =>
    policy.check(stack).map(({ resource, message }) => ({
      policy: policy.name,
      enforcement: policy.enforcement,
      urn: resource.urn,
      name: resource.name,
      message,
    })),
  );
}
