/**
 * The plan's backup section tells what Velero does with each volume (the static volumes' file-system
 * backup), that pulumi up waits for a restore and which StatefulSets and clusters adopt its claims,
 * and warns that on the up that first installs Velero a restore may find no backup.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { renderPlan } from "../tools/plan/render.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";

const plan = async (restore: Record<string, unknown> | undefined) => {
  const r = await recordEditedStack("prod-eks", (c) => {
    if (restore) c["stateful-stack:restore"] = restore;
  });
  return renderPlan(r, buildPlan(r.resources));
};

describe("the plan's cluster backups", () => {
  it("says pulumi up waits for a restore, whose claims the StatefulSets and clusters created after it adopt", async () => {
    const text = await plan({ name: "drill-1", backupName: "daily-20260101030000", includedNamespaces: ["data"] });
    assert.match(text, /Restore drill-1: .*resources: persistentvolumeclaims, persistentvolumes, volumesnapshots\.snapshot\.storage\.k8s\.io; .*pulumi up waits until it ends and fails unless it is Completed\n/); // prettier-ignore
    const adopted = /brings back the claims of, created once it completes: (.*)\n/.exec(text)?.[1] ?? "";
    for (const object of [
      "statefulsets.apps data/",
      "etcdclusters.operator.etcd.io data/",
      "clusters.postgresql.cnpg.io data/",
    ])
      assert.ok(adopted.includes(object), `${object} in "${adopted}"`);
    assert.match(text, /keeps as they are \(the stack creates them first; Velero skips a claim that exists\): persistentvolumeclaims data\/shared/); // prettier-ignore
  });

  it("names the static volumes the node agent backs up file by file", async () => {
    const text = await plan(undefined);
    assert.match(
      text,
      /Schedule daily: .*volumes: CSI snapshots; file-system backup \(node agent\): journal-a, shared\n/,
    );
  });

  it("shows the gate the Restore waits for, and warns that a schedule of a new store has no backup to restore", async () => {
    const text = await plan({ name: "drill-1", scheduleName: "daily", includedNamespaces: ["data"] });
    assert.match(
      text,
      /\n {4}created after Job drill-1-gate sees Velero list the backup \(`velero restore create drill-1 --from-schedule daily --namespace velero --output json`, which checks and creates nothing\), once Velero has read every backup of the store \(pulumi up waits for BackupStorageLocation default's status\.lastSyncedTime, up to 10 min; .*\), retried for up to 10 min: .*the up fails if it never does\n/,
    );
    const warnings = text.split("\n").filter((l) => l.includes("warning:"));
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0]!,
      /remove stateful-stack:restore once the restore has completed and its data is checked: when the backup it restored expires, Velero deletes this Restore, and an up after a refresh creates it again \(it restores the latest backup of "daily" again/,
    );
    assert.match(
      warnings[1]!,
      /no completed backup of schedule "daily" yet \(a new store\), the gate fails the up at its deadline/,
    );
    assert.match(warnings[1]!, /restore\.backupName/);
    const byName = await plan({ name: "drill-1", backupName: "daily-20260101030000" });
    assert.match(byName, /Restore drill-1: from backup "daily-20260101030000"/);
    assert.match(byName, /`velero restore create drill-1 --from-backup daily-20260101030000 /);
    assert.doesNotMatch(byName, /once Velero has read every backup/);
    const byNameWarnings = byName.split("\n").filter((l) => l.includes("warning:"));
    assert.equal(byNameWarnings.length, 1);
    assert.match(byNameWarnings[0]!, /when backup "daily-20260101030000" expires, .*\(its backup gone, the up fails\)/);
  });
});
