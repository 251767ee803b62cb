/**
 * Configurations that turn on every option, one per kind of cluster (tests/fixtures/stacks): each
 * is accepted and passes the policy pack. tests/stacks.test.ts checks them with the invariants of
 * the shipped stacks, and tests/contracts/ against the upstream contracts.
 */
import assert from "node:assert/strict";
import { checkRecording } from "../policy/offline.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { cloudOf, EVERY_OPTION_STACKS, recordUnderTest } from "./support/stacksUnderTest.ts";

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

      it("passes every policy of the policy pack", () => {
        assert.deepEqual(
          checkRecording(recording).map((v) => `${v.policy}: ${v.message}`),
          [],
        );
      });
    });
  }
});
