import type * as k8s from "@pulumi/kubernetes";
import { Release } from "@pulumi/kubernetes/helm/v3/release.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { HELM_TIMEOUT_SECONDS, ROOK_CHART_REPOSITORY, ROOK_NAMESPACE, ROOK_VERSION } from "../operators/versions.ts";
import { pinnedVersionProblems } from "../operators/sources.ts";
import { problem, refuse, type Problem } from "../problems.ts";
import { DNS_LABEL, dnsSubdomainProblems, gibSizeProblems, wholeNumberProblems } from "../rules.ts";
import { cephCsiDriverName, cephVolumeSnapshotClass, ROOK_CSI_SECRETS, ROOK_NAMESPACE_MAX } from "./rookCharts.ts";
import { rookTopology, ZONE_FAILURE_DOMAIN_MIN_ZONES } from "./rookPlacement.ts";
import type { CephStorageClassValues, RookCephClusterValues } from "./rookTypes.ts";

/** The settings of a {@link RookCephCluster} that do not depend on where it is deployed. */
export interface RookCephClusterSettings {
  /** The cloud disk storage class the monitors and OSDs claim block volumes from. */
  storageClass: string;
  /**
   * Number of OSDs (one cloud disk each).
   * @default 3
   */
  osdCount?: number;
  /**
   * Size of each OSD disk.
   * @default "100Gi"
   */
  osdSize?: string;
  /**
   * Copies of every object in the block pool and file system.
   * @default 3
   */
  replicas?: number;
  /**
   * Name of the block (RBD) storage class.
   * @default "ceph-block"
   */
  blockStorageClass?: string;
  /**
   * Name of the shared file system (CephFS) storage class.
   * @default "ceph-filesystem"
   */
  filesystemStorageClass?: string;
  /**
   * Namespace of the Rook operator, the Ceph-CSI drivers and the Ceph cluster. The operator layer
   * installs all three there; the CSI driver names (`<namespace>.rbd.csi.ceph.com`) derive from it.
   * @default "rook-ceph"
   */
  namespace?: string;
  /**
   * `rook-ceph-cluster` chart version (must match the operator's).
   * @default ROOK_VERSION
   */
  chartVersion?: string;
}

/** Arguments of {@link RookCephCluster}. */
export interface RookCephClusterArgs extends RookCephClusterSettings {
  /** The cluster; the chart release uses its provider. */
  cluster: ClusterHandle;
  /** `prod` retains the release and makes the Ceph storage and snapshot classes `Retain` volumes and snapshots. */
  environment: Environment;
  /**
   * Create a VolumeSnapshotClass for each Ceph driver (RBD, CephFS), named after its storage class
   * and labelled `velero.io/csi-volumesnapshot-class`, so that Velero's CSI snapshots copy the
   * volumes of the Ceph classes. Set it when Velero backs up the cluster. The classes need the
   * `snapshot.storage.k8s.io` CRDs: pass what they wait for (the snapshot controller) in `dependsOn`.
   * @default false
   */
  veleroSnapshotClasses?: boolean;
  /**
   * Availability zones the nodes run in. With three or more, every pool keeps each copy in its own
   * zone and the monitors spread over zones; with two or more, new OSD disks spread over zones.
   * @default cluster.zones
   */
  zones?: string[];
}

/** The largest OSD disk, in GiB: 64 TiB, the largest EBS volume (Azure disks stop at 32 TiB). */
const OSD_SIZE_MAX_GIB = 65536;

/** What {@link rookCephClusterProblems} checks: the arguments that do not depend on where it is deployed. */
export type RookCephClusterCheckArgs = Omit<RookCephClusterArgs, "cluster" | "environment">;

/**
 * The check of {@link RookCephClusterArgs} (paths relative to them): OSD count and size, replicas
 * each kept on their own OSD (and zone, with three or more), storage class names, and a namespace
 * every CSI driver name fits.
 */
