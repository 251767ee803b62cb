/**
 * The plan-diff comment's pull request comes from the triggering run: an artifact naming any other
 * pull request (or anything but a number) is refused, a run whose head no open pull request has
 * posts nothing, and the body is bounded under GitHub's comment limit.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  boundedComment,
  commentTarget,
  COMMENT_LIMIT,
  type OpenPullRequest,
  type TriggeringRun,
} from "../tools/review/commentTarget.ts";

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
      { numRuns: 300 },
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
          if (body.length <= limit) assert.equal(bounded, body);
          else assert.match(bounded, /> Truncated: \d+ characters, .* https:\/\/run\.\n$/);
        },
      ),
      { numRuns: 100 },
    );
    assert.ok(COMMENT_LIMIT < 65_536);
    assert.ok(boundedComment("hostile", marker, "u").startsWith(`<!-- ${marker} -->\nhostile`));
  });
});
