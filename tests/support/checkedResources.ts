/**
 * Resources as the policies see them, made up for policy unit tests: protected, retained, on no
 * provider, each with a URN and name of its own.
 */
import type { CheckedResource } from "../../policy/model.ts";

let counter = 0;

/** A production resource of `type` with `props`, named `<prefix><n>`. */
export function checkedResource(type: string, props: Record<string, unknown>, prefix = "r"): CheckedResource {
  const name = `${prefix}${++counter}`;
  return {
    urn: `urn:pulumi:prod::p::${type}::${name}`,
    type,
    name,
    props,
    protect: true,
    retainOnDelete: true,
    provider: undefined,
    parent: undefined,
    dependencies: [],
    propertyDependencies: {},
  };
}
