/**
 * Rook-Ceph volumes in Velero's backups: in a stack that backs up with Velero, the Rook-Ceph cluster
 * creates a VolumeSnapshotClass for each Ceph CSI driver, labelled for Velero, after the snapshot
 * controller's CRDs, and the drivers run their snapshotter. Expectations come from upstream at the
 * pinned versions:
 *
 * - rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/templates/volumesnapshotclass.yaml: a class per
 *   kind when `ceph*VolumeSnapshotClass.enabled`, with its `labels`, driver
 *   `<csiDriverNamePrefix or operatorNamespace>.rbd.csi.ceph.com` (`.cephfs.`), the snapshotter
 *   secret `rook-csi-rbd-provisioner` (`rook-csi-cephfs-provisioner`) set by the template;
 * - vmware-tanzu/velero@v1.17.2:pkg/util/csi/volume_snapshot.go `GetVolumeSnapshotClassForStorageClass`:
 *   Velero takes the driver's class labelled `velero.io/csi-volumesnapshot-class`;
 * - ceph/ceph-csi-operator@v1.0.4:deploy/charts/ceph-csi-drivers/values.yaml (`drivers.rbd.snapshotPolicy:
 *   "none"`) and internal/controller/driver_controller.go (no `csi-snapshotter` sidecar under "none").
 */
import assert from "node:assert/strict";
import {
  Platform,
  rookCephClusterValues,
  type CephCsiDriversValues,
  type RookCephClusterValues,
} from "../components/index.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";
import { input, ofType, transitiveDependencies } from "./support/graph.ts";
import { cloudOf, recordUnderTest, STACKS_UNDER_TEST, stackValue } from "./support/stacksUnderTest.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const SNAPSHOT_CLASS = "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass";
const VELERO_LABEL = "velero.io/csi-volumesnapshot-class";

/** Every stack with a Rook-Ceph cluster (all in prod, where backups are on unless turned off). */
const STACKS = STACKS_UNDER_TEST.filter((stack) => stackValue(stack, "rook") !== undefined);

function release(recording: Recording, chart: string): RecordedResource {
  const found = ofType(recording, RELEASE).filter((r) => input(r, "chart") === chart);
  assert.equal(found.length, 1, `one "${chart}" release`);
  return found[0] as RecordedResource;
}

/** What installs the snapshot controller and its CRDs: the EKS add-on, or the AKS cluster's storage profile. */
function snapshotController(recording: Recording): RecordedResource {
  const found = recording.resources.filter(
    (r) =>
      (r.type === "aws:eks/addon:Addon" && input(r, "addonName") === "snapshot-controller") ||
      (r.type.endsWith(":ManagedCluster") && input(r, "storageProfile.snapshotController.enabled") === true),
  );
  assert.equal(found.length, 1, "one snapshot controller");
  return found[0] as RecordedResource;
}

