export type { ClusterHandle, Cloud } from "./handle.ts";
export { ExistingCluster, existingClusterProblems, type ExistingClusterArgs } from "./existing.ts";
