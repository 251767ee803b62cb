/**
 * The Rook-Ceph cluster in the cluster backups. Velero's schedules and the restore of `pulumi up`
 * leave the Rook namespace out (`excludedNamespaces`, vmware-tanzu/velero@v1.17.2:
 * pkg/apis/velero/v1/backup_types.go and restore_types.go; a namespace in both lists fails the backup
 * or restore, pkg/util/collections/includes_excludes.go `ValidateIncludesExcludes`, so naming it is
 * refused): its monitors' and OSDs' disks would be copied whole every night and would not form a Ceph
 * cluster in a new cluster. The Ceph cluster does not wait for a restore, which brings back claims of
 * its classes. The policy "production data has a backup" takes the Ceph cluster's data to be its
 * volumes' claims, which it checks.
 */
import assert from "node:assert/strict";
import { platformProblems } from "../components/index.ts";
import { formatPath } from "../components/problems.ts";
import { checkRecording } from "../policy/offline.ts";
import { productionDataBackedUp, VELERO_SCHEDULE } from "../policy/rules/backup.ts";
import type { CheckedResource } from "../policy/model.ts";
import { buildPlan } from "../tools/plan/graph.ts";
import { renderPlan } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { checkedResource } from "./support/checkedResources.ts";
import { eksArgs } from "./support/eks.ts";
import { input, ofType, transitiveDependencies } from "./support/graph.ts";

const RESTORE = "kubernetes:velero.io/v1:Restore";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const REFUSED = /namespace "rook-ceph" runs the Rook-Ceph cluster, which is never backed up nor restored/;

const withRestore = (stack: string, restore: Record<string, unknown>) =>
  recordEditedStack(stack, (c) => {
    c["stateful-stack:restore"] = restore;
  });
const cephCluster = (r: Recording) => {
  const found = ofType(r, RELEASE).filter((x) => input(x, "chart") === "rook-ceph-cluster");
  assert.equal(found.length, 1);
  return found[0]!;
};

describe("the Rook namespace in the cluster backups", () => {
  for (const stack of ["prod-aks", "prod-eks"]) {
    describe(stack, () => {
      it("leaves the Rook namespace out of every schedule, says so in the plan, and the policy still passes", async () => {
        const r = await recordStack(stack);
        const schedules = ofType(r, VELERO_SCHEDULE);
        assert.ok(schedules.length >= 1);
        for (const s of schedules) assert.deepEqual(input(s, "spec.template.excludedNamespaces"), ["rook-ceph"]);
        assert.match(
          renderPlan(r, buildPlan(r.resources)),
          /Schedule daily: "0 3 \* \* \*", namespaces: all except rook-ceph,/,
        );
        assert.equal(input(cephCluster(r), "namespace"), "rook-ceph");
        assert.deepEqual(
          checkRecording(r).filter((v) => v.policy === "production-data-has-a-backup"),
          [],
        );
      });

      it("leaves it out of a restore, and creates the Ceph cluster without waiting for the restore", async () => {
        const r = await withRestore(stack, { name: "drill-1", scheduleName: "daily" });
        const restores = ofType(r, RESTORE);
        assert.equal(restores.length, 1);
        assert.deepEqual(input(restores[0]!, "spec.excludedNamespaces"), ["rook-ceph"]);
        assert.match(
          renderPlan(r, buildPlan(r.resources)),
          /Restore drill-1: .*namespaces: all in the backup except rook-ceph;/,
        );
        assert.ok(
          !transitiveDependencies(r, cephCluster(r)).has(restores[0]!.urn),
          "the Ceph cluster waits for no restore",
        );
      });

      it("refuses a schedule or a restore that names the Rook namespace, saying why", async () => {
        await assert.rejects(
          recordEditedStack(stack, (c) => {
            c["stateful-stack:backups"] = {
              schedules: [{ name: "daily", cron: "0 3 * * *", includedNamespaces: ["data", "rook-ceph"] }],
            };
          }),
          REFUSED,
        );
        await assert.rejects(
          withRestore(stack, { name: "drill-1", scheduleName: "daily", includedNamespaces: ["rook-ceph"] }),
          REFUSED,
        );
      });
    });
  }
});

describe("a Platform with backups refuses a Rook-Ceph cluster in its data namespace", () => {
  it("names the key and says the data would be left out with it", () => {
    const args = (environment: "prod" | "dev") => ({
      environment,
      cluster: { cloud: "eks" as const, eks: eksArgs() },
      storageClasses: ["standard"],
      operators: { rook: { storageClass: "standard", namespace: "data" } },
    });
    const found = platformProblems(args("prod")).filter((p) => formatPath(p.path) === "operators.rook.namespace");
    assert.deepEqual(
      found.map((p) => [p.value, p.message]),
      [
        [
          "data",
          "the Rook-Ceph cluster needs a namespace of its own, not the data namespace \"data\": cluster backups leave the Rook namespace out (its monitors' and OSDs' disks cannot be restored into a new Ceph cluster), and would leave the data out with it",
        ],
      ],
    );
    // Without backups (dev's default) nothing is left out.
    assert.deepEqual(
      platformProblems(args("dev")).filter((p) => formatPath(p.path) === "operators.rook.namespace"),
      [],
    );
  });
});

describe("production data has a backup: the Rook-Ceph cluster's data is its volumes' claims", () => {
  const res = (type: string, props: Record<string, unknown>) => checkedResource(type, props, "rk");
  const schedule = (excludedNamespaces: string[]) =>
    res(VELERO_SCHEDULE, {
      metadata: { name: "daily", namespace: "velero" },
      spec: { schedule: "0 3 * * *", template: { excludedNamespaces } },
    });
  const rook = (values: Record<string, unknown>) =>
    res(RELEASE, { chart: "rook-ceph-cluster", name: "rook-ceph-cluster", namespace: "rook-ceph", values });
  const check = (resources: CheckedResource[]) =>
    productionDataBackedUp.check({ stack: "prod", resources }).map((v) => v.message);

  it("accepts a schedule that leaves out the Rook namespace, for the cluster and its Ceph resources", () => {
    const ceph = res("kubernetes:ceph.rook.io/v1:CephCluster", { metadata: { name: "c", namespace: "rook-ceph" } });
    assert.deepEqual(check([schedule(["rook-ceph"]), rook({ cephObjectStores: [] }), ceph]), []);
  });

  it("still refuses other data left out: an object store of the release, a StatefulSet of an excluded namespace", () => {
    const [store] = check([schedule(["rook-ceph"]), rook({})]);
    assert.match(store!, /Rook-Ceph cluster release "rook-ceph-cluster" in namespace "rook-ceph" has no backup/);
    const sts = res("kubernetes:apps/v1:StatefulSet", { metadata: { name: "db", namespace: "data" } });
    const [found] = check([schedule(["rook-ceph", "data"]), sts]);
    assert.match(found!, /namespace "data" is outside its namespaces/);
  });
});
