import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Where a cluster comes from. Each value has one component implementing {@link ClusterHandle}. */
export type Cloud = "existing" | "aks" | "eks";

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
}
