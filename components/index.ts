export * from "./cluster/index.ts";
export { createCluster, type ClusterArgs } from "./cluster/factory.ts";
export type { Environment } from "./options.ts";
export { Platform, platformProblems, type PlatformArgs, type PlatformWorkload } from "./platform.ts";
export {
  StatefulWorkload,
  statefulWorkloadProblems,
  type StatefulWorkloadArgs,
  type StatefulWorkloadSpec,
} from "./workloads/statefulWorkload.ts";
export * from "./operators/index.ts";
export * from "./stateful/index.ts";
export * from "./access/index.ts";