export function rookCephClusterProblems(args: RookCephClusterCheckArgs): Problem[] {
  const problems = dnsSubdomainProblems(["storageClass"], args.storageClass, "cloud disk class of the OSDs");
  const osdCount = args.osdCount ?? 3;
  const replicas = args.replicas ?? 3;
  const countProblems = wholeNumberProblems(["osdCount"], osdCount, 1, 100, "OSDs, one cloud disk each");
  const replicaProblems = wholeNumberProblems(["replicas"], replicas, 1, 5, "copies of each object");
  problems.push(...countProblems, ...replicaProblems);
  const zones = args.zones?.length ?? 0;
  if (countProblems.length === 0 && replicaProblems.length === 0 && replicas > osdCount)
    problems.push(
      problem(["replicas"], replicas, `each copy needs its own OSD: use at most osdCount (${osdCount}) replicas`),
    );
  else if (replicaProblems.length === 0 && zones >= ZONE_FAILURE_DOMAIN_MIN_ZONES && replicas > zones)
    problems.push(
      problem(
        ["replicas"],
        replicas,
        `with ${ZONE_FAILURE_DOMAIN_MIN_ZONES} or more zones each copy is kept in its own zone: use at most ${zones} replicas (one per zone)`,
      ),
    );
  problems.push(...gibSizeProblems(["osdSize"], args.osdSize ?? "100Gi", 1, OSD_SIZE_MAX_GIB, "each OSD's cloud disk"));
  for (const key of ["blockStorageClass", "filesystemStorageClass"] as const)
    if (args[key] !== undefined) problems.push(...dnsSubdomainProblems([key], args[key], "storage class Ceph creates"));
  const namespace = args.namespace ?? ROOK_NAMESPACE;
  if (typeof namespace !== "string" || !DNS_LABEL.test(namespace) || namespace.length > ROOK_NAMESPACE_MAX)
    problems.push(
      problem(
        ["namespace"],
        namespace,
        `must be a lowercase DNS label of at most ${ROOK_NAMESPACE_MAX} characters, so that the CSI driver names (such as "${cephCsiDriverName(String(namespace), "cephfs")}") are valid; use a name such as "rook-ceph"`,
      ),
    );
  if (args.chartVersion !== undefined) problems.push(...pinnedVersionProblems(["chartVersion"], args.chartVersion));
  return problems;
}

function storageClass(
  name: string,
  driver: "rbd" | "cephfs",
  namespace: string,
  reclaimPolicy: CephStorageClassValues["reclaimPolicy"],
): CephStorageClassValues {
  const { provisioner, node } = ROOK_CSI_SECRETS[driver];
  return {
    enabled: true,
    name,
    isDefault: false,
    reclaimPolicy,
    allowVolumeExpansion: true,
    volumeBindingMode: "Immediate",
    parameters: {
      ...(driver === "rbd" ? { imageFormat: "2", imageFeatures: "layering" } : {}),
      "csi.storage.k8s.io/provisioner-secret-name": provisioner,
      "csi.storage.k8s.io/provisioner-secret-namespace": namespace,
      "csi.storage.k8s.io/controller-expand-secret-name": provisioner,
      "csi.storage.k8s.io/controller-expand-secret-namespace": namespace,
      "csi.storage.k8s.io/controller-publish-secret-name": provisioner,
      "csi.storage.k8s.io/controller-publish-secret-namespace": namespace,
      "csi.storage.k8s.io/node-stage-secret-name": node,
      "csi.storage.k8s.io/node-stage-secret-namespace": namespace,
      "csi.storage.k8s.io/fstype": "ext4",
    },
  };
}

