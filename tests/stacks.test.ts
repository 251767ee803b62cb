/**
 * Invariants every stack in stacks/ (and every every-option configuration in tests/fixtures/stacks/) must keep, checked on the real program with each stack's own
 * configuration: the rules of DESIGN.md that keep the graph right.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import type { RecordedResource, Recording } from "../tools/recorder/record.ts";
import { input, ofType } from "./support/graph.ts";
import { hasSchema, kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";
import { SHIPPED_STACKS, STACKS_UNDER_TEST, recordUnderTest } from "./support/stacksUnderTest.ts";

describe("every stack", () => {
  it("has at least one stack file", () => {
    const names = SHIPPED_STACKS.map((s) => s.name);
    assert.ok(names.includes("local"), `stacks found: ${names.join(", ")}`);
  });

  for (const stack of STACKS_UNDER_TEST) {
    describe(`stack ${stack.name}${stack.fixture ? " (every option)" : ""}`, () => {
      let recording: Recording;
      before(async () => {
        recording = await recordUnderTest(stack);
      });

      it("creates every Kubernetes resource with an explicit provider registered in the stack", () => {
        const providers = new Set(ofType(recording, "pulumi:providers:kubernetes").map((p) => p.urn));
        const onDefault = recording.resources
          .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !(r.provider && providers.has(r.provider)))
          .map((r) => r.name);
        assert.deepEqual(onDefault, [], "these would deploy to whatever kubeconfig the operator happens to have");
      });

      it("produces Kubernetes and cert-manager objects that are valid against their schemas", async () => {
        const objects = recording.resources.filter(hasSchema);
        assert.ok(objects.length > 0);
        const problems = (await Promise.all(objects.map(kubernetesSchemaProblems))).flat();
        assert.deepEqual(problems, []);
      });

      it("gives every StatefulSet a headless service in its namespace that its serviceName names and that selects its pods", () => {
        const services = ofType(recording, "kubernetes:core/v1:Service");
        for (const sts of ofType(recording, "kubernetes:apps/v1:StatefulSet")) {
          const match = services.find(
            (s: RecordedResource) =>
              input(s, "metadata.name") === input(sts, "spec.serviceName") &&
              input(s, "metadata.namespace") === input(sts, "metadata.namespace"),
          );
          assert.ok(match, `${sts.name}: no service named ${String(input(sts, "spec.serviceName"))}`);
          assert.equal(input(match, "spec.clusterIP"), "None", `${match.name} must be headless`);
          const podLabels = input(sts, "spec.template.metadata.labels") as Record<string, string>;
          for (const [key, value] of Object.entries(input(match, "spec.selector") as Record<string, string>)) {
            assert.equal(podLabels[key], value, `${match.name} selects ${key}=${value}, which ${sts.name}'s pods lack`);
          }
        }
      });

      it("depends only on resources registered in the stack, without cycles", () => {
        const urns = new Set(recording.resources.map((r) => r.urn));
        for (const r of recording.resources) {
          for (const dep of r.dependencies) assert.ok(urns.has(dep), `${r.name} depends on unregistered ${dep}`);
        }
        assert.doesNotThrow(() => buildPlan(recording.resources));
      });

      it("registers the same resources in a preview as in a deployment (nothing is created inside apply)", async () => {
        const deployed = await recordUnderTest(stack, false);
        assert.deepEqual(recording.resources.map((r) => r.urn).sort(), deployed.resources.map((r) => r.urn).sort());
      });
    });
  }
});
