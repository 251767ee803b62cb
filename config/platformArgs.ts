/**
 * The mapping from a validated stack configuration to the {@link Platform} arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs } from "../components/platform.ts";
import { aksClusterArgs, azureStorageSpec } from "./aks.ts";
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
    workloads: config.workloads.map((w) => ({
      name: w.name,
      image: w.image,
      port: w.port,
      clustering: w.clustering,
      replicas: w.replicas,
      storageClass: w.storageClass,
      storageSize: w.storageSize,
      mountPath: w.mountPath,
      args: w.args,
      env: w.env,
      secretEnv: w.secretEnv,
      runAsUser: w.runAsUser,
      fsGroup: w.fsGroup,
      readOnlyRootFilesystem: w.readOnlyRootFilesystem,
      httpHealthPath: w.httpHealthPath,
      cpu: w.resources.cpu,
      memory: w.resources.memory,
      sharedClaim: w.sharedClaim,
      share: w.share,
      volumes: w.volumes,
      sharedMountPath: w.sharedMountPath,
    })),
    operators: toOperatorLayerSpec(config),
  };
}
