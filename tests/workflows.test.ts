/**
 * The GitHub workflows: valid against the workflow schema, and shaped as the review flow
 * promises (offline diff without secrets, cloud previews with OIDC and the data-loss gate, deploys
 * behind environments).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { validateWorkflow } from "@action-validator/core";
import { load } from "js-yaml";
import { loadProject, loadStack } from "../tools/plan/project.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const dir = path.join(PROJECT_ROOT, ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

/** Problems the workflow validator (SchemaStore's workflow schema plus its own checks) finds. */
function workflowErrors(content: string): string[] {
  return validateWorkflow(content).errors.map((e) => `${"path" in e ? e.path : ""} ${e.title}: ${e.detail ?? ""}`);
}

describe("GitHub workflows", () => {
  it("has the review and deploy workflows", () => {
    assert.deepEqual(files.sort(), [
      "deploy-stack.yml",
      "deploy.yml",
      "kind-up.yml",
      "plan-diff-comment.yml",
      "plan-diff.yml",
      "preview.yml",
    ]);
  });

  for (const file of files) {
    it(`${file} is a valid workflow`, () => {
      assert.deepEqual(workflowErrors(read(file)), []);
    });
  }

  it("the validator rejects a broken workflow", () => {
    const errors = workflowErrors("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n");
    assert.ok(errors.length > 0);
  });

  it("plans offline on pull requests without any secret, and stops on data loss unless labelled", () => {
    const text = read("plan-diff.yml");
    assert.ok(!/secrets\./.test(text), "the offline job must work from forks, with no secrets");
    const workflow = load(text) as { on: Record<string, unknown>; permissions: Record<string, string> };
    assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
    assert.deepEqual(workflow.permissions, { contents: "read" });
    assert.match(text, /npm run --silent plan -- --stack "\$stack" --quiet --json/);
    assert.match(
      text,
      /npm run --silent plan:diff -- \.\.\/plans\/base \.\.\/plans\/head "\$\{declared\[@\]\}" "\$\{allow\[@\]\}" --mermaid/,
    );
    assert.match(
      text,
      /ALLOW_DATA_LOSS: \$\{\{ contains\(github\.event\.pull_request\.labels\.\*\.name, 'allow-data-loss'\) \}\}/,
    );
    assert.match(read("plan-diff-comment.yml"), /<!-- stateful-stack:plan-diff -->/);
  });

  it("the plan diff re-runs when a label is added or removed, and its comment follows every run", () => {
    const workflow = load(read("plan-diff.yml")) as {
      name: string;
      on: { pull_request: { types?: string[] } | null };
      jobs: Record<string, { if?: string }>;
    };
    assert.deepEqual(workflow.on.pull_request?.types, ["opened", "synchronize", "reopened", "labeled", "unlabeled"]);
    // A job skipped by its condition reports "Success" to a required check
    // (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/collaborating-on-repositories-with-code-quality-features/troubleshooting-required-status-checks),
    // so skipping the gate for other labels would turn a red gate green.
    assert.equal(workflow.jobs["plan-diff"]?.if, undefined, "the gate runs on every label change");
    const comment = load(read("plan-diff-comment.yml")) as {
      on: { workflow_run: { workflows: string[]; types: string[] } };
      jobs: { comment: { if: string } };
    };
    assert.deepEqual(comment.on.workflow_run.workflows, [workflow.name]);
    assert.deepEqual(comment.on.workflow_run.types, ["completed"]);
    assert.equal(comment.jobs.comment.if, "github.event.workflow_run.event == 'pull_request'");
  });

  describe("the plan diff's Compare step, run with bash on plan folders", function () {
    this.timeout(SUBPROCESS_BUDGET_MS);
    const steps = (
      load(read("plan-diff.yml")) as { jobs: { "plan-diff": { steps: { name?: string; run?: string }[] } } }
    ).jobs["plan-diff"].steps;
    const script = (steps.find((s) => s.name === "Compare")?.run ?? "").replace(
      /\$\{\{ github\.event\.pull_request\.number \}\}/g,
      "7",
    );
    const plan = (stack: string, resources: unknown[] = []) =>
      JSON.stringify({ stack, project: "stateful-stack", resources, waves: [] });
    const disk = {
      urn: "urn:pulumi:gone::stateful-stack::azure-native:compute:Disk::data",
      type: "azure-native:compute:Disk",
      name: "data",
      custom: true,
      remote: false,
      inputs: {},
      aliases: [],
      dependencies: [],
      protect: false,
      retainOnDelete: false,
    };

    /** A checkout of base and head with their stack files and plans, and `npm` running the head's plan:diff. */
    async function compare(base: Record<string, string>, head: Record<string, string>, labelled = false) {
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
      const bin = path.join(work, "bin");
      fs.mkdirSync(bin);
      const loader = path.join(PROJECT_ROOT, "tools", "loader", "register.js");
      const cli = path.join(PROJECT_ROOT, "tools", "review", "diffCli.ts");
      fs.writeFileSync(
        path.join(bin, "npm"),
        `#!/bin/sh\n[ "$1 $2 $3 $4" = "run --silent plan:diff --" ] || exit 99\nshift 4\nexec "${process.execPath}" --import "${loader}" "${cli}" "$@"\n`,
        { mode: 0o755 },
      );
      const env = {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`,
        GITHUB_OUTPUT: path.join(work, "output"),
        GITHUB_STEP_SUMMARY: path.join(work, "summary"),
        ALLOW_DATA_LOSS: String(labelled),
      };
      const run = promisify(execFile)("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
        cwd: work,
        env,
        timeout: SUBPROCESS_BUDGET_MS,
      });
      const code = await run.then(
        () => 0,
        (e: { code: number }) => e.code,
      );
      const text = (name: string) => fs.readFileSync(path.join(work, name), "utf8");
      return { code, output: text("output"), comment: text("comment.md"), pr: text("pr-number.txt").trim() };
    }

    it("a pull request that adds a stack compares it as new", async () => {
      const result = await compare({ dev: plan("dev") }, { dev: plan("dev"), added: plan("added") });
      assert.equal(result.code, 0, result.comment);
      assert.match(result.output, /^exit-code=0$/m);
      assert.match(result.comment, /## Plan diff: no changes\n/);
      assert.match(result.comment, /### Stack `added`/);
      assert.equal(result.pr, "7");
    });

    it("a pull request that removes a stack holding data reports data loss (exit 1, for the label gate)", async () => {
      const result = await compare({ dev: plan("dev"), gone: plan("gone", [disk]) }, { dev: plan("dev") });
      assert.equal(result.code, 0, "the step passes; the gate step after it fails unless labelled");
      assert.match(result.output, /^exit-code=1$/m);
      assert.match(result.comment, /`data` — Azure managed disk — deleted: the stack is removed/);
    });

    it("the allow-data-loss label lets data loss through, but not an update that will be refused", async () => {
      const removed = await compare({ dev: plan("dev"), gone: plan("gone", [disk]) }, { dev: plan("dev") }, true);
      assert.match(removed.output, /^exit-code=0$/m, "data loss, labelled");
      const sized = (size: number) =>
        plan("dev", [{ ...disk, urn: disk.urn.replace("gone", "dev"), inputs: { diskSizeGB: size } }]);
      const shrunk = await compare({ dev: sized(64) }, { dev: sized(32) }, true);
      assert.match(shrunk.output, /^exit-code=1$/m, `a refused update, labelled: ${shrunk.output}`);
      assert.match(shrunk.comment, /## Plan diff: 1 refused/);
    });
  });

  it("previews each cloud stack with OIDC logins and gates the preview for data loss", () => {
    const workflow = load(read("preview.yml")) as {
      permissions: Record<string, string>;
      jobs: {
        preview: {
          strategy: { matrix: { stack: string[] } };
          steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
        };
      };
    };
    assert.equal(workflow.permissions["id-token"], "write");
    assert.deepEqual(workflow.jobs.preview.strategy.matrix.stack, ["dev-aks", "prod-aks", "dev-eks", "prod-eks"]);
    const steps = workflow.jobs.preview.steps;
    const pulumi = steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.equal(pulumi?.with?.["command"], "preview");
    assert.equal(pulumi?.with?.["comment-on-pr"], true);
    assert.equal(pulumi?.with?.["policyPacks"], "policy", "the preview runs the policy pack");
    assert.ok(steps.some((s) => s.uses?.startsWith("azure/login@") && s.with?.["client-id"]));
    assert.ok(
      steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") && s.with?.["role-to-assume"]),
    );
    assert.ok(steps.some((s) => s.run?.includes("npm run --silent preview:check -- preview.json")));
  });

  it("deploys the local stack on a kind cluster whose context the stack names, waits for it, re-previews and destroys", () => {
    const workflow = load(read("kind-up.yml")) as {
      permissions: Record<string, string>;
      jobs: {
        up: {
          env: Record<string, string>;
          steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[];
        };
      };
    };
    assert.deepEqual(workflow.permissions, { contents: "read" }, "no cloud credentials and no write token");
    const steps = workflow.jobs.up.steps;
    const kind = steps.find((s) => s.uses?.startsWith("helm/kind-action@"));
    const local = loadStack(loadProject(PROJECT_ROOT), "local").config["stateful-stack:kubeContext"];
    assert.equal(
      `kind-${String(kind?.with?.["cluster_name"])}`,
      local,
      "the kind cluster's context is the one stacks/Pulumi.local.yaml names",
    );
    const at = (pattern: RegExp) => steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));
    const order = [
      at(/pulumi login "file:\/\//),
      at(/pulumi up --stack local --yes --diff --policy-pack policy$/m),
      at(/kubectl rollout status/),
      at(/pulumi preview --stack local --expect-no-changes/),
      at(/pulumi destroy --stack local --yes/),
    ];
    assert.ok(
      order.every((i) => i >= 0),
      `steps missing: ${JSON.stringify(order)}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      "login, up, wait, preview, destroy in that order",
    );
    assert.equal(steps[order[4] as number]?.if, "always()", "the cluster's stack is destroyed even when a step failed");
    assert.ok(
      workflow.jobs.up.env["PULUMI_CONFIG_PASSPHRASE"],
      "a local backend needs a passphrase for the stack's secrets",
    );
  });

  it("deploys on push to main, dev before prod, each stack in its own GitHub environment", () => {
    const deploy = load(read("deploy.yml")) as {
      on: { push: { branches: string[] } };
      jobs: Record<string, { needs?: string }>;
    };
    assert.deepEqual(deploy.on.push.branches, ["main"]);
    assert.equal(deploy.jobs["prod"]?.needs, "dev");
    const stack = load(read("deploy-stack.yml")) as {
      jobs: { up: { environment: string; steps: { run?: string; with?: Record<string, unknown> }[] } };
    };
    assert.equal(stack.jobs.up.environment, "${{ inputs.stack }}");
    const gate = stack.jobs.up.steps.findIndex((s) => s.run?.includes("preview:check"));
    const up = stack.jobs.up.steps.findIndex((s) => s.with?.["command"] === "up");
    assert.ok(gate >= 0 && up > gate, "the data-loss gate runs before pulumi up");
    assert.match(stack.jobs.up.steps[gate]?.run ?? "", /pulumi preview .* --policy-pack policy /);
    assert.equal(stack.jobs.up.steps[up]?.with?.["policyPacks"], "policy", "pulumi up runs the policy pack");
  });
});
