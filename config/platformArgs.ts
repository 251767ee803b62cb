/**
 * The mapping from a validated stack configuration to the {@link Platform} arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs } from "../components/platform.ts";
import { aksClusterArgs, azureStorageSpec } from "./aks.ts";
import { toPlatformDatabases } from "./databases.ts";
import { awsStorageSpec, eksClusterArgs } from "./eks.ts";
import { toOperatorLayerSpec } from "./operators.ts";
import type { StackConfig } from "./schema.ts";

/** Maps a validated stack configuration to the {@link Platform} arguments. */
export function toPlatformArgs(config: StackConfig): PlatformArgs {
  return {
    environment: config.environment,
    cluster: {
      cloud: config.cloud,
      existing: {
        kubeconfig: config.kubeconfig ? pulumi.secret(config.kubeconfig) : undefined,
        kubeconfigPath: config.kubeconfigPath || undefined,
        context: config.kubeContext || undefined,
        zones: config.zones,
      },
      eks: eksClusterArgs(config),
      aks: aksClusterArgs(config),
    },
    storage: {
      aws: awsStorageSpec(config),
      azure: azureStorageSpec(config),
    },
    namespace: config.namespace,
    storageClasses: config.storageClasses,
    // A workload's keys are its arguments, but for `resources`, which holds `cpu` and `memory`.
    workloads: config.workloads.map(({ resources, ...workload }) => ({
      ...workload,
      cpu: resources?.cpu,
      memory: resources?.memory,
    })),
    operators: toOperatorLayerSpec(config),
    databases: toPlatformDatabases(config.databases),
    ...(config.backups ? { backups: config.backups } : {}),
    ...(config.restore ? { restore: config.restore } : {}),
  };
}
