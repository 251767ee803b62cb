/**
 * The stateful-stack policy pack: `pulumi preview --policy-pack policy`. The same policies run
 * offline over every stack in `npm test` and `npm run plan` (policy/offline.ts).
 */
import { PolicyPack, UnknownValueError, type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, type CheckedResource } from "./model.ts";
import { POLICIES } from "./policies.ts";

/**
 * A plain copy of a value the engine sent, with what is unknown during a preview as {@link UNKNOWN},
 * as offline. @pulumi/policy hands policies a proxy that throws on reading an unknown value
 * (@pulumi/policy@1.21.0 proxy.js, `unknownCheckingProxy`), and a stack policy that throws is
 * skipped whole with an advisory note (server.js, `makeAnalyzeStackRpcFun`): one value known only
 * after deployment would hide every other resource's violation of that policy.
 */
function known(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const read = (key: string): unknown => {
    try {
      return known(source[key]);
    } catch (error) {
      if (error instanceof UnknownValueError) return UNKNOWN;
      throw error;
    }
  };
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(String(i)));
  return Object.fromEntries(Object.keys(source).map((key) => [key, read(key)]));
}

/**
 * A resource as the policies read it. The engine sends no retainOnDelete: AnalyzerResourceOptions
 * has protect, ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliases, customTimeouts
 * and parent only (pulumi/pulumi@v3.259.0:proto/pulumi/analyzer.proto; the same fields in
 * @pulumi/pulumi@3.270.0's generated proto/analyzer_pb.d.ts).
 */
function checked(r: PolicyResource): CheckedResource {
  const provider = r.provider && !r.provider.name.startsWith("default") ? r.provider.urn : undefined;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    props: known(r.props) as Record<string, unknown>,
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
