/**
 * Approvals by URN (.github/approved-changes.yaml): on a real stack modified (dev-aks with its backup
 * disk renamed, which deletes the disk, its volume and its claim), both gates pass exactly when every
 * destroyed URN is approved and fail for any one left out; the file's format is checked with
 * valibot and every malformed entry is refused with its path; stale entries are warned about; an
 * entry unchanged from the file before the change (`--approvals-before`) does not count again.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { applyApprovals, parseApprovals } from "../tools/review/approvals.ts";
import { planDiffCommand, previewCheckCommand } from "../tools/review/commands.ts";
import { runReview, type ReviewCommand } from "../tools/review/gate.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";
import { ReviewInputError } from "../tools/review/planFile.ts";
import { captured } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";

const doc = (recording: Recording): PlanDocument => planDocument(recording, buildPlan(recording.resources));
type Entry = Record<string, unknown>;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "approvals-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const review = (command: ReviewCommand, argv: string[]) => {
  const { output, text } = captured();
  return { code: runReview(command, argv, output), ...text };
};
const approvalsFor = (stack: string, urns: readonly string[], verdict = "data loss") =>
  `stacks:\n  ${stack}:\n${urns.map((u) => `    - urn: "${u}"\n      reason: \"reviewed in #12\"\n      verdict: ${verdict}\n`).join("")}${urns.length === 0 ? "    []\n" : ""}`;

describe("approved changes", function () {
  this.timeout(120_000);
  let base: PlanDocument;
  let head: PlanDocument;
  let lost: string[];
  let plans: [string, string];
  let preview: string;

  before(async () => {
    base = doc(await recordStack("dev-aks"));
    head = doc(
      await recordEditedStack("dev-aks", (c) => {
        ((c["stateful-stack:aks"] as Entry)["disks"] as Entry[])[0]!["name"] = "cache-archive";
        (c["stateful-stack:workloads"] as Entry[])[0]!["volumes"] = ["cache-archive"];
      }),
    );
    lost = dataLossChanges(diffPlans(base, head))
      .map((c) => c.urn)
      .sort();
    plans = [file("base.json", JSON.stringify(base)), file("head.json", JSON.stringify(head))];
    // The engine's steps for the same change: each destroyed resource deleted, with its old inputs.
    const steps = lost.map((urn) => {
      const r = base.resources.find((x) => x.urn === urn);
      return { op: "delete", urn, oldState: { type: r?.type, inputs: r?.inputs ?? {} } };
    });
    preview = file("preview.json", JSON.stringify({ steps, changeSummary: { delete: steps.length } }));
  });

  it("the change destroys the disk, its volume and its claim", () => {
    assert.equal(lost.length, 3);
    assert.match(lost.join("\n"), /azure-native:compute:Disk::platform-storage-cache-backup-disk/);
  });

  for (const [name, command, args] of [
    ["plan:diff", planDiffCommand, () => plans],
    ["preview:check", previewCheckCommand, () => [preview, "--stack", "dev-aks"]],
  ] as const) {
    describe(name, () => {
      it("fails without approvals and passes with every destroyed URN approved, naming each with its reason", () => {
        assert.equal(review(command, [...args()]).code, 1);
        const all = review(command, [...args(), "--approvals", file("all.yaml", approvalsFor("dev-aks", lost))]);
        assert.equal(all.code, 0, all.stderr);
        assert.equal(all.stderr, "");
        assert.match(all.stdout, /### Approved in `.*all\.yaml`/);
        assert.match(
          all.stdout,
          /- `platform-storage-cache-backup-disk` \(data loss, stack `dev-aks`\): reviewed in #12/,
        );
      });

      it("fails for every destroyed URN left out of the approvals, whichever others are approved (generated)", () => {
        let runs = 0;
        fc.assert(
          fc.property(fc.subarray(lost, { maxLength: lost.length - 1 }), (approved) => {
            const listed = file(`some-${runs++}.yaml`, approvalsFor("dev-aks", approved));
            const result = review(command, [...args(), "--approvals", listed]);
            assert.equal(result.code, 1, JSON.stringify(approved));
            const left = lost.length - approved.length;
            assert.match(result.stderr, new RegExp(`^${name}: ${left} change\\(s\\) would destroy data`, "m"));
          }),
          { numRuns: propertyRuns(12) },
        );
        assert.ok(runs >= 8);
      });

      it("counts only the entries the change adds or rewrites, not those unchanged from before it (generated)", () => {
        const withReason = (urns: readonly string[], reason: (u: string) => string) =>
          `stacks:\n  dev-aks:\n${urns.map((u) => `    - urn: "${u}"\n      reason: "${reason(u)}"\n`).join("")}${urns.length === 0 ? "    []\n" : ""}`;
        let runs = 0;
        fc.assert(
          fc.property(
            fc.subarray(lost),
            fc.subarray(lost),
            fc.constantFrom("data loss", "disruption"),
            (before, rewritten, oldVerdict) => {
              const n = runs++;
              // Before the change: `before`, approved for an earlier change (its reason, or its verdict).
              const earlier = file(
                `before-${n}.yaml`,
                `stacks:\n  dev-aks:\n${before.map((u) => `    - urn: "${u}"\n      reason: "${rewritten.includes(u) ? "earlier change (#3)" : "this change (#12)"}"\n      verdict: ${oldVerdict}\n`).join("")}${before.length === 0 ? "    []\n" : ""}`,
              );
              // After it: every destroyed URN listed; the rewritten ones with this change's reason.
              const after = file(
                `after-${n}.yaml`,
                withReason(lost, () => "this change (#12)"),
              );
              const result = review(command, [...args(), "--approvals", after, "--approvals-before", earlier]);
              // An entry counts unless the earlier file holds it as it is (same reason and verdict).
              const held = before.filter((u) => !rewritten.includes(u) && oldVerdict === "data loss");
              assert.equal(
                result.code,
                held.length > 0 ? 1 : 0,
                `${JSON.stringify({ before, rewritten })}\n${result.stderr}`,
              );
              if (held.length > 0) {
                assert.match(
                  result.stderr,
                  new RegExp(`^${name}: ${held.length} change\\(s\\) would destroy data`, "m"),
                );
              }
              for (const urn of lost) {
                const warned = result.stderr.includes(
                  `${urn} (stack dev-aks) is approved by an entry unchanged from ${earlier}`,
                );
                assert.equal(warned, held.includes(urn), urn);
              }
              assert.equal((result.stdout.match(/^- not counted: /gm) ?? []).length, held.length);
            },
          ),
          { numRuns: propertyRuns(24) },
        );
        assert.ok(runs >= 20);
      });

      it("--approvals-before needs --approvals, and a file that exists (exit 2)", () => {
        const some = file("some.yaml", approvalsFor("dev-aks", lost));
        const alone = review(command, [...args(), "--approvals-before", some]);
        assert.equal(alone.code, 2);
        assert.match(alone.stderr, /--approvals-before .*some\.yaml needs --approvals <file>/);
        const missing = review(command, [...args(), "--approvals", some, "--approvals-before", `${dir}/none.yaml`]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /none\.yaml does not exist/);
      });

      it("a disruption approval does not pass data loss; approvals for another stack do nothing", () => {
        assert.equal(
          review(command, [...args(), "--approvals", file("d.yaml", approvalsFor("dev-aks", lost, "disruption"))]).code,
          1,
        );
        const other = lost.map((u) => u.replace("urn:pulumi:dev-aks::", "urn:pulumi:prod-aks::"));
        const elsewhere = review(command, [...args(), "--approvals", file("o.yaml", approvalsFor("prod-aks", other))]);
        assert.equal(elsewhere.code, 1);
        assert.doesNotMatch(elsewhere.stderr, /warning/, "a stack not under review has no stale entries");
      });

      it("warns about an approval that matches no change, and refuses a malformed file (exit 2)", () => {
        const stale = `urn:pulumi:dev-aks::stateful-stack::azure-native:compute:Disk::gone`;
        const result = review(command, [
          ...args(),
          "--approvals",
          file("stale.yaml", approvalsFor("dev-aks", [...lost, stale])),
        ]);
        assert.equal(result.code, 0);
        assert.match(
          result.stderr,
          new RegExp(
            `^${name}: warning: .*stale\\.yaml: ${stale.replace(/\$/g, "\\$")} \\(stack dev-aks\\) matches no data loss change; remove the stale approval$`,
            "m",
          ),
        );
        const bad = review(command, [...args(), "--approvals", file("bad.yaml", "stacks: [1]\n")]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /bad\.yaml is not an approvals file/);
      });
    });
  }

  describe("the file's format", () => {
    const urn = "urn:pulumi:dev::stateful-stack::azure-native:compute:Disk::data";
    const refused = (text: string) => {
      try {
        parseApprovals(text, "approved-changes.yaml");
      } catch (error) {
        assert.ok(error instanceof ReviewInputError);
        return error.message;
      }
      assert.fail(`accepted:\n${text}`);
    };

    it("reads the documented shape, data loss by default", () => {
      assert.deepEqual(parseApprovals(`stacks:\n  dev:\n    - urn: ${urn}\n      reason: " moved "\n`, "f"), [
        { stack: "dev", urn, reason: "moved", verdict: "data loss" },
      ]);
      assert.deepEqual(parseApprovals("# nothing approved\n", "f"), []);
    });

    it("refuses every malformed entry, naming its path (generated)", () => {
      const good: Entry = { urn, reason: "reviewed", verdict: "data loss" };
      const breakages: [string, (e: Entry) => Entry, RegExp][] = [
        ["urn", (e) => ({ ...e, urn: "data" }), /stacks\.dev\.0\.urn: is not a resource URN/],
        ["urn", (e) => ({ ...e, urn: 7 }), /stacks\.dev\.0\.urn: a URN/],
        ["reason", (e) => ({ ...e, reason: "  " }), /stacks\.dev\.0\.reason: must not be empty/],
        ["reason", ({ reason: _, ...e }) => e, /stacks\.dev\.0\.reason: is missing: say why/],
        [
          "verdict",
          (e) => ({ ...e, verdict: "refused" }),
          /stacks\.dev\.0\.verdict: must be one of "data loss", "disruption"; a refused update cannot be approved/,
        ],
        ["extra", (e) => ({ ...e, approvedBy: "me" }), /stacks\.dev\.0\.approvedBy/],
      ];
      assert.equal(breakages.length, 6);
      fc.assert(
        fc.property(fc.constantFrom(...breakages), fc.nat(3), ([, broken, message], goodBefore) => {
          const entries = [
            ...Array.from({ length: goodBefore }, (_, i) => ({ ...good, urn: `${urn}${i}` })),
            broken(good),
          ];
          const index = goodBefore;
          const text = JSON.stringify({ stacks: { dev: entries } });
          assert.match(refused(text), new RegExp(message.source.replace("dev\\.0", `dev\\.${index}`)));
        }),
        { numRuns: propertyRuns(60) },
      );
    });

    it("refuses a URN under another stack, a URN listed twice, and a file that is not YAML", () => {
      assert.match(
        refused(`stacks:\n  prod:\n    - { urn: "${urn}", reason: r }\n`),
        /stacks\.prod\.0\.urn is a URN of stack dev; move it under stacks\.dev/,
      );
      assert.match(
        refused(`stacks:\n  dev:\n    - { urn: "${urn}", reason: r }\n    - { urn: "${urn}", reason: s }\n`),
        /stacks\.dev\.1\.urn lists .* twice/,
      );
      assert.match(refused("stacks: {\n"), /is not YAML/);
      assert.match(refused("approvals: []\n"), /\(top level\)|approvals/);
    });

    it("an approval accepts data loss and disruption (data loss) or disruption only, never a refused update", () => {
      const change = (verdict: "data loss" | "disruption" | "refused") =>
        ({ urn, verdict }) as unknown as Parameters<typeof applyApprovals>[0][number]["changes"][number];
      for (const [approved, verdict, accepted] of [
        ["data loss", "data loss", true],
        ["data loss", "disruption", true],
        ["disruption", "disruption", true],
        ["disruption", "data loss", false],
        ["data loss", "refused", false],
        ["disruption", "refused", false],
      ] as const) {
        const c = change(verdict);
        const outcome = applyApprovals(
          [{ project: "p", stack: "dev", changes: [c] }],
          [{ stack: "dev", urn, reason: "r", verdict: approved }],
        );
        assert.equal(outcome.accepted.has(c), accepted, `${approved} approval, ${verdict} change`);
        assert.equal(outcome.stale.length, accepted ? 0 : 1);
      }
    });
  });
});
