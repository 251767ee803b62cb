/**
 * Configurations that turn on every option, one per kind of cluster (tests/fixtures/stacks): each
 * is accepted, plans with every invariant the shipped stacks keep, passes the policy pack, and its
 * rendered objects keep the upstream contracts.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkRecording } from "../policy/offline.ts";
import { buildPlan } from "../tools/plan/graph.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { ofType } from "./support/graph.ts";
import { isBuiltInObject, kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";

/** Where the every-option stack files are, relative to the project root. */
export const EVERY_OPTION_DIR = path.join("tests", "fixtures", "stacks");

/** The every-option stacks, by the stack name their file gives. */
export const EVERY_OPTION_STACKS = fs
  .readdirSync(path.join(PROJECT_ROOT, EVERY_OPTION_DIR))
  .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .sort();

/** Records an every-option stack as a first preview. */
export function recordEveryOption(stack: string, preview = true): Promise<Recording> {
  return recordStack(stack, preview, PROJECT_ROOT, EVERY_OPTION_DIR);
}

describe("every-option configurations", () => {
  it("cover each kind of cluster", () => {
    assert.deepEqual(EVERY_OPTION_STACKS, ["every-option-existing", "prod-every-option-aks", "prod-every-option-eks"]);
  });

  for (const stack of EVERY_OPTION_STACKS) {
    describe(stack, () => {
      let recording: Recording;
      before(async () => {
        recording = await recordEveryOption(stack);
      });

      it("plans without cycles, every Kubernetes resource on the stack's own provider", () => {
        assert.ok(recording.resources.length > 0);
        assert.doesNotThrow(() => buildPlan(recording.resources));
        const providers = new Set(ofType(recording, "pulumi:providers:kubernetes").map((p) => p.urn));
        const onDefault = recording.resources.filter(
          (r) => r.custom && r.type.startsWith("kubernetes:") && !(r.provider && providers.has(r.provider)),
        );
        assert.deepEqual(
          onDefault.map((r) => r.name),
          [],
        );
      });

      it("renders Kubernetes objects that are valid against the Kubernetes schema", async () => {
        const objects = recording.resources.filter(isBuiltInObject);
        assert.ok(objects.length > 0);
        const problems = (await Promise.all(objects.map(kubernetesSchemaProblems))).flat();
        assert.deepEqual(problems, []);
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
