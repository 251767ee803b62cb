/**
 * The guards around the workflows' gate steps, run with bash as GitHub runs them: text the pull
 * request controls reaches the log with workflow commands off (or as one error annotation per
 * line); the aggregate preview check passes only when every leg of every job it needs passed; the
 * deployment reads the commit last deployed to the stack from its stack tag, refuses a tag that is
 * not a commit SHA, and records the commit after a successful `up`.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";
import { fakeTools, run, runnerCommands, stepsOf, workflowJobs } from "./support/workflowSteps.ts";

describe("workflow guards, run with bash", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);

  describe("text the pull request controls, written to the log", () => {
    const compare = stepsOf("plan-diff.yml", "plan-diff").find((s) => s.name === "Compare")?.run ?? "";
    const stop = stepsOf("plan-diff.yml", "plan-diff").find((s) => s.name?.startsWith("Stop on data loss"))?.run ?? "";
    const gate = stepsOf("preview.yml", "gate").find((s) => s.name === "Data-loss gate")?.run ?? "";
    /** Lines that read as workflow commands, a pause's end guessed, and carriage returns that start lines. */
    const hostile = fc.array(
      fc.oneof(
        fc.constantFrom(
          "::error::forged",
          "::add-mask::hidden",
          "  ::warning file=x.ts::forged",
          "::stop-commands::guess",
          "::guess::",
          "##[add-mask]hidden",
          "x\r::error::after a carriage return",
          "::endgroup::",
        ),
        fc.string({ unit: fc.constantFrom(":", "#", "[", "\r", " ", "e", "x") }),
      ),
      { minLength: 1, maxLength: 6 },
    );
    const texts = fc.sample(
      fc.tuple(hostile, fc.boolean()).map(([lines, newline]) => `${lines.join("\n")}${newline ? "\n" : ""}`),
      { numRuns: propertyRuns(5) },
    );

    /** Runs `script` in a folder whose `npm` prints `text` to stderr and exits 1; its log. */
    async function logOf(script: string, text: string, files: Record<string, string> = {}) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "log-"));
      for (const folder of ["base", "head", "head-preview", "bin"]) fs.mkdirSync(path.join(work, folder));
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(work, name), content);
      fs.writeFileSync(path.join(work, "text"), text);
      fs.writeFileSync(path.join(work, "bin", "npm"), `#!/bin/sh\ncat "${path.join(work, "text")}" >&2\nexit 1\n`, {
        mode: 0o755,
      });
      return run(script, work, path.join(work, "bin"), { PR_NUMBER: "7", STACK: "dev-aks" });
    }

    for (const [name, script] of [
      ["the plan diff's Compare step", compare],
      ["the preview's gate step", gate],
    ] as const) {
      it(`${name} logs the judge's messages with workflow commands off, under a token they cannot guess (generated)`, async () => {
        assert.ok(script.length > 0);
        assert.equal(texts.length, 5);
        const tokens = new Set<string>();
        for (const text of texts) {
          const { stdout } = await logOf(script, text);
          const commands = runnerCommands(stdout);
          assert.equal(commands.length, 1, `${JSON.stringify(text)}\n${stdout}`);
          const token = /^::stop-commands::([0-9a-f]{32})$/.exec(commands[0] ?? "")?.[1];
          assert.ok(token, commands[0]);
          assert.ok(stdout.includes(`\n::${token}::\n`), "the pause ends on a line of its own");
          for (const line of text.split("\n").filter(Boolean)) assert.ok(stdout.includes(line), line);
          tokens.add(token);
        }
        assert.equal(tokens.size, texts.length, "a new token each run");
      });
    }

    it("the plan diff's Stop step turns each line into one error annotation, and nothing else (generated)", async () => {
      assert.ok(stop.length > 0);
      // An empty judgement file as well as the generated texts: no line, no line's annotation.
      for (const text of ["", ...texts]) {
        const { code, stdout } = await logOf(stop, "", { "gate.txt": text });
        assert.equal(code, 1);
        const commands = runnerCommands(stdout);
        // Every line, the last one too when no newline ends it (an empty file has none); a carriage
        // return is a blank.
        const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
        assert.deepEqual(
          commands.slice(0, -1),
          lines.map((line) => `::error::${line.replace(/\r/g, " ")}`),
          JSON.stringify(text),
        );
        assert.match(commands.at(-1) ?? "", /^::error::See the plan diff\./);
      }
    });
  });

  describe("the preview's aggregate check", () => {
    const check = workflowJobs("preview.yml")["preview-gate"]?.steps?.[0]?.run ?? "";

    it("passes only when every leg of every job it needs succeeded (every combination of results)", async () => {
      assert.ok(check.length > 0);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "preview-gate-"));
      const outcomes = ["success", "failure", "cancelled", "skipped"];
      const combinations = outcomes.flatMap((a) => outcomes.map((b) => [a, b]));
      assert.equal(combinations.length, 16);
      for (const results of combinations) {
        const { code, stdout } = await run(check, work, work, { RESULTS: results.join(" ") });
        const passed = results.every((r) => r === "success");
        assert.equal(code === 0, passed, results.join(" "));
        if (!passed) assert.match(stdout, /^::error::A preview or gate job ended '(failure|cancelled|skipped)'/m);
      }
      assert.notEqual((await run(check, work, work, { RESULTS: "" })).code, 0, "no result is no pass");
    });
  });

  describe("the deployment's record of the commit last deployed", () => {
    const find = stepsOf("deploy-stack.yml", "up").find((s) => s.name === "Find the commit last deployed to the stack");
    const record = stepsOf("deploy-stack.yml", "up").find((s) => s.name === "Record the deployed commit on the stack");

    /** The step `script` run with `pulumi stack tag ls` printing `tags`: its exit code, output and pulumi calls. */
    async function step(script: string, tags = "{}", env: Record<string, string> = {}) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-tag-"));
      const bin = fakeTools(work, "preview:check", "previewCli.ts", "repo", "", tags);
      const { code, stdout } = await run(script, work, bin, { STACK: "org/dev-aks", STACK_NAME: "dev-aks", ...env });
      const read = (name: string) =>
        fs.existsSync(path.join(work, name)) ? fs.readFileSync(path.join(work, name), "utf8") : "";
      return { code, stdout, output: read("output"), calls: read("pulumi-calls") };
    }

    it("reads the stack tag deployed-commit, none when it is not set", async () => {
      assert.ok(find?.run);
      const sha = "89abcdef0123456789abcdef0123456789abcdef";
      const set = await step(find.run, JSON.stringify({ "pulumi:project": "stateful-stack", "deployed-commit": sha }));
      assert.equal(set.code, 0);
      assert.equal(set.output, `commit=${sha}\n`);
      assert.equal(set.calls, "stack tag ls --stack org/dev-aks --json\n");
      const unset = await step(find.run, JSON.stringify({ "pulumi:project": "stateful-stack" }));
      assert.equal(unset.code, 0);
      assert.equal(unset.output, "commit=\n");
    });

    it("refuses a tag that is not a commit SHA, whatever it holds (generated)", async () => {
      assert.ok(find?.run);
      const values = fc
        .sample(
          fc.oneof(
            fc.string({ minLength: 1 }),
            fc.stringMatching(/^[0-9a-f]{39}$/),
            fc.constant("main"),
            fc.constant(`${"a".repeat(40)}\nx`),
          ),
          { numRuns: propertyRuns(8) },
        )
        .filter((v) => !/^[0-9a-f]{40}$/.test(v));
      assert.ok(values.length >= 6);
      for (const value of values) {
        const result = await step(find.run, JSON.stringify({ "deployed-commit": value }));
        assert.notEqual(result.code, 0, JSON.stringify(value));
        assert.doesNotMatch(result.output, /commit=./, JSON.stringify(value));
        assert.match(result.stdout, /::error::The stack tag deployed-commit of dev-aks is not a commit SHA/);
      }
    });

    it("records the commit after the up, on the stack", async () => {
      assert.ok(record?.run);
      const sha = "fedcba9876543210fedcba9876543210fedcba98";
      const result = await step(record.run, "{}", { GITHUB_SHA: sha });
      assert.equal(result.code, 0);
      assert.equal(result.calls, `stack tag set deployed-commit ${sha} --stack org/dev-aks\n`);
    });
  });
});
