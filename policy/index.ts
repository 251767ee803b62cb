/**
 * The stateful-stack policy pack: `pulumi preview --policy-pack policy`. The same policies run
 * offline over every stack in `npm test` and `npm run plan` (policy/offline.ts).
 */
import { PolicyPack, type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import type { CheckedResource } from "./model.ts";
import { POLICIES } from "./policies.ts";

function checked(r: PolicyResource): CheckedResource {
  const provider = r.provider && !r.provider.name.startsWith("default") ? r.provider.urn : undefined;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    props: r.props as Record<string, unknown>,
    protect: r.opts.protect,
    retainOnDelete: undefined,
    provider,
    parent: r.parent?.urn,
    dependencies: r.dependencies.map((d) => d.urn),
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)]),
    ),
  };
}

const policies: StackValidationPolicy[] = POLICIES.map((policy) => ({
  name: policy.name,
  description: policy.description,
  enforcementLevel: policy.enforcement,
  validateStack: (args, reportViolation) => {
    const resources = args.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map(checked);
    const stack = resources[0]?.urn.split("::")[0]?.replace("urn:pulumi:", "") ?? "";
    for (const { resource, message } of policy.check({ stack, resources })) reportViolation(message, resource.urn);
  },
}));

new PolicyPack("stateful-stack", { policies });
