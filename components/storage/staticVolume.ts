/**
 * A statically provisioned CSI volume offered to one claim: the PersistentVolume + PersistentVolumeClaim
 * pair every static volume of the storage layer (Azure disks, Azure Files shares, EBS volumes, EFS
 * file systems) is created with, so all of them bind, name, label and retain alike.
 *
 * The binding contract (kubernetes/api@v0.35.7:core/v1/types.go, `PersistentVolumeSpec.ClaimRef`,
 * `PersistentVolumeClaimSpec.VolumeName`): the volume names its claim in `claimRef` (namespace and
 * name), so no other claim can take it, and the claim names the volume in `volumeName`, so it binds
 * to nothing else. Both carry `storageClassName: ""`, so neither the default class nor a dynamic
 * provisioner steps in (kubernetes-sigs/aws-ebs-csi-driver@v1.55.0:examples/kubernetes/static-provisioning/manifests/claim.yaml).
 */
import type * as k8s from "@pulumi/kubernetes";
import { PersistentVolume } from "@pulumi/kubernetes/core/v1/persistentVolume.js";
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim.js";
import type * as pulumi from "@pulumi/pulumi";
import { dataRetention, type Environment } from "../options.ts";
import { renameAlias } from "../renames.ts";

/** A node label the volume's nodes must carry one of the values of (the volume's zone). */
export interface VolumeTopology {
  /**
   * The label, as the volume's CSI driver reports it in its node topology (e.g.
   * `topology.kubernetes.io/zone`).
   */
  key: string;
  /** The values a node may have, e.g. `["eu-west-1a"]`. */
  values: pulumi.Input<string>[];
}

/** Arguments of {@link staticVolume}. */
export interface StaticVolumeArgs {
  /** Name of the volume in the stack: labels both objects (`stateful-stack/volume`). */
  volume: string;
  /** `prod` retains the volume and the claim when they leave the stack. */
  environment: Environment;
  /** The cluster's Kubernetes provider. */
  provider: k8s.Provider;
  /** Namespace of the claim. */
  namespace: pulumi.Input<string>;
  /**
   * Name of the claim, e.g. `data-<set>-<ordinal>` when a StatefulSet replica adopts the volume.
   * @default `volume`
   */
  claimName?: string;
  /**
   * Name of the PersistentVolume object.
   * @default a name Pulumi derives from the resource name `<name>-pv`
   */
  persistentVolumeName?: pulumi.Input<string>;
  /** `ReadWriteOnce` for disks (Azure disks, EBS), `ReadWriteMany` for shares (Azure Files, EFS). */
  accessMode: "ReadWriteOnce" | "ReadWriteMany";
  /** Capacity of the volume and request of the claim, a storage size such as `"100Gi"`. */
  size: string;
  /** The CSI source: driver, volume handle and, as the driver needs, fsType, attributes, secret. */
  csi: k8s.types.input.core.v1.CSIPersistentVolumeSource;
  /**
   * Mount options of the volume.
   * @default none
   */
  mountOptions?: string[];
  /**
   * Nodes the volume can attach to, for a zonal volume.
   * @default any node
   */
  topology?: VolumeTopology;
  /**
   * Resource name of the claim. The EBS and EFS claims keep the `<name>-claim` they were first
   * created with, so that existing stacks see no rename.
   * @default `<name>-pvc`
   */
  claimResourceName?: string;
  /**
   * The resource name `name` had before its entry was renamed (`renamedFrom`): the volume and the
   * claim are registered with aliases naming their old resource names. Their object names are not
   * derived from it: pass the old ones in `claimName` and `persistentVolumeName`.
   * @default not renamed
   */
  previousName?: string;
}

/** The volume and its claim. */
export interface StaticVolumeParts {
  /** The PersistentVolume, reserved for the claim. */
  volume: k8s.core.v1.PersistentVolume;
  /** The claim bound to the volume; a consumer of the volume waits for it. */
  claim: k8s.core.v1.PersistentVolumeClaim;
}

/** Labels of a static volume's objects. */
export function staticVolumeLabels(volume: string): Record<string, string> {
  return { "app.kubernetes.io/part-of": "stateful-stack", "stateful-stack/volume": volume };
}

/** A required node affinity to `topology`. */
function nodeAffinity(topology: VolumeTopology): k8s.types.input.core.v1.VolumeNodeAffinity {
  return {
    required: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: topology.key, operator: "In", values: topology.values }] }],
    },
  };
}

/**
 * A PersistentVolume (`<name>-pv`) for an existing CSI volume and the claim (`<name>-pvc`) reserved
 * for it both ways. The volume is always `Retain`: the cloud volume belongs to the stack, not to
 * the claim. In prod both are retained when they leave the stack. `opts.dependsOn` is what the
 * volume waits for (its CSI driver, the right to attach, its secret); the claim waits for the volume.
 *
 * @example
 * ```ts
 * const { claim } = staticVolume("journal", {
 *   volume: "journal", environment: "prod", provider, namespace: "data",
 *   accessMode: "ReadWriteOnce", size: "100Gi",
 *   csi: { driver: "ebs.csi.aws.com", volumeHandle: ebs.id, fsType: "ext4" },
 *   topology: { key: "topology.kubernetes.io/zone", values: ["eu-west-1a"] },
 * }, { parent: this, dependsOn: [ebsCsiDriver] });
 * ```
 */
export function staticVolume(
  name: string,
  args: StaticVolumeArgs,
  opts: Pick<pulumi.CustomResourceOptions, "parent" | "dependsOn">,
): StaticVolumeParts {
  const options = { parent: opts.parent, provider: args.provider, ...dataRetention(args.environment) };
  const labels = staticVolumeLabels(args.volume);
  const claimName = args.claimName ?? args.volume;
  const storage = args.size;
  const volume = new PersistentVolume(
    `${name}-pv`,
    {
      metadata: { name: args.persistentVolumeName, labels },
      spec: {
        capacity: { storage },
        accessModes: [args.accessMode],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "",
        mountOptions: args.mountOptions,
        csi: args.csi,
        claimRef: { namespace: args.namespace, name: claimName },
        nodeAffinity: args.topology === undefined ? undefined : nodeAffinity(args.topology),
      },
    },
    { ...options, dependsOn: opts.dependsOn, ...renameAlias(args.previousName, "-pv") },
  );
  const claimResourceName = args.claimResourceName ?? `${name}-pvc`;
  // The claim's resource name starts with `name` (`<name>-pvc`, `<name>-claim`).
  const claimSuffix = claimResourceName.startsWith(name) ? claimResourceName.slice(name.length) : undefined;
  const claim = new PersistentVolumeClaim(
    claimResourceName,
    {
      metadata: { name: claimName, namespace: args.namespace, labels },
      spec: {
        accessModes: [args.accessMode],
        storageClassName: "",
        volumeName: volume.metadata.name,
        resources: { requests: { storage } },
      },
    },
    {
      ...options,
      dependsOn: [volume],
      ...renameAlias(claimSuffix === undefined ? undefined : args.previousName, claimSuffix),
    },
  );
  return { volume, claim };
}
