import { Volume } from "@pulumi/aws/ebs/volume.js";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../options.ts";
import { previousResourceName, renameAlias, type Renamable } from "../../renames.ts";
import { sizeInGib } from "../../rules.ts";
import { staticVolume, type StaticVolumeArgs } from "../staticVolume.ts";
import type { EbsVolumeSpec } from "./args.ts";
import { EBS_CSI_DRIVER, EBS_ZONE_TOPOLOGY_KEY } from "./contracts.ts";

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
 * What every AWS static volume's PV + PVC pair shares: the PV is named `<namespace>-<volume>` and
 * the claim resource `<name>-claim`, as they were first created. A renamed volume's PV and claim keep
 * the names of its previous name (a new PV name would replace it) and take over their resources.
 */
export function awsVolumeArgs(
  name: string,
  volume: Renamable,
  context: StaticVolumeContext,
): Omit<StaticVolumeArgs, "accessMode" | "size" | "csi"> {
  const named = volume.renamedFrom ?? volume.name;
  return {
    volume: volume.name,
    environment: context.environment,
    provider: context.provider,
    namespace: context.namespace,
    claimName: context.claimName ?? volume.renamedFrom,
    persistentVolumeName: pulumi.interpolate`${context.namespace}-${named}`,
    claimResourceName: `${name}-claim`,
    previousName: previousResourceName(name, volume),
  };
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
    {
      parent: context.parent,
      protect: context.environment === "prod",
      ...renameAlias(previousResourceName(name, spec)),
    },
  );
  const { claim } = staticVolume(
    name,
    {
      ...awsVolumeArgs(name, spec, context),
      accessMode: "ReadWriteOnce",
      size: spec.size,
      csi: { driver: EBS_CSI_DRIVER, volumeHandle: volume.id, fsType: "ext4" },
      topology: { key: EBS_ZONE_TOPOLOGY_KEY, values: [spec.zone] },
    },
    { parent: context.parent, dependsOn: [context.driver] },
  );
  return { volume, claim };
}
