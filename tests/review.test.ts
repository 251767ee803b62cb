/**
 * Pull-request review: plan diffs of modified copies of the real stacks, and the preview gate.
 * Each case asserts exactly which changes raise the data-loss warning.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import fc from "fast-check";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { planDiffCommand, previewCheckCommand } from "../tools/review/commands.ts";
import { runReview, type ReviewCommand } from "../tools/review/gate.ts";
import { renderComment } from "../tools/review/markdown.ts";
import { dataLossChanges, diffPlans, RENAME_HINT, type StackDiff } from "../tools/review/planDiff.ts";
import { previewDiff } from "../tools/review/previewGate.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { COMPUTED } from "../tools/recorder/values.ts";
import { captured, runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

type Workload = Record<string, unknown>;
function editWorkload(edit: (w: Workload) => void) {
  return (config: Record<string, unknown>) => {
    const workloads = config["stateful-stack:workloads"] as Workload[];
    edit(workloads[0] as Workload);
  };
}

function summary(diff: StackDiff): string[] {
  return diff.changes.map((c) => `${c.kind} ${c.name}${c.verdict === "data loss" ? " DATA LOSS" : ""}`).sort();
}

describe("pull-request review", () => {
  let base: PlanDocument;
  before(async () => {
    base = doc(await recordStack("local"));
  });

  describe("plan diff of the local stack", () => {
    it("finds no change between two plans of the same code", async () => {
      assert.deepEqual(diffPlans(base, doc(await recordStack("local"))).changes, []);
    });

    it("lets a harmless change through: a container argument is an in-place update", async () => {
      const head = doc(
        await recordEditedStack(
          "local",
          editWorkload((w) => (w["args"] = ["--appendonly", "no", "--dir", "/data"])),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(summary(diff), ["update platform-cache"]);
      assert.deepEqual(diff.changes[0]?.paths, ["spec.template.spec.containers[0].args[1]"]);
    });

    it("calls a StatefulSet replaced for a new claim size a disruption: claims are retained, keep their size, and can grow in place", async () => {
      const head = doc(
        await recordEditedStack(
          "local",
          editWorkload((w) => (w["storageSize"] = "5Gi")),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(summary(diff), ["replace platform-cache"]);
      const [statefulSet] = diff.changes;
      assert.equal(statefulSet?.verdict, "disruption");
      assert.match(
        statefulSet?.reason ?? "",
        /^spec\.volumeClaimTemplates\[0\]\.spec\.resources\.requests\.storage cannot change in place/,
      );
      assert.match(
        statefulSet?.consequence ?? "",
        /^every replica stops at once: Pulumi deletes the StatefulSet and creates it anew; its claims data-cache-0 are retained \(whenDeleted: Retain\) and reattached by name, so no data is lost; the existing claims keep their old size/,
      );
      assert.match(
        statefulSet?.advice ?? "",
        /leave the size in the stack as it is and resize each claim in place, `kubectl -n data patch pvc data-cache-0 --type merge -p '\{"spec":\{"resources":\{"requests":\{"storage":"5Gi"\}\}\}\}'`/,
      );
    });

    it("calls a StatefulSet replaced into new claims data loss: a new claim name starts empty", async () => {
      const head = doc(await recordEditedStack("local", (c) => (c["stateful-stack:namespace"] = "stateful")));
      const statefulSet = diffPlans(base, head).changes.find((c) => c.type === "kubernetes:apps/v1:StatefulSet");
      assert.equal(statefulSet?.verdict, "data loss");
      assert.match(
        statefulSet?.consequence ?? "",
        /^the new pods use claims data-cache-0 in namespace stateful, which start empty; its claims data-cache-0 are retained/,
      );
    });

    it("warns when renaming a workload would delete its StatefulSet and namespace-scoped objects", async () => {
      const head = doc(
        await recordEditedStack(
          "local",
          editWorkload((w) => (w["name"] = "kv")),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(
        dataLossChanges(diff).map((c) => `${c.kind} ${c.name}`),
        ["remove platform-cache"],
      );
      const [removed] = dataLossChanges(diff);
      assert.match(removed?.reason ?? "", /^its URN changes \(renamed or moved to another parent without an alias\)/);
      assert.equal(removed?.urnChanged, true);
      const comment = renderComment([diff], { marker: "m", title: "Plan diff", intro: "", graph: false });
      assert.equal(comment.split(RENAME_HINT).length, 2, "the hint to use renamedFrom, once");
      assert.match(RENAME_HINT, /give it `renamedFrom: <its previous name>` in the stack file/);
      assert.match(
        removed?.consequence ?? "",
        /its claims data-cache-0 are retained \(whenDeleted: Retain\) but nothing in the stack uses them any more/,
      );
    });

    it("warns when the data namespace is renamed", async () => {
      const head = doc(await recordEditedStack("local", (c) => (c["stateful-stack:namespace"] = "stateful")));
      assert.deepEqual(
        dataLossChanges(diffPlans(base, head))
          .map((c) => `${c.kind} ${c.name}`)
          .sort(),
        [
          "replace platform-cache",
          "replace platform-data",
          "replace platform-etcd-config-store",
          "replace platform-orders",
        ],
      );
    });
  });

  describe("plan diff of the cloud stacks", () => {
    type Edit = (config: Record<string, unknown>) => void;
    const aks =
      (edit: (aksKey: { disks: Workload[]; shares: Workload[] }, config: Record<string, unknown>) => void): Edit =>
      (c) =>
        edit(c["stateful-stack:aks"] as { disks: Workload[]; shares: Workload[] }, c);
    const eks =
      (edit: (eksKey: { volumes: Workload[]; tags: Record<string, string> }) => void): Edit =>
      (c) =>
        edit(c["stateful-stack:eks"] as { volumes: Workload[]; tags: Record<string, string> });
    const losses = (diff: StackDiff) =>
      dataLossChanges(diff)
        .map((c) => `${c.kind} ${c.type} ${c.name}`)
        .sort();

    it("warns when a disk component is renamed: the disk, its volume and claim are deleted", async () => {
      const base = doc(await recordStack("dev-aks"));
      const head = doc(
        await recordEditedStack(
          "dev-aks",
          aks((a, c) => {
            a.disks[0]!["name"] = "cache-archive";
            // The workload adopting the disk follows the rename.
            (c["stateful-stack:workloads"] as Workload[])[0]!["volumes"] = ["cache-archive"];
          }),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(losses(diff), [
        "remove azure-native:compute:Disk platform-storage-cache-backup-disk",
        "remove kubernetes:core/v1:PersistentVolume platform-storage-cache-backup-pv",
        "remove kubernetes:core/v1:PersistentVolumeClaim platform-storage-cache-backup-pvc",
      ]);
      assert.match(dataLossChanges(diff)[0]?.reason ?? "", /its URN changes/);
    });

    it("warns when a share is renamed: the share and its storage account are deleted", async () => {
      const base = doc(await recordStack("dev-aks"));
      const head = doc(
        await recordEditedStack(
          "dev-aks",
          aks((a, config) => {
            a.shares[0]!["name"] = "files";
            (config["stateful-stack:workloads"] as Workload[])[0]!["share"] = "files";
          }),
        ),
      );
      assert.deepEqual(losses(diffPlans(base, head)), [
        "remove azure-native:storage:FileShare platform-storage-shared-share",
        "remove azure-native:storage:StorageAccount platform-storage-shared-account",
        "remove kubernetes:core/v1:PersistentVolume platform-storage-shared-pv",
        "remove kubernetes:core/v1:PersistentVolumeClaim platform-storage-shared-pvc",
      ]);
    });

    it("warns when the stack moves into an existing resource group: its own group goes; the cluster, disk, share and account are possibly replaced", async () => {
      const base = doc(await recordStack("dev-aks"));
      const head = doc(
        await recordEditedStack(
          "dev-aks",
          aks((a) => ((a as unknown as Workload)["resourceGroupName"] = "shared-data")),
        ),
      );
      const moved = [
        // The group the stack created goes, and with it everything in it.
        "remove azure-native:resources:ResourceGroup platform-cluster-rg",
        "replace azure-native:compute:Disk platform-storage-cache-backup-disk",
        // The cluster's id names its group: a new cluster, without the objects of the old one.
        "replace azure-native:containerservice:ManagedCluster platform-cluster-aks",
        "replace azure-native:storage:FileShare platform-storage-shared-share",
        "replace azure-native:storage:StorageAccount platform-storage-shared-account",
      ];
      // The volume objects name the disk's id and the share's group in their (immutable) CSI sources:
      // replaced too, a disruption (reclaim policy Retain; the disk and share are judged above).
      const volumes = [
        "replace kubernetes:core/v1:PersistentVolume platform-storage-cache-backup-pv",
        "replace kubernetes:core/v1:PersistentVolume platform-storage-shared-pv",
      ];
      const forward = diffPlans(base, head);
      assert.deepEqual(losses(forward), moved);
      assert.deepEqual(
        forward.changes
          .filter((c) => c.type === "kubernetes:core/v1:PersistentVolume")
          .map((c) => `${c.kind} ${c.type} ${c.name} ${c.verdict}`),
        volumes.map((v) => `${v} disruption`),
      );
      for (const c of dataLossChanges(forward).filter((c) => c.kind === "replace")) {
        assert.equal(c.possible, true, c.name);
        assert.match(
          c.reason ?? "",
          /^((spec\.csi\.volumeAttributes\.)?resourceGroup(Name)? was known only after deployment in the base plan and is "shared-data" in the head plan|spec\.csi\.volumeHandle is known only after deployment and may change with `platform-storage-cache-backup-disk` \(Disk\))(; .*)?: replaced if the deployed value differs \((Azure|Kubernetes|pulumi\/pulumi-azure-native|pulumi\/pulumi-kubernetes)/,
        );
      }
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "review-group-"));
      const [baseFile, headFile] = [path.join(folder, "base.json"), path.join(folder, "head.json")];
      fs.writeFileSync(baseFile, JSON.stringify(base));
      fs.writeFileSync(headFile, JSON.stringify(head));
      const { output, text } = captured();
      assert.equal(runReview(planDiffCommand, [baseFile, headFile], output), 1, text.stderr);
      assert.match(text.stdout, /## Plan diff: 5 data loss, 4 disruptions\n/);
      assert.match(
        text.stdout,
        /> - `platform-storage-cache-backup-disk` — Azure managed disk — possibly replaced \(deleted and created anew if the deployed value differs\): resourceGroupName was known only after deployment/,
      );
      assert.match(text.stdout, /\| \+-\? \| `platform-storage-shared-share` \|/);
      assert.match(text.stdout, /1 to remove, 0 to update, 8 to replace \(8 possibly\)\./);
      assert.match(
        text.stderr,
        /^plan:diff: 5 change\(s\) would destroy data \(4 possibly\); approve each reviewed URN in \.github\/approved-changes\.yaml/,
      );
      // Back from the existing group to the one the stack creates: the head's value is the unknown one.
      const back = diffPlans(head, base);
      // The group is created again, not lost.
      assert.deepEqual(
        losses(back),
        moved.filter((m) => !m.startsWith("remove ")),
      );
      assert.match(
        dataLossChanges(back)[0]?.reason ?? "",
        /^resourceGroupName is "shared-data" in the base plan and known only after deployment in the head plan: replaced if/,
      );
    });

    it("warns when an EBS volume moves to another zone: the volume is replaced, and its retained volume object cannot be", async () => {
      const base = doc(await recordStack("prod-eks"));
      const head = doc(
        await recordEditedStack(
          "prod-eks",
          eks((e) => (e.volumes[0]!["zone"] = "eu-west-1b")),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(losses(diff), ["replace aws:ebs/volume:Volume platform-storage-ebs-journal-a"]);
      // The volume object names the new volume's id: replaced, but prod retains it on delete, so
      // creating the new one under the same name would fail.
      const pv = diff.changes.find((c) => c.type === "kubernetes:core/v1:PersistentVolume");
      assert.equal(pv?.verdict, "refused");
      assert.match(
        pv?.consequence ?? "",
        /^retainOnDelete leaves the old object in the cluster, so creating its replacement under the same name fails \(AlreadyExists\)/,
      );
      assert.match(
        diff.changes.find((c) => c.type === "aws:ebs/volume:Volume")?.reason ?? "",
        /^availabilityZone cannot change in place/,
      );
      assert.ok(
        diff.changes.find((c) => c.type === "aws:ebs/volume:Volume")?.protect,
        "the warning notes the volume is protected",
      );
    });

    it("lets a tag change through as in-place updates; the node groups roll to the launch template's new version", async () => {
      const base = doc(await recordStack("prod-eks"));
      const head = doc(
        await recordEditedStack(
          "prod-eks",
          eks((e) => (e.tags["owner"] = "data-team")),
        ),
      );
      const diff = diffPlans(base, head);
      assert.deepEqual(losses(diff), []);
      assert.ok(diff.changes.length > 0 && diff.changes.every((c) => c.kind === "update"));
      // Tags reach the nodes through the launch template's tag specifications: a new version, which
      // both node groups follow, so every node is drained and replaced.
      assert.deepEqual(
        diff.changes.filter((c) => c.verdict !== "safe").map((c) => `${c.verdict} ${c.type} ${c.name}`),
        [
          "disruption aws:eks/nodeGroup:NodeGroup platform-cluster-general",
          "disruption aws:eks/nodeGroup:NodeGroup platform-cluster-memory",
        ],
      );
      assert.match(
        diff.changes.find((c) => c.name === "platform-cluster-general" && c.type.includes("NodeGroup"))?.reason ?? "",
        /^launchTemplate\.version is known only after deployment and may change with `platform-cluster-general` \(LaunchTemplate\)/,
      );
      for (const type of ["aws:eks/cluster:Cluster", "aws:ebs/volume:Volume", "aws:efs/fileSystem:FileSystem"]) {
        assert.ok(
          diff.changes.some((c) => c.type === type && c.paths.includes("tags.owner")),
          `${type} carries the stack's tags`,
        );
      }
    });
  });

  describe("values known only after deployment", () => {
    const DISK = "azure-native:compute:Disk";
    const forcing = ruleFor(DISK)?.replace?.paths ?? [];
    const plan = (inputs: Record<string, unknown>): PlanDocument => ({
      ...base,
      resources: [
        {
          ...(base.resources.find((r) => r.custom) as PlanDocument["resources"][number]),
          urn: `urn:pulumi:local::stateful-stack::${DISK}::disk`,
          type: DISK,
          name: "disk",
          parent: null,
          aliases: [],
          inputs,
        },
      ],
    });
    const known = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.integer(),
      fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
    );

    it("a replace-trigger path unknown on one side and known on the other is a possible replacement", () => {
      assert.ok(forcing.length >= 2, "the disk has replace-trigger paths");
      fc.assert(
        fc.property(fc.constantFrom(...forcing), known, fc.boolean(), (key, value, baseUnknown) => {
          const [before, after] = baseUnknown ? [COMPUTED, value] : [value, COMPUTED];
          const diff = diffPlans(plan({ diskSizeGB: 8, [key]: before }), plan({ diskSizeGB: 8, [key]: after }));
          assert.deepEqual(summary(diff), ["replace disk DATA LOSS"]);
          assert.equal(diff.changes[0]?.possible, true);
          assert.deepEqual(diff.changes[0]?.paths, [key]);
          assert.match(diff.changes[0]?.reason ?? "", new RegExp(`^${key} .*known only after deployment`));
        }),
        { numRuns: propertyRuns(50) },
      );
    });

    it("unknown on both sides, or unknown at a path that does not force a replacement, is no change", () => {
      fc.assert(
        fc.property(fc.constantFrom(...forcing), known, (key, value) => {
          assert.deepEqual(diffPlans(plan({ [key]: COMPUTED }), plan({ [key]: COMPUTED })).changes, []);
          assert.deepEqual(diffPlans(plan({ tags: COMPUTED }), plan({ tags: { [key]: value } })).changes, []);
        }),
        { numRuns: propertyRuns(30) },
      );
    });

    it("a known change at a replace-trigger path is a certain replacement, not a possible one", () => {
      const diff = diffPlans(
        plan({ diskName: "data-1", resourceGroupName: COMPUTED }),
        plan({ diskName: "data-2", resourceGroupName: "rg" }),
      );
      assert.deepEqual(summary(diff), ["replace disk DATA LOSS"]);
      assert.equal(diff.changes[0]?.possible, undefined);
      assert.deepEqual(diff.changes[0]?.paths, ["diskName", "resourceGroupName"]);
    });
  });

  describe("renames", () => {
    async function program(name: string, aliases: string[]): Promise<PlanDocument> {
      return doc(
        await record(
          () => {
            const provider = new k8s.Provider("k8s", {});
            new k8s.core.v1.PersistentVolumeClaim(
              name,
              {
                metadata: { name: "claim" },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
              },
              { provider, aliases: aliases.map((a) => ({ name: a })) },
            );
          },
          { project: "p", stack: "s" },
        ),
      );
    }

    it("warns on a rename without an alias and accepts it with one", async () => {
      const before = await program("data", []);
      assert.deepEqual(summary(diffPlans(before, await program("volume", []))), [
        "add volume",
        "remove data DATA LOSS",
      ]);
      const kept = diffPlans(before, await program("volume", ["data"]));
      assert.deepEqual(summary(kept), ["update volume"]);
      assert.match(kept.changes[0]?.renamedFrom ?? "", /::data$/);
    });
  });

  describe("preview gate", () => {
    const step = (op: string, type: string, name: string) => ({
      op,
      urn: `urn:pulumi:prod::stateful-stack::${type}::${name}`,
      oldState: { type, inputs: {}, protect: true },
      newState: { type, inputs: {} },
      replaceReasons: op === "replace" ? ["zones"] : undefined,
    });

    it("flags deletions and replacements of data-holding resources only", () => {
      const diff = previewDiff(
        {
          steps: [
            step("same", "azure-native:compute:Disk", "kept"),
            step("create-replacement", "azure-native:compute:Disk", "moved"),
            step("replace", "azure-native:compute:Disk", "moved"),
            step("delete-replaced", "azure-native:compute:Disk", "moved"),
            step("delete", "aws:efs/fileSystem:FileSystem", "files"),
            step("replace", "kubernetes:core/v1:ConfigMap", "settings"),
            step("update", "kubernetes:core/v1:PersistentVolumeClaim", "claim"),
          ],
        },
        "prod",
        "stateful-stack",
      );
      assert.deepEqual(summary(diff), [
        "remove files DATA LOSS",
        "replace moved DATA LOSS",
        "replace settings",
        "update claim",
      ]);
      assert.match(diff.changes.find((c) => c.name === "moved")?.reason ?? "", /changes to zones/);
    });

    it("flags deletions and replacements of clusters and resource groups: they contain the data", () => {
      const diff = previewDiff(
        {
          steps: [
            step("replace", "aws:eks/cluster:Cluster", "eks"),
            step("replace", "azure-native:containerservice:ManagedCluster", "aks"),
            step("delete", "azure-native:resources:ResourceGroup", "group"),
            step("replace", "aws:eks/nodeGroup:NodeGroup", "nodes"),
            step("replace", "azure-native:containerservice:AgentPool", "pool"),
          ],
        },
        "prod",
        "stateful-stack",
      );
      assert.deepEqual(summary(diff), [
        "remove group DATA LOSS",
        "replace aks DATA LOSS",
        "replace eks DATA LOSS",
        "replace nodes",
        "replace pool",
      ]);
    });
  });

  describe("commands", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-"));
    const file = (name: string, content: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    };
    const diffCli = path.join(PROJECT_ROOT, "tools", "review", "diffCli.ts");
    const previewCli = path.join(PROJECT_ROOT, "tools", "review", "previewCli.ts");
    /** Runs a review command in-process; its exit code and what it printed. */
    const review = (command: ReviewCommand, argv: string[]) => {
      const { output, text } = captured();
      return { code: runReview(command, argv, output), ...text };
    };
    /**
     * The local stack's plan; one whose workload is renamed without `renamedFrom` (data loss), and
     * one whose claim template grows (the StatefulSet is replaced: a disruption).
     */
    let basePath = "";
    let headPath = "";
    let grownPath = "";
    before(async () => {
      basePath = file("base.json", JSON.stringify(base));
      const renamed = await recordEditedStack(
        "local",
        editWorkload((w) => (w["name"] = "kv")),
      );
      headPath = file("head.json", JSON.stringify(doc(renamed)));
      const grown = await recordEditedStack(
        "local",
        editWorkload((w) => (w["storageSize"] = "5Gi")),
      );
      grownPath = file("grown.json", JSON.stringify(doc(grown)));
    });
    const previewFile = () =>
      file(
        "preview.json",
        JSON.stringify({
          steps: [
            {
              op: "delete",
              urn: "urn:pulumi:prod::p::aws:ebs/volume:Volume::vol",
              oldState: { type: "aws:ebs/volume:Volume", inputs: {} },
            },
          ],
          changeSummary: { delete: 1 },
        }),
      );

    describe("entry points, each in its own process", function () {
      this.timeout(SUBPROCESS_BUDGET_MS);

      it("npm run plan:diff prints the comment and exits 1 on data loss", async () => {
        await assert.rejects(runNode([diffCli, basePath, headPath]), (e: { code: number; stdout: string }) => {
          assert.equal(e.code, 1);
          assert.match(e.stdout, /## Plan diff: 1 data loss\n/);
          assert.match(e.stdout, /> - `platform-cache` — StatefulSet \(claim templates\) — deleted/);
          return true;
        });
      });

      it("npm run preview:check exits 1 on a step that destroys data", async () => {
        await assert.rejects(
          runNode([previewCli, previewFile(), "--stack", "prod-eks"]),
          (e: { code: number; stdout: string }) => e.code === 1 && /`vol` — EBS volume — deleted/.test(e.stdout),
        );
      });
    });

    it("prints the comment and exits 1 on data loss, 0 with --allow-data-loss", () => {
      const refused = review(planDiffCommand, [basePath, headPath]);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /## Plan diff: 1 data loss\n/);
      assert.match(refused.stdout, /> - `platform-cache` — StatefulSet \(claim templates\) — deleted/);
      assert.match(refused.stderr, /^plan:diff: 1 change\(s\) would destroy data; approve each reviewed URN/);
      const allowed = review(planDiffCommand, [basePath, headPath, "--allow-data-loss", "--mermaid"]);
      assert.equal(allowed.code, 0, allowed.stderr);
      assert.match(allowed.stdout, /```mermaid\nflowchart LR/);
    });

    it("shows a disruption prominently and exits 0; --strict fails on it", () => {
      const shown = review(planDiffCommand, [basePath, grownPath]);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /## Plan diff: 1 disruption\n/);
      assert.match(shown.stdout, /> \[!WARNING\]\n> \*\*Disruption\*\* \(1\): replaced or restarted, no data lost/);
      assert.match(shown.stdout, /\*\*Instead:\*\* to grow the volumes without stopping every replica/);
      assert.equal(shown.stderr, "");
      const strict = review(planDiffCommand, [basePath, grownPath, "--strict"]);
      assert.equal(strict.code, 1);
      assert.equal(
        strict.stderr,
        "plan:diff: 1 change(s) disrupt what runs (--strict); approve each reviewed URN in .github/approved-changes.yaml\n",
      );
      assert.equal(review(planDiffCommand, [basePath, grownPath, "--strict", "--allow-data-loss"]).code, 1);
    });

    it("rejects an empty file, a file that is not a plan, and plans of different stacks, with exit 2", () => {
      const basePath = file("base2.json", JSON.stringify(base));
      const cases: [string, RegExp][] = [
        [file("empty.json", ""), /is empty/],
        [file("other.json", '{"hello": 1}'), /is not a plan file/],
        [file("notjson.json", "{"), /is not JSON/],
        [
          file("stack.json", JSON.stringify({ ...base, stack: "prod" })),
          /the plans are of different stacks: base is stateful-stack\/local, head is stateful-stack\/prod/,
        ],
      ];
      assert.equal(cases.length, 4);
      for (const [head, message] of cases) {
        const result = review(planDiffCommand, [basePath, head]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
      }
    });

    it("refuses a missing base or head, file or folder, with exit 2 and one line naming it", () => {
      const folder = fs.mkdtempSync(path.join(dir, "plans-"));
      const cases: [string[], string][] = [
        [[path.join(dir, "nope.json"), headPath], path.join(dir, "nope.json")],
        [[basePath, path.join(dir, "gone.json")], path.join(dir, "gone.json")],
        [[path.join(dir, "no-folder"), folder], path.join(dir, "no-folder")],
        [[folder, path.join(dir, "no-folder")], path.join(dir, "no-folder")],
      ];
      assert.equal(cases.length, 4);
      for (const [argv, missing] of cases) {
        const result = review(planDiffCommand, argv);
        assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
        assert.equal(result.stdout, "", "no comment for a diff that cannot be made");
        assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
        assert.ok(result.stderr.includes(`${missing} does not exist`), result.stderr);
      }
    });

    it("refuses --new and --removed when comparing two files", () => {
      const result = review(planDiffCommand, [basePath, headPath, "--new", "local"]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        /^plan:diff: --new and --removed name stacks in two folders of plan files, not two files\n$/,
      );
    });

    it("refuses a stack on one side only unless declared with --new or --removed", () => {
      const names = ["dev", "prod", "local", "qa"];
      const plans = (side: string, stacks: string[]) => {
        const folder = fs.mkdtempSync(path.join(dir, `${side}-`));
        for (const stack of stacks) {
          fs.writeFileSync(path.join(folder, `${stack}.json`), JSON.stringify({ ...base, stack, resources: [] }));
        }
        return folder;
      };
      const subset = fc.subarray(names);
      let refused = 0;
      fc.assert(
        fc.property(subset, subset, subset, subset, (onBase, onHead, declaredNew, declaredRemoved) => {
          const argv = [plans("base", onBase), plans("head", onHead)];
          for (const s of declaredNew) argv.push("--new", s);
          for (const s of declaredRemoved) argv.push("--removed", s);
          const result = review(planDiffCommand, argv);
          const added = onHead.filter((s) => !onBase.includes(s));
          const removed = onBase.filter((s) => !onHead.includes(s));
          const same = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));
          const expected = same(added, declaredNew) && same(removed, declaredRemoved) ? 0 : 2;
          assert.equal(result.code, expected, `${argv.join(" ")}: ${result.stderr}`);
          if (expected === 2) {
            refused++;
            assert.equal(result.stdout, "");
            assert.match(result.stderr, /^plan:diff: [^\n]*(--new|--removed)[^\n]*\n$/);
          }
        }),
        { numRuns: propertyRuns(60) },
      );
      assert.ok(refused > 0, "some generated cases are refused");
    });

    it("a stack declared removed loses everything in it: every resource is deleted, exit 1", () => {
      const [onBase, onHead] = [fs.mkdtempSync(path.join(dir, "base-")), fs.mkdtempSync(path.join(dir, "head-"))];
      fs.writeFileSync(path.join(onBase, "local.json"), JSON.stringify(base));
      const result = review(planDiffCommand, [onBase, onHead, "--removed", "local"]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /`platform-cache` — StatefulSet \(claim templates\) — deleted: the stack is removed/);
      const created = base.resources.filter((r) => r.custom || r.remote).length;
      assert.match(result.stdout, new RegExp(`0 to add, ${created} to remove`));
      const added = review(planDiffCommand, [onHead, onBase, "--new", "local"]);
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, new RegExp(`${created} to add, 0 to remove`));
    });

    it("--help documents --new and --removed", () => {
      const help = review(planDiffCommand, ["--help"]);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /--new <stack>\s+.*absent from <base>/);
      assert.match(help.stdout, /--removed <stack>\s+.*absent from <head>/);
    });

    it("gates a preview file the same way", () => {
      const refused = review(previewCheckCommand, [previewFile(), "--stack", "prod-eks"]);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /`vol` — EBS volume — deleted/);
      const bad = review(previewCheckCommand, [file("bad.json", JSON.stringify(base))]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /is not a preview file/);
    });
  });
});
