/**
 * Production backups outlive the cluster: a Velero schedule that keeps volumes as CSI snapshots (no
 * data mover) leaves AKS volumes' snapshots in the node resource group, which AKS deletes with the
 * cluster, and Ceph volumes' snapshots in the Ceph pool of the volumes, lost with the Ceph cluster.
 */
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../../components/backups/veleroTypes.ts";
import { AZURE_DISK_DRIVER } from "../../components/storage/azure/driverParameters.ts";
import { isProduction, prop, type CheckedResource, type StackPolicy } from "../model.ts";
import { claimsOf } from "./backupClaims.ts";
import { readStorage, resolveClass, type StorageFacts } from "./veleroSnapshot.ts";

const SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const SNAPSHOT_CLASS = "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass";
const RELEASE = "kubernetes:helm.sh/v3:Release";
/** The drivers of Rook's Ceph-CSI: `<operator namespace>.rbd.csi.ceph.com`, `.cephfs.` (components/stateful/rookCharts.ts). */
const CEPH_DRIVER = /\.(rbd|cephfs)\.csi\.ceph\.com$/;

/**
 * The CSI drivers that provision the stack's claims (its PersistentVolumeClaims and its StatefulSets'
 * claim templates), through the storage classes of the stack: a snapshot class of another driver
 * takes no snapshot of the stack's data.
 */
function claimDrivers(resources: readonly CheckedResource[], storage: StorageFacts): Set<string> {
  const drivers = new Set<string>();
  for (const { claim } of claimsOf(resources)) {
    const resolved = resolveClass(storage, claim.storageClassName);
    if ("provisioner" in resolved) drivers.add(resolved.provisioner);
  }
  return drivers;
}

/** The Azure Disk snapshot classes labelled for Velero that keep snapshots next to the disk. */
function azureDiskClasses(resources: readonly CheckedResource[]): string[] {
  return resources
    .filter(
      (r) =>
        r.type === SNAPSHOT_CLASS &&
        prop(r, "driver") === AZURE_DISK_DRIVER &&
        (prop(r, "metadata.labels") as Record<string, unknown> | undefined)?.[VELERO_SNAPSHOT_CLASS_LABEL] === "true" &&
        prop(r, "parameters.resourceGroup") === undefined,
    )
    .map((c) => `"${String(prop(c, "metadata.name"))}"`);
}

/**
 * The snapshot classes Velero picks for a Ceph driver (the stack's and those the rook-ceph-cluster
 * chart renders). A Ceph-CSI snapshot is made inside the Ceph cluster its class's `clusterID` names,
 * the volume's own (rook/rook@v1.20.6: deploy/charts/rook-ceph-cluster/templates/volumesnapshotclass.yaml
 * sets it to the cluster's namespace): an RBD or CephFS snapshot kept in the volume's pool, on the
 * same OSDs, so it is lost with the Ceph cluster or its OSD disks.
 */
function cephClasses(storage: StorageFacts, used: ReadonlySet<string>): string[] {
  return storage.snapshotClasses
    .filter((c) => c.marked && c.driver !== undefined && CEPH_DRIVER.test(c.driver) && used.has(c.driver))
    .map((c) => `"${c.name}" (driver "${c.driver}")`);
}

/**
 * In production, every running Velero schedule that snapshots Azure Disk or Ceph volumes with the
 * class labelled for Velero moves their data into the object store: for Azure Disk whenever the
 * stack has such a class (the prod AKS default moves the data; a claim added later would be kept
 * as a snapshot), for Ceph when claims of the stack are on a Ceph driver's storage classes (the
 * classes come with every Rook cluster of a stack with backups, used or not). An Azure Disk snapshot is stored
 * in the source disk's resource group unless the class's `resourceGroup` names another
 * (kubernetes-sigs/azuredisk-csi-driver@v1.34.5: docs/driver-parameters.md "VolumeSnapshotClass";
 * pkg/azuredisk/controllerserver.go `CreateSnapshot`), and a dynamically provisioned disk is in the
 * node resource group, deleted with the cluster. A Ceph snapshot stays in the Ceph pool of its
 * volume ({@link cephClasses}). Advisory: the stack's owner may choose snapshots knowingly (faster
 * restores, no node agent; a Ceph snapshot still undoes a mistake inside a running cluster).
 */
export const backupsOutliveCluster: StackPolicy = {
  name: "backups-outlive-the-cluster",
  description:
    "In production stacks, Velero schedules that back up Azure Disk or Ceph (Rook) volumes move the snapshots' data into the object store (data mover): otherwise Azure Disk snapshots stay in the AKS node resource group, deleted with the cluster, and Ceph snapshots stay in the Ceph pool of their volumes, lost with the Ceph cluster.",
  enforcement: "advisory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const storage = readStorage(resources);
    const used = claimDrivers(resources, storage);
    const azure = azureDiskClasses(resources);
    const ceph = cephClasses(storage, used);
    if (azure.length === 0 && ceph.length === 0) return [];
    const release = resources.find((r) => r.type === RELEASE && String(prop(r, "chart")).split("/").pop() === "velero");
    const movedByDefault =
      release !== undefined && prop(release, "values.configuration.defaultSnapshotMoveData") === true;
    const kept = [
      ...(azure.length > 0
        ? [
            `Azure Disk volumes as CSI snapshots (snapshot class ${azure.join(", ")}), which the driver stores in the disk's resource group: for the claims' disks the AKS node resource group, deleted with the cluster`,
          ]
        : []),
      ...(ceph.length > 0
        ? [
            `Ceph volumes as CSI snapshots (snapshot class ${ceph.join(", ")}), which Ceph keeps in the pool of the volume: lost with the Ceph cluster or its OSD disks`,
          ]
        : []),
    ];
    const fixes = [
      "set stateful-stack:backups.snapshotMoveData to true (the prod AKS default: the data goes into the protected backup store)",
      ...(azure.length > 0
        ? [
            "for Azure Disk, store the snapshots in a resource group that outlives the cluster (the class's resourceGroup parameter, with the CSI driver's identity given access to it)",
          ]
        : []),
    ];
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
        message: `schedule "${String(prop(s, "metadata.name"))}" of production stack "${stack}" keeps ${kept.join("; and ")}, so these backups die with what they protect; ${fixes.join(", or ")}`,
      }));
  },
};
