/**
 * Credentials stay secret: in every stack's plan (inputs and outputs), no plaintext secret value.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { loadProject, listStacks, SECRET_PLACEHOLDER } from "../tools/plan/project.ts";
import { planDocument } from "../tools/plan/render.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { OFFLINE_CREDENTIALS } from "../tools/recorder/invokes.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { ofType } from "./support/graph.ts";

/** Text that only a credential contains. */
const CREDENTIAL =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----|client-key-data|AccountKey=|"token":|aws_secret_access_key|password/i;

function planText(recording: Recording): string {
  return JSON.stringify({ plan: planDocument(recording, buildPlan(recording.resources)), outputs: recording.outputs });
}

describe("secrets", () => {
  for (const stack of listStacks(loadProject(PROJECT_ROOT))) {
    it(`stack ${stack}: no plaintext credential in the plan, and the kubeconfig output is secret`, async () => {
      const recording = await recordStack(stack);
      const text = planText(recording);
      assert.ok(!text.includes(SECRET_PLACEHOLDER), "a secure config value appears in plaintext");
      for (const credential of OFFLINE_CREDENTIALS) {
        assert.ok(
          !text.includes(credential) && !text.includes(Buffer.from(credential).toString("base64")),
          `${credential} leaks`,
        );
      }
      assert.doesNotMatch(text, CREDENTIAL);
      assert.equal(recording.outputs["kubeconfig"], SECRET);
    });
  }

  it("a kubeconfig given as a secure config value stays secret in the provider and the outputs", async () => {
    const canary = "apiVersion: v1\nusers:\n- name: u\n  user:\n    token: canary-token-6f1e";
    const recording = await recordEditedStack(
      "local",
      (config) => {
        config["stateful-stack:kubeconfig"] = canary;
        config["stateful-stack:kubeconfigPath"] = "";
        config["stateful-stack:kubeContext"] = "";
      },
      { secretKeys: ["stateful-stack:kubeconfig"] },
    );
    assert.ok(!planText(recording).includes("canary-token-6f1e"));
    assert.equal(ofType(recording, "pulumi:providers:kubernetes")[0]?.inputs["kubeconfig"], SECRET);
  });
});
