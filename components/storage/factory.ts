import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, ClusterHandle } from "../cluster/handle.ts";
import type { Environment } from "../options.ts";
import { awsSnapshotClass, awsStorageClassNames, awsVolumeNames, type AwsStorageSpec } from "./aws/args.ts";
import { awsStorageModule, azureStorageModule } from "../cloudModules.ts";
import { azureSnapshotClass, azureStorageClassNames, azureVolumeNames, type AzureStorageSpec } from "./azure/spec.ts";
import type { SnapshotClassInfo, StorageHandle } from "./handle.ts";
import { under, type Problem } from "../problems.ts";
import { sizeInGib } from "../rules.ts";
import { awsStorageProblems } from "./aws/args.ts";
import { azureStorageProblems } from "./azure/validation.ts";

/** The cloud storage a stack declares, per cloud (only the cluster's cloud's entry is used). */
export interface StorageSpecs {
  /**
   * EBS volumes and EFS file systems (cloud `eks`).
   * @default none
   */
  aws?: AwsStorageSpec;
  /**
   * Azure disks, file shares and class settings (cloud `aks`).
   * @default none
   */
  azure?: AzureStorageSpec;
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
  /**
   * The cloud storage to create.
   * @default none
   */
  specs?: StorageSpecs;
  /**
   * Claim names of the disks and EBS volumes that workloads adopt, by volume name (the platform
   * names each `data-<set>-<ordinal>`, the claim its StatefulSet replica expects).
   * @default each claim is named after its volume
   */
  claimNames?: Record<string, string>;
}

/** A statically provisioned volume, as adoption and sharing need to know it. */
export interface StaticVolume {
  /** Name in the stack. */
  name: string;
  /** `ReadWriteOnce` for disks (Azure disks, EBS volumes), `ReadWriteMany` for shares (Azure Files, EFS). */
  accessMode: "ReadWriteOnce" | "ReadWriteMany";
  /** Size in GiB; undefined when the volume grows on demand (EFS). */
  sizeGib: number | undefined;
}

/** The statically provisioned volumes of `cloud`'s storage, with access mode and size. */
export function staticVolumes(cloud: Cloud, specs: StorageSpecs = {}): StaticVolume[] {
  switch (cloud) {
    case "existing":
      return [];
    case "aks":
      return [
        ...(specs.azure?.disks ?? []).map((d): StaticVolume => ({
          name: d.name,
          accessMode: "ReadWriteOnce",
          sizeGib: sizeInGib(d.size),
        })),
        ...(specs.azure?.shares ?? []).map((s): StaticVolume => ({
          name: s.name,
          accessMode: "ReadWriteMany",
          sizeGib: sizeInGib(s.size),
        })),
      ];
    case "eks":
      return [
        ...(specs.aws?.volumes ?? []).map((v): StaticVolume => ({
          name: v.name,
          accessMode: "ReadWriteOnce",
          sizeGib: sizeInGib(v.size),
        })),
        ...(specs.aws?.fileSystems ?? []).map((f): StaticVolume => ({
          name: f.name,
          accessMode: "ReadWriteMany",
          sizeGib: undefined,
        })),
      ];
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}

/**
 * The check of the storage arguments of `cloud` (paths below `aws` or `azure`); `zones` are the
 * cluster's availability zones (on AKS, its user node pools' zones: see `clusterZones`).
 */
export function storageProblems(cloud: Cloud, specs: StorageSpecs = {}, zones: readonly string[] = []): Problem[] {
  switch (cloud) {
    case "aks":
      return under(["azure"], azureStorageProblems(specs.azure ?? {}, zones));
    case "eks":
      return under(["aws"], awsStorageProblems(specs.aws ?? {}, zones));
    default:
      return [];
  }
}

/** Names of the storage classes the storage layer creates for `cloud` (known before anything is created). */
export function createdStorageClasses(cloud: Cloud, specs: StorageSpecs = {}): string[] {
  switch (cloud) {
    case "existing":
      return [];
    case "aks":
      return azureStorageClassNames();
    case "eks":
      return awsStorageClassNames(specs.aws ?? {});
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}

/** The VolumeSnapshotClass the storage layer creates for `cloud` (none on an existing cluster). */
export function createdSnapshotClass(cloud: Cloud): SnapshotClassInfo | undefined {
  return cloud === "aks" ? azureSnapshotClass() : cloud === "eks" ? awsSnapshotClass() : undefined;
}

/** Names of the statically provisioned volumes (disks, shares) the storage layer creates claims for. */
export function createdVolumes(cloud: Cloud, specs: StorageSpecs = {}): string[] {
  switch (cloud) {
    case "existing":
      return [];
    case "aks":
      return azureVolumeNames(specs.azure);
    case "eks":
      return awsVolumeNames(specs.aws ?? {});
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
  const base = {
    cluster: args.cluster,
    environment: args.environment,
    namespace: args.namespace,
    existingClasses: args.existingClasses,
    claimNames: args.claimNames,
  };
  switch (cloud) {
    case "existing":
      return { classes: [...args.existingClasses], claims: {}, classReadiness: {}, claimReadiness: {} };
    case "aks":
      return new (azureStorageModule().AzureStorage)(name, { ...args.specs?.azure, ...base }, opts);
    case "eks":
      return new (awsStorageModule().AwsStorage)(name, { ...base, ...args.specs?.aws }, opts);
    default: {
      const unreachable: never = cloud;
      throw new Error(`unknown cloud "${String(unreachable)}"`);
    }
  }
}
