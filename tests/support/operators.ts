/**
 * A cluster handle for operator tests: an existing cluster's provider plus a stand-in node pool in
 * `readiness`, so tests can check that operators wait for the nodes.
 */
import * as k8s from "@pulumi/kubernetes";
import { ExistingCluster, type ClusterHandle } from "../../components/index.ts";

/** An existing cluster whose readiness holds one resource named `nodes` (a node pool's stand-in). */
export function clusterWithNodes(): ClusterHandle {
  const cluster = new ExistingCluster("c", { kubeconfigPath: "/k", context: "ctx" });
  const nodes = new k8s.core.v1.ConfigMap("nodes", { metadata: { name: "nodes" } }, { provider: cluster.provider });
  return {
    cloud: cluster.cloud,
    provider: cluster.provider,
    kubeconfig: cluster.kubeconfig,
    zones: [],
    readiness: [nodes],
  };
}
