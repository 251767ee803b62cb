export {
  bindingName,
  OperatorAccess,
  operatorAccessRules,
  type AccessRule,
  type OperatorAccessArgs,
} from "./operatorAccess.ts";
