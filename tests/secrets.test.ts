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
import { OFFLINE_GENERATED_PASSWORD } from "../tools/recorder/resources.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { ofType } from "./support/graph.ts";

/**
 * Text that only a credential contains: key material, or a password-like key or variable with a
 * plaintext value (a masked `[secret]` and an unknown `(computed)` are not plaintext).
 */
const CREDENTIAL =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----|client-key-data|AccountKey=|"token":|aws_secret_access_key|passw(or)?d":"(?!\[secret\]|\(computed\))|"name":"[A-Z0-9_]*(PASSW(OR)?D|SECRET|TOKEN|API_?KEY)[A-Z0-9_]*","value":/i;

function planText(recording: Recording): string {
  return JSON.stringify({ plan: planDocument(recording, buildPlan(recording.resources)), outputs: recording.outputs });
}

describe("secrets", () => {
  it("recognises a plaintext password but not a masked one, a variable's name or a resource type", () => {
    for (const text of ['{"password":"hunter2"}', '{"name":"REDIS_PASSWORD","value":"hunter2"}'])
      assert.match(text, CREDENTIAL);
    for (const text of [
      '{"password":"[secret]"}',
      '{"name":"POSTGRES_PASSWORD","valueFrom":{"secretKeyRef":{"name":"orders-secrets","key":"POSTGRES_PASSWORD"}}}',
      '{"type":"random:index/randomPassword:RandomPassword"}',
    ])
      assert.doesNotMatch(text, CREDENTIAL);
  });

  for (const stack of listStacks(loadProject(PROJECT_ROOT))) {
    it(`stack ${stack}: no plaintext credential in the plan, and the kubeconfig output is secret`, async () => {
      const recording = await recordStack(stack);
      const text = planText(recording);
      assert.ok(!text.includes(SECRET_PLACEHOLDER), "a secure config value appears in plaintext");
      for (const credential of [...OFFLINE_CREDENTIALS, OFFLINE_GENERATED_PASSWORD]) {
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
