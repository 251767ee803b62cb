/**
 * Production backups outlive the cluster: a Velero schedule that keeps AKS volumes as Azure Disk CSI
 * snapshots (no data mover) leaves them in the node resource group, which AKS deletes with the cluster.
 */
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../../components/backups/veleroTypes.ts";
import { AZURE_DISK_DRIVER } from "../../components/storage/azure/driverParameters.ts";
import { isProduction, prop, type StackPolicy } from "../model.ts";

const SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const SNAPSHOT_CLASS = "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/**
 * In production, every running Velero schedule that snapshots Azure Disk volumes with the class
 * labelled for Velero moves their data into the object store, unless that class stores its
 * snapshots in a named resource group. The driver stores a snapshot in the source disk's resource
 * group unless the class's `resourceGroup` names another (kubernetes-sigs/azuredisk-csi-driver@v1.34.5:
 * docs/driver-parameters.md "VolumeSnapshotClass"; pkg/azuredisk/controllerserver.go `CreateSnapshot`),
 * and a dynamically provisioned disk is in the node resource group, deleted with the cluster.
 * Advisory: the stack's owner may choose snapshots knowingly (faster restores, no node agent).
 */
export const backupsOutliveCluster: StackPolicy = {
  name: "backups-outlive-the-cluster",
  description:
    "In production stacks, Velero schedules that back up Azure Disk volumes move the snapshots' data into the object store (data mover): otherwise the snapshots stay in the AKS node resource group, which is deleted with the cluster.",
  enforcement: "advisory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const classes = resources.filter(
      (r) =>
        r.type === SNAPSHOT_CLASS &&
        prop(r, "driver") === AZURE_DISK_DRIVER &&
        (prop(r, "metadata.labels") as Record<string, unknown> | undefined)?.[VELERO_SNAPSHOT_CLASS_LABEL] === "true" &&
        prop(r, "parameters.resourceGroup") === undefined,
    );
    if (classes.length === 0) return [];
    const release = resources.find((r) => r.type === RELEASE && String(prop(r, "chart")).split("/").pop() === "velero");
    const movedByDefault =
      release !== undefined && prop(release, "values.configuration.defaultSnapshotMoveData") === true;
    const names = classes.map((c) => `"${String(prop(c, "metadata.name"))}"`).join(", ");
    return resources
      .filter(
        (s) =>
          s.type === SCHEDULE &&
          prop(s, "spec.paused") !== true &&
          prop(s, "spec.template.snapshotVolumes") !== false &&
          (prop(s, "spec.template.snapshotMoveData") ?? movedByDefault) !== true,
      )
      .map((s) => ({
        resource: s,
        message: `schedule "${String(prop(s, "metadata.name"))}" of production stack "${stack}" keeps Azure Disk volumes as CSI snapshots (snapshot class ${names}), which the driver stores in the disk's resource group: for the claims' disks the AKS node resource group, deleted with the cluster, so these backups die with the cluster they protect; set stateful-stack:backups.snapshotMoveData to true (the prod AKS default: the data goes into the protected backup store), or store the snapshots in a resource group that outlives the cluster (the class's resourceGroup parameter, with the CSI driver's identity given access to it)`,
      }));
  },
};
