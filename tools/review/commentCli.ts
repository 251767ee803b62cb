/**
 * `node tools/review/commentCli.ts <artifact-folder> <body-out>`, run by `plan-diff-comment.yml`:
 * resolves the pull request from the triggering `workflow_run` (GITHUB_EVENT_PATH) and the
 * repository's open pull requests (GitHub's API, GITHUB_TOKEN), checks the artifact's
 * `pr-number.txt` against it, writes the bounded `comment.md` to `<body-out>` and `number=<n>` to
 * GITHUB_OUTPUT. Exit 0 with no `number` output when there is nothing to post; 1 when the artifact is
 * refused. See commentTarget.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { boundedComment, commentTarget, type OpenPullRequest, type TriggeringRun } from "./commentTarget.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this in a GitHub Actions workflow_run job`);
  return value;
};

/** Every open pull request of `repository`, page by page. */
async function openPullRequests(repository: string): Promise<OpenPullRequest[]> {
  const api = process.env["GITHUB_API_URL"] ?? "https://api.github.com";
  const pulls: OpenPullRequest[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${api}/repos/${repository}/pulls?state=open&per_page=100&page=${page}`, {
      headers: { accept: "application/vnd.github+json", authorization: `Bearer ${env("GITHUB_TOKEN")}` },
    });
    if (!response.ok) throw new Error(`listing the open pull requests of ${repository}: HTTP ${response.status}`);
    const batch = (await response.json()) as OpenPullRequest[];
    pulls.push(...batch);
    if (batch.length < 100) return pulls;
  }
}

const [artifact, out] = process.argv.slice(2);
if (!artifact || !out) {
  console.error("usage: node tools/review/commentCli.ts <artifact-folder> <body-out>");
  process.exit(2);
}
const repository = env("GITHUB_REPOSITORY");
const run = (
  JSON.parse(fs.readFileSync(env("GITHUB_EVENT_PATH"), "utf8")) as {
    workflow_run: TriggeringRun & { html_url: string };
  }
).workflow_run;
const stated = fs.readFileSync(path.join(artifact, "pr-number.txt"), "utf8");
const target = commentTarget(run, await openPullRequests(repository), repository, stated);
if ("refuse" in target) {
  console.error(`::error::Refused the plan-diff artifact: ${target.refuse}`);
  process.exitCode = 1;
} else if ("skip" in target) {
  console.log(`Nothing posted: ${target.skip}`);
} else {
  const body = fs.readFileSync(path.join(artifact, "comment.md"), "utf8");
  fs.writeFileSync(out, boundedComment(body, "stateful-stack:plan-diff", run.html_url));
  fs.appendFileSync(env("GITHUB_OUTPUT"), `number=${target.number}\n`);
  console.log(`Commenting on #${target.number}`);
}
