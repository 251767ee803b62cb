/**
 * A resource as the recorder records it, for tests that build recordings by hand: a custom
 * resource with no dependencies, options or inputs unless `fields` gives them.
 */
import type { RecordedResource } from "../../tools/recorder/record.ts";

/** A recorded custom resource with `urn`, `type` and `name`, and `fields` over the defaults. */
export function recordedResource(
  fields: Pick<RecordedResource, "urn" | "type" | "name"> & Partial<RecordedResource>,
): RecordedResource {
  return {
    custom: true,
    remote: false,
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    aliases: [],
    inputs: {},
    secretInputs: [],
    ...fields,
  };
}
