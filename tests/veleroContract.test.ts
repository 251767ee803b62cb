/**
 * The Velero objects and chart values every stack and every-option configuration renders, checked
 * against the hand-written contracts of the pinned chart, plugins and CRDs (tests/support/veleroContract.ts).
 * Each contract is shown to fail on a generated bad value too.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { contractProblems } from "./support/crdContract.ts";
import { input, ofType } from "./support/graph.ts";
import { STACKS_UNDER_TEST, recordUnderTest } from "./support/stacksUnderTest.ts";
import {
  PLUGIN_LOCATION_CONFIG,
  RESTORE_CONTRACT,
  SCHEDULE_CONTRACT,
  VELERO_CHART_VALUES,
  veleroValueProblems,
} from "./support/veleroContract.ts";
import type { Recording } from "../tools/recorder/record.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const recordings = new Map<string, Promise<Recording>>();
const recorded = (i: number) => {
  const stack = STACKS_UNDER_TEST[i]!;
  // Deployed: the values taken from the store are known.
  if (!recordings.has(stack.name)) recordings.set(stack.name, recordUnderTest(stack, false));
  return recordings.get(stack.name)!;
};
const releases = (r: Recording) => ofType(r, RELEASE).filter((x) => input(x, "chart") === "velero");

describe("Velero contracts", () => {
  it("every Velero release sets only chart values, locations and plugin settings that exist", async () => {
    let checked = 0;
    for (let i = 0; i < STACKS_UNDER_TEST.length; i++) {
      for (const release of releases(await recorded(i))) {
        const values = input(release, "values") as Record<string, unknown>;
        assert.deepEqual(veleroValueProblems(values), [], STACKS_UNDER_TEST[i]!.name);
        assert.equal(input(release, "version"), VELERO_CHART_VALUES.version);
        const locations = (values["configuration"] as { backupStorageLocation: Record<string, unknown>[] })
          .backupStorageLocation;
        assert.equal(locations.length, 1);
        for (const location of locations) {
          for (const key of Object.keys(location))
            assert.ok((VELERO_CHART_VALUES.locationFields as readonly string[]).includes(key), key);
          const provider = location["provider"] as "aws" | "azure";
          for (const key of Object.keys(location["config"] as object))
            assert.ok(PLUGIN_LOCATION_CONFIG[provider].includes(key), `${provider} plugin config ${key}`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 4, `${checked} releases`);
  });

  it("every Schedule and Restore fits its CRD", async () => {
    const counts = { Schedule: 0, Restore: 0 };
    for (let i = 0; i < STACKS_UNDER_TEST.length; i++) {
      const r = await recorded(i);
      for (const [kind, contract] of [
        ["Schedule", SCHEDULE_CONTRACT],
        ["Restore", RESTORE_CONTRACT],
      ] as const) {
        for (const object of ofType(r, `kubernetes:velero.io/v1:${kind}`)) {
          assert.deepEqual(
            contractProblems(contract, object.inputs),
            [],
            `${STACKS_UNDER_TEST[i]!.name} ${object.name}`,
          );
          counts[kind]++;
        }
      }
    }
    assert.ok(counts.Schedule >= 5 && counts.Restore >= 2, JSON.stringify(counts));
  });

  it("fail on a generated unknown value, field or type", () => {
    const word = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/);
    fc.assert(
      fc.property(word, (key) => {
        fc.pre(!(key in VELERO_CHART_VALUES.keys) && key !== "configuration");
        assert.equal(veleroValueProblems({ [key]: true }).length, 1);
        const schedule = { apiVersion: "velero.io/v1", kind: "Schedule", metadata: {}, spec: { schedule: "@daily", template: { ttl: "1h", [`${key}X`]: 1 } } }; // prettier-ignore
        assert.equal(contractProblems(SCHEDULE_CONTRACT, schedule).length, 1);
      }),
    );
    assert.equal(veleroValueProblems({ deployNodeAgent: "yes" }).length, 1);
    const restore = { apiVersion: "velero.io/v1", kind: "Restore", metadata: {}, spec: { existingResourcePolicy: "replace" } }; // prettier-ignore
    assert.equal(contractProblems(RESTORE_CONTRACT, restore).length, 1);
    const noTemplate = { apiVersion: "velero.io/v1", kind: "Schedule", metadata: {}, spec: { schedule: "@daily" } };
    assert.equal(contractProblems(SCHEDULE_CONTRACT, noTemplate).length, 1);
  });
});
