/**
 * Validation of a stack's configuration: schema checks plus the rules that span several keys.
 * Pure functions: they take plain values and either return a validated configuration or throw a
 * {@link ConfigError} that names every bad key, its value, what is allowed and how to fix it.
 */
import * as v from "valibot";
import { isProductionStack } from "../components/options.ts";
import { platformStorageClasses } from "../components/platform.ts";
import { createdVolumes, staticVolumes } from "../components/storage/factory.ts";
import { workloadSpecProblems } from "../components/workloads/spec.ts";
import { workloadVolumeProblems } from "../components/workloads/volumes.ts";
import { eksProblems } from "./eks.ts";
import { operatorConfigProblems } from "./operators.ts";
import { toPlatformArgs } from "./platformArgs.ts";
import { aksProblems } from "./aks.ts";
import { UNKNOWN_KEY, pathKey, repeatedIndices, undefinedStorageClass } from "./builders.ts";
import { CONFIG_NAMESPACE, stackConfigSchema, type ProviderSettings, type StackConfig } from "./schema.ts";

/** One bad configuration value. */
export interface ConfigProblem {
  /** The full key path, e.g. `stateful-stack:workloads[0].replicas`. */
  key: string;
  /** The value found there (`undefined` when missing). */
  value: unknown;
  /** What is wrong and what is allowed. */
  message: string;
}

/** Namespaces Kubernetes owns; the platform cannot create or retain them as data namespaces. */
export const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

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

/** Renders a key path such as `["workloads", 0, "replicas"]` as `workloads[0].replicas`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function showValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatProblems(problems: readonly ConfigProblem[], stack?: string): string {
  const file = stack ? `stacks/Pulumi.${stack}.yaml` : "the stack's Pulumi.<stack>.yaml";
  const lines = problems.map((p) => {
    const path = p.key.startsWith(`${CONFIG_NAMESPACE}:`) ? p.key.slice(CONFIG_NAMESPACE.length + 1) : p.key;
    const fix =
      path.includes(".") || path.includes("[")
        ? `pulumi config set --path '${path}' <value>`
        : `pulumi config set ${path} <value>`;
    return `  - ${p.key} = ${showValue(p.value)}: ${p.message}.\n    Fix: edit ${file}, or run \`${fix}\`.`;
  });
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `Invalid stack configuration (${count}); nothing was deployed:\n${lines.join("\n")}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function fullKey(path: readonly PropertyKey[]): string {
  return `${CONFIG_NAMESPACE}:${formatPath(path)}`;
}

/** The key path of an issue, e.g. `["workloads", 0, "replicas"]`. */
function issuePath(issue: v.BaseIssue<unknown>): PropertyKey[] {
  return (issue.path ?? []).map((item) => pathKey(item.key));
}

function schemaProblems(raw: Record<string, unknown>, issues: readonly v.BaseIssue<unknown>[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issuePath(issue);
    const value = valueAt(raw, path);
    // An unknown key is reported with the value found there, never as missing.
    const message = value === undefined && issue.type !== UNKNOWN_KEY ? `is required: ${issue.message}` : issue.message;
    problems.push({ key: fullKey(path), value, message });
  }
  return problems;
}

/** Rules that span several keys; returns the problems found (empty when the configuration is coherent). */
export function crossKeyProblems(config: StackConfig, stack?: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: PropertyKey[], value: unknown, message: string) =>
    problems.push({ key: fullKey(path), value, message });

  if (stack !== undefined && isProductionStack(stack) && config.environment !== "prod") {
    add(
      ["environment"],
      config.environment,
      `stack "${stack}" is named as production, and production stacks keep their data: set environment to "prod" (or give a non-production stack another name)`,
    );
  }

  if (config.cloud === "existing") {
    if (!config.kubeconfig && !config.kubeconfigPath) {
      add(
        ["kubeconfigPath"],
        undefined,
        'cloud "existing" needs a cluster to target: set kubeconfigPath (with kubeContext) or the secret kubeconfig',
      );
    }
    if (config.kubeconfig && config.kubeconfigPath) {
      add(
        ["kubeconfigPath"],
        config.kubeconfigPath,
        "set either kubeconfig (secret contents) or kubeconfigPath, not both",
      );
    }
    if (config.kubeconfigPath && !config.kubeContext) {
      add(
        ["kubeContext"],
        undefined,
        "a kubeconfig file can hold many clusters: name the context to deploy to, so the stack never follows whatever context is current",
      );
    }
  } else if (config.cloud === "eks") {
    for (const problem of eksProblems(config))
      problems.push({ key: problem.key ?? fullKey(problem.path), value: problem.value, message: problem.message });
  } else if (config.cloud === "aks") {
    if (!config.aks) add(["aks"], undefined, 'cloud "aks" needs the aks key (at least nodePools)');
    else
      for (const p of aksProblems(config.aks, config.azureLocation, config.environment === "prod"))
        problems.push({ key: p.key ?? fullKey(p.path), value: p.value, message: p.message });
  }

  if (config.cloud !== "aks" && config.aks !== undefined) {
    add(["aks"], config.aks, `the aks key applies only to cloud "aks"; remove it, or set cloud to "aks"`);
  }

  if ((RESERVED_NAMESPACES as readonly string[]).includes(config.namespace)) {
    add(
      ["namespace"],
      config.namespace,
      `"${config.namespace}" belongs to Kubernetes; choose a namespace of your own such as "data"`,
    );
  }

  const platformArgs = toPlatformArgs(config);
  const defined = platformStorageClasses(platformArgs);
  const classes = new Set(defined);
  const volumes = createdVolumes(config.cloud, platformArgs.storage);
  for (const i of repeatedIndices(config.workloads.map((w) => w.name))) {
    add(["workloads", i, "name"], config.workloads[i]?.name, "workload names must be unique in a stack");
  }
  config.workloads.forEach((workload, i) => {
    for (const p of workloadSpecProblems(workload)) add(["workloads", i, ...p.path], p.value, p.message);
    if (!classes.has(workload.storageClass)) {
      add(
        ["workloads", i, "storageClass"],
        workload.storageClass,
        undefinedStorageClass(workload.storageClass, defined),
      );
    }
    if (workload.share !== undefined && !volumes.includes(workload.share)) {
      const known = volumes.length > 0 ? volumes.map((v) => `"${v}"`).join(", ") : "none";
      add(
        ["workloads", i, "share"],
        workload.share,
        `the stack declares no volume "${workload.share}" to share (declared: ${known})`,
      );
    }
  });
  for (const p of workloadVolumeProblems(config.workloads, staticVolumes(config.cloud, platformArgs.storage))) {
    add(["workloads", p.workload, ...p.path], p.value, p.message);
  }
  for (const p of operatorConfigProblems(config, defined)) add(p.path, p.value, p.message);
  return problems;
}

/**
 * Validates raw configuration values (keys without the `stateful-stack:` prefix) and applies defaults;
 * `provider` carries the provider keys the program reads (e.g. `aws:region`).
 * @throws ConfigError naming every problem found.
 */
export function validateStackConfig(
  raw: Record<string, unknown>,
  stack?: string,
  provider: ProviderSettings = {},
): StackConfig {
  const parsed = v.safeParse(stackConfigSchema, raw);
  if (!parsed.success) throw new ConfigError(schemaProblems(raw, parsed.issues), stack);
  const config: StackConfig = { ...parsed.output, ...provider };
  const problems = crossKeyProblems(config, stack);
  if (problems.length > 0) throw new ConfigError(problems, stack);
  return config;
}
