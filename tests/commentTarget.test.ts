/**
 * The plan-diff comment's pull request comes from the triggering run: an artifact naming any other
 * pull request (or anything but a number) is refused, a run whose head no open pull request has
 * posts nothing, and the body is bounded under GitHub's comment limit.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { COMMENT_USAGE, runCommentTarget } from "../tools/review/commentCommand.ts";
import {
  boundedComment,
  commentTarget,
  COMMENT_LIMIT,
  type OpenPullRequest,
  type TriggeringRun,
} from "../tools/review/commentTarget.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { captured, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";

const REPO = "owner/stateful-stack";
const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
const run = (head: string, repo = "fork/stateful-stack"): TriggeringRun => ({
  event: "pull_request",
  head_sha: head,
  head_repository: { full_name: repo },
});
const pull = (number: number, head: string, repo = "fork/stateful-stack", base = REPO): OpenPullRequest => ({
  number,
  head: { sha: head, repo: { full_name: repo } },
  base: { repo: { full_name: base } },
});

describe("plan-diff comment target", () => {
  it("comments on the one open pull request whose head is the run's, when the artifact names it", () => {
    const pulls = [pull(3, "a".repeat(40)), pull(7, "b".repeat(40)), pull(9, "b".repeat(40), "other/stateful-stack")];
    assert.deepEqual(commentTarget(run("b".repeat(40)), pulls, REPO, "7\n"), { number: 7 });
  });

  it("refuses every artifact whose number is not the run's pull request (generated)", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        sha,
        fc.integer({ min: 1, max: 100_000 }),
        fc.oneof(
          fc.integer({ min: 1, max: 100_000 }).map(String),
          fc.string(),
          fc.constantFrom("", "0", "-7", "7.0", "07", "7 8", "1e3", "#7"),
        ),
        (head, number, stated) => {
          fc.pre(stated.trim() !== String(number));
          const target = commentTarget(run(head), [pull(number, head)], REPO, stated);
          assert.ok("refuse" in target, JSON.stringify({ number, stated, target }));
          checked++;
        },
      ),
      { numRuns: propertyRuns(300) },
    );
    assert.ok(checked > 200, `${checked} checked`);
  });

  it("matches on head commit, head repository and base repository together", () => {
    const head = "c".repeat(40);
    const cases: [OpenPullRequest, string][] = [
      [pull(5, "d".repeat(40)), "another head commit"],
      [pull(5, head, "someone/stateful-stack"), "the same commit pushed from another fork"],
      [pull(5, head, "fork/stateful-stack", "else/where"), "a pull request of another repository"],
    ];
    assert.equal(cases.length, 3);
    for (const [p, what] of cases) {
      const target = commentTarget(run(head), [p], REPO, "5");
      assert.ok("skip" in target, `${what}: ${JSON.stringify(target)}`);
    }
  });

  it("refuses a head two open pull requests share, and skips runs that are not a pull request's", () => {
    const head = "e".repeat(40);
    assert.match(
      (commentTarget(run(head), [pull(1, head), pull(2, head)], REPO, "1") as { refuse: string }).refuse,
      /#1, #2 .* ambiguous/,
    );
    assert.ok("skip" in commentTarget({ ...run(head), event: "push" }, [pull(1, head)], REPO, "1"));
  });

  it("bounds the body under GitHub's limit, cut at a line break, with the marker first and a note (generated)", () => {
    const marker = "stateful-stack:plan-diff";
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 200 }), { maxLength: 800 }),
        fc.integer({ min: 500, max: 20_000 }),
        (lines, limit) => {
          const body = `<!-- ${marker} -->\n${lines.join("\n")}`;
          const bounded = boundedComment(body, marker, "https://run", limit);
          assert.ok(bounded.length <= limit, `${bounded.length} > ${limit}`);
          assert.ok(bounded.startsWith(`<!-- ${marker} -->`));
          // Unchanged when it fits and holds no mention or HTML (those are made inert).
          const inert = !/[@<]/.test(lines.join(""));
          if (body.length <= limit && inert) assert.equal(bounded, body);
          else if (body.length > limit) assert.match(bounded, /> Truncated: \d+ characters, .* https:\/\/run\.\n$/);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
    assert.ok(COMMENT_LIMIT < 65_536);
    assert.ok(boundedComment("hostile", marker, "u").startsWith(`<!-- ${marker} -->\nhostile`));
    // What a fork wrote notifies no one and carries no HTML.
    const inert = boundedComment("cc @org/team and @someone <img src=x onerror=y> a<br/>b", marker, "u");
    assert.doesNotMatch(inert, /@[\w-]/);
    assert.doesNotMatch(inert, /<img/);
    assert.match(inert, /a<br\/>b/);
  });

  describe("the script plan-diff-comment.yml runs, against a fake GitHub API", function () {
    this.timeout(SUBPROCESS_BUDGET_MS);
    const head = "f".repeat(40);
    const pulls = [pull(4, "0".repeat(40)), pull(12, head)];
    let server: http.Server;
    let api = "";
    const requests: string[] = [];
    before(async () => {
      server = http.createServer((req, res) => {
        requests.push(`${req.headers.authorization} ${req.url}`);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(req.url?.includes("page=1") ? pulls : []));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => server.close());

    /**
     * Runs the command on an artifact stating `stated`: with plain node in its own process (the
     * workflow's command), or in-process through its main function.
     */
    async function comment(stated: string, where: "process" | "in-process") {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "comment-target-"));
      fs.mkdirSync(path.join(work, "artifact"));
      fs.writeFileSync(path.join(work, "artifact", "pr-number.txt"), stated);
      fs.writeFileSync(
        path.join(work, "artifact", "comment.md"),
        "<!-- stateful-stack:plan-diff -->\n## Plan diff: safe\n",
      );
      const event = { workflow_run: { ...run(head), html_url: "https://run" } };
      fs.writeFileSync(path.join(work, "event.json"), JSON.stringify(event));
      fs.writeFileSync(path.join(work, "output"), "");
      const env = {
        PATH: process.env["PATH"] ?? "",
        GITHUB_API_URL: api,
        GITHUB_TOKEN: "t0ken",
        GITHUB_REPOSITORY: REPO,
        GITHUB_EVENT_PATH: path.join(work, "event.json"),
        GITHUB_OUTPUT: path.join(work, "output"),
      };
      const argv = [path.join(work, "artifact"), path.join(work, "body.md")];
      const cli = path.join(PROJECT_ROOT, "tools", "review", "commentCli.ts");
      const result =
        where === "process"
          ? await promisify(execFile)(process.execPath, [cli, ...argv], { env, cwd: PROJECT_ROOT }).then(
              (r) => ({ code: 0, ...r }),
              (e: { code: number; stdout: string; stderr: string }) => e,
            )
          : await (async () => {
              const { output, text } = captured();
              return { code: await runCommentTarget(argv, env, output), ...text };
            })();
      const body = fs.existsSync(path.join(work, "body.md"))
        ? fs.readFileSync(path.join(work, "body.md"), "utf8")
        : undefined;
      return { ...result, output: fs.readFileSync(path.join(work, "output"), "utf8"), body };
    }

    it("writes the body and number=<n> for the run's pull request, reading every page with the token (in its own process)", async () => {
      const result = await comment("12\n", "process");
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.output, "number=12\n");
      assert.equal(result.body, "<!-- stateful-stack:plan-diff -->\n## Plan diff: safe\n");
      assert.ok(
        requests.some((r) => r === "Bearer t0ken /repos/owner/stateful-stack/pulls?state=open&per_page=100&page=1"),
      );
    });

    it("refuses (exit 1, nothing written) an artifact naming another pull request", async () => {
      const result = await comment("4", "in-process");
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /::error::Refused the plan-diff artifact: the artifact names pull request "4", but the triggering run planned #12/,
      );
      assert.equal(result.output, "");
      assert.equal(result.body, undefined);
    });

    it("refuses a missing argument with its usage, exit 2, before reading anything", async () => {
      for (const argv of [[], ["artifact"]]) {
        const { output, text } = captured();
        assert.equal(await runCommentTarget(argv, {}, output), 2, argv.join(" "));
        assert.equal(text.stdout, "");
        assert.equal(text.stderr, `${COMMENT_USAGE}\n`);
      }
    });
  });
});
