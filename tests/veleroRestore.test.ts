/**
 * A restore in `pulumi up`: Velero brings back the volumes' data of the namespaces it restores
 * before the stack creates the workloads and clusters that claim them, and `pulumi up` waits until
 * Velero reports the restore ended (veleroRestoreGate.test.ts: and fails unless it is Completed); the restore itself waits for the namespace and static claims
 * the stack creates (Velero skips a claim that exists, and Pulumi's create of an object Velero made
 * first would fail: "already exists").
 */
import assert from "node:assert/strict";
import { RESTORED_DATA_KINDS } from "../components/backups/veleroArgs.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const RESTORE = "kubernetes:velero.io/v1:Restore";
const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
/** The clusters of the data namespace whose claims a restore brings back (not Rook's: veleroRook.test.ts). */
const CLUSTERS = ["kubernetes:operator.etcd.io/v1alpha1:EtcdCluster", "kubernetes:postgresql.cnpg.io/v1:Cluster"];

const withRestore = (stack: string, restore: Record<string, unknown>) =>
  recordEditedStack(stack, (c) => {
    c["stateful-stack:restore"] = restore;
  });
const restoreOf = (r: Recording) => {
  const restores = ofType(r, RESTORE);
  assert.equal(restores.length, 1);
  return restores[0]!;
};

describe("a restore in pulumi up", () => {
  for (const stack of ["prod-eks", "prod-aks"]) {
    describe(stack, () => {
      const drill = { name: "drill-1", scheduleName: "daily" };

      it("comes before every StatefulSet and cluster that claims what it restores, and is waited for", async () => {
        const r = await withRestore(stack, drill);
        const restore = restoreOf(r);
        const stateful = r.resources.filter((x) => x.type === STATEFUL_SET || CLUSTERS.includes(x.type));
        assert.ok(stateful.length >= 3, `${stateful.length} StatefulSets and clusters`);
        for (const s of stateful)
          assert.ok(transitiveDependencies(r, s).has(restore.urn), `${s.type} ${s.name} waits for the restore`);
        assert.equal(
          (input(restore, "metadata.annotations") as Record<string, string>)["pulumi.com/timeoutSeconds"],
          "21600",
        );
      });

      it("waits for the namespace and the static claims the stack creates, and brings back only data", async () => {
        const r = await withRestore(stack, drill);
        const restore = restoreOf(r);
        const waits = transitiveDependencies(r, restore);
        assert.ok(waits.has(named(r, "platform-data", "kubernetes:core/v1:Namespace").urn));
        const claims = ofType(r, "kubernetes:core/v1:PersistentVolumeClaim");
        assert.ok(claims.length >= 2);
        for (const claim of claims) assert.ok(waits.has(claim.urn), `after claim ${claim.name}`);
        assert.deepEqual(input(restore, "spec.includedResources"), [...RESTORED_DATA_KINDS]);
      });

      it("holds back only what lives in the namespaces it restores", async () => {
        const r = await withRestore(stack, { ...drill, includedNamespaces: ["apps"] });
        const restore = restoreOf(r);
        const sets = ofType(r, STATEFUL_SET);
        assert.ok(sets.length >= 1);
        for (const s of sets) assert.ok(!transitiveDependencies(r, s).has(restore.urn), `${s.name} in "data"`);
      });
    });
  }
});
