/**
 * The values of the `ceph-csi-drivers` chart this package sets, as TypeScript types mirroring the
 * chart at the version Rook v1.20.6 is tested with (1.0.4,
 * rook/rook@v1.20.6:tests/framework/installer/ceph_helm_installer.go). Sources:
 * - ceph/ceph-csi-operator@v1.0.4:deploy/charts/ceph-csi-drivers/values.yaml (the chart's values),
 * - ceph/ceph-csi-operator@v1.0.4:deploy/charts/ceph-csi-drivers/templates/driver.yaml and
 *   operatorConfig.yaml (what they render),
 * - rook/rook@v1.20.6:deploy/charts/ceph-csi-drivers/values.yaml (the values Rook requires: "the
 *   drivers will fail if only configured with the chart defaults",
 *   rook/rook@v1.20.6:Documentation/Helm-Charts/csi-drivers-chart.md).
 */

/** The kinds of driver the chart can deploy (`drivers.<kind>`). */
export type CephCsiDriverKind = "rbd" | "cephfs" | "nfs" | "nvmeof";

/** Node plugin (DaemonSet) settings: `driverSpecDefaults.nodePlugin`. */
export interface CephCsiNodePluginValues {
  /** Priority class of the node plugin pods. */
  priorityClassName: string;
}

/** Controller plugin (Deployment) settings: `driverSpecDefaults.controllerPlugin`. */
export interface CephCsiControllerPluginValues {
  /** Priority class of the controller plugin pods. */
  priorityClassName: string;
}

/** `operatorConfig`: the `OperatorConfig` object the Ceph-CSI operator reads from its own namespace. */
export interface CephCsiOperatorConfigValues {
  /**
   * Namespace of the `OperatorConfig`: the namespace the Ceph-CSI operator runs in, which is Rook's
   * operator namespace (the chart's default is empty).
   */
  namespace: string;
  /** Defaults for every driver. */
  driverSpecDefaults: {
    /**
     * ConfigMap of the CSI images, in the operator namespace: the `rook-ceph` chart creates
     * `rook-csi-operator-image-set-configmap` (rook/rook@v1.20.6:deploy/charts/rook-ceph/templates/configmap.yaml).
     */
    imageSet: { name: string };
    nodePlugin: CephCsiNodePluginValues;
    controllerPlugin: CephCsiControllerPluginValues;
  };
}

/** One entry of `drivers`: a `csi.ceph.io/v1` `Driver` named `name` when enabled. */
export interface CephCsiDriverValues {
  /** Deploy this driver. The chart enables all four by default. */
  enabled: boolean;
  /**
   * CSI driver name: the storage classes' provisioner. Rook's classes use
   * `<operator namespace>.<kind>.csi.ceph.com`; the chart's default is `<kind>.csi.ceph.com`.
   */
  name: string;
  /**
   * Whether the driver's controller runs the `csi-snapshotter` sidecar (none under `"none"`:
   * ceph/ceph-csi-operator@v1.0.4:internal/controller/driver_controller.go). The chart's default is
   * `"none"` for RBD and `"volumeSnapshot"` for CephFS
   * (ceph/ceph-csi-operator@v1.0.4:deploy/charts/ceph-csi-drivers/values.yaml); Rook's own tests set
   * `"volumeSnapshot"` (rook/rook@v1.20.6:tests/framework/installer/ceph_helm_installer.go).
   * Set for enabled drivers only.
   */
  snapshotPolicy?: "none" | "volumeSnapshot" | "volumeGroupSnapshot";
}

/** The `ceph-csi-drivers` chart values this package sets. */
export interface CephCsiDriversValues {
  operatorConfig: CephCsiOperatorConfigValues;
  drivers: Record<CephCsiDriverKind, CephCsiDriverValues>;
}
