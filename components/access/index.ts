export {
  eksGroupMembers,
  ENTRA_OBJECT_ID,
  groupGrantProblems,
  groupIdentity,
  withGroupMembers,
  type GrantProblem,
  type GroupGrant,
  type GroupIdentity,
} from "./identity.ts";
export {
  bindingName,
  OperatorAccess,
  operatorAccessRules,
  type AccessRule,
  type OperatorAccessArgs,
} from "./operatorAccess.ts";
