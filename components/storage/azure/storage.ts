import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import type { SnapshotClassHandle, StorageHandle } from "../handle.ts";
import { AzureStorageClasses } from "./classes.ts";
import { AzureFileShare } from "./fileShare.ts";
import { AzureManagedDisk } from "./managedDisk.ts";
import { refuse } from "../../problems.ts";
import {
  AZURE_DISK_CLASS,
  AZURE_FILES_CLASS,
  azureSnapshotClass,
  azureStorageClassNames,
  type AzureStorageSpec,
} from "./spec.ts";
import { azureStorageProblems } from "./validation.ts";

/** Arguments of {@link AzureStorage}. */
export interface AzureStorageArgs extends AzureStorageSpec {
  /** The AKS cluster. */
  cluster: ClusterHandle;
  /** `prod` protects cloud data resources and retains volumes and claims. */
  environment: Environment;
  /** Namespace of the static volumes' claims. */
  namespace: pulumi.Input<string>;
  /**
   * Storage classes that already exist in the cluster (e.g. AKS's `managed-csi`).
   * @default []
   */
  existingClasses?: string[];
  /**
   * Claim names of adopted disks, by disk name (`data-<set>-<ordinal>`, chosen by the platform).
   * @default each disk's claim is named after the disk
   */
  claimNames?: Record<string, string>;
}

/**
 * The Azure storage layer: {@link AzureStorageClasses}, one {@link AzureManagedDisk} per disk and
 * one {@link AzureFileShare} per share. Disks, storage accounts and shares wait only for the
 * resource group; their volumes and claims for the cluster.
 *
 * @example
 * ```ts
 * const storage = new AzureStorage("storage", {
 *   cluster, environment: "prod", namespace: "data",
 *   disks: [{ name: "db", size: "128Gi", zone: "1" }], shares: [{ name: "shared", size: "100Gi" }],
 * });
 * ```
 */
export class AzureStorage extends pulumi.ComponentResource implements StorageHandle {
  readonly classes: string[];
  readonly claims: Record<string, pulumi.Output<string>>;
  readonly classReadiness: Record<string, pulumi.Resource[]>;
  readonly claimReadiness: Record<string, pulumi.Resource[]>;
  readonly snapshotClass: SnapshotClassHandle;
  /** The storage classes. */
  readonly storageClasses: AzureStorageClasses;
  /** The static disks, by name. */
  readonly disks: Record<string, AzureManagedDisk>;
  /** The file shares, by name. */
  readonly shares: Record<string, AzureFileShare>;

  constructor(name: string, args: AzureStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AzureStorage", name, {}, opts);
    refuse(`AzureStorage "${name}"`, azureStorageProblems(args, args.cluster.zones));
    const common = { cluster: args.cluster, environment: args.environment, namespace: args.namespace };
    this.storageClasses = new AzureStorageClasses(
      `${name}-classes`,
      { cluster: args.cluster, environment: args.environment, fileProtocol: args.fileProtocol },
      { parent: this },
    );
    this.disks = {};
    for (const disk of args.disks ?? []) {
      this.disks[disk.name] = new AzureManagedDisk(
        `${name}-${disk.name}`,
        { ...disk, ...common, claimName: args.claimNames?.[disk.name] },
        { parent: this },
      );
    }
    this.shares = {};
    for (const share of args.shares ?? []) {
      this.shares[share.name] = new AzureFileShare(`${name}-${share.name}`, { ...share, ...common }, { parent: this });
    }
    this.classes = [...new Set([...(args.existingClasses ?? []), ...azureStorageClassNames()])];
    this.classReadiness = {
      [AZURE_DISK_CLASS]: [this.storageClasses.disk],
      [AZURE_FILES_CLASS]: [this.storageClasses.files],
    };
    this.snapshotClass = { ...azureSnapshotClass(), readiness: [this.storageClasses.snapshots] };
    this.claims = {};
    this.claimReadiness = {};
    for (const [volume, component] of [...Object.entries(this.disks), ...Object.entries(this.shares)]) {
      this.claims[volume] = component.claimName;
      this.claimReadiness[volume] = [component.claim];
    }
    this.registerOutputs({ claims: this.claims });
  }
}
