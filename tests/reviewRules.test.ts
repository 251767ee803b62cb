/**
 * Every resource type the program creates has a review rule: the plans of every shipped stack and
 * every every-option configuration are listed, and a type without a rule fails. Each replacement
 * trigger of a cluster-level type is checked on a modified copy of a real stack.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack, type ConfigEdit } from "../tools/recorder/variants.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { recordUnderTest, STACKS_UNDER_TEST } from "./support/stacksUnderTest.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

describe("review rules", () => {
  it("cover every type that any stack or every-option configuration creates", async () => {
    assert.ok(STACKS_UNDER_TEST.length >= 8, "every shipped stack and every-option configuration");
    const stacksByType = new Map<string, Set<string>>();
    for (const stack of STACKS_UNDER_TEST) {
      for (const r of (await recordUnderTest(stack)).resources) {
        if (!r.custom && !r.remote) continue;
        if (ruleFor(r.type, r.inputs) !== undefined) continue;
        stacksByType.set(r.type, (stacksByType.get(r.type) ?? new Set()).add(stack.name));
      }
    }
    const missing = [...stacksByType].map(([type, stacks]) => `${type} (${[...stacks].join(", ")})`).sort();
    assert.deepEqual(missing, [], "types without a rule in tools/review/statefulTypes.ts");
  });

  it("give every rule a source", async () => {
    const types = new Set<string>();
    for (const stack of STACKS_UNDER_TEST) {
      for (const r of (await recordUnderTest(stack)).resources) {
        if (!r.custom && !r.remote) continue;
        const rule = ruleFor(r.type, r.inputs);
        assert.ok(rule?.replace?.source, `${r.type} names where its replacement triggers come from`);
        types.add(r.type);
      }
    }
    assert.ok(types.size >= 40, `${types.size} types`);
  });
});
