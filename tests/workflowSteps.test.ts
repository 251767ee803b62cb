/**
 * The gate steps of the workflows, run with bash as GitHub runs them, on plan folders and preview
 * files: the plan diff's Compare step judges with the base branch's `plan:diff` (the fake `npm`
 * refuses to run anywhere but `base/`) and the pull request's approvals file, counting only the
 * entries the base branch does not hold as they are; the deployment's gate step passes a change
 * whose destroyed resources the deployed commit's approvals file lists in entries added since the
 * commit last deployed to the stack, and nothing else. The guards around them (the log, the
 * aggregate check, the record of the deployed commit) are in workflowGuards.test.ts.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";
import { bash, fakeTools, run, stepsOf } from "./support/workflowSteps.ts";

const plan = (stack: string, resources: unknown[] = []) =>
  JSON.stringify({ stack, project: "stateful-stack", resources, waves: [] });
const disk = (stack: string, name = "data") => ({
  urn: `urn:pulumi:${stack}::stateful-stack::azure-native:compute:Disk::${name}`,
  type: "azure-native:compute:Disk",
  name,
  custom: true,
  remote: false,
  inputs: {},
  aliases: [],
  dependencies: [],
  protect: false,
  retainOnDelete: false,
});
const approvals = (stack: string, urns: string[], verdict = "data loss") =>
  `stacks:\n  ${stack}:\n${urns.map((u) => `    - urn: ${u}\n      reason: reviewed\n      verdict: ${verdict}\n`).join("")}`;

describe("workflow gate steps, run with bash", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);

  describe("the plan diff's Compare step", () => {
    const script = stepsOf("plan-diff.yml", "plan-diff").find((s) => s.name === "Compare")?.run ?? "";

    /**
     * base/ and head/ checkouts with their stack files (and approvals files, if any), plans/ with each
     * side's plans, and the step run.
     */
    async function compare(
      base: Record<string, string>,
      head: Record<string, string>,
      approved?: string,
      approvedOnBase?: string,
    ) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-step-"));
      for (const [side, plans] of [
        ["base", base],
        ["head", head],
      ] as const) {
        fs.mkdirSync(path.join(work, side, "stacks"), { recursive: true });
        fs.mkdirSync(path.join(work, "plans", side), { recursive: true });
        for (const [stack, content] of Object.entries(plans)) {
          fs.writeFileSync(path.join(work, side, "stacks", `Pulumi.${stack}.yaml`), "config: {}\n");
          fs.writeFileSync(path.join(work, "plans", side, `${stack}.json`), content);
        }
      }
      for (const [side, content] of [
        ["head", approved],
        ["base", approvedOnBase],
      ] as const) {
        if (content === undefined) continue;
        fs.mkdirSync(path.join(work, side, ".github"));
        fs.writeFileSync(path.join(work, side, ".github", "approved-changes.yaml"), content);
      }
      const bin = fakeTools(work, "plan:diff", "diffCli.ts", "base");
      const code = await bash(script, work, bin, { PR_NUMBER: "7" });
      const text = (name: string) => fs.readFileSync(path.join(work, name), "utf8");
      return {
        code,
        output: text("output"),
        comment: text("comment.md"),
        gate: text("gate.txt"),
        pr: text("pr-number.txt").trim(),
      };
    }

    it("judges with base/'s plan:diff; a pull request that adds a stack compares it as new", async () => {
      assert.ok(script.length > 0);
      const result = await compare({ dev: plan("dev") }, { dev: plan("dev"), added: plan("added") });
      assert.equal(result.code, 0, result.gate);
      assert.match(result.output, /^exit-code=0$/m);
      assert.match(result.comment, /## Plan diff: no changes\n/);
      assert.match(result.comment, /### Stack `added`/);
      assert.equal(result.pr, "7");
    });

    it("a stack file whose name reads as an option (Pulumi.--help.yaml) fails the step, never passes it", async () => {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-step-"));
      for (const side of ["base", "head"]) fs.mkdirSync(path.join(work, side, "stacks"), { recursive: true });
      fs.writeFileSync(path.join(work, "head", "stacks", "Pulumi.--help.yaml"), "config: {}\n");
      const bin = fakeTools(work, "plan:diff", "diffCli.ts", "base");
      assert.notEqual(await bash(script, work, bin, { PR_NUMBER: "7" }), 0);
    });

    it("a removed stack holding data is data loss (exit 1) unless the approvals file lists its disk", async () => {
      const plain = await compare({ dev: plan("dev"), gone: plan("gone", [disk("gone")]) }, { dev: plan("dev") });
      assert.equal(plain.code, 0, "the step passes; the Stop step after it fails");
      assert.match(plain.output, /^exit-code=1$/m);
      assert.match(plain.comment, /`data` — Azure managed disk — deleted: the stack is removed/);
      const approved = await compare(
        { dev: plan("dev"), gone: plan("gone", [disk("gone")]) },
        { dev: plan("dev") },
        approvals("gone", [disk("gone").urn]),
      );
      assert.match(approved.output, /^exit-code=0$/m, approved.gate);
      assert.match(approved.comment, /### Approved in `\.\.\/head\/\.github\/approved-changes\.yaml`/);
    });

    it("an approval for one disk does not pass another, and a refused update fails even when listed", async () => {
      const both = plan("gone", [disk("gone"), disk("gone", "logs")]);
      const one = await compare(
        { dev: plan("dev"), gone: both },
        { dev: plan("dev") },
        approvals("gone", [disk("gone").urn]),
      );
      assert.match(one.output, /^exit-code=1$/m);
      assert.match(one.gate, /plan:diff: 1 change\(s\) would destroy data/);
      const sized = (size: number) => plan("dev", [{ ...disk("dev"), inputs: { diskSizeGB: size } }]);
      const shrunk = await compare({ dev: sized(64) }, { dev: sized(32) }, approvals("dev", [disk("dev").urn]));
      assert.match(shrunk.output, /^exit-code=1$/m, `a refused update, listed: ${shrunk.output}`);
      assert.match(shrunk.comment, /## Plan diff: 1 refused/);
      assert.match(
        shrunk.gate,
        /warning: .*approved-changes\.yaml: urn:pulumi:dev::.*Disk::data \(stack dev\) matches no data loss change/,
      );
    });

    it("an entry the base branch holds as it is does not count again; one the pull request rewrites does", async () => {
      const plans = [{ dev: plan("dev"), gone: plan("gone", [disk("gone")]) }, { dev: plan("dev") }] as const;
      const listed = approvals("gone", [disk("gone").urn]);
      const carried = await compare(...plans, listed, listed);
      assert.match(carried.output, /^exit-code=1$/m, carried.gate);
      assert.match(
        carried.gate,
        /warning: .*head\/\.github\/approved-changes\.yaml: urn:pulumi:gone::.*Disk::data \(stack gone\) is approved by an entry unchanged from \.\.\/base\/\.github\/approved-changes\.yaml/,
      );
      assert.match(carried.comment, /- not counted: `data` \(data loss, stack `gone`\)/);
      const rewritten = await compare(...plans, listed, listed.replace("reason: reviewed", "reason: an earlier move"));
      assert.match(rewritten.output, /^exit-code=0$/m, rewritten.gate);
      const other = await compare(...plans, listed, approvals("gone", [disk("gone", "logs").urn]));
      assert.match(other.output, /^exit-code=0$/m, "added by the pull request: the base branch lists another URN");
    });

    it("a malformed approvals file stops the step (exit 2) with the entry named", async () => {
      const bad = await compare({ dev: plan("dev") }, { dev: plan("dev") }, "stacks:\n  dev:\n    - urn: disk\n");
      assert.notEqual(bad.code, 0);
      assert.match(bad.output, /^exit-code=2$/m);
      assert.match(bad.gate, /stacks\.dev\.0\.urn: is not a resource URN/);
      assert.match(bad.gate, /stacks\.dev\.0\.reason: /);
    });
  });

  describe("the preview's gate step", () => {
    const script = stepsOf("preview.yml", "gate").find((s) => s.name === "Data-loss gate")?.run ?? "";
    const step = (name: string) => ({
      op: "replace",
      urn: `urn:pulumi:dev-aks::stateful-stack::azure-native:compute:Disk::${name}`,
      oldState: { type: "azure-native:compute:Disk", inputs: {} },
      replaceReasons: ["zones"],
    });

    /** base/, head/ (with its approvals file, if any) and head-preview/preview.json, and the step run. */
    async function gate(approved?: string, approvedOnBase?: string) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "preview-gate-step-"));
      for (const folder of ["base", "head/.github", "head-preview"])
        fs.mkdirSync(path.join(work, folder), { recursive: true });
      const preview = { steps: [step("data"), step("logs")], changeSummary: { replace: 2 } };
      fs.writeFileSync(path.join(work, "head-preview", "preview.json"), JSON.stringify(preview));
      if (approved !== undefined)
        fs.writeFileSync(path.join(work, "head", ".github", "approved-changes.yaml"), approved);
      if (approvedOnBase !== undefined) {
        fs.mkdirSync(path.join(work, "base", ".github"));
        fs.writeFileSync(path.join(work, "base", ".github", "approved-changes.yaml"), approvedOnBase);
      }
      const bin = fakeTools(work, "preview:check", "previewCli.ts", "base");
      const code = await bash(script, work, bin, { STACK: "dev-aks" });
      return { code, comment: fs.readFileSync(path.join(work, "gate.md"), "utf8") };
    }

    it("judges with base/'s preview:check and passes only when every replaced disk is approved", async () => {
      assert.ok(script.length > 0);
      const urns = [step("data").urn, step("logs").urn];
      const all = await gate(approvals("dev-aks", urns));
      assert.equal(all.code, 0, all.comment);
      assert.match(all.comment, /^<!-- stateful-stack:preview-gate:dev-aks -->/);
      assert.equal((await gate(approvals("dev-aks", urns.slice(0, 1)))).code, 1);
      assert.equal((await gate()).code, 1, "no approvals file: nothing approved");
    });

    it("counts only the entries the pull request adds or rewrites, not those the base branch holds", async () => {
      const urns = [step("data").urn, step("logs").urn];
      const carried = await gate(approvals("dev-aks", urns), approvals("dev-aks", urns.slice(1)));
      assert.equal(carried.code, 1, carried.comment);
      assert.match(carried.comment, /- not counted: `logs` \(data loss, stack `dev-aks`\)/);
      const rewritten = await gate(approvals("dev-aks", urns), approvals("dev-aks", urns, "disruption"));
      assert.equal(rewritten.code, 0, rewritten.comment);
    });
  });

  describe("the deployment's gate step", () => {
    const script = stepsOf("deploy-stack.yml", "up").find((s) => s.run?.includes("preview:check"))?.run ?? "";
    const volume = (name: string) => ({
      op: "delete",
      urn: `urn:pulumi:prod-eks::stateful-stack::aws:ebs/volume:Volume::${name}`,
      oldState: { type: "aws:ebs/volume:Volume", inputs: {} },
    });
    const urn = (name: string) => volume(name).urn;
    const preview = JSON.stringify({ steps: [volume("data"), volume("logs")], changeSummary: { delete: 2 } });
    const sha = "0123456789abcdef0123456789abcdef01234567";

    /**
     * The deployed commit's checkout (with its approvals file, if any), the checkout of the commit
     * last deployed to the stack (`deployed/`, with its approvals file, if any; `lastDeployed`
     * undefined: none recorded), and the step run.
     */
    async function deploy(approved?: string, lastDeployed?: { approved?: string }) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-step-"));
      const repo = path.join(work, "repo");
      fs.mkdirSync(path.join(repo, ".github"), { recursive: true });
      if (approved !== undefined) fs.writeFileSync(path.join(repo, ".github", "approved-changes.yaml"), approved);
      if (lastDeployed?.approved !== undefined) {
        fs.mkdirSync(path.join(repo, "deployed", ".github"), { recursive: true });
        fs.writeFileSync(path.join(repo, "deployed", ".github", "approved-changes.yaml"), lastDeployed.approved);
      }
      const bin = fakeTools(work, "preview:check", "previewCli.ts", "repo", preview);
      const { code, stdout } = await run(script, repo, bin, {
        STACK: "org/prod-eks",
        STACK_NAME: "prod-eks",
        DEPLOYED: lastDeployed === undefined ? "" : sha,
      });
      return {
        code,
        stdout,
        calls: fs.readFileSync(path.join(work, "pulumi-calls"), "utf8"),
        summary: fs.readFileSync(path.join(repo, "summary"), "utf8"),
      };
    }

    it("previews with the policy pack into an update plan, and passes a change whose deletions are approved", async () => {
      assert.ok(script.length > 0);
      const result = await deploy(approvals("prod-eks", [urn("data"), urn("logs")]), {});
      assert.equal(result.code, 0, result.summary);
      assert.equal(result.calls, "preview --stack org/prod-eks --policy-pack policy --save-plan plan.json --json\n");
      assert.match(result.summary, /`data` \(data loss, stack `prod-eks`\): reviewed/);
    });

    it("stops a change with a deletion the approvals file does not list, and one without approvals", async () => {
      const partly = await deploy(approvals("prod-eks", [urn("data")]), {});
      assert.equal(partly.code, 1);
      assert.match(partly.summary, /`logs` — EBS volume — deleted/);
      assert.equal((await deploy("stacks: {}\n", {})).code, 1);
      assert.equal((await deploy(undefined, {})).code, 2, "the deployed commit must carry the approvals file");
    });

    it("counts only the entries added or rewritten since the commit last deployed to the stack (generated)", async () => {
      const both = [urn("data"), urn("logs")];
      const cases = fc.sample(fc.record({ before: fc.subarray(both), rewritten: fc.subarray(both) }), {
        numRuns: propertyRuns(6),
      });
      cases.push({ before: both, rewritten: [] }, { before: [urn("data")], rewritten: [] });
      assert.equal(cases.length, propertyRuns(6) + 2);
      for (const { before, rewritten } of cases) {
        const earlier = before
          .map((u) =>
            approvals("prod-eks", [u]).replace(
              "reason: reviewed",
              rewritten.includes(u) ? "reason: earlier" : "reason: reviewed",
            ),
          )
          .map((text) => text.replace("stacks:\n  prod-eks:\n", ""))
          .join("");
        const result = await deploy(approvals("prod-eks", both), {
          approved: `stacks:\n  prod-eks:\n${earlier || "    []\n"}`,
        });
        const held = before.filter((u) => !rewritten.includes(u));
        assert.equal(
          result.code,
          held.length > 0 ? 1 : 0,
          `${JSON.stringify({ before, rewritten })}\n${result.summary}`,
        );
        assert.equal((result.summary.match(/^- not counted: /gm) ?? []).length, held.length);
      }
    });

    it("with no commit recorded as deployed, counts no approval and says how to record one", async () => {
      const result = await deploy(approvals("prod-eks", [urn("data"), urn("logs")]));
      assert.equal(result.code, 1, result.summary);
      assert.equal((result.summary.match(/^- not counted: /gm) ?? []).length, 2);
      assert.match(
        result.stdout,
        /^::warning::No commit is recorded as deployed to prod-eks .*pulumi stack tag set deployed-commit <sha> --stack org\/prod-eks$/m,
      );
    });
  });
});