describe("Rook-Ceph volumes backed up by Velero", () => {
  const recordings = new Map<string, Recording>();
  before(async function () {
    this.timeout(300_000);
    assert.ok(STACKS.length >= 4, "the prod stacks and the every-option aks and eks configurations run Rook-Ceph");
    for (const stack of STACKS) recordings.set(stack.name, await recordUnderTest(stack));
  });

  for (const stack of STACKS) {
    describe(stack.name, () => {
      it("backs up with Velero", () => {
        assert.equal(
          ofType(recordings.get(stack.name) as Recording, RELEASE).filter((r) => input(r, "chart") === "velero").length,
          1,
        );
      });

      it("has a VolumeSnapshotClass labelled for Velero for the driver of each Ceph storage class", () => {
        const recording = recordings.get(stack.name) as Recording;
        const v = input(release(recording, "rook-ceph-cluster"), "values") as RookCephClusterValues;
        const { drivers } = input(release(recording, "ceph-csi-drivers"), "values") as CephCsiDriversValues;
        const prefix = v.csiDriverNamePrefix || v.operatorNamespace;
        const reclaim = v.cephBlockPools[0]?.storageClass.reclaimPolicy;
        for (const [key, kind, storageClass] of [
          ["cephBlockPoolsVolumeSnapshotClass", "rbd", v.cephBlockPools[0]?.storageClass.name],
          ["cephFileSystemVolumeSnapshotClass", "cephfs", v.cephFileSystems[0]?.storageClass.name],
        ] as const) {
          assert.ok(storageClass, `a ${kind} storage class`);
          const snapshotClass = v[key];
          assert.ok(snapshotClass, `${key} is set`);
          assert.equal(snapshotClass.enabled, true, `${key}.enabled`);
          assert.equal(snapshotClass.labels[VELERO_LABEL], "true", `${key} is labelled for Velero`);
          // The driver the chart renders (as for the storage class's provisioner) is the one the drivers chart runs.
          assert.equal(`${prefix}.${kind}.csi.ceph.com`, drivers[kind].name, `${key}'s driver`);
          assert.equal(snapshotClass.name, storageClass, `${key} is named after its storage class`);
          assert.deepEqual(snapshotClass.parameters, {}, "the chart sets clusterID and the snapshotter secret");
          assert.equal(snapshotClass.deletionPolicy, reclaim, "snapshots kept like the volumes: Retain in prod");
        }
      });

      it("runs the snapshotter of the RBD and CephFS drivers", () => {
        const values = input(release(recordings.get(stack.name) as Recording, "ceph-csi-drivers"), "values");
        const { drivers } = values as CephCsiDriversValues;
        assert.deepEqual(
          [drivers.rbd.snapshotPolicy, drivers.cephfs.snapshotPolicy],
          ["volumeSnapshot", "volumeSnapshot"],
        );
      });

      it("creates the Rook-Ceph cluster after the snapshot controller and the stack's snapshot classes", () => {
        const recording = recordings.get(stack.name) as Recording;
        const cluster = release(recording, "rook-ceph-cluster");
        const deps = transitiveDependencies(recording, cluster);
        const classes = ofType(recording, SNAPSHOT_CLASS);
        assert.ok(classes.length > 0, `${cloudOf(stack)}: the storage layer creates a snapshot class`);
        for (const r of [snapshotController(recording), ...classes])
          assert.ok(deps.has(r.urn), `the rook-ceph-cluster release waits for ${r.name}`);
      });
    });
  }

  it("names each snapshot class after its storage class, and deletes snapshots with their object outside prod", () => {
    const values = rookCephClusterValues({
      environment: "dev",
      storageClass: "managed-csi",
      blockStorageClass: "fast-block",
      veleroSnapshotClasses: true,
    });
    assert.deepEqual(
      [values.cephBlockPoolsVolumeSnapshotClass, values.cephFileSystemVolumeSnapshotClass].map((c) => [
        c?.name,
        c?.deletionPolicy,
        c?.labels[VELERO_LABEL],
      ]),
      [
        ["fast-block", "Delete", "true"],
        ["ceph-filesystem", "Delete", "true"],
      ],
    );
  });

  it("without Velero, creates no Ceph VolumeSnapshotClass and does not wait for the snapshot classes", async () => {
    const recording = await record(
      () =>
        new Platform("p", {
          environment: "prod",
          cluster: { cloud: "eks", eks: eksArgs() },
          backups: { enabled: false },
          operators: { rook: { storageClass: "gp3" } },
        }),
      { project: "proj", stack: "test" },
    );
    const cluster = release(recording, "rook-ceph-cluster");
    const values = input(cluster, "values") as RookCephClusterValues;
    assert.equal(values.cephBlockPoolsVolumeSnapshotClass, undefined);
    assert.equal(values.cephFileSystemVolumeSnapshotClass, undefined);
    const deps = transitiveDependencies(recording, cluster);
    const classes = ofType(recording, SNAPSHOT_CLASS);
    assert.equal(classes.length, 1, "the EBS snapshot class");
    assert.ok(!deps.has((classes[0] as RecordedResource).urn));
  });
});
