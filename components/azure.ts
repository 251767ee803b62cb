/**
 * The package's Azure entry (`stateful-stack/azure`): `AksCluster`, `AzureStorage`, its storage
 * classes, managed disks and file shares, and their checks and specs. Loading it loads
 * `@pulumi/azure-native`, an optional peer dependency that a program using these components
 * installs next to the package.
 */
export { AksCluster } from "./cluster/aks/cluster.ts";
export { aksClusterProblems } from "./cluster/aks/validation.ts";
export {
  AksUpgradeChannel,
  type AksClusterArgs,
  type AksNodePoolArgs,
  type AksSystemPoolArgs,
} from "./cluster/aks/args.ts";
export * from "./storage/azure/index.ts";
