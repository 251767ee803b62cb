/**
 * Kubernetes graph rules: explicit providers, custom resources after their operators, StatefulSets
 * with their headless service and disruption budget.
 */
import { prop, type CheckedResource, type StackPolicy } from "../model.ts";

const BUILT_IN_GROUPS =
  /^kubernetes:(core|apps|batch|policy|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|snapshot\.storage\.k8s\.io|apiextensions\.k8s\.io|admissionregistration\.k8s\.io|scheduling\.k8s\.io|coordination\.k8s\.io|discovery\.k8s\.io|node\.k8s\.io|certificates\.k8s\.io|events\.k8s\.io|flowcontrol\.apiserver\.k8s\.io|helm\.sh|yaml|kustomize)\//;

/** Types that install an operator (its CRDs and controller). */
export const OPERATOR_INSTALLERS = [
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:helm.sh/v4:Chart",
  "kubernetes:yaml/v2:ConfigFile",
  "kubernetes:yaml/v2:ConfigGroup",
  "kubernetes:operators.coreos.com/v1alpha1:Subscription",
  "kubernetes:olm.operatorframework.io/v1:ClusterExtension",
];

/** True for a Kubernetes object created by Pulumi itself (not a provider or a remote component). */
function isKubernetesObject(r: CheckedResource): boolean {
  return r.type.startsWith("kubernetes:");
}

/** True for an instance of a custom resource definition. */
export function isCustomResource(r: CheckedResource): boolean {
  return isKubernetesObject(r) && !BUILT_IN_GROUPS.test(r.type) && /^kubernetes:[^:]+\/[^:]+:[A-Z]/.test(r.type);
}

/** No Kubernetes resource on the default provider. */
export const explicitProvider: StackPolicy = {
  name: "explicit-kubernetes-provider",
  description:
    "Every Kubernetes resource uses an explicit provider; the default provider would deploy to whatever kubeconfig the person running Pulumi has.",
  enforcement: "mandatory",
  check: ({ resources }) =>
    resources
      .filter((r) => isKubernetesObject(r) && r.provider === undefined)
      .map((r) => ({
        resource: r,
        message: `${r.type} "${r.name}" uses the default Kubernetes provider: pass the cluster's provider`,
      })),
};

function waitsFor(r: CheckedResource, byUrn: Map<string, CheckedResource>): Set<CheckedResource> {
  const seen = new Set<CheckedResource>();
  const stack = [...r.dependencies];
  for (let urn = stack.pop(); urn !== undefined; urn = stack.pop()) {
    const next = byUrn.get(urn);
    if (!next || seen.has(next)) continue;
    seen.add(next);
    stack.push(...next.dependencies);
  }
  return seen;
}

/** Custom resources wait for the operator that installs their CRDs. */
export const customResourceAfterOperator: StackPolicy = {
  name: "custom-resource-after-operator",
  description:
    'Every custom resource depends on the operator installation that creates its CRD; otherwise the first `pulumi up` fails with "no matches for kind".',
  enforcement: "mandatory",
  check: ({ resources }) => {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources
      .filter(isCustomResource)
      .filter((r) => ![...waitsFor(r, byUrn)].some((d) => OPERATOR_INSTALLERS.includes(d.type)))
      .map((r) => ({
        resource: r,
        message: `custom resource ${r.type} "${r.name}" does not depend on any operator installation (${OPERATOR_INSTALLERS.map((t) => t.split(":").pop()).join(", ")})`,
      }));
  },
};

/** Every StatefulSet has its headless service and a disruption budget. */
export const statefulSetCompanions: StackPolicy = {
  name: "statefulset-headless-service-and-budget",
  description:
    "Every StatefulSet has a headless service in its namespace named by its serviceName, and a PodDisruptionBudget selecting its pods.",
  enforcement: "mandatory",
  check: ({ resources }) =>
    resources
      .filter((r) => r.type === "kubernetes:apps/v1:StatefulSet")
      .flatMap((sts) => {
        const ns = prop(sts, "metadata.namespace");
        const labels = (prop(sts, "spec.template.metadata.labels") ?? {}) as Record<string, string>;
        const selects = (selector: unknown) =>
          selector !== null &&
          typeof selector === "object" &&
          Object.entries(selector).every(([k, v]) => labels[k] === v);
        const problems: string[] = [];
        const headless = resources.find(
          (s) =>
            s.type === "kubernetes:core/v1:Service" &&
            prop(s, "metadata.name") === prop(sts, "spec.serviceName") &&
            prop(s, "metadata.namespace") === ns &&
            prop(s, "spec.clusterIP") === "None",
        );
        if (!headless)
          problems.push(
            `has no headless service (clusterIP: None) named ${JSON.stringify(prop(sts, "spec.serviceName"))} in its namespace`,
          );
        const budget = resources.find(
          (p) =>
            p.type === "kubernetes:policy/v1:PodDisruptionBudget" &&
            prop(p, "metadata.namespace") === ns &&
            selects(prop(p, "spec.selector.matchLabels")),
        );
        if (!budget) problems.push("has no PodDisruptionBudget selecting its pods");
        return problems.map((p) => ({ resource: sts, message: `StatefulSet "${sts.name}" ${p}` }));
      }),
};
