/**
 * What an operator layer asks of its cluster: OLM for subscriptions (AKS and EKS come without it),
 * OLM's namespaces left to OLM, and access groups the cluster's sign-in can put people in.
 */
import { groupGrantProblems, groupIdentity } from "../access/identity.ts";
import type { ClusterArgs } from "../cluster/factory.ts";
import type { OperatorLayerSpec } from "./layer.ts";
import { clusterHasOlm, missingOlmProblem, olmNamespaceProblem, ownNamespaceProblem } from "./olm.ts";

/** Problems of OLM subscriptions, operator namespaces and access groups on `cluster`. */
export function clusterFitProblems(
  spec: Pick<OperatorLayerSpec, "operators" | "installOlm" | "access">,
  cluster: Pick<ClusterArgs, "cloud" | "aks" | "eks">,
): string[] {
  const problems: string[] = [];
  const installOlm = spec.installOlm ?? false;
  for (const op of spec.operators ?? []) {
    if (op.olm && !clusterHasOlm(cluster.cloud, installOlm))
      problems.push(`Platform: operator "${op.name}": ${missingOlmProblem(cluster.cloud)}`);
    const source = op.olm ? "olm" : op.manifest ? "manifest" : "helm";
    const namespace = source === "olm" ? undefined : olmNamespaceProblem(op.namespace, source, installOlm);
    if (namespace) problems.push(`Platform: operator "${op.name}": ${namespace}`);
  }
  const identity = groupIdentity(cluster);
  for (const access of spec.access ?? []) {
    const namespace = ownNamespaceProblem(access.namespace, installOlm);
    if (namespace) problems.push(`Platform: access for group "${access.group}": ${namespace}`);
    for (const problem of groupGrantProblems(access, identity, cluster.eks?.admins ?? []))
      problems.push(`Platform: access for group "${access.group}": ${problem.message}`);
  }
  return problems;
}
