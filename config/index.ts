export { loadStackConfig, parseConfigValue, rawProjectConfig, toPlatformArgs } from "./load.ts";
export {
  CLOUDS,
  CONFIG_NAMESPACE,
  ENVIRONMENTS,
  stackConfigSchema,
  type StackConfig,
  type WorkloadConfig,
} from "./schema.ts";
export { ConfigError, crossKeyProblems, formatPath, validateStackConfig, type ConfigProblem } from "./validate.ts";
