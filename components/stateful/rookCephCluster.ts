import type * as k8s from "@pulumi/kubernetes";
import { Release } from "@pulumi/kubernetes/helm/v3/release.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { HELM_TIMEOUT_SECONDS, ROOK_CHART_REPOSITORY, ROOK_NAMESPACE, ROOK_VERSION } from "../operators/versions.ts";
import { cephCsiDriverName, ROOK_CSI_SECRETS, ROOK_NAMESPACE_MAX } from "./rookCharts.ts";
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
  /** `prod` retains the release and makes the Ceph storage classes `Retain` volumes. */
  environment: Environment;
  /**
   * Availability zones the nodes run in. With three or more, every pool keeps each copy in its own
   * zone and the monitors spread over zones; with two or more, new OSD disks spread over zones.
   * @default cluster.zones
   */
  zones?: string[];
}

const SIZE_PATTERN = /^[1-9][0-9]*(Gi|Ti)$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks {@link RookCephClusterArgs}; returns the problems found (empty when valid). */
export function rookCephClusterProblems(name: string, args: Omit<RookCephClusterArgs, "cluster">): string[] {
  const problems: string[] = [];
  const osdCount = args.osdCount ?? 3;
  const replicas = args.replicas ?? 3;
  if (!Number.isInteger(osdCount) || osdCount < 1) {
    problems.push(`RookCephCluster "${name}": osdCount ${osdCount} must be a whole number of at least 1`);
  }
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > osdCount) {
    problems.push(
      `RookCephCluster "${name}": replicas ${replicas} must be from 1 to osdCount (${osdCount}); each copy needs its own OSD`,
    );
  }
  const osdSize = args.osdSize ?? "100Gi";
  if (!SIZE_PATTERN.test(osdSize)) {
    problems.push(`RookCephCluster "${name}": osdSize "${osdSize}" must be a size in Gi or Ti such as "100Gi"`);
  }
  const zones = args.zones?.length ?? 0;
  if (zones >= ZONE_FAILURE_DOMAIN_MIN_ZONES && replicas > zones) {
    problems.push(
      `RookCephCluster "${name}": replicas ${replicas} exceeds the ${zones} zones; with ${ZONE_FAILURE_DOMAIN_MIN_ZONES} or more zones each copy is kept in its own zone, so use at most ${zones} replicas`,
    );
  }
  const namespace = args.namespace ?? ROOK_NAMESPACE;
  if (!DNS_LABEL.test(namespace) || namespace.length > ROOK_NAMESPACE_MAX) {
    problems.push(
      `RookCephCluster "${name}": namespace "${namespace}" must be a lowercase DNS label of at most ${ROOK_NAMESPACE_MAX} characters, so that the CSI driver name "${cephCsiDriverName(namespace, "cephfs")}" is valid; use a name such as "rook-ceph"`,
    );
  }
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
        storageClass: storageClass(args.blockStorageClass ?? "ceph-block", "rbd", namespace, reclaimPolicy),
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
          ...storageClass(args.filesystemStorageClass ?? "ceph-filesystem", "cephfs", namespace, reclaimPolicy),
          pool: "data0",
        },
      },
    ],
    cephObjectStores: [],
  };
}

/**
 * A Ceph cluster run by Rook on claims of the cloud disk class (`storageClassDeviceSets`, block
 * volumes), with a replicated block pool and a shared file system, each with its storage class:
 * the `rook-ceph-cluster` chart as a `helm.v3.Release`. Its cleanup policy never wipes data. OSDs
 * spread over hosts and their disks over zones; with three or more zones each copy of the data is
 * kept in its own zone and the monitors spread over zones ({@link rookTopology}). The operator and
 * the CSI drivers must run in the same `namespace`. Pass the Rook operator's and the CSI drivers'
 * `ready` and the disk class's readiness in `dependsOn`.
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
    const problems = rookCephClusterProblems(name, resolved);
    if (problems.length > 0) throw new Error(problems.join("; "));
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
