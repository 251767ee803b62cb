/**
 * Values of the Rook operator chart and of the Ceph-CSI drivers chart, computed from the one
 * namespace the operator, the drivers and the Ceph cluster share, and the names that must agree
 * across the three charts.
 */
import type { CephCsiDriverKind, CephCsiDriversValues } from "./cephCsiDriversTypes.ts";
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../backups/veleroTypes.ts";
import type { CephVolumeSnapshotClassValues, RookOperatorValues } from "./rookTypes.ts";

/**
 * The ConfigMap of CSI images the `rook-ceph` chart creates in the operator namespace
 * (rook/rook@v1.20.6:deploy/charts/rook-ceph/templates/configmap.yaml).
 */
export const ROOK_CSI_IMAGE_SET = "rook-csi-operator-image-set-configmap";

/**
 * The CSI secrets the Rook operator creates in the Ceph cluster's namespace, per driver
 * (rook/rook@v1.20.6:pkg/operator/ceph/csi/secrets.go).
 */
export const ROOK_CSI_SECRETS = {
  rbd: { provisioner: "rook-csi-rbd-provisioner", node: "rook-csi-rbd-node" },
  cephfs: { provisioner: "rook-csi-cephfs-provisioner", node: "rook-csi-cephfs-node" },
} as const;

/**
 * A Ceph-CSI driver name as Rook's storage classes expect it: `<operator namespace>.<kind>.csi.ceph.com`
 * (rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/templates/cephblockpool.yaml).
 */
export function cephCsiDriverName(operatorNamespace: string, kind: CephCsiDriverKind): string {
  return `${operatorNamespace}.${kind}.csi.ceph.com`;
}

/** The longest namespace whose driver names (`<ns>.cephfs.csi.ceph.com`) fit a CSI driver name's 63 characters. */
export const ROOK_NAMESPACE_MAX = 63 - ".cephfs.csi.ceph.com".length;

/** The `rook-ceph` chart values: CRDs and the Ceph-CSI operator managed by the chart, no discovery daemon. */
export function rookOperatorValues(): RookOperatorValues {
  return { crds: { enabled: true }, enableDiscoveryDaemon: false, csi: { installCsiOperator: true } };
}

/**
 * The `ceph-csi-drivers` chart values Rook requires (rook/rook@v1.20.6:deploy/charts/ceph-csi-drivers/values.yaml),
 * for an operator in `operatorNamespace`: the operator config in that namespace with Rook's image set
 * and priority classes; RBD and CephFS drivers named after the namespace, each running its
 * snapshotter (the chart leaves RBD's off); NFS and NVMe-oF off.
 */
export function cephCsiDriversValues(operatorNamespace: string): CephCsiDriversValues {
  const driver = (kind: CephCsiDriverKind, enabled: boolean) => ({
    enabled,
    name: cephCsiDriverName(operatorNamespace, kind),
    ...(enabled ? { snapshotPolicy: "volumeSnapshot" as const } : {}),
  });
  return {
    operatorConfig: {
      namespace: operatorNamespace,
      driverSpecDefaults: {
        imageSet: { name: ROOK_CSI_IMAGE_SET },
        nodePlugin: { priorityClassName: "system-node-critical" },
        controllerPlugin: { priorityClassName: "system-cluster-critical" },
      },
    },
    drivers: {
      rbd: driver("rbd", true),
      cephfs: driver("cephfs", true),
      nfs: driver("nfs", false),
      nvmeof: driver("nvmeof", false),
    },
  };
}

/**
 * A VolumeSnapshotClass of the `rook-ceph-cluster` chart for Velero's CSI snapshots: named `name`
 * (the storage class of the same driver), labelled `velero.io/csi-volumesnapshot-class` (the class
 * Velero takes for the driver: vmware-tanzu/velero@v1.17.2:pkg/util/csi/volume_snapshot.go
 * `GetVolumeSnapshotClassForStorageClass`), not the driver's default class (like the stack's other
 * snapshot classes). `deletionPolicy` follows the volumes' reclaim policy, as the stack's other
 * snapshot classes do; Velero sets its own snapshots' policy itself (same file,
 * `SetVolumeSnapshotContentDeletionPolicy`).
 */
export function cephVolumeSnapshotClass(
  name: string,
  deletionPolicy: CephVolumeSnapshotClassValues["deletionPolicy"],
): CephVolumeSnapshotClassValues {
  return {
    enabled: true,
    name,
    isDefault: false,
    deletionPolicy,
    annotations: {},
    labels: { [VELERO_SNAPSHOT_CLASS_LABEL]: "true" },
    parameters: {},
  };
}
