export * from "./cluster/index.ts";
export { createCluster, type ClusterArgs } from "./cluster/factory.ts";
export { Environment } from "./options.ts";
export { ArgumentError, describeProblem, type Problem } from "./problems.ts";
export { Platform, platformProblems, type PlatformArgs, type PlatformWorkload } from "./platform.ts";
export {
  Clustering,
  PodManagementPolicy,
  StatefulWorkload,
  statefulWorkloadProblems,
  type StatefulWorkloadArgs,
  type StatefulWorkloadSpec,
} from "./workloads/statefulWorkload.ts";
export type { WorkloadSecretSource } from "./workloads/secrets.ts";
export * from "./cluster/eks/index.ts";
export * from "./network/aws/index.ts";
export * from "./storage/aws/index.ts";
export * from "./storage/azure/index.ts";
export * from "./operators/index.ts";
export * from "./stateful/index.ts";
export * from "./access/index.ts";
