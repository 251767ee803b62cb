export { loadStackConfig, parseConfigValue, rawProjectConfig } from "./load.ts";
export { toPlatformArgs } from "./platformArgs.ts";
export {
  CLOUDS,
  CONFIG_NAMESPACE,
  ENVIRONMENTS,
  stackConfigSchema,
  type StackConfig,
  type WorkloadConfig,
} from "./schema.ts";
export { ConfigError, crossKeyProblems, validateStackConfig, type ConfigProblem } from "./validate.ts";
