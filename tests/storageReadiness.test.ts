/**
 * Readiness per class and per claim: each consumer of the storage waits for the class it claims
 * from and the static volumes it uses, not for every class and claim of the stack (an etcd cluster
 * on gp3 does not wait for EFS mount targets, which take minutes to create).
 */
import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { output } from "@pulumi/pulumi";
import { Platform, type PlatformArgs } from "../components/index.ts";
import { storageReadiness, type StorageHandle } from "../components/storage/handle.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";
import { named, ofType, transitiveDependencies } from "./support/graph.ts";

const STS = "kubernetes:apps/v1:StatefulSet";
const workload = { image: "redis:7.4.2-alpine", port: 6379, storageClass: "gp3", storageSize: "10Gi" };

const args: PlatformArgs = {
  environment: "prod",
  cluster: { cloud: "eks", eks: eksArgs() },
  storage: {
    aws: {
      volumes: [{ name: "journal", zone: "eu-west-1a", size: "20Gi" }],
      fileSystems: [{ name: "shared" }],
    },
  },
  workloads: [
    { ...workload, name: "plain" },
    { ...workload, name: "sharing", share: "shared", sharedMountPath: "/shared" },
    { ...workload, name: "adopting", replicas: 1, volumes: ["journal"] },
    { ...workload, name: "on-efs", storageClass: "efs-shared" },
    // A class known only after deployment: it may be one the operators create.
    { ...workload, name: "later", storageClass: output("ceph-block") },
  ],
  operators: {
    etcdClusters: [{ name: "config", size: 3, storageClass: "gp3", storageSize: "10Gi" }],
    rook: { storageClass: "gp3" },
  },
};

describe("storage readiness per class and claim", () => {
  let recording: Recording;
  let waits: (r: RecordedResource) => (urn: string) => boolean;
  let efs: RecordedResource[];
  before(async () => {
    recording = await record(() => new Platform("p", args), { project: "proj", stack: "test" });
    waits = (r) => {
      const deps = transitiveDependencies(recording, r);
      return (urn) => deps.has(urn);
    };
    efs = [
      named(recording, "p-storage-efs-shared-claim"),
      named(recording, "p-storage-class-efs-shared"),
      ...ofType(recording, "aws:efs/mountTarget:MountTarget"),
    ];
    assert.equal(efs.length, 5, "the EFS claim, class and three mount targets");
  });

  it("a workload whose class is known only after deployment waits for the Rook-Ceph cluster too", () => {
    const later = named(recording, "p-later", STS);
    assert.ok(waits(later)(named(recording, "p-rook-ceph-cluster", "kubernetes:helm.sh/v3:Release").urn));
  });

  it("an etcd cluster and the Rook-Ceph cluster on gp3 wait for the gp3 class, not for EFS or the EBS claim", () => {
    const consumers = [
      named(recording, "p-etcd-config", "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster"),
      named(recording, "p-rook-ceph-cluster", "kubernetes:helm.sh/v3:Release"),
    ];
    const gp3 = named(recording, "p-storage-gp3").urn;
    const journal = named(recording, "p-storage-ebs-journal-claim").urn;
    for (const consumer of consumers) {
      const has = waits(consumer);
      assert.ok(has(gp3), `${consumer.name} waits for the gp3 class`);
      for (const r of efs) assert.ok(!has(r.urn), `${consumer.name} does not wait for ${r.name}`);
      assert.ok(!has(journal), `${consumer.name} does not wait for the EBS claim`);
    }
  });

  it("a workload on gp3 waits for the gp3 class only; sharing the EFS volume, for its claim too", () => {
    const gp3 = named(recording, "p-storage-gp3").urn;
    const plain = waits(named(recording, "p-plain", STS));
    assert.ok(plain(gp3));
    for (const r of efs) assert.ok(!plain(r.urn), `a workload on gp3 does not wait for ${r.name}`);
    const sharing = waits(named(recording, "p-sharing", STS));
    assert.ok(sharing(gp3));
    assert.ok(sharing(named(recording, "p-storage-efs-shared-claim").urn), "it waits for the shared claim");
    assert.ok(!sharing(named(recording, "p-storage-ebs-journal-claim").urn), "not for a volume it does not use");
  });

  it("a workload adopting an EBS volume waits for its claim; one on the EFS class, for the class and mount targets", () => {
    const adopting = waits(named(recording, "p-adopting", STS));
    assert.ok(adopting(named(recording, "p-storage-ebs-journal-claim").urn));
    assert.ok(!adopting(named(recording, "p-storage-efs-shared-claim").urn));
    const onEfs = waits(named(recording, "p-on-efs", STS));
    for (const r of efs.slice(1)) assert.ok(onEfs(r.urn), `a workload on efs-shared waits for ${r.name}`);
    assert.ok(!onEfs(named(recording, "p-storage-gp3").urn), "not for the gp3 class");
  });

  it("waits for every created class when the class is known only after deployment, and for nothing unknown", () => {
    const resource = (urn: string) => ({ urn }) as unknown as pulumi.Resource;
    const [a, b, c] = [resource("a"), resource("b"), resource("c")];
    const storage: StorageHandle = {
      classes: ["standard", "x", "y"],
      claims: {},
      classReadiness: { x: [a], y: [b] },
      claimReadiness: { v: [c] },
    };
    assert.deepEqual(storageReadiness(storage, { storageClass: "x" }), [a]);
    assert.deepEqual(storageReadiness(storage, { storageClass: "standard", volumes: ["v", "w"] }), [c]);
    assert.deepEqual(storageReadiness(storage, { storageClass: Promise.resolve("x") }), [a, b]);
    assert.deepEqual(storageReadiness(storage, {}), []);
  });
});
