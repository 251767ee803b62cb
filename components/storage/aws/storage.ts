import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import { refuse } from "../../problems.ts";
import type { SnapshotClassHandle, StorageHandle } from "../handle.ts";
import {
  AWS_STORAGE_CLASSES,
  awsSnapshotClass,
  awsStorageClassNames,
  awsStorageProblems,
  efsClassName,
  type EbsVolumeSpec,
  type EfsFileSystemSpec,
} from "./args.ts";
import { ebsSnapshotClass, efsClass, gp3Class, type ClassContext } from "./classes.ts";
import { ebsVolume } from "./ebs.ts";
import { efsFileSystem, type EfsParts } from "./efs.ts";

/** Arguments of {@link AwsStorage}. */
export interface AwsStorageArgs {
  /** An EKS cluster (its `aws` slot must be set). */
  cluster: ClusterHandle;
  /** `prod` protects volumes and file systems, retains persistent volumes and claims, and uses `Retain` classes. */
  environment: Environment;
  /** Namespace of the claims. */
  namespace: pulumi.Input<string>;
  /**
   * Static EBS volumes.
   * @default []
   */
  volumes?: EbsVolumeSpec[];
  /**
   * EFS file systems.
   * @default []
   */
  fileSystems?: EfsFileSystemSpec[];
  /**
   * Storage classes that already exist in the cluster, offered next to the created ones.
   * @default []
   */
  existingClasses?: string[];
  /**
   * Claim names of adopted EBS volumes, by volume name (`data-<set>-<ordinal>`, chosen by the platform).
   * @default each volume's claim is named after the volume
   */
  claimNames?: Record<string, string>;
  /**
   * Tags on every AWS resource.
   * @default {}
   */
  tags?: Record<string, string>;
}

/**
 * Storage on EKS: a default gp3 class, one EFS class per file system, an EBS VolumeSnapshotClass,
 * static EBS volumes and EFS file systems with their persistent volumes and claims. Cloud volumes
 * and file systems start with the cluster; the Kubernetes objects wait for their CSI driver add-on.
 *
 * @example
 * ```ts
 * const storage = new AwsStorage("storage", {
 *   cluster, environment: "prod", namespace: "data",
 *   volumes: [{ name: "journal", zone: "eu-west-1a", size: "100Gi" }],
 *   fileSystems: [{ name: "shared" }],
 * });
 * // storage.claims["shared"] is a ReadWriteMany claim every replica can mount.
 * ```
 */
export class AwsStorage extends pulumi.ComponentResource implements StorageHandle {
  readonly classes: string[];
  readonly claims: Record<string, pulumi.Output<string>>;
  readonly classReadiness: Record<string, pulumi.Resource[]>;
  readonly claimReadiness: Record<string, pulumi.Resource[]>;
  readonly snapshotClass: SnapshotClassHandle;
  /** The EFS file systems, by name. */
  readonly fileSystems: Record<string, EfsParts>;

  constructor(name: string, args: AwsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AwsStorage", name, {}, opts);
    const aws = args.cluster.aws;
    if (aws === undefined) throw new Error(`AwsStorage "${name}": the cluster is not an EKS cluster (no aws info)`);
    refuse(`AwsStorage "${name}"`, awsStorageProblems(args, args.cluster.zones));
    const provider: k8s.Provider = args.cluster.provider;
    const tags = args.tags ?? {};
    const context: ClassContext = { aws, environment: args.environment, provider, parent: this };
    const volumeContext = { environment: args.environment, namespace: args.namespace, provider, tags, parent: this };

    this.classReadiness = { [AWS_STORAGE_CLASSES.gp3]: [gp3Class(name, context)] };
    this.snapshotClass = { ...awsSnapshotClass(), readiness: [ebsSnapshotClass(name, context)] };
    this.claims = {};
    this.claimReadiness = {};
    for (const spec of args.volumes ?? []) {
      const { claim } = ebsVolume(`${name}-ebs-${spec.name}`, spec, {
        ...volumeContext,
        driver: aws.ebsCsiDriver,
        claimName: args.claimNames?.[spec.name],
      });
      this.claims[spec.name] = claim.metadata.name;
      this.claimReadiness[spec.name] = [claim];
    }
    this.fileSystems = {};
    for (const spec of args.fileSystems ?? []) {
      const parts = efsFileSystem(`${name}-efs-${spec.name}`, spec, aws, {
        ...volumeContext,
        driver: aws.efsCsiDriver,
      });
      this.fileSystems[spec.name] = parts;
      this.claims[spec.name] = parts.claim.metadata.name;
      this.claimReadiness[spec.name] = [parts.claim];
      // Its volumes mount through the mount targets, which the class does not wait for.
      this.classReadiness[efsClassName(spec.name)] = [
        efsClass(name, spec.name, parts.fileSystem.id, context),
        ...parts.mountTargets,
      ];
    }
    this.classes = [...new Set([...(args.existingClasses ?? []), ...awsStorageClassNames(args)])];
    this.registerOutputs({ claims: this.claims });
  }
}
