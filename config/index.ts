export { loadStackConfig, parseConfigValue, rawProjectConfig } from "./load.ts";
export { CONFIG_NAMESPACE } from "./keys.ts";
export { toPlatformArgs } from "./platformArgs.ts";
export { stackConfigSchema, type StackConfig, type WorkloadConfig } from "./schema.ts";
export { ConfigError, stackProblems, validateStackConfig, type ConfigProblem } from "./validate.ts";
