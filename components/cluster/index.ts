export { type ClusterHandle, Cloud } from "./handle.ts";
export { ExistingCluster, existingClusterProblems, type ExistingClusterArgs } from "./existing.ts";
export { aksClusterProblems } from "./aks/validation.ts";
export { AksUpgradeChannel, type AksClusterArgs, type AksNodePoolArgs, type AksSystemPoolArgs } from "./aks/args.ts";
