/**
 * The review of a CloudNativePG `Cluster`: a new one is described by where its data comes from (an
 * import or a restore), and a later change to its bootstrap is safe, said with the reason (read
 * only at creation), with advice when a bootstrap is added to a cluster that exists.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { postgresClusterSpec } from "../components/index.ts";
import { clusterOrigin, CNPG_CLUSTER } from "../tools/review/postgresReview.ts";
import { judge } from "../tools/review/verdicts.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";

const IMPORT = {
  host: "orders",
  user: "postgres",
  database: "shop",
  password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
};
const inputs = (spec: object) => ({ apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", spec });
const base = { clusterName: "orders-pg", storageClass: "managed-csi" };

function judged(kind: "add" | "update", head: object, before?: object) {
  const paths = before ? ["spec.bootstrap.initdb.import", "spec.externalClusters"] : [];
  return judge({
    kind,
    type: CNPG_CLUSTER,
    rule: ruleFor(CNPG_CLUSTER, head as Record<string, unknown>),
    head: head as Record<string, unknown>,
    ...(before ? { base: before as Record<string, unknown> } : {}),
    paths,
    renamed: false,
    expandable: () => undefined,
  });
}

describe("review of a CloudNativePG Cluster's origin", () => {
  it("describes a new, imported and restored Cluster", () => {
    assert.equal(clusterOrigin(inputs(postgresClusterSpec(base))), undefined);
    assert.equal(judged("add", inputs(postgresClusterSpec(base))).consequence, "created");
    assert.equal(clusterOrigin(inputs(postgresClusterSpec({ ...base, import: IMPORT }))), "imported from orders/shop");
    const restored = postgresClusterSpec({
      ...base,
      recovery: { objectStoreName: "orders-backups", serverName: "orders" },
    });
    assert.equal(clusterOrigin(inputs(restored)), "restored from orders's backups");
  });

  it("property: a restore up to a moment names the source's folder and the moment", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
    const time = fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true });
    fc.assert(
      fc.property(name, time, (serverName, at) => {
        const targetTime = at.toISOString().replace(/\.\d+Z$/, "Z");
        const spec = postgresClusterSpec({
          ...base,
          recovery: { objectStoreName: "x-backups", serverName, targetTime },
        });
        const judgement = judged("add", inputs(spec));
        assert.equal(judgement.verdict, "safe");
        assert.equal(judgement.consequence, `created, restored from ${serverName}'s backups, up to ${targetTime}`);
      }),
    );
  });

  it("adding an import to an existing Cluster is safe but never runs: said, with the way to do it", () => {
    const before = inputs(postgresClusterSpec(base));
    const after = inputs(postgresClusterSpec({ ...base, import: IMPORT }));
    const judgement = judged("update", after, before);
    assert.equal(judgement.verdict, "safe");
    assert.match(judgement.consequence, /^a bootstrap \(imported from orders\/shop\) is added to a cluster that exists: it is never run, the data is NOT imported;/); // prettier-ignore
    assert.match(judgement.advice ?? "", /add a new database entry/);
  });
});
