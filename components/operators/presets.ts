/**
 * The operators this package knows, as ready-made {@link OperatorArgs}: versions pinned in
 * `versions.ts`, safe values (Rook's CRDs stay managed by the chart).
 */
import type { ClusterHandle } from "../cluster/handle.ts";
import { cephCsiDriversValues, rookOperatorValues } from "../stateful/rookCharts.ts";
import type { CertManagerChartValues } from "./certManagerTypes.ts";
import type { BarmanCloudChartValues, CloudNativePgChartValues } from "./cnpgChartTypes.ts";
import type { OperatorArgs } from "./operator.ts";
import {
  BARMAN_CLOUD_CHART_VERSION,
  CERT_MANAGER_CHART_REPOSITORY,
  CERT_MANAGER_NAMESPACE,
  CERT_MANAGER_VERSION,
  CEPH_CSI_CHART_REPOSITORY,
  CEPH_CSI_DRIVERS_VERSION,
  CNPG_CHART_REPOSITORY,
  CNPG_CHART_VERSION,
  CNPG_NAMESPACE,
  ETCD_OPERATOR_BUNDLE_URL,
  ETCD_OPERATOR_NAMESPACE,
  ROOK_CHART_REPOSITORY,
  ROOK_NAMESPACE,
  ROOK_VERSION,
} from "./versions.ts";

/** The built-in operators, by name. */
export const OperatorPreset = {
  /** etcd-io/etcd-operator. */
  Etcd: "etcd",
  /** The Rook operator for Ceph. */
  RookCeph: "rook-ceph",
} as const;
/** One built-in operator: `"etcd"` or `"rook-ceph"`. */
export type OperatorPreset = (typeof OperatorPreset)[keyof typeof OperatorPreset];
/** Names of the built-in operators, as written in stack configuration. */
export const OPERATOR_PRESETS = Object.values(OperatorPreset) as [OperatorPreset, ...OperatorPreset[]];

/** etcd-io/etcd-operator v0.2.0 from its pinned install bundle (it has no Helm chart). */
export function etcdOperatorArgs(cluster: ClusterHandle): OperatorArgs {
  return { cluster, namespace: ETCD_OPERATOR_NAMESPACE, manifest: { url: ETCD_OPERATOR_BUNDLE_URL } };
}

/**
 * The Rook-Ceph operator chart in `namespace`. `crds.enabled` is always true: turning it off on a
 * running cluster deletes the CRDs and with them every Ceph custom resource.
 */
export function rookOperatorArgs(cluster: ClusterHandle, namespace: string = ROOK_NAMESPACE): OperatorArgs {
  return {
    cluster,
    namespace,
    helm: {
      repository: ROOK_CHART_REPOSITORY,
      chart: "rook-ceph",
      version: ROOK_VERSION,
      values: { ...rookOperatorValues() },
    },
  };
}

/**
 * The Ceph-CSI drivers chart Rook 1.20 needs to provision and mount volumes, installed after the
 * operator in the operator's `namespace`, with the values Rook requires (driver names after that
 * namespace, Rook's image set, NFS and NVMe-oF off): the chart's defaults do not work with Rook.
 */
export function cephCsiDriversArgs(cluster: ClusterHandle, namespace: string = ROOK_NAMESPACE): OperatorArgs {
  return {
    cluster,
    namespace,
    helm: {
      repository: CEPH_CSI_CHART_REPOSITORY,
      chart: "ceph-csi-drivers",
      version: CEPH_CSI_DRIVERS_VERSION,
      values: { ...cephCsiDriversValues(namespace) },
    },
  };
}

/**
 * cert-manager's chart, with its CRDs (kept when the release is uninstalled). The etcd operator
 * detects cert-manager only when it starts, so it must be installed after this release is ready.
 */
export function certManagerArgs(cluster: ClusterHandle): OperatorArgs {
  const values: CertManagerChartValues = { crds: { enabled: true, keep: true } };
  return {
    cluster,
    namespace: CERT_MANAGER_NAMESPACE,
    helm: { repository: CERT_MANAGER_CHART_REPOSITORY, chart: "cert-manager", version: CERT_MANAGER_VERSION, values },
  };
}

/**
 * The CloudNativePG operator chart in `cnpg-system`, with its CRDs, watching every namespace. It is
 * not a preset of the layer yet: install it with {@link installCloudNativePg}, which orders it
 * after cert-manager and before the Barman Cloud plugin.
 */
export function cloudNativePgOperatorArgs(cluster: ClusterHandle): OperatorArgs {
  const values: CloudNativePgChartValues = { crds: { create: true }, config: { clusterWide: true } };
  return {
    cluster,
    namespace: CNPG_NAMESPACE,
    helm: { repository: CNPG_CHART_REPOSITORY, chart: "cloudnative-pg", version: CNPG_CHART_VERSION, values },
  };
}

/**
 * The Barman Cloud plugin chart (backups and WAL archiving to object stores for CloudNativePG) in
 * the operator's namespace, with its `ObjectStore` CRD. Its templates create cert-manager objects:
 * install it after cert-manager and after the operator (see {@link installCloudNativePg}).
 */
export function barmanCloudPluginArgs(cluster: ClusterHandle): OperatorArgs {
  const values: BarmanCloudChartValues = { crds: { create: true } };
  return {
    cluster,
    namespace: CNPG_NAMESPACE,
    helm: {
      repository: CNPG_CHART_REPOSITORY,
      chart: "plugin-barman-cloud",
      version: BARMAN_CLOUD_CHART_VERSION,
      values,
    },
  };
}
