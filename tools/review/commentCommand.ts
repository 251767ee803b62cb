/**
 * The plan-diff comment's command (`node tools/review/commentCli.ts <artifact-folder> <body-out>`,
 * run by `plan-diff-comment.yml`), as a function of its arguments, environment and output: resolves
 * the pull request from the triggering `workflow_run` (GITHUB_EVENT_PATH) and the repository's open
 * pull requests (GitHub's API, GITHUB_TOKEN), checks the artifact's `pr-number.txt` against it,
 * writes the bounded `comment.md` to `<body-out>` and `number=<n>` to GITHUB_OUTPUT. See
 * commentTarget.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CommandOutput } from "../commandLine.ts";
import { boundedComment, commentTarget, type OpenPullRequest, type TriggeringRun } from "./commentTarget.ts";

/** The command's usage line. */
export const COMMENT_USAGE = "usage: node tools/review/commentCli.ts <artifact-folder> <body-out>";

/** The environment variables the command reads. */
export type CommentEnvironment = Record<string, string | undefined>;

function variable(env: CommentEnvironment, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set; run this in a GitHub Actions workflow_run job`);
  return value;
}

/** Every open pull request of `repository`, page by page. */
async function openPullRequests(repository: string, env: CommentEnvironment): Promise<OpenPullRequest[]> {
  const api = env["GITHUB_API_URL"] ?? "https://api.github.com";
  const pulls: OpenPullRequest[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${api}/repos/${repository}/pulls?state=open&per_page=100&page=${page}`, {
      headers: { accept: "application/vnd.github+json", authorization: `Bearer ${variable(env, "GITHUB_TOKEN")}` },
    });
    if (!response.ok) throw new Error(`listing the open pull requests of ${repository}: HTTP ${response.status}`);
    const batch = (await response.json()) as OpenPullRequest[];
    pulls.push(...batch);
    if (batch.length < 100) return pulls;
  }
}

/**
 * Runs the command. Resolves to its exit code: 0 when it wrote the body or has nothing to post (no
 * `number` output then), 1 when the artifact is refused, 2 on a wrong number of arguments. Rejects
 * when a variable the workflow sets is missing or GitHub's API fails.
 */
export async function runCommentTarget(
  argv: readonly string[],
  env: CommentEnvironment,
  output: CommandOutput,
): Promise<number> {
  const [artifact, out] = argv;
  if (!artifact || !out) {
    output.stderr.write(`${COMMENT_USAGE}\n`);
    return 2;
  }
  const repository = variable(env, "GITHUB_REPOSITORY");
  const run = (
    JSON.parse(fs.readFileSync(variable(env, "GITHUB_EVENT_PATH"), "utf8")) as {
      workflow_run: TriggeringRun & { html_url: string };
    }
  ).workflow_run;
  const stated = fs.readFileSync(path.join(artifact, "pr-number.txt"), "utf8");
  const target = commentTarget(run, await openPullRequests(repository, env), repository, stated);
  if ("refuse" in target) {
    output.stderr.write(`::error::Refused the plan-diff artifact: ${target.refuse}\n`);
    return 1;
  }
  if ("skip" in target) {
    output.stdout.write(`Nothing posted: ${target.skip}\n`);
    return 0;
  }
  const body = fs.readFileSync(path.join(artifact, "comment.md"), "utf8");
  fs.writeFileSync(out, boundedComment(body, "stateful-stack:plan-diff", run.html_url));
  fs.appendFileSync(variable(env, "GITHUB_OUTPUT"), `number=${target.number}\n`);
  output.stdout.write(`Commenting on #${target.number}\n`);
  return 0;
}
