import { Volume } from "@pulumi/aws/ebs/volume.js";
import type * as k8s from "@pulumi/kubernetes";
import { PersistentVolume } from "@pulumi/kubernetes/core/v1/persistentVolume.js";
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim.js";
import * as pulumi from "@pulumi/pulumi";
import { dataRetention, type Environment } from "../../options.ts";
import { sizeInGib } from "../../rules.ts";
import type { EbsVolumeSpec } from "./args.ts";

/** What a static volume is created with. */
export interface StaticVolumeContext {
  environment: Environment;
  namespace: pulumi.Input<string>;
  provider: k8s.Provider;
  /** The CSI driver the persistent volume needs. */
  driver: pulumi.Resource;
  tags: Record<string, string>;
  parent: pulumi.Resource;
  /**
   * Name of the claim, e.g. `data-<set>-<ordinal>` when a StatefulSet replica adopts the volume.
   * @default the volume's name
   */
  claimName?: string;
}

/**
 * A persistent volume pre-bound to a claim in `namespace` (named `context.claimName`, by default
 * the volume's name), and that claim.
 * Static volumes are always `Retain`: the cloud volume belongs to the stack, not to the claim.
 */
export function boundClaim(
  name: string,
  volume: string,
  spec: { capacity: string; accessMode: string; csi: k8s.types.input.core.v1.CSIPersistentVolumeSource; zone?: string },
  context: StaticVolumeContext,
  dependsOn: pulumi.Resource[],
): k8s.core.v1.PersistentVolumeClaim {
  const options = { parent: context.parent, provider: context.provider, ...dataRetention(context.environment) };
  const claimName = context.claimName ?? volume;
  const pv = new PersistentVolume(
    `${name}-pv`,
    {
      metadata: {
        name: pulumi.interpolate`${context.namespace}-${volume}`,
        labels: { "stateful-stack/volume": volume },
      },
      spec: {
        capacity: { storage: spec.capacity },
        accessModes: [spec.accessMode],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "",
        csi: spec.csi,
        claimRef: { namespace: context.namespace, name: claimName },
        nodeAffinity:
          spec.zone === undefined
            ? undefined
            : {
                required: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: [spec.zone] }] },
                  ],
                },
              },
      },
    },
    { ...options, dependsOn: [context.driver, ...dependsOn] },
  );
  return new PersistentVolumeClaim(
    `${name}-claim`,
    {
      metadata: { name: claimName, namespace: context.namespace, labels: { "stateful-stack/volume": volume } },
      spec: {
        accessModes: [spec.accessMode],
        storageClassName: "",
        volumeName: pv.metadata.name,
        resources: { requests: { storage: spec.capacity } },
      },
    },
    options,
  );
}

/**
 * A static, encrypted gp3 EBS volume (protected in prod), created in parallel with the cluster,
 * with its persistent volume (zone affinity) and bound claim.
 */
export function ebsVolume(
  name: string,
  spec: EbsVolumeSpec,
  context: StaticVolumeContext,
): { volume: Volume; claim: k8s.core.v1.PersistentVolumeClaim } {
  const volume = new Volume(
    name,
    {
      availabilityZone: spec.zone,
      size: sizeInGib(spec.size),
      type: "gp3",
      iops: spec.iops,
      throughput: spec.throughput,
      encrypted: true,
      finalSnapshot: context.environment === "prod",
      tags: { ...context.tags, Name: name, "stateful-stack/volume": spec.name },
    },
    { parent: context.parent, protect: context.environment === "prod" },
  );
  const claim = boundClaim(
    name,
    spec.name,
    {
      capacity: spec.size,
      accessMode: "ReadWriteOnce",
      csi: { driver: "ebs.csi.aws.com", volumeHandle: volume.id, fsType: "ext4" },
      zone: spec.zone,
    },
    context,
    [],
  );
  return { volume, claim };
}
