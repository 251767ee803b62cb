import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment.js";
import { Disk } from "@pulumi/azure-native/compute/disk.js";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CONTRIBUTOR_ROLE_ID } from "../../cluster/aks/defaults.ts";
import type { ClusterHandle } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import { staticVolume } from "../staticVolume.ts";
import { AZURE_DISK_DRIVER, AZURE_DISK_ZONE_TOPOLOGY_KEY } from "./driverParameters.ts";
import type { AzureDiskSpec } from "./spec.ts";
import { refuse } from "../../problems.ts";
import { previousResourceName, renameAlias, withRenameAlias } from "../../renames.ts";
import { sizeInGib } from "../../rules.ts";
import { azureDiskProblems } from "./validation.ts";

/** Arguments of {@link AzureManagedDisk}. */
export interface AzureManagedDiskArgs extends AzureDiskSpec {
  /** The AKS cluster: its resource group, region, identity and Kubernetes provider. */
  cluster: ClusterHandle;
  /** `prod` protects the disk and retains the volume and claim. */
  environment: Environment;
  /** Namespace of the claim. */
  namespace: pulumi.Input<string>;
  /**
   * Name of the claim, e.g. `data-<set>-<ordinal>` when a StatefulSet replica adopts the disk.
   * @default the disk's `name`
   */
  claimName?: string;
}

/** The ARM id of a built-in role in the subscription of `resourceId`. */
export function roleDefinitionIdFor(resourceId: string, roleId: string): string {
  const subscription = /^\/subscriptions\/[^/]+/i.exec(resourceId)?.[0] ?? "";
  return `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/**
 * A static Azure managed disk offered to Kubernetes: the `compute.Disk` (created in parallel with
 * the cluster: it needs only the resource group), a role assignment letting the cluster identity
 * attach it, a PersistentVolume whose `volumeHandle` is the disk's id (pinned to the disk's zone)
 * and a claim bound to it both ways (`claimRef` and `volumeName`). In prod the disk is protected and the volume and claim retained.
 *
 * @example
 * ```ts
 * const disk = new AzureManagedDisk("db", {
 *   name: "db", size: "256Gi", sku: "Premium_LRS", zone: "1", cluster, environment: "prod", namespace: "data",
 * });
 * ```
 */
export class AzureManagedDisk extends pulumi.ComponentResource {
  /** The managed disk. */
  readonly disk: Disk;
  /** The cluster identity's right to attach the disk. */
  readonly roleAssignment: RoleAssignment;
  /** The PersistentVolume for the disk. */
  readonly volume: k8s.core.v1.PersistentVolume;
  /** The claim bound to the volume. */
  readonly claim: k8s.core.v1.PersistentVolumeClaim;
  /** Name of the claim. */
  readonly claimName: pulumi.Output<string>;

  constructor(name: string, args: AzureManagedDiskArgs, opts?: pulumi.ComponentResourceOptions) {
    const previous = previousResourceName(name, args);
    super("stateful-stack:index:AzureManagedDisk", name, {}, withRenameAlias(opts, previous));
    refuse(`AzureManagedDisk "${name}"`, azureDiskProblems(args));
    const azure = args.cluster.azure;
    if (!azure) throw new Error(`AzureManagedDisk "${args.name}" needs an AKS cluster (cluster.azure is not set)`);
    const prod = args.environment === "prod";
    const sku = args.sku ?? "Premium_LRS";

    this.disk = new Disk(
      `${name}-disk`,
      {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        sku: { name: sku },
        diskSizeGB: sizeInGib(args.size),
        zones: args.zone === undefined ? undefined : [args.zone],
        creationData: { createOption: "Empty" },
        encryption:
          args.diskEncryptionSetId === undefined
            ? { type: "EncryptionAtRestWithPlatformKey" }
            : { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: args.diskEncryptionSetId },
        networkAccessPolicy: "DenyAll",
        publicNetworkAccess: "Disabled",
      },
      { parent: this, protect: prod, ...renameAlias(previous, "-disk") },
    );

    this.roleAssignment = new RoleAssignment(
      `${name}-attach`,
      {
        scope: this.disk.id,
        principalId: azure.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: this.disk.id.apply((id) => roleDefinitionIdFor(id, CONTRIBUTOR_ROLE_ID)),
        description: `Lets the AKS cluster attach the managed disk "${args.name}"`,
      },
      { parent: this, ...renameAlias(previous, "-attach") },
    );

    const bound = staticVolume(
      name,
      {
        volume: args.name,
        environment: args.environment,
        provider: args.cluster.provider,
        namespace: args.namespace,
        // A renamed disk's claim keeps its name: a new name would replace it.
        claimName: args.claimName ?? args.renamedFrom,
        previousName: previous,
        accessMode: "ReadWriteOnce",
        size: args.size,
        // The handle is the disk's ARM id (kubernetes-sigs/azuredisk-csi-driver@v1.34.5:
        // docs/driver-parameters.md "Static Provisioning"); the node formats it with `fsType`.
        csi: { driver: AZURE_DISK_DRIVER, volumeHandle: this.disk.id, fsType: "ext4" },
        topology:
          args.zone === undefined
            ? undefined
            : { key: AZURE_DISK_ZONE_TOPOLOGY_KEY, values: [pulumi.interpolate`${azure.location}-${args.zone}`] },
      },
      { parent: this, dependsOn: [this.roleAssignment] },
    );
    this.volume = bound.volume;
    this.claim = bound.claim;
    this.claimName = this.claim.metadata.name;
    this.registerOutputs({ diskId: this.disk.id, claimName: this.claimName });
  }
}
