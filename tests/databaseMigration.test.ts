/**
 * Moving a PostgreSQL workload into a CloudNativePG database, planned end to end under mocks, on
 * prod-aks as it ran PostgreSQL before its databases moved to CloudNativePG (the workload `orders`
 * on the protected disk `orders-db`): first a `databases` entry that imports the workload's data
 * (the review shows a new Cluster imported from the workload, and no data loss), then the import
 * removed (safe: read only at creation), then the workload removed (what the existing rules say).
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack, type ConfigEdit } from "../tools/recorder/variants.ts";
import { renderStackDiff } from "../tools/review/markdown.ts";
import { diffPlans, type StackDiff } from "../tools/review/planDiff.ts";
import { ORDERS_IMPORT } from "./support/cnpgRecording.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const ENTRY = { name: "orders-pg", storageClass: "azure-disk-data", storageSize: "64Gi" };

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

/** The PostgreSQL server prod-aks ran as a workload, on its protected disk, with the share. */
const ORDERS_WORKLOAD = {
  name: "orders",
  image: "postgres:17.2-alpine",
  port: 5432,
  replicas: 1,
  storageClass: "azure-disk-data",
  storageSize: "64Gi",
  volumes: ["orders-db"],
  mountPath: "/var/lib/postgresql/data",
  env: { PGDATA: "/var/lib/postgresql/data/pgdata" },
  secretEnv: { POSTGRES_PASSWORD: { generate: true } },
  runAsUser: 70,
  fsGroup: 70,
  readOnlyRootFilesystem: false,
  share: "shared-assets",
  sharedMountPath: "/srv/assets",
  resources: { cpu: "1", memory: "2Gi" },
};

/** prod-aks before the move: the `orders` workload on the disk `orders-db`, no databases. */
const legacy: ConfigEdit = (c) => {
  const aks = c["stateful-stack:aks"] as { disks: unknown[] };
  aks.disks = [{ name: "orders-db", size: "256Gi", sku: "Premium_ZRS" }];
  c["stateful-stack:workloads"] = [ORDERS_WORKLOAD];
  delete c["stateful-stack:databases"];
};

/** Legacy prod-aks with the database entry (`entry` merged into ENTRY), and without the workloads named in `removed`. */
function migrated(entry: Record<string, unknown>, removed: string[] = []): ConfigEdit {
  return (c) => {
    legacy(c);
    c["stateful-stack:databases"] = [{ ...ENTRY, ...entry }];
    const workloads = c["stateful-stack:workloads"] as { name: string }[];
    c["stateful-stack:workloads"] = workloads.filter((w) => !removed.includes(w.name));
  };
}

/** `verdict kind type name` of every change that is not safe. */
function judged(diff: StackDiff): string[] {
  return diff.changes.filter((c) => c.verdict !== "safe").map((c) => `${c.verdict}: ${c.kind} ${c.type} ${c.name}`);
}

