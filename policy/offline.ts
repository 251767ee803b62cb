/**
 * Runs the policies over a recording of the program: the offline half of the policy pack.
 */
import type { Recording } from "../tools/recorder/record.ts";
import { runPolicies, type CheckedStack, type Violation } from "./model.ts";
import { POLICIES } from "./policies.ts";

/**
 * The stack as the policies see it, from a recording: what the engine creates (custom resources and
 * provider-implemented components such as YAML v2 `ConfigFile`), without local components and providers.
 */
export function checkedStack(recording: Recording): CheckedStack {
  return {
    stack: recording.stack,
    resources: recording.resources
      .filter((r) => (r.custom || r.remote) && !r.type.startsWith("pulumi:providers:"))
      .map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: r.inputs,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        provider: r.provider,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
      })),
  };
}

/** Every violation of every policy in a recording. */
export function checkRecording(recording: Recording): Violation[] {
  return runPolicies(POLICIES, checkedStack(recording));
}
