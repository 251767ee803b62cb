import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Where a cluster comes from. Each value has one component implementing `ClusterHandle`. */
export const Cloud = {
  /** A cluster that already exists, reached through a kubeconfig. */
  Existing: "existing",
  /** An Azure Kubernetes Service cluster the stack creates. */
  Aks: "aks",
  /** An Amazon EKS cluster the stack creates. */
  Eks: "eks",
} as const;
/** Where a cluster comes from: `"existing"`, `"aks"` or `"eks"`. */
export type Cloud = (typeof Cloud)[keyof typeof Cloud];

/**
 * The one contract between the cluster layer and everything above it. Storage, operators and
 * workloads use only this: they never branch on a cloud's internals.
 */
export interface ClusterHandle {
  /** Which kind of cluster this is. */
  readonly cloud: Cloud;
  /** The explicit Kubernetes provider every Kubernetes resource must be created with. */
  readonly provider: k8s.Provider;
  /** Kubeconfig for the cluster (always a secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Availability zones the cluster's nodes run in (empty when unknown). */
  readonly zones: string[];
  /**
   * Resources Kubernetes workloads must wait for: node pools and CSI add-ons. Empty for an
   * existing cluster, which is ready by definition.
   */
  readonly readiness: pulumi.Resource[];
  /** What the Azure storage layer needs; set by the AKS cluster only. */
  readonly azure?: AzureClusterInfo;
  /** What the AWS storage layer needs; set by the EKS cluster only. */
  readonly aws?: AwsClusterInfo;
}

/** What the Azure storage layer needs from an AKS cluster. */
export interface AzureClusterInfo {
  /** Resource group of the cluster and its storage (created before the cluster, not after it). */
  readonly resourceGroupName: pulumi.Output<string>;
  /** Azure region. */
  readonly location: pulumi.Output<string>;
  /** Principal id of the cluster's managed identity (granted rights on static disks). */
  readonly principalId: pulumi.Output<string>;
}

/** What the AWS storage layer needs from an EKS cluster. */
export interface AwsClusterInfo {
  /** AWS region. */
  readonly region: pulumi.Output<string>;
  /** VPC of the cluster. */
  readonly vpcId: pulumi.Output<string>;
  /** Private subnets the nodes run in, one per zone. */
  readonly privateSubnetIds: pulumi.Output<string>[];
  /**
   * A security group every node carries, created with the VPC (not by EKS): storage security
   * groups admit it without waiting for the control plane.
   */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** The EBS CSI driver add-on: gp3 classes and EBS volumes depend on it. */
  readonly ebsCsiDriver: pulumi.Resource;
  /** The EFS CSI driver add-on: EFS classes and volumes depend on it. */
  readonly efsCsiDriver: pulumi.Resource;
  /** The snapshot controller add-on: snapshot classes depend on it. */
  readonly snapshotController: pulumi.Resource;
}