describe("moving prod-aks's PostgreSQL workload into a CloudNativePG database", () => {
  let original: Recording;
  let importing: Recording;
  let imported: Recording;
  let moved: Recording;
  before(async () => {
    original = await recordEditedStack("prod-aks", legacy);
    importing = await recordEditedStack("prod-aks", migrated({ import: { workload: "orders" } }));
    imported = await recordEditedStack("prod-aks", migrated({}));
    moved = await recordEditedStack("prod-aks", migrated({}, ["orders"]));
  });

  it("1. the new Cluster imports from Service orders:5432 as postgres, database postgres, password from orders-secrets", () => {
    const clusters = ofType(importing, CLUSTER);
    assert.equal(clusters.length, 1);
    const cluster = clusters[0]!;
    assert.equal(input(cluster, "spec.instances"), 3);
    assert.deepEqual(input(cluster, "spec.bootstrap.initdb"), ORDERS_IMPORT.initdb);
    assert.deepEqual(input(cluster, "spec.externalClusters"), ORDERS_IMPORT.externalClusters);
    // The names the workload's objects really have.
    const service = named(importing, "platform-orders-client", "kubernetes:core/v1:Service");
    assert.equal(input(service, "metadata.name"), "orders");
    assert.equal(input(service, "spec.ports.0.port"), 5432);
    const secret = named(importing, "platform-orders-secrets", "kubernetes:core/v1:Secret");
    assert.equal(input(secret, "metadata.name"), "orders-secrets");
    // Backups on in prod: the plugin archives the imported database from the start.
    assert.equal(input(cluster, "spec.plugins.0.isWALArchiver"), true);
  });

  it("1. the Cluster waits for the workload: its StatefulSet, Service and Secret", () => {
    const cluster = ofType(importing, CLUSTER)[0]!;
    const deps = transitiveDependencies(importing, cluster);
    for (const [name, type] of [
      ["platform-orders", "kubernetes:apps/v1:StatefulSet"],
      ["platform-orders-client", "kubernetes:core/v1:Service"],
      ["platform-orders-secrets", "kubernetes:core/v1:Secret"],
    ] as const)
      assert.ok(deps.has(named(importing, name, type).urn), name);
  });

  it("1. review: nothing lost or disrupted, and the new Cluster is described as imported from orders/postgres", () => {
    const diff = diffPlans(doc(original), doc(importing));
    assert.deepEqual(judged(diff), []);
    assert.ok(
      diff.changes.every((c) => c.kind === "add"),
      "only additions",
    );
    const cluster = diff.changes.filter((c) => c.type === CLUSTER);
    assert.equal(cluster.length, 1);
    assert.equal(cluster[0]!.reason, "imported from orders/postgres");
    assert.equal(cluster[0]!.consequence, "created, imported from orders/postgres");
    assert.match(renderStackDiff(diff, false), /\| safe \| \+ \| `platform-orders-pg` \| `kubernetes:postgresql\.cnpg\.io\/v1:Cluster` \| imported from orders\/postgres \|/); // prettier-ignore
  });

  it("2. removing the import from the existing Cluster is safe, with the reason", () => {
    const diff = diffPlans(doc(importing), doc(imported));
    assert.equal(diff.changes.length, 1, diff.changes.map((c) => `${c.kind} ${c.name}`).join(", "));
    const change = diff.changes[0]!;
    assert.equal(change.kind, "update");
    assert.equal(change.type, CLUSTER);
    assert.equal(change.verdict, "safe");
    // The wait for Ready shrinks from the copy's to a new cluster's.
    assert.deepEqual(change.paths.sort(), [
      "metadata.annotations.pulumi.com/timeoutSeconds",
      "spec.bootstrap.initdb.import",
      "spec.externalClusters",
    ]);
    assert.match(change.consequence, /^the bootstrap \(imported from orders\/postgres\) is removed; CloudNativePG reads the bootstrap only when it creates the cluster.*\(cloudnative-pg\/cloudnative-pg@v1\.30\.0:internal\/webhook\/v1\/cluster_webhook\.go validateClusterChanges\)$/); // prettier-ignore
  });

  it("3. removing only the workload: its data is left in a retained claim, and the disk's static claim would be renamed (refused)", () => {
    const diff = diffPlans(doc(imported), doc(moved));
    assert.equal(ofType(moved, CLUSTER).length, 1);
    // The existing rules: the StatefulSet's claim data-orders-0 is retained and unused; the storage
    // layer names the disk's claim after the workload that adopts it, so without the workload the
    // claim is replaced, which its retainOnDelete refuses.
    assert.deepEqual(judged(diff).sort(), [
      "data loss: remove kubernetes:apps/v1:StatefulSet platform-orders",
      "refused: replace kubernetes:core/v1:PersistentVolumeClaim platform-storage-orders-db-pvc",
    ]);
  });

  it("3b. removing the workload and its disk: reported as data loss of the disk, its volume, claim and the StatefulSet's data", async () => {
    const withoutDisk = await recordEditedStack("prod-aks", (c) => {
      migrated({}, ["orders"])(c);
      const aks = c["stateful-stack:aks"] as { disks: { name: string }[] };
      aks.disks = aks.disks.filter((d) => d.name !== "orders-db");
    });
    const diff = diffPlans(doc(imported), doc(withoutDisk));
    assert.deepEqual(judged(diff).sort(), [
      "data loss: remove azure-native:compute:Disk platform-storage-orders-db-disk",
      "data loss: remove kubernetes:apps/v1:StatefulSet platform-orders",
      "data loss: remove kubernetes:core/v1:PersistentVolume platform-storage-orders-db-pv",
      "data loss: remove kubernetes:core/v1:PersistentVolumeClaim platform-storage-orders-db-pvc",
    ]);
    // Retained on delete in prod: left in place, not deleted.
    const claim = diff.changes.find((c) => c.type === "kubernetes:core/v1:PersistentVolumeClaim");
    assert.match(
      claim?.consequence ?? "",
      /^the persistent volume claim is left in place with its data but outside the stack/,
    );
    const disk = diff.changes.find((c) => c.type === "azure-native:compute:Disk");
    assert.equal(
      disk?.protect,
      true,
      "the disk is protected in prod: pulumi up refuses to delete it until unprotected",
    );
  });

  it("an entry that still imports a removed workload is refused at import.workload", async () => {
    await assert.rejects(
      recordEditedStack("prod-aks", migrated({ import: { workload: "orders" } }, ["orders"])),
      /databases\[0\]\.import\.workload = "orders": expected the name of a workload of this stack running the official PostgreSQL image \(PostgreSQL workloads: none\)/,
    );
  });
});
