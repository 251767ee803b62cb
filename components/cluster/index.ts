export { type ClusterHandle, Cloud } from "./handle.ts";
export { ExistingCluster, existingClusterProblems, type ExistingClusterArgs } from "./existing.ts";
export { AksCluster, aksClusterProblems } from "./aks/cluster.ts";
export { AksUpgradeChannel, type AksClusterArgs, type AksNodePoolArgs, type AksSystemPoolArgs } from "./aks/args.ts";
