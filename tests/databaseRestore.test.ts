/**
 * Restoring prod-eks's database `orders` into a new entry by editing the stack file, planned under
 * mocks: the new database is created from the source's backups up to a moment, archives under its
 * own name to a bucket of its own, may read (never write) the source's bucket, and the review shows
 * the change as additions only, the new Cluster described as a restore.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { renderStackDiff } from "../tools/review/markdown.ts";
import { diffPlans } from "../tools/review/planDiff.ts";
import { input, named, transitiveDependencies } from "./support/graph.ts";

const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const TARGET = "2026-11-30T14:00:00Z";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

describe("restoring prod-eks's database into a new entry", () => {
  let original: Recording;
  let after: Recording;
  before(async () => {
    original = await recordStack("prod-eks");
    after = await recordEditedStack("prod-eks", (c) => {
      const databases = c["stateful-stack:databases"] as Record<string, unknown>[];
      databases.push({
        name: "orders-restored",
        instances: 1,
        storageClass: "gp3",
        storageSize: "100Gi",
        recovery: { from: "orders", targetTime: TARGET },
      });
    });
  });

  it("starts the new Cluster from the source's ObjectStore up to the moment, archiving under its own name", () => {
    const restored = named(after, "platform-orders-restored", CLUSTER);
    assert.deepEqual(input(restored, "spec.bootstrap.recovery.recoveryTarget"), { targetTime: TARGET });
    const source = input(restored, "spec.bootstrap.recovery.source");
    assert.deepEqual(input(restored, "spec.externalClusters"), [
      {
        name: source,
        plugin: {
          name: "barman-cloud.cloudnative-pg.io",
          parameters: { barmanObjectName: "orders-backups", serverName: "orders" },
        },
      },
    ]);
    const archive = named(after, "platform-orders-restored-backups", "kubernetes:barmancloud.cnpg.io/v1:ObjectStore");
    const ownBucket = String(input(named(after, "platform-orders-restored-backups-bucket"), "bucket"));
    assert.match(String(input(archive, "spec.configuration.destinationPath")), new RegExp(`^s3://${ownBucket}/`));
    assert.ok(
      transitiveDependencies(after, restored).has(named(after, "platform-orders-backups", archive.type).urn),
      "after the source's ObjectStore",
    );
  });

  it("lets the new database's role read the source's bucket, never write it", () => {
    const read = JSON.parse(
      String(input(named(after, "platform-orders-restored-backups-recovery-source"), "policy")),
    ) as { Statement: { Action: string[] }[] };
    const actions = read.Statement.flatMap((s) => s.Action);
    assert.ok(actions.includes("s3:GetObject"));
    assert.deepEqual(
      actions.filter((a) => /Put|Delete|Abort/.test(a)),
      [],
    );
  });

  it("reviews as additions only, the new Cluster described as a restore, nothing lost", () => {
    const diff = diffPlans(doc(original), doc(after));
    assert.ok(diff.changes.length > 5);
    assert.deepEqual(
      diff.changes.filter((c) => c.kind !== "add").map((c) => `${c.kind} ${c.name}`),
      [],
    );
    assert.ok(diff.changes.every((c) => c.verdict === "safe"));
    const cluster = diff.changes.find((c) => c.type === CLUSTER);
    assert.equal(cluster?.consequence, `created, restored from orders's backups, up to ${TARGET}`);
    assert.match(renderStackDiff(diff, false), /restored from orders's backups, up to 2026-11-30T14:00:00Z/);
  });
});
