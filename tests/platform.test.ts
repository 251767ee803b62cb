/**
 * Platform: composes cluster → storage → operators → workloads, in order, on one provider.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Platform, platformProblems, type PlatformArgs } from "../components/index.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { named, ofType, transitiveDependencies } from "./support/graph.ts";

const args: PlatformArgs = {
  environment: "prod",
  cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
  storageClasses: ["standard"],
  workloads: [
    { name: "cache", image: "redis:7.4.2-alpine", port: 6379, storageClass: "standard", storageSize: "1Gi" },
    { name: "queue", image: "nats:2.10.22-alpine", port: 4222, storageClass: "standard", storageSize: "2Gi" },
  ],
};

async function recordPlatform(
  overrides: Partial<PlatformArgs> = {},
  preview = true,
): Promise<{ recording: Recording; platform: Platform }> {
  let platform: Platform | undefined;
  const recording = await record(
    () => {
      platform = new Platform("p", { ...args, ...overrides });
    },
    { project: "proj", stack: "test", preview },
  );
  return { recording, platform: platform! };
}

describe("Platform", () => {
  it("creates the data namespace and one workload per entry, each waiting for the namespace", async () => {
    const { recording } = await recordPlatform();
    const ns = named(recording, "p-data");
    assert.equal((ns.inputs["metadata"] as { name: string }).name, "data");
    for (const sts of ofType(recording, "kubernetes:apps/v1:StatefulSet")) {
      assert.ok(transitiveDependencies(recording, sts).has(ns.urn), `${sts.name} waits for the namespace`);
    }
    assert.deepEqual(
      ofType(recording, "kubernetes:apps/v1:StatefulSet").map((s) => s.name),
      ["p-cache", "p-queue"],
    );
  });

  it("puts every Kubernetes object on the cluster's provider", async () => {
    const { recording } = await recordPlatform();
    const provider = named(recording, "p-cluster-provider").urn;
    const objects = recording.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    assert.ok(objects.length >= 9);
    for (const r of objects) assert.equal(r.provider, provider, r.name);
  });

  it("retains the data namespace in prod and not in dev", async () => {
    assert.equal(named((await recordPlatform()).recording, "p-data").retainOnDelete, true);
    assert.equal(named((await recordPlatform({ environment: "dev" })).recording, "p-data").retainOnDelete, false);
  });

  it("exposes each workload's client endpoint and the kubeconfig as a secret", async () => {
    const { platform } = await recordPlatform({}, false);
    const endpoints = await new Promise<Record<string, string>>((resolve) => platform.endpoints.apply(resolve));
    assert.deepEqual(endpoints, {
      cache: "cache.data.svc.cluster.local:6379",
      queue: "queue.data.svc.cluster.local:4222",
    });
    assert.equal(await pulumi.isSecret(platform.kubeconfig), true);
  });

  it("refuses a workload on a storage class it does not define, before registering anything", async () => {
    const bad = { ...args, workloads: [{ ...args.workloads![0]!, storageClass: "premium" }] };
    assert.deepEqual(platformProblems(bad), [
      'Platform: workload "cache" uses storage class "premium", which the platform does not define (defined: standard)',
    ]);
    await assert.rejects(
      record(() => new Platform("p", bad), { project: "proj", stack: "test" }),
      /storage class "premium"/,
    );
  });
});
