import type * as pulumi from "@pulumi/pulumi";

/**
 * The contract between the storage layer and the layers above it (operators, custom resources,
 * workloads). One implementation per cloud; nothing above the storage layer branches on the cloud.
 */
export interface StorageHandle {
  /** Every storage class workloads and custom resources may name: created here or already in the cluster. */
  readonly classes: string[];
  /**
   * Claims the storage layer created in the data namespace for statically provisioned volumes
   * (disks, file shares), by the volume's name in the stack configuration.
   */
  readonly claims: Record<string, pulumi.Output<string>>;
  /** Resources a consumer of the storage must wait for (storage classes, claims). */
  readonly readiness: pulumi.Resource[];
}
