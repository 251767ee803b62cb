import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, ClusterHandle } from "../cluster/handle.ts";
import type { Environment } from "../options.ts";
import type { StorageHandle } from "./handle.ts";

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
}

/** Names of the storage classes the storage layer creates for `cloud` (known before anything is created). */
export function createdStorageClasses(cloud: Cloud): string[] {
  switch (cloud) {
    case "existing":
      return [];
    case "aks":
    case "eks":
      return [];
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}

/** Names of the statically provisioned volumes (disks, shares) the storage layer creates claims for. */
export function createdVolumes(cloud: Cloud): string[] {
  switch (cloud) {
    case "existing":
    case "aks":
    case "eks":
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
export function createStorage(_name: string, args: StorageArgs, _opts: pulumi.ComponentResourceOptions): StorageHandle {
  const cloud = args.cluster.cloud;
  switch (cloud) {
    case "existing":
      return { classes: [...args.existingClasses], claims: {}, readiness: [] };
    case "aks":
    case "eks":
      throw new Error(`storage for cloud "${cloud}" is not available in this version`);
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}
