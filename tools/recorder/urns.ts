/**
 * URNs as the Pulumi engine forms them. Pure string functions, apart from the recorder so that what
 * only reads plans (the review commands) does not load the Pulumi SDK: hundreds of modules, most of
 * a command's start-up.
 */

/** The type of the root stack resource, which no URN names as a parent. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** A URN the way the Pulumi engine forms it: the parent's full type chain, without the root stack. */
export function engineUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  const parentType = parent ? (parent.split("::")[2] ?? "") : "";
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
