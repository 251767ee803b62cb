/**
 * The dev-aks and prod-aks stacks as a user deploys them: cloud storage created in parallel with
 * the cluster, workloads on the Azure classes and shares, and data protection in prod.
 */
import assert from "node:assert/strict";
import { buildPlan, type Plan } from "../tools/plan/graph.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { input, ofType, transitiveDependencies } from "./support/graph.ts";

const CLOUD_DATA = [
  "azure-native:compute:Disk",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:FileShare",
] as const;

for (const stack of ["dev-aks", "prod-aks"]) {
  describe(`stack ${stack} (AKS)`, () => {
    let recording: Recording;
    let plan: Plan;
    before(async () => {
      recording = await recordStack(stack);
      plan = buildPlan(recording.resources);
    });

    it("creates disks, storage accounts and shares without waiting for the cluster", () => {
      const [cluster] = ofType(recording, "azure-native:containerservice:ManagedCluster");
      assert.ok(cluster);
      const clusterWave = plan.resources.find((p) => p.resource.urn === cluster.urn)!.wave;
      for (const type of CLOUD_DATA) {
        const found = ofType(recording, type);
        // prod-aks: the share's storage account, the database backups' own and Velero's.
        assert.equal(found.length, type === CLOUD_DATA[1] && stack === "prod-aks" ? 3 : 1, `${type} count`);
        for (const r of found) {
          assert.ok(!transitiveDependencies(recording, r).has(cluster.urn), `${r.name} waits for the cluster`);
          const wave = plan.resources.find((p) => p.resource.urn === r.urn)!.wave;
          assert.ok(wave <= clusterWave + 1, `${r.name} is in wave ${wave}, the cluster in ${clusterWave}`);
        }
      }
    });

    it("bounds time to environment by the cluster, its node pools and the operators, not by storage", () => {
      const slow = plan.criticalPath.map((p) => p.resource.type);
      assert.ok(slow.includes("azure-native:containerservice:ManagedCluster"));
      assert.ok(slow.includes("azure-native:containerservice:AgentPool"));
      for (const type of CLOUD_DATA) assert.ok(!slow.includes(type), `${type} is off the critical path`);
      // Cluster and node pools (~15 min), then cert-manager and the Barman Cloud plugin (3 min) and a
      // PostgreSQL cluster awaited until Ready (3 min); in prod the Rook charts run beside them.
      assert.ok(plan.criticalSeconds <= 21 * 60, `critical path ${plan.criticalSeconds}s`);
    });

    it("runs the workload on the Azure disk class and mounts the declared share's claim", () => {
      const [sts] = ofType(recording, "kubernetes:apps/v1:StatefulSet");
      assert.ok(sts);
      assert.equal(input(sts, "spec.volumeClaimTemplates.0.spec.storageClassName"), "azure-disk-data");
      const shareClaim = ofType(recording, "kubernetes:core/v1:PersistentVolumeClaim").find(
        (c) => input(c, "spec.accessModes.0") === "ReadWriteMany",
      );
      assert.ok(shareClaim);
      const volumes = input(sts, "spec.template.spec.volumes") as { persistentVolumeClaim?: { claimName: string } }[];
      assert.ok(
        volumes.some((v) => v.persistentVolumeClaim?.claimName === input(shareClaim, "metadata.name")),
        "the share's claim is mounted",
      );
      assert.ok(transitiveDependencies(recording, sts).has(shareClaim.urn), "the workload waits for the share's claim");
      for (const pool of ofType(recording, "azure-native:containerservice:AgentPool")) {
        assert.ok(
          transitiveDependencies(recording, sts).has(pool.urn),
          `the workload waits for node pool ${pool.name}`,
        );
      }
    });
  });
}

describe("stack prod-aks data safety", () => {
  let recording: Recording;
  before(async () => {
    recording = await recordStack("prod-aks");
  });

  it("protects every disk, storage account and share", () => {
    for (const type of CLOUD_DATA) for (const r of ofType(recording, type)) assert.equal(r.protect, true, r.name);
  });

  it("retains every persistent volume and claim on delete", () => {
    const volumes = [
      ...ofType(recording, "kubernetes:core/v1:PersistentVolume"),
      ...ofType(recording, "kubernetes:core/v1:PersistentVolumeClaim"),
    ];
    assert.equal(volumes.length, 4);
    for (const r of volumes) assert.equal(r.retainOnDelete, true, r.name);
  });

  it("has no data class or snapshot class that deletes data", () => {
    for (const sc of ofType(recording, "kubernetes:storage.k8s.io/v1:StorageClass"))
      assert.equal(input(sc, "reclaimPolicy"), "Retain", sc.name);
    for (const vsc of ofType(recording, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass"))
      assert.equal(input(vsc, "deletionPolicy"), "Retain", vsc.name);
  });

  it("runs two autoscaled user pools across three zones on a Standard-tier cluster without local accounts", () => {
    const pools = ofType(recording, "azure-native:containerservice:AgentPool");
    assert.equal(pools.length, 2);
    for (const pool of pools) assert.deepEqual(input(pool, "availabilityZones"), ["1", "2", "3"]);
    const [cluster] = ofType(recording, "azure-native:containerservice:ManagedCluster");
    assert.equal(input(cluster!, "sku.tier"), "Standard");
    assert.equal(input(cluster!, "disableLocalAccounts"), true);
  });
});

describe("stack dev-aks", () => {
  it("uses the Free tier and leaves dev data unprotected", async () => {
    const recording = await recordStack("dev-aks");
    const [cluster] = ofType(recording, "azure-native:containerservice:ManagedCluster");
    assert.equal(input(cluster!, "sku.tier"), "Free");
    for (const type of CLOUD_DATA) for (const r of ofType(recording, type)) assert.equal(r.protect, false, r.name);
  });
});
