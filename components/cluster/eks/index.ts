export { EksCapacityType, EksLogType, EksSupportType } from "./args.ts";
export type {
  EksClusterArgs,
  EksGroupMember,
  EksKubeconfigCredentials,
  EksNetworkArgs,
  EksNodeGroupArgs,
} from "./args.ts";
export { EksCluster } from "./cluster.ts";
export { ADDONS, EKS_KUBERNETES_VERSION, MANAGED_POLICIES } from "./constants.ts";
export { managedPolicyArn, partitionOf } from "./iam.ts";
export { amiTypeFor } from "./nodeGroups.ts";
export {
  eksClusterProblems,
  groupMemberProblems,
  IAM_PRINCIPAL_ARN,
  INSTANCE_TYPE,
  nodeGroupProblems,
} from "./validate.ts";
