/**
 * The operator-layer rules that depend on the cluster: OLM subscriptions need OLM (AKS and EKS come
 * without it), OLM's namespaces stay OLM's, and access groups must be ones the cluster's sign-in
 * can put people in. The rules themselves live next to the components (`olm.ts`, `identity.ts`).
 */
import { groupGrantProblems, groupIdentity } from "../components/access/identity.ts";
import {
  clusterHasOlm,
  missingOlmProblem,
  olmNamespaceProblem,
  ownNamespaceProblem,
} from "../components/operators/olm.ts";
import type { OperatorConfig, OperatorConfigProblem } from "./operators.ts";

/** The cluster keys the OLM and access rules read: the cloud, AKS's Entra ID groups, EKS's admins. */
export interface ClusterKeys {
  cloud: "existing" | "aks" | "eks";
  namespace: string;
  aks?: { adminGroupObjectIds: string[] } | undefined;
  eks?: { admins: string[] } | undefined;
}

/** OLM subscriptions need OLM; OLM's namespaces are its own; access groups must be able to match. */
export function clusterFitProblems(config: OperatorConfig & ClusterKeys): OperatorConfigProblem[] {
  const problems: OperatorConfigProblem[] = [];
  config.operators.forEach((op, i) => {
    if (op.olm && !clusterHasOlm(config.cloud, config.installOlm))
      problems.push({ path: ["operators", i, "olm"], value: op.olm, message: missingOlmProblem(config.cloud) });
    const source = op.olm ? "olm" : op.manifest ? "manifest" : "helm";
    const namespace = olmNamespaceProblem(op.namespace, source, config.installOlm);
    if (namespace) problems.push({ path: ["operators", i, "namespace"], value: op.namespace, message: namespace });
  });
  const dataNamespace = ownNamespaceProblem(config.namespace, config.installOlm);
  if (dataNamespace) problems.push({ path: ["namespace"], value: config.namespace, message: dataNamespace });
  const identity = groupIdentity({ cloud: config.cloud, aks: config.aks });
  config.operatorAccess.forEach((access, i) => {
    const appNamespace = ownNamespaceProblem(access.namespace, config.installOlm);
    if (appNamespace)
      problems.push({ path: ["operatorAccess", i, "namespace"], value: access.namespace, message: appNamespace });
    for (const p of groupGrantProblems(access, identity, config.eks?.admins ?? [])) {
      const path = ["operatorAccess", i, ...(p.field ? [p.field] : []), ...(p.index === undefined ? [] : [p.index])];
      const value =
        p.field === undefined
          ? access
          : p.field === "group"
            ? access.group
            : p.index === undefined
              ? access.principals
              : access.principals?.[p.index];
      problems.push({ path, value, message: p.message });
    }
  });
  return problems;
}
