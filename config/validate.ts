/**
 * Validation of a stack's configuration, in two steps: its shape (`schema.ts`), then the stack's own
 * rules and the components' checks of the arguments it maps to (`platformProblems`), each problem
 * reported at the key its argument comes from. Pure functions: they return a validated
 * configuration or throw a {@link ConfigError} that names every bad key, its value, what is allowed
 * and how to fix it.
 */
import * as v from "valibot";
import { isProductionStack } from "../components/options.ts";
import { platformProblems } from "../components/platform.ts";
import { clashNote, showValue, under, type Problem } from "../components/problems.ts";
import { assumeRoleProblems } from "./awsCredentials.ts";
import { toPlatformArgs } from "./platformArgs.ts";
import { isUnknownKeyMessage, issuePath } from "./builders.ts";
import { fixLine } from "./fixes.ts";
import { fullKey, keyPathOf } from "./keys.ts";
import { CONFIG_NAMESPACE } from "./keys.ts";
import { plaintextKubeconfigProblems } from "./secrets.ts";
import { stackConfigSchema, type ProviderSettings, type StackConfig } from "./schema.ts";

/** One bad configuration value: a {@link Problem} reported at its key of the stack's configuration. */
export interface ConfigProblem extends Omit<Problem, "path"> {
  /** The full key, e.g. `stateful-stack:workloads[0].replicas` or `aws:region`. */
  key: string;
}

/** Thrown before any resource is registered when a stack's configuration is invalid. */
export class ConfigError extends Error {
  /** Every problem found, in the order of the keys. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], stack?: string) {
    super(formatProblems(problems, stack));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

function formatProblems(problems: readonly ConfigProblem[], stack?: string): string {
  const file = stack ? `stacks/Pulumi.${stack}.yaml` : "the stack's Pulumi.<stack>.yaml";
  const lines = problems.map((p) => {
    const path = p.key.startsWith(`${CONFIG_NAMESPACE}:`) ? p.key.slice(CONFIG_NAMESPACE.length + 1) : p.key;
    const sentence = /[.?!]$/.test(p.message) ? p.message : `${p.message}.`;
    return `  - ${p.key} = ${showValue(p.value)}: ${sentence}\n    Fix: ${fixLine(file, path, p.value, p.message)}.`;
  });
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `Invalid stack configuration (${count}); nothing was deployed:\n${lines.join("\n")}`;
}

/** A problem at a key path of the stack's configuration. */
function atKey(path: readonly PropertyKey[], value: unknown, message: string): ConfigProblem {
  return { key: fullKey(path), value, message };
}

/** The problems of the configuration's shape, at their keys. */
function schemaProblems(issues: readonly v.BaseIssue<unknown>[]): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issuePath(issue);
    const last = issue.path?.at(-1);
    const value = last?.value;
    // A key given as nothing is as missing as a key not given.
    const missing =
      value === undefined && !issue.message.startsWith("is required") && !isUnknownKeyMessage(issue.message);
    return atKey(path, value, missing ? `is required: ${issue.message}` : issue.message);
  });
}

/** A component's problem, at the key its argument comes from (a clash names the other's key too). */
function fromArguments(p: Problem): ConfigProblem {
  const note = p.related ? clashNote(fullKey(keyPathOf(p.related))) : "";
  return atKey(keyPathOf(p.path), p.value, `${p.message}${note}`);
}

/**
 * The rules of the stack itself rather than of a component's arguments: a production stack's
 * environment, the provider keys the program reads, a cloud's key on a stack of another cloud.
 */
export function stackProblems(config: StackConfig, stack?: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: PropertyKey[], value: unknown, message: string) => problems.push(atKey(path, value, message));

  if (stack !== undefined && isProductionStack(stack) && config.environment !== "prod") {
    add(
      ["environment"],
      config.environment,
      `stack "${stack}" is named as production, and production stacks keep their data: set environment to "prod" (or give a non-production stack another name)`,
    );
  }

  if (config.cloud === "eks") {
    for (const p of under(["aws:assumeRoles"], assumeRoleProblems(config.awsAssumeRoles)))
      add([...p.path], p.value, p.message);
  } else if (config.cloud === "aks") {
    // The provider key's format, when set (that the region is set at all is AksCluster's own rule).
    const location = config.azureLocation;
    if (location && !/^[a-z0-9]+$/.test(location))
      problems.push({
        key: "azure-native:location",
        value: location,
        message:
          'must be the region\'s programmatic name (lowercase letters and digits, e.g. "westeurope"): volumes are pinned to zones by it',
      });
  }

  for (const cloud of ["aks", "eks"] as const) {
    if (config.cloud !== cloud && config[cloud] !== undefined)
      add(
        [cloud],
        config[cloud],
        `the ${cloud} key applies only to cloud "${cloud}"; remove it, or set cloud to "${cloud}"`,
      );
  }

  return problems;
}

/**
 * Validates raw configuration values (keys without the `stateful-stack:` prefix) and applies defaults;
 * `provider` carries the provider keys the program reads (e.g. `aws:region`); `secretKeys` the full
 * keys the stack file stores encrypted (a kubeconfig given in plaintext is refused).
 * @throws ConfigError naming every problem found.
 */
export function validateStackConfig(
  raw: Record<string, unknown>,
  stack?: string,
  provider: ProviderSettings = {},
  secretKeys: readonly string[] = [],
): StackConfig {
  const parsed = v.safeParse(stackConfigSchema, raw);
  if (!parsed.success) throw new ConfigError(schemaProblems(parsed.issues), stack);
  const config: StackConfig = { ...parsed.output, ...provider };
  const problems = [
    ...plaintextKubeconfigProblems(config.kubeconfig, secretKeys).map((p) => atKey(p.path, p.value, p.message)),
    ...stackProblems(config, stack),
    ...platformProblems(toPlatformArgs(config)).map(fromArguments),
  ];
  if (problems.length > 0) throw new ConfigError(problems, stack);
  return config;
}
