/**
 * Platform: composes cluster → storage → operators → workloads, in order, on one provider.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Platform, platformProblems, type PlatformArgs } from "../components/index.ts";
import { describeProblem } from "../components/problems.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

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
      {
        path: ["workloads", 0, "storageClass"],
        value: "premium",
        message:
          'the stack defines no storage class "premium" (defined: "standard"); add it to storageClasses or use a defined one',
      },
    ]);
    await assert.rejects(
      record(() => new Platform("p", bad), { project: "proj", stack: "test" }),
      /storage class "premium"/,
    );
  });

  describe("adopted static volumes", () => {
    const aks: PlatformArgs = {
      environment: "prod",
      cluster: {
        cloud: "aks",
        aks: {
          environment: "prod",
          location: "westeurope",
          nodePools: [{ name: "data", zones: ["1", "2", "3"] }],
          authorizedIpRanges: ["203.0.113.0/24"],
        },
      },
      storage: {
        azure: {
          disks: [
            { name: "db-a", size: "64Gi", zone: "1" },
            { name: "db-b", size: "64Gi", zone: "2" },
            { name: "small", size: "8Gi", zone: "3" },
          ],
          shares: [{ name: "files", size: "100Gi" }],
        },
      },
    };
    const workload = {
      name: "queue",
      image: "nats:2.10.22-alpine",
      port: 4222,
      storageClass: "azure-disk-data",
      storageSize: "32Gi",
    };

    it("names each adopted volume's claim data-<set>-<ordinal>, bound to that volume, before the StatefulSet", async () => {
      const { recording } = await recordPlatform({
        ...aks,
        workloads: [{ ...workload, clustering: "self", replicas: 2, volumes: ["db-a", "db-b"], share: "files" }],
      });
      const sts = named(recording, "p-queue", "kubernetes:apps/v1:StatefulSet");
      const claims = ["db-a", "db-b"].map((disk) => named(recording, `p-storage-${disk}-pvc`));
      assert.deepEqual(
        claims.map((c) => input(c, "metadata.name")),
        ["data-queue-0", "data-queue-1"],
      );
      for (const [i, disk] of ["db-a", "db-b"].entries()) {
        const pv = named(recording, `p-storage-${disk}-pv`);
        assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: `data-queue-${i}` });
        assert.ok(transitiveDependencies(recording, sts).has(claims[i]!.urn), `the set waits for ${disk}'s claim`);
      }
      assert.equal(input(named(recording, "p-storage-small-pvc"), "metadata.name"), "small", "not adopted: own name");
    });

    it("refuses adoptions that cannot work: unknown, shared, adopted twice, too small, one per replica; and RWO shares", () => {
      const bad = {
        ...aks,
        workloads: [
          { ...workload, volumes: ["db-a", "nope"] },
          { ...workload, name: "other", volumes: ["db-a"], share: "db-b" },
          { ...workload, name: "third", volumes: ["files"] },
          { ...workload, name: "fourth", volumes: ["small"] },
        ],
      };
      assert.deepEqual(platformProblems(bad).map(describeProblem), [
        'workloads[0].volumes[1] = "nope": the stack declares no disk or EBS volume "nope" to adopt (declared: "db-a", "db-b", "small")',
        'workloads[0].volumes = ["db-a","nope"]: adopts 2 volumes for 1 replica; adopt exactly one volume per replica (replica i gets volumes[i])',
        'workloads[1].volumes[0] = "db-a": "db-a" is already adopted by workload "queue"; a disk can be the data volume of one replica only',
        'workloads[1].share = "db-b": "db-b" is a ReadWriteOnce disk, which attaches to one node at a time; share only ReadWriteMany volumes (Azure Files shares, EFS file systems), or adopt the disk with volumes',
        'workloads[2].volumes[0] = "files": "files" is a ReadWriteMany share, not a disk; mount it with share, and adopt only disks (Azure disks, EBS volumes)',
        'workloads[3].volumes[0] = "small": "small" holds 8 GiB, less than storageSize "32Gi"; adopt a larger volume or lower storageSize',
      ]);
    });
  });
});
