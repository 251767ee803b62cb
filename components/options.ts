import * as pulumi from "@pulumi/pulumi";

/** Environments a component can be deployed in; `prod` enables every data-protection default. */
export const Environment = {
  /** Throw-away data: volumes are deleted with the stack. */
  Dev: "dev",
  /** Every data-protection default: protected cloud storage, retained volumes and namespaces. */
  Prod: "prod",
} as const;
/** Environments a component can be deployed in: `"dev"` or `"prod"`. */
export type Environment = (typeof Environment)[keyof typeof Environment];

/**
 * Whether a stack's name marks it as production (`prod`, `prod-aks`, `prod_eu`, …). The policy pack
 * applies its production rules by this name, and the configuration requires `environment: prod` of
 * such a stack, so the two can never disagree.
 */
export function isProductionStack(stack: string): boolean {
  return /^prod($|[-_.])/.test(stack);
}

const ANYWHERE: readonly unknown[] = ["0.0.0.0/0", "::/0"];

/** The entries of an address allow-list that let the whole internet in (`0.0.0.0/0`, `::/0`). */
export function openToInternet(ranges: readonly unknown[]): string[] {
  return ranges.filter((range) => ANYWHERE.includes(range)).map(String);
}

/**
 * The `dependsOn` given to a component, as a list its children can extend. Pulumi does not pass a
 * component's dependencies on to its children, so a component forwards them explicitly.
 */
export function forwardedDependsOn(opts: pulumi.ResourceOptions | undefined): pulumi.Input<pulumi.Resource>[] {
  const deps = opts?.dependsOn;
  if (deps === undefined) return [];
  if (Array.isArray(deps)) return [...deps];
  if (pulumi.Resource.isInstance(deps)) return [deps];
  throw new Error("dependsOn of this component must be a resource or an array of resources, not an Output");
}

/** Options for Kubernetes objects that hold data: kept in the cluster when removed from the stack, in prod. */
export function dataRetention(environment: Environment): Pick<pulumi.CustomResourceOptions, "retainOnDelete"> {
  return { retainOnDelete: environment === "prod" };
}
