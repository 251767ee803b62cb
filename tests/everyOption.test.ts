/**
 * Configurations that turn on every option, one per kind of cluster (tests/fixtures/stacks): each
 * is accepted and passes the policy pack. tests/stacks.test.ts checks them with the invariants of
 * the shipped stacks, and tests/contracts/ against the upstream contracts.
 */
import assert from "node:assert/strict";
import { checkRecording } from "../policy/offline.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { cloudOf, EVERY_OPTION_STACKS, recordUnderTest } from "./support/stacksUnderTest.ts";

/**
 * Violations an every-option configuration is known to have, with why. The workloads on the Rook
 * classes (ceph-block, ceph-filesystem) are copied by no backup: the rook-ceph-cluster chart creates
 * no VolumeSnapshotClass for the Ceph drivers unless `cephBlockPoolsVolumeSnapshotClass` /
 * `cephFileSystemVolumeSnapshotClass` are enabled (rook/rook@v1.20.6: deploy/charts/rook-ceph-cluster/
 * values.yaml), and Velero's CSI snapshot fails a claim whose driver has none. Closing it needs the
 * Rook layer to enable them labelled for Velero (after the snapshot CRDs, with the Ceph drivers'
 * snapshotter running).
 */
const KNOWN_GAPS: Readonly<Record<string, { pattern: RegExp; count: number }>> = {
  "prod-every-option-aks": {
    pattern:
      /^production-data-has-a-backup: claim "data-(web-0|events-[0-2])" of StatefulSet "(web|events)" .*no VolumeSnapshotClass of the stack for driver "rook-ceph\.(rbd|cephfs)\.csi\.ceph\.com"/,
    count: 4,
  },
};

describe("every-option configurations", () => {
  it("cover each kind of cluster", () => {
    assert.deepEqual(EVERY_OPTION_STACKS.map(cloudOf).sort(), ["aks", "eks", "existing"]);
  });

  for (const stack of EVERY_OPTION_STACKS) {
    describe(stack.name, () => {
      let recording: Recording;
      before(async () => {
        recording = await recordUnderTest(stack);
      });

      it("passes every policy of the policy pack, but for the known gaps named below", () => {
        const found = checkRecording(recording).map((v) => `${v.policy}: ${v.message}`);
        const known = KNOWN_GAPS[stack.name];
        assert.deepEqual(
          found.filter((m) => !known?.pattern.test(m)),
          [],
        );
        // Counted, so that closing the gap fails here until the entry is removed.
        assert.equal(found.filter((m) => known?.pattern.test(m)).length, known?.count ?? 0);
      });
    });
  }
});
