import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, ClusterHandle } from "../cluster/handle.ts";
import type { Environment } from "../options.ts";
import { awsStorageClassNames, awsVolumeNames, type AwsStorageSpec } from "./aws/args.ts";
import { AwsStorage } from "./aws/storage.ts";
import type { StorageHandle } from "./handle.ts";

/** The volumes and file systems a stack declares, per cloud. */
export interface StorageSpecs {
  /** EBS volumes and EFS file systems, when the cloud is `eks`. */
  aws?: AwsStorageSpec;
}

/** What the storage layer is built from. */
export interface StorageArgs {
  /** The cluster; its cloud selects the storage implementation. */
  cluster: ClusterHandle;
  /** `prod` protects cloud data resources and retains volumes and claims. */
  environment: Environment;
  /** Namespace for the claims of statically provisioned volumes. */
  namespace: pulumi.Input<string>;
  /** Storage classes that already exist in the cluster. */
  existingClasses: string[];
  /** The stack's volumes and file systems. */
  specs?: StorageSpecs;
}

/** Names of the storage classes the storage layer creates for `cloud` (known before anything is created). */
export function createdStorageClasses(cloud: Cloud, specs: StorageSpecs = {}): string[] {
  switch (cloud) {
    case "existing":
      return [];
    case "eks":
      return awsStorageClassNames(specs.aws ?? {});
    case "aks":
      return [];
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}

/** Names of the statically provisioned volumes (disks, shares) the storage layer creates claims for. */
export function createdVolumes(cloud: Cloud, specs: StorageSpecs = {}): string[] {
  switch (cloud) {
    case "eks":
      return awsVolumeNames(specs.aws ?? {});
    case "existing":
    case "aks":
      return [];
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}

/**
 * Builds the storage layer for the cluster's cloud. On an existing cluster it creates nothing and
 * offers the classes the cluster already has.
 */
export function createStorage(name: string, args: StorageArgs, opts: pulumi.ComponentResourceOptions): StorageHandle {
  const cloud = args.cluster.cloud;
  switch (cloud) {
    case "existing":
      return { classes: [...args.existingClasses], claims: {}, readiness: [] };
    case "eks":
      return new AwsStorage(
        name,
        {
          cluster: args.cluster,
          environment: args.environment,
          namespace: args.namespace,
          existingClasses: args.existingClasses,
          ...args.specs?.aws,
        },
        opts,
      );
    case "aks":
      throw new Error(`storage for cloud "${cloud}" is not available in this version`);
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}
