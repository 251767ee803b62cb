/**
 * Another team's program: an etcd-backed service and a cache on a cluster they already have,
 * built from the stateful-stack package's components.
 */
import * as k8s from "@pulumi/kubernetes";
import {
  EtcdCluster,
  etcdOperatorArgs,
  ExistingCluster,
  Operator,
  StatefulWorkload,
  type StatefulWorkloadArgs,
} from "stateful-stack";

const cluster = new ExistingCluster("team-cluster", { kubeconfigPath: "~/.kube/config", context: "team" });

const namespace = new k8s.core.v1.Namespace(
  "team-data",
  { metadata: { name: "team-data" } },
  { provider: cluster.provider },
);

const cacheArgs: StatefulWorkloadArgs = {
  cluster,
  namespace: namespace.metadata.name,
  image: "redis:7.4.2-alpine",
  port: 6379,
  storageClass: "standard",
  storageSize: "2Gi",
  environment: "dev",
  runAsUser: 999,
  args: ["--appendonly", "yes"],
};
const cache = new StatefulWorkload("cache", cacheArgs, { dependsOn: [namespace] });

const etcdOperator = new Operator("etcd-operator", etcdOperatorArgs(cluster));
new EtcdCluster(
  "config-store",
  {
    cluster,
    namespace: namespace.metadata.name,
    environment: "dev",
    size: 3,
    storageClass: "standard",
    storageSize: "1Gi",
  },
  { dependsOn: [namespace, ...etcdOperator.ready] },
);

export const cacheEndpoint = cache.endpoint;
