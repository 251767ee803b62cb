/**
 * Renaming a stack entry with `renamedFrom`: the shipped stacks recorded before and after the rename,
 * compared by the plan diff. Every resource the entry made is taken over through an alias naming its
 * old URN exactly, and nothing holding data is deleted or replaced.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import { engineUrn, type Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

type Entry = Record<string, unknown>;

/** Renames entry `from` of the list at `key` (a top-level key or `aks.disks`) and the workloads' references to it. */
function rename(key: string, from: string, to: string) {
  return (config: Record<string, unknown>) => {
    const [top, list] = key.split(".") as [string, string | undefined];
    const holder = config[`stateful-stack:${top}`] as Record<string, unknown>;
    const entries = (list === undefined ? holder : holder[list]) as Entry[];
    const entry = entries.find((e) => e["name"] === from);
    assert.ok(entry, `${key} has an entry ${from}`);
    entry["name"] = to;
    entry["renamedFrom"] = from;
    for (const w of config["stateful-stack:workloads"] as Entry[]) {
      const volumes = w["volumes"] as string[] | undefined;
      if (volumes) w["volumes"] = volumes.map((v) => (v === from ? to : v));
    }
  };
}

/** The old URNs the name aliases of `recording` name, as the engine computes them (type aliases aside). */
function aliasUrns(recording: Recording): string[] {
  return recording.resources.flatMap((r) =>
    (r.aliases as { spec?: { name?: string; type?: string } }[])
      .filter((alias) => alias.spec?.name)
      .map((alias) =>
        engineUrn(
          recording.stack,
          recording.project,
          r.parent ?? "",
          alias.spec?.type || r.type,
          alias.spec?.name ?? "",
        ),
      ),
  );
}

const cases: { stack: string; key: string; from: string; to: string; kept: string[] }[] = [
  {
    stack: "prod-aks",
    key: "aks.disks",
    from: "orders-db",
    to: "orders-data",
    kept: [
      "azure-native:compute:Disk",
      "kubernetes:core/v1:PersistentVolume",
      "kubernetes:core/v1:PersistentVolumeClaim",
    ],
  },
  {
    stack: "prod-eks",
    key: "eks.volumes",
    from: "journal-a",
    to: "journal-main",
    kept: ["aws:ebs/volume:Volume", "kubernetes:core/v1:PersistentVolume", "kubernetes:core/v1:PersistentVolumeClaim"],
  },
];

describe("renaming a stack entry with renamedFrom", () => {
  for (const c of cases) {
    it(`${c.stack}: ${c.key} ${c.from} → ${c.to} keeps every resource of the entry, under an alias`, async () => {
      const baseRecording = await recordStack(c.stack);
      const headRecording = await recordEditedStack(c.stack, rename(c.key, c.from, c.to));
      const baseUrns = new Set(baseRecording.resources.map((r) => r.urn));
      const aliased = aliasUrns(headRecording);
      assert.ok(aliased.length >= c.kept.length, `aliases registered: ${aliased.length}`);
      for (const urn of aliased) assert.ok(baseUrns.has(urn), `alias names a URN of the base plan: ${urn}`);

      const diff = diffPlans(doc(baseRecording), doc(headRecording));
      assert.deepEqual(dataLossChanges(diff), []);
      assert.deepEqual(
        diff.changes.filter((ch) => ch.kind !== "update").map((ch) => `${ch.kind} ${ch.urn}`),
        [],
        "nothing added, removed or replaced",
      );
      const renamed = diff.changes.filter((ch) => ch.renamedFrom !== undefined);
      for (const type of c.kept)
        assert.ok(
          renamed.some((ch) => ch.type === type),
          `${type} renamed with an alias`,
        );
      // The objects keep their physical names: no Kubernetes object's metadata.name changes.
      for (const ch of renamed) assert.ok(!ch.paths.includes("metadata.name"), `${ch.urn}: ${ch.paths.join(", ")}`);
    });
  }
});