/** The chart values for these arguments, defaults applied. */
export function rookCephClusterValues(args: Omit<RookCephClusterArgs, "cluster">): RookCephClusterValues {
  const namespace = args.namespace ?? ROOK_NAMESPACE;
  const topology = rookTopology(args.zones?.length ?? 0);
  const { failureDomain } = topology;
  const replicated = { size: args.replicas ?? 3 };
  const reclaimPolicy = args.environment === "prod" ? "Retain" : "Delete";
  const blockClass = args.blockStorageClass ?? "ceph-block";
  const filesystemClass = args.filesystemStorageClass ?? "ceph-filesystem";
  const claim = (name: string, size: string, volumeMode: "Block" | "Filesystem") => ({
    metadata: { name },
    spec: {
      storageClassName: args.storageClass,
      volumeMode,
      accessModes: ["ReadWriteOnce" as const],
      resources: { requests: { storage: size } },
    },
  });
  return {
    operatorNamespace: namespace,
    toolbox: { enabled: false },
    monitoring: { enabled: false },
    cephClusterSpec: {
      dataDirHostPath: "/var/lib/rook",
      mon: { count: 3, allowMultiplePerNode: false, volumeClaimTemplate: claim("data", "10Gi", "Filesystem") },
      mgr: { count: 2, allowMultiplePerNode: false },
      dashboard: { enabled: true, ssl: true },
      cleanupPolicy: { confirmation: "", allowUninstallWithVolumes: false },
      ...(topology.mon ? { placement: { mon: topology.mon } } : {}),
      storage: {
        useAllNodes: false,
        useAllDevices: false,
        onlyApplyOSDPlacement: false,
        storageClassDeviceSets: [
          {
            name: "set1",
            count: args.osdCount ?? 3,
            portable: true,
            encrypted: false,
            placement: topology.osd,
            preparePlacement: topology.prepare,
            volumeClaimTemplates: [claim("data", args.osdSize ?? "100Gi", "Block")],
          },
        ],
      },
    },
    cephBlockPools: [
      {
        name: "replicapool",
        spec: { failureDomain, replicated },
        storageClass: storageClass(blockClass, "rbd", namespace, reclaimPolicy),
      },
    ],
    cephFileSystems: [
      {
        name: "cephfs",
        spec: {
          metadataPool: { failureDomain, replicated },
          dataPools: [{ name: "data0", failureDomain, replicated }],
          metadataServer: { activeCount: 1, activeStandby: true },
        },
        storageClass: {
          ...storageClass(filesystemClass, "cephfs", namespace, reclaimPolicy),
          pool: "data0",
        },
      },
    ],
    ...(args.veleroSnapshotClasses
      ? {
          cephBlockPoolsVolumeSnapshotClass: cephVolumeSnapshotClass(blockClass, reclaimPolicy),
          cephFileSystemVolumeSnapshotClass: cephVolumeSnapshotClass(filesystemClass, reclaimPolicy),
        }
      : {}),
    cephObjectStores: [],
  };
}

/**
 * A Ceph cluster run by Rook on claims of the cloud disk class (`storageClassDeviceSets`, block
 * volumes), with a replicated block pool and a shared file system, each with its storage class
 * (and, for Velero, its VolumeSnapshotClass): the `rook-ceph-cluster` chart as a `helm.v3.Release`.
 * Its cleanup policy never wipes data. OSDs spread over hosts and their disks over zones; with three
 * or more zones each copy of the data is kept in its own zone and the monitors spread over zones
 * ({@link rookTopology}). The operator and the CSI drivers must run in the same `namespace`. Pass
 * the Rook operator's and the CSI drivers' `ready`, the disk class's readiness and, with
 * `veleroSnapshotClasses`, what VolumeSnapshotClasses wait for in `dependsOn`.
 *
 * @example
 * ```ts
 * const rook = new Operator("rook", rookOperatorArgs(cluster), { dependsOn: cluster.readiness });
 * const csi = new Operator("ceph-csi", cephCsiDriversArgs(cluster), { dependsOn: rook.ready });
 * new RookCephCluster("ceph", { cluster, environment: "prod", storageClass: "gp3" }, { dependsOn: [...rook.ready, ...csi.ready] });
 * ```
 */
export class RookCephCluster extends pulumi.ComponentResource {
  /** Storage classes the Ceph cluster offers: block, then file system. */
  readonly storageClasses: string[];
  /** The chart release. */
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: RookCephClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:RookCephCluster", name, {}, opts);
    const resolved = { ...args, zones: args.zones ?? args.cluster.zones };
    refuse(`RookCephCluster "${name}"`, rookCephClusterProblems(resolved));
    const values = rookCephClusterValues(resolved);
    this.storageClasses = [...values.cephBlockPools, ...values.cephFileSystems].map((p) => p.storageClass.name);
    this.release = new Release(
      name,
      {
        name: "rook-ceph-cluster",
        chart: "rook-ceph-cluster",
        version: args.chartVersion ?? ROOK_VERSION,
        repositoryOpts: { repo: ROOK_CHART_REPOSITORY },
        namespace: args.namespace ?? ROOK_NAMESPACE,
        createNamespace: true,
        values: { ...values },
        timeout: HELM_TIMEOUT_SECONDS,
      },
      {
        parent: this,
        provider: args.cluster.provider,
        dependsOn: forwardedDependsOn(opts),
        ...dataRetention(args.environment),
      },
    );
    this.registerOutputs({});
  }
}
