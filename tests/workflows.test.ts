/**
 * The GitHub workflows: valid against the workflow schema, and shaped as the review flow
 * promises: the pull request's code runs only where it plans, without secrets or write access, and
 * the base branch's code judges; cloud previews with OIDC; deploys behind environments that apply
 * the previewed update plan; actions pinned by commit; least privilege per job. The gate steps
 * themselves run with bash in workflowSteps.test.ts.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { load } from "js-yaml";
import { loadProject, loadStack } from "../tools/plan/project.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";

const dir = path.join(PROJECT_ROOT, ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

/** Problems the workflow validator (SchemaStore's workflow schema plus its own checks) finds. */
function workflowErrors(content: string): string[] {
  return validateWorkflow(content).errors.map((e) => `${"path" in e ? e.path : ""} ${e.title}: ${e.detail ?? ""}`);
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: { stack: string[] } };
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, { types?: string[]; workflows?: string[]; branches?: string[] } | null>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => load(read(name)) as Workflow;
const steps = (name: string, job: string) => workflow(name).jobs[job]?.steps ?? [];

/** Every `pulumi <command> …` line of every run step. */
function pulumiCommands(command: "preview" | "up"): string[] {
  return files.flatMap((f) =>
    Object.values(workflow(f).jobs).flatMap((job) =>
      (job.steps ?? []).flatMap((s) =>
        (s.run ?? "")
          .split("\n")
          .filter((l) => !l.trim().startsWith("#") && new RegExp(`\\bpulumi ${command}\\b`).test(l)),
      ),
    ),
  );
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

  it("pins every action by commit SHA with its version in a comment; pulumi/actions at v7 (Node 24)", () => {
    const uses = files.flatMap((f) =>
      read(f)
        .split("\n")
        .filter((l) => /^\s*(- )?uses: /.test(l)),
    );
    assert.ok(uses.length > 20, `${uses.length} uses`);
    for (const line of uses) {
      assert.match(
        line,
        /uses: (\.\/\.github\/workflows\/[a-z-]+\.yml|[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*)$/,
        line,
      );
    }
    const pulumi = uses.filter((l) => l.includes("pulumi/actions@"));
    assert.ok(pulumi.length >= 3);
    for (const line of pulumi) assert.match(line, /@8e5e406f4007fca908480587cb9893c07090f58d # v7\.0\.0$/);
    for (const f of files) {
      for (const s of Object.values(workflow(f).jobs).flatMap((j) => j.steps ?? [])) {
        if (s.uses?.startsWith("pulumi/actions@")) assert.equal(s.with?.["pulumi-version"], "3.270.0", f);
      }
    }
  });

  it("grants nothing at the top of a workflow and the least each job needs", () => {
    const granted = Object.fromEntries(
      files.map((f) => {
        const w = workflow(f);
        assert.deepEqual(w.permissions, {}, `${f}: permissions: {} at the top, per job below`);
        return [f, Object.fromEntries(Object.entries(w.jobs).map(([name, job]) => [name, job.permissions]))];
      }),
    );
    const read_ = { contents: "read" };
    const oidc = { contents: "read", "id-token": "write" };
    assert.deepEqual(granted, {
      "deploy-stack.yml": { up: oidc },
      "deploy.yml": { dev: oidc, prod: oidc },
      "kind-up.yml": { up: read_ },
      "plan-diff-comment.yml": { comment: { actions: "read", contents: "read", "pull-requests": "write" } },
      "plan-diff.yml": { "head-plans": read_, "plan-diff": read_ },
      "preview.yml": { preview: oidc, gate: { contents: "read", "pull-requests": "write" }, "preview-gate": {} },
    });
  });

  it("no run script expands an expression (values reach scripts through env, never spliced into bash)", () => {
    const runs = files.flatMap((f) =>
      Object.values(workflow(f).jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run)),
    );
    assert.ok(runs.filter(Boolean).length > 15);
    for (const run of runs) assert.ok(!run?.includes("${{"), run);
  });

  it("the pull request's code runs without secrets, credentials or write access, and hands over only its plans", () => {
    assert.ok(!/secrets\./.test(read("plan-diff.yml")), "the offline jobs must work from forks, with no secrets");
    const w = workflow("plan-diff.yml");
    assert.deepEqual(w.on["pull_request"]?.types, ["opened", "synchronize", "reopened"]);
    const head = w.jobs["head-plans"]?.steps ?? [];
    const checkout = head.find((s) => s.uses?.startsWith("actions/checkout@"));
    assert.equal(checkout?.with?.["ref"], undefined, "the pull request's own commit");
    assert.equal(checkout?.with?.["persist-credentials"], false);
    assert.match(
      head.map((s) => s.run ?? "").join("\n"),
      /npm run --silent plan -- --stack "\$stack" --quiet --json "\$RUNNER_TEMP\/plans\/\$stack\.json"/,
    );
    const upload = head.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.equal(upload?.with?.["path"], "${{ runner.temp }}/plans/");
    const preview = w.jobs["preview"];
    assert.equal(preview, undefined);
    const cloud = workflow("preview.yml").jobs["preview"]?.steps ?? [];
    assert.equal(cloud.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["persist-credentials"], false);
    assert.ok(!cloud.some((s) => s.with?.["github-token"] !== undefined), "no token handed to the pull request's code");
  });

  for (const [file, job, command] of [
    ["plan-diff.yml", "plan-diff", "plan:diff"],
    ["preview.yml", "gate", "preview:check"],
  ] as const) {
    it(`${file}: the judging step runs the base branch's ${command}, in its own job, on the head's output`, () => {
      const w = workflow(file);
      const judge = w.jobs[job] as Job;
      assert.ok(judge.needs, "after the job that ran the pull request's code, on a fresh runner");
      assert.equal(judge.if?.includes("!cancelled()"), true, "it runs (and fails) when the head's job failed");
      const all = judge.steps ?? [];
      const base = all.find((s) => s.uses?.startsWith("actions/checkout@") && s.with?.["path"] === "base");
      assert.equal(base?.with?.["ref"], "${{ github.event.pull_request.base.sha }}");
      const head = all.find((s) => s.uses?.startsWith("actions/checkout@") && s.with?.["path"] === "head");
      assert.ok(head?.with?.["sparse-checkout"], "the head checkout holds data only");
      assert.equal(head?.with?.["sparse-checkout-cone-mode"], false);
      for (const s of all.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        assert.equal(s.with?.["persist-credentials"], false);
      }
      const gate = all.filter((s) => s.run?.includes(`npm run --silent ${command}`));
      assert.equal(gate.length, 1);
      assert.match(gate[0]?.run ?? "", new RegExp(`\\(cd base && npm run --silent ${command} -- `));
      assert.match(
        gate[0]?.run ?? "",
        /if \[ -e head\/\.github\/approved-changes\.yaml \]; then\n\s+approvals=\(--approvals \.\.\/head\/\.github\/approved-changes\.yaml\)\n\s+\[ -e base\/\.github\/approved-changes\.yaml \] && approvals\+=\(--approvals-before \.\.\/base\/\.github\/approved-changes\.yaml\)\n/,
        "the head's approvals, counting only the entries the base branch does not hold",
      );
      const runs = all.map((s) => `${s["working-directory"] ?? ""} ${s.run ?? ""}`).join("\n");
      assert.ok(!/cd head|head\/node_modules|working-directory: head|^head /m.test(runs), "nothing runs in head/");
      assert.ok(!/ALLOW_DATA_LOSS|allow-data-loss/.test(read(file)), "no label: the approvals file decides");
      assert.match(read(file), /judging code/i, "the workflow says who judges");
    });
  }

  it("the comment resolves its pull request from the triggering run, not from the artifact", () => {
    const w = workflow("plan-diff-comment.yml");
    const plan = workflow("plan-diff.yml");
    assert.deepEqual(w.on["workflow_run"]?.workflows, [plan.name]);
    assert.deepEqual(w.on["workflow_run"]?.types, ["completed"]);
    const job = w.jobs["comment"] as Job;
    assert.equal(job.if, "github.event.workflow_run.event == 'pull_request'");
    const all = job.steps ?? [];
    const checkout = all.find((s) => s.uses?.startsWith("actions/checkout@"));
    assert.equal(checkout?.with?.["ref"], undefined, "the default branch's script, never the pull request's");
    const resolve = all.find((s) => s.run?.includes("tools/review/commentCli.ts"));
    assert.equal(resolve?.run, 'node tools/review/commentCli.ts "$RUNNER_TEMP/artifact" "$RUNNER_TEMP/comment.md"');
    const post = all.find((s) => s.uses?.startsWith("actions/github-script@"));
    assert.equal(post?.if, "steps.target.outputs.number != ''");
    assert.equal(post?.env?.["PR_NUMBER"], "${{ steps.target.outputs.number }}");
    assert.ok(
      !read("plan-diff-comment.yml").includes("pr-number.txt"),
      "the artifact's number is read only by the script",
    );
    assert.match(read("plan-diff-comment.yml"), /<!-- stateful-stack:plan-diff -->/);
  });

  it("one check, preview-gate, stands for every leg of the previews, skipped ones (a fork's) included", () => {
    const w = workflow("preview.yml");
    const aggregate = w.jobs["preview-gate"] as Job;
    const others = Object.keys(w.jobs).filter((name) => name !== "preview-gate");
    assert.equal(others.length, 2);
    assert.deepEqual(aggregate.needs, others, "it needs every other job of the workflow");
    assert.equal(aggregate.if, "always()", "it runs when a job it needs failed or was skipped");
    assert.equal(aggregate.strategy, undefined, "one check name, not one per stack");
    assert.equal((aggregate as { name?: string }).name, undefined, "its check is named preview-gate");
    const check = aggregate.steps ?? [];
    assert.equal(check.length, 1);
    assert.equal(check[0]?.env?.["RESULTS"], "${{ join(needs.*.result, ' ') }}");
    assert.match(check[0]?.run ?? "", /\[ "\$result" = success \]/);
    // The legs' checks are named per stack; a skipped matrix job is one check named after its id.
    for (const job of others) assert.ok(w.jobs[job]?.strategy?.matrix.stack.length, job);
    assert.match(read("preview.yml"), /Required check: `preview-gate`/);
  });

  it("previews each cloud stack with OIDC logins and the policy pack", () => {
    const w = workflow("preview.yml");
    assert.deepEqual(w.jobs["preview"]?.strategy?.matrix.stack, ["dev-aks", "prod-aks", "dev-eks", "prod-eks"]);
    assert.deepEqual(w.jobs["gate"]?.strategy?.matrix.stack, w.jobs["preview"]?.strategy?.matrix.stack);
    const all = steps("preview.yml", "preview");
    assert.ok(all.some((s) => s.uses?.startsWith("azure/login@") && s.with?.["client-id"]));
    assert.ok(
      all.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") && s.with?.["role-to-assume"]),
    );
    assert.ok(all.some((s) => s.run === 'pulumi preview --stack "$STACK" --policy-pack policy --json > preview.json'));
    // The pull request's program logs in through an environment of its own (read-only identities,
    // reviewers for prod), never the deploy environments'.
    assert.equal((w.jobs["preview"] as { environment?: string }).environment, "preview-${{ matrix.stack }}");
  });

  it("runs the policy pack in every real preview and up", () => {
    const previews = pulumiCommands("preview");
    const ups = pulumiCommands("up");
    assert.equal(previews.length, 3, previews.join("\n"));
    assert.equal(ups.length, 2, ups.join("\n"));
    for (const line of [...previews, ...ups]) assert.match(line, / --policy-pack policy( |$)/, line);
    const actions = files.flatMap((f) =>
      Object.values(workflow(f).jobs).flatMap((j) => (j.steps ?? []).filter((s) => s.with?.["command"] !== undefined)),
    );
    assert.deepEqual(actions, [], "every preview and up is a pulumi command line, checked above");
  });

  it("deploys the local stack on a kind cluster whose context the stack names, waits for it, re-previews and destroys", () => {
    const workflow = load(read("kind-up.yml")) as {
      jobs: {
        up: {
          permissions: Record<string, string>;
          env: Record<string, string>;
          steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[];
        };
      };
    };
    assert.deepEqual(workflow.jobs.up.permissions, { contents: "read" }, "no cloud credentials and no write token");
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
      at(/pulumi preview --stack local --expect-no-changes --diff --policy-pack policy$/m),
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

  it("deploys on push to main, dev before prod, each stack in its environment and concurrency group, applying the previewed plan", () => {
    const deploy = workflow("deploy.yml");
    assert.deepEqual(deploy.on["push"]?.branches, ["main"]);
    assert.equal(deploy.jobs["prod"]?.needs, "dev");
    assert.equal(deploy.concurrency, undefined, "one concurrency group per stack, in deploy-stack.yml");
    const up = workflow("deploy-stack.yml").jobs["up"] as Job;
    assert.equal(up.environment, "${{ inputs.stack }}");
    assert.deepEqual(up.concurrency, { group: "stack-${{ inputs.stack }}", "cancel-in-progress": false });
    const all = up.steps ?? [];
    assert.equal(all.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["ref"], "${{ github.sha }}");
    const gate = all.findIndex((s) => s.run?.includes("preview:check"));
    const apply = all.findIndex((s) => s.run?.includes("pulumi up"));
    assert.ok(gate >= 0 && apply > gate, "the data-loss gate runs before pulumi up, in the same job");
    assert.match(
      all[gate]?.run ?? "",
      /pulumi preview --stack "\$STACK" --policy-pack policy --save-plan plan\.json --json > preview\.json/,
    );
    assert.match(all[gate]?.run ?? "", /preview:check -- preview\.json --stack "\$STACK_NAME" "\$\{approvals\[@\]\}"/);
    assert.match(all[gate]?.run ?? "", /approvals=\(--approvals \.github\/approved-changes\.yaml\)/);
    assert.equal(all[apply]?.run, 'pulumi up --stack "$STACK" --plan plan.json --policy-pack policy --yes --diff');
    // Only the approvals added since the commit last deployed to the stack count: the stack tag
    // deployed-commit names it, its approvals file is checked out as data, and a successful up moves it.
    const find = all.findIndex((s) => s.run?.includes("pulumi stack tag ls"));
    const checkout = all.findIndex((s) => s.uses?.startsWith("actions/checkout@") && s.with?.["path"] === "deployed");
    const record = all.findIndex((s) => s.run?.startsWith("pulumi stack tag set"));
    assert.ok(
      find > 0 && find < checkout && checkout < gate && record === apply + 1,
      JSON.stringify({ find, checkout, gate, apply, record }),
    );
    assert.equal((all[find] as { id?: string }).id, "deployed");
    assert.equal(all[checkout]?.if, "steps.deployed.outputs.commit != ''");
    assert.deepEqual(all[checkout]?.with, {
      ref: "${{ steps.deployed.outputs.commit }}",
      path: "deployed",
      "persist-credentials": false,
      "sparse-checkout": ".github/approved-changes.yaml",
      "sparse-checkout-cone-mode": false,
    });
    assert.equal(all[gate]?.env?.["DEPLOYED"], "${{ steps.deployed.outputs.commit }}");
    assert.equal(all[record]?.run, 'pulumi stack tag set deployed-commit "$GITHUB_SHA" --stack "$STACK"');
    assert.equal(all[record]?.if, undefined, "only after a successful up");
    assert.deepEqual(
      up.permissions,
      { contents: "read", "id-token": "write" },
      "the tag lives in Pulumi: no write token",
    );
  });
});
