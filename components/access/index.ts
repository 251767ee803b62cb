export {
  eksGroupMembers,
  ENTRA_OBJECT_ID,
  groupGrantProblems,
  groupIdentity,
  withGroupMembers,
  type GrantCluster,
  type GroupGrant,
  type GroupIdentity,
} from "./identity.ts";
export {
  bindingName,
  OperatorAccess,
  operatorAccessProblems,
  operatorAccessRules,
  type AccessRule,
  type OperatorAccessArgs,
} from "./operatorAccess.ts";
