/**
 * Ceph volumes in the backup policies. A Ceph VolumeSnapshotClass counts only when the ceph-csi-drivers
 * release runs the driver's snapshotter (ceph/ceph-csi-operator@v1.0.4: deploy/charts/ceph-csi-drivers/
 * values.yaml, `drivers.rbd.snapshotPolicy: "none"` and `drivers.cephfs.snapshotPolicy: "volumeSnapshot"`
 * by default; internal/controller/driver_controller.go runs no `csi-snapshotter` under "none"). A
 * schedule that keeps Ceph volumes as CSI snapshots, in the Ceph pool of the volumes, is advised to
 * move their data into the object store ("backups outlive the cluster").
 */
import assert from "node:assert/strict";
import type { CheckedResource } from "../policy/model.ts";
import { productionDataBackedUp, productionSnapshotUnverified, VELERO_SCHEDULE } from "../policy/rules/backup.ts";
import { backupsOutliveCluster } from "../policy/rules/snapshotLocation.ts";
import { checkedResource } from "./support/checkedResources.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const RBD = "rook-ceph.rbd.csi.ceph.com";
const CEPHFS = "rook-ceph.cephfs.csi.ceph.com";

const res = (type: string, props: Record<string, unknown>) => checkedResource(type, props, "cp");
const schedule = (template: Record<string, unknown> = {}) =>
  res(VELERO_SCHEDULE, { metadata: { name: "daily", namespace: "velero" }, spec: { schedule: "@daily", template } });
const rook = () =>
  res(RELEASE, {
    chart: "rook-ceph-cluster",
    name: "rook-ceph-cluster",
    namespace: "rook-ceph",
    values: {
      operatorNamespace: "rook-ceph",
      cephObjectStores: [],
      cephBlockPools: [{ name: "p", storageClass: { enabled: true, name: "ceph-block" } }],
      cephFileSystems: [{ name: "fs", storageClass: { enabled: true, name: "ceph-filesystem" } }],
      cephBlockPoolsVolumeSnapshotClass: { enabled: true },
      cephFileSystemVolumeSnapshotClass: { enabled: true },
    },
  });
/** A ceph-csi-drivers release; a policy left undefined is left to the chart's default. */
const drivers = (rbd: string | undefined, cephfs?: string) =>
  res(RELEASE, {
    chart: "ceph-csi-drivers",
    values: {
      drivers: {
        rbd: { enabled: true, name: RBD, ...(rbd === undefined ? {} : { snapshotPolicy: rbd }) },
        cephfs: { enabled: true, name: CEPHFS, ...(cephfs === undefined ? {} : { snapshotPolicy: cephfs }) },
      },
    },
  });
const claim = (storageClassName: string) =>
  res("kubernetes:core/v1:PersistentVolumeClaim", {
    metadata: { name: "data-0", namespace: "data" },
    spec: { storageClassName, resources: { requests: { storage: "10Gi" } } },
  });
const check = (resources: CheckedResource[]) =>
  productionDataBackedUp.check({ stack: "prod", resources }).map((v) => v.message);
const advise = (resources: CheckedResource[]) =>
  productionSnapshotUnverified.check({ stack: "prod", resources }).map((v) => v.message);
const outlive = (resources: CheckedResource[], stack = "prod") =>
  backupsOutliveCluster.check({ stack, resources }).map((v) => v.message);

describe("production data has a backup: a Ceph snapshot class needs its driver's snapshotter", () => {
  it("counts the class when the drivers release runs the snapshotter (RBD set, CephFS by the chart's default)", () => {
    assert.deepEqual(check([schedule(), rook(), drivers("volumeSnapshot"), claim("ceph-block")]), []);
    assert.deepEqual(check([schedule(), rook(), drivers("volumeSnapshot"), claim("ceph-filesystem")]), []);
  });

  it("refuses an RBD claim when the driver runs no snapshotter, by the chart's default or set, naming the value", () => {
    const [byDefault] = check([schedule(), rook(), drivers(undefined), claim("ceph-block")]);
    assert.match(
      byDefault!,
      /persistent volume claim "data-0" in namespace "data" has no backup of its data .*storage class "ceph-block": its driver "rook-ceph\.rbd\.csi\.ceph\.com" runs no snapshotter: the ceph-csi-drivers release sets drivers\.rbd\.snapshotPolicy to "none" \(the chart's default\)/,
    );
    assert.match(byDefault!, /fix: set drivers\.rbd\.snapshotPolicy: volumeSnapshot in the ceph-csi-drivers release/);
    const [set] = check([schedule(), rook(), drivers("volumeSnapshot", "none"), claim("ceph-filesystem")]);
    assert.match(set!, /drivers\.cephfs\.snapshotPolicy to "none", so a VolumeSnapshot of it never becomes ready/);
    assert.doesNotMatch(set!, /the chart's default/);
  });

  it("says it cannot tell (advisory) when the stack installs no drivers release for the driver", () => {
    assert.deepEqual(check([schedule(), rook(), claim("ceph-block")]), []);
    const [advice] = advise([schedule(), rook(), claim("ceph-block")]);
    assert.match(advice!, /installs no ceph-csi-drivers release running driver "rook-ceph\.rbd\.csi\.ceph\.com"/);
  });
});

describe("backups outlive the cluster: Ceph snapshots", () => {
  const stack = () => [rook(), drivers("volumeSnapshot"), claim("ceph-block")];

  it("advises a schedule that keeps Ceph volumes as snapshots in their own pool to move the data", () => {
    const [advice, ...more] = outlive([schedule(), ...stack()]);
    assert.equal(more.length, 0);
    assert.match(
      advice!,
      /schedule "daily" of production stack "prod" keeps Ceph volumes as CSI snapshots \(snapshot class "ceph-block" \(driver "rook-ceph\.rbd\.csi\.ceph\.com"\)\), which Ceph keeps in the pool of the volume: lost with the Ceph cluster/,
    );
    assert.match(advice!, /set stateful-stack:backups\.snapshotMoveData to true/);
    assert.doesNotMatch(advice!, /Azure Disk|resourceGroup/);
  });

  it("says nothing when no claim of the stack is on a Ceph class", () => {
    assert.deepEqual(outlive([schedule(), rook(), drivers("volumeSnapshot")]), []);
  });

  it("is satisfied by the data mover, on the schedule or Velero's default, and says nothing outside production", () => {
    assert.deepEqual(outlive([schedule({ snapshotMoveData: true }), ...stack()]), []);
    const velero = res(RELEASE, { chart: "velero", values: { configuration: { defaultSnapshotMoveData: true } } });
    assert.deepEqual(outlive([schedule(), velero, ...stack()]), []);
    assert.deepEqual(outlive([schedule(), ...stack()], "dev"), []);
  });
});
