/**
 * The package's main entry (`stateful-stack`): the cloud-neutral components (an existing cluster,
 * workloads, operators, `Platform`) and every component's check, spec type and constant. Nothing
 * here loads `@pulumi/aws` or `@pulumi/azure-native`: the cloud components are in
 * `stateful-stack/aws` (components/aws.ts) and `stateful-stack/azure` (components/azure.ts), and
 * `Platform` loads its cloud's on first use (components/cloudModules.ts).
 */
export * from "./cluster/index.ts";
export { createCluster, type ClusterArgs } from "./cluster/factory.ts";
export { Environment } from "./options.ts";
export { ArgumentError, describeProblem, type Problem } from "./problems.ts";
export { Platform, platformProblems, type PlatformArgs, type PlatformWorkload } from "./platform.ts";
export { Velero, VeleroProvider, veleroChartValues, type VeleroArgs, type VeleroStore } from "./backups/velero.ts";
export {
  backupSchedules,
  backupsEnabled,
  DEFAULT_SCHEDULE,
  platformBackupsProblems,
  type PlatformBackupSchedule,
  type PlatformBackups,
  type PlatformRestore,
} from "./backups/veleroArgs.ts";
export {
  VELERO_CHART_VERSION,
  VELERO_PLUGIN_VERSION,
  VELERO_SNAPSHOT_CLASS_LABEL,
  VELERO_VERSION,
} from "./backups/veleroTypes.ts";
export {
  Clustering,
  PodManagementPolicy,
  StatefulWorkload,
  statefulWorkloadProblems,
  type StatefulWorkloadArgs,
  type StatefulWorkloadSpec,
} from "./workloads/statefulWorkload.ts";
export type { WorkloadSecretSource } from "./workloads/secrets.ts";
export { EksCapacityType, EksLogType, EksSupportType } from "./cluster/eks/args.ts";
export type {
  EksClusterArgs,
  EksGroupMember,
  EksKubeconfigCredentials,
  EksNetworkArgs,
  EksNodeGroupArgs,
} from "./cluster/eks/args.ts";
export { ADDONS, EKS_KUBERNETES_VERSION, MANAGED_POLICIES } from "./cluster/eks/constants.ts";
export {
  eksClusterProblems,
  groupMemberProblems,
  IAM_PRINCIPAL_ARN,
  INSTANCE_TYPE,
  nodeGroupProblems,
} from "./cluster/eks/validate.ts";
export { cidrsOverlap, formatCidr, parseCidr, subnetLayout, VPC_PREFIX_RANGE, type Cidr } from "./network/aws/cidr.ts";
export { NatGatewayMode } from "./network/aws/natGatewayMode.ts";
export { awsNetworkProblems, MAX_VPC_ZONES } from "./network/aws/validate.ts";
export {
  AWS_STORAGE_CLASSES,
  awsStorageClassNames,
  awsStorageProblems,
  awsVolumeNames,
  efsClassName,
  GP3_LIMITS,
  type AwsStorageSpec,
  type EbsVolumeSpec,
  type EfsFileSystemSpec,
} from "./storage/aws/args.ts";
export {
  azureDiskProblems,
  azureShareProblems,
  azureStorageClassesProblems,
  azureStorageProblems,
} from "./storage/azure/validation.ts";
export {
  AZURE_DISK_CLASS,
  AZURE_DISK_SNAPSHOT_CLASS,
  AZURE_FILES_CLASS,
  type AzureDiskSpec,
  type AzureShareSpec,
  type AzureStorageSpec,
} from "./storage/azure/spec.ts";
export * from "./operators/index.ts";
export * from "./stateful/index.ts";
export * from "./access/index.ts";
