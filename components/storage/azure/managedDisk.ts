import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment.js";
import { Disk } from "@pulumi/azure-native/compute/disk.js";
import type * as k8s from "@pulumi/kubernetes";
import { PersistentVolume } from "@pulumi/kubernetes/core/v1/persistentVolume.js";
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim.js";
import * as pulumi from "@pulumi/pulumi";
import { CONTRIBUTOR_ROLE_ID } from "../../cluster/aks/defaults.ts";
import type { ClusterHandle } from "../../cluster/handle.ts";
import { dataRetention, type Environment } from "../../options.ts";
import type { AzureDiskSpec } from "./spec.ts";
import { refuse } from "../../problems.ts";
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
    super("stateful-stack:index:AzureManagedDisk", name, {}, opts);
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
      { parent: this, protect: prod },
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
      { parent: this },
    );

    const k8sOptions = { parent: this, provider: args.cluster.provider, ...dataRetention(args.environment) };
    const size = args.size;
    const claimName = args.claimName ?? args.name;
    this.volume = new PersistentVolume(
      `${name}-pv`,
      {
        metadata: { labels: { "app.kubernetes.io/part-of": "stateful-stack", "stateful-stack/volume": args.name } },
        spec: {
          capacity: { storage: size },
          accessModes: ["ReadWriteOnce"],
          persistentVolumeReclaimPolicy: "Retain",
          storageClassName: "",
          csi: { driver: "disk.csi.azure.com", volumeHandle: this.disk.id, fsType: "ext4" },
          // Pre-bound to its claim, so no other claim can take it (kubernetes/api@v0.35.7:core/v1/types.go).
          claimRef: { namespace: args.namespace, name: claimName },
          nodeAffinity:
            args.zone === undefined
              ? undefined
              : {
                  required: {
                    nodeSelectorTerms: [
                      {
                        matchExpressions: [
                          {
                            key: "topology.disk.csi.azure.com/zone",
                            operator: "In",
                            values: [pulumi.interpolate`${azure.location}-${args.zone}`],
                          },
                        ],
                      },
                    ],
                  },
                },
        },
      },
      { ...k8sOptions, dependsOn: [this.roleAssignment] },
    );

    this.claim = new PersistentVolumeClaim(
      `${name}-pvc`,
      {
        metadata: { name: claimName, namespace: args.namespace },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: "",
          volumeName: this.volume.metadata.name,
          resources: { requests: { storage: size } },
        },
      },
      { ...k8sOptions, dependsOn: [this.volume] },
    );
    this.claimName = this.claim.metadata.name;
    this.registerOutputs({ diskId: this.disk.id, claimName: this.claimName });
  }
}
