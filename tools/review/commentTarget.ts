/**
 * Which pull request a plan-diff comment belongs to, decided from the run that triggered
 * `plan-diff-comment.yml` and never from the artifact alone: the artifact was written by a run of
 * the pull request's own workflow file, so a fork could put any number in it. The triggering run's
 * head commit and head repository (GitHub's `workflow_run` payload) must match exactly one open pull
 * request of this repository, and the artifact's number must be that pull request's.
 *
 * No imports beyond Node: the comment workflow runs it with plain `node` (type stripping) without
 * installing the project's dependencies.
 */

/** The parts of the `workflow_run` event payload's run that identify the pull request. */
export interface TriggeringRun {
  /** `pull_request` for a run of the plan diff on a pull request. */
  event: string;
  head_sha: string;
  /** The repository the head commit is in (a fork's, for a pull request from a fork). */
  head_repository: { full_name: string } | null;
}

/** The parts of an open pull request (`GET /repos/{owner}/{repo}/pulls`) the match reads. */
export interface OpenPullRequest {
  number: number;
  head: { sha: string; repo: { full_name: string } | null };
  base: { repo: { full_name: string } };
}

/** The pull request to comment on, or why no comment is posted. */
export type CommentTarget =
  | { number: number }
  /** Nothing to post: the run is not a pull request's, or its head is no longer an open pull request's. */
  | { skip: string }
  /** The artifact names another pull request than the run's, or is not a number: refused. */
  | { refuse: string };

/**
 * The pull request the triggering run planned: the one open pull request of `repository` whose head
 * commit and head repository are the run's, and whose number the artifact states.
 */
export function commentTarget(
  run: TriggeringRun,
  pulls: readonly OpenPullRequest[],
  repository: string,
  artifactNumber: string,
): CommentTarget {
  if (run.event !== "pull_request")
    return { skip: `the triggering run is for a ${run.event} event, not a pull request` };
  const headRepo = run.head_repository?.full_name;
  const matches = pulls.filter(
    (p) => p.base.repo.full_name === repository && p.head.sha === run.head_sha && p.head.repo?.full_name === headRepo,
  );
  if (matches.length === 0) {
    return {
      skip: `no open pull request of ${repository} has head ${headRepo}@${run.head_sha} (pushed again, or closed)`,
    };
  }
  if (matches.length > 1) {
    const numbers = matches.map((p) => `#${p.number}`).join(", ");
    return {
      refuse: `pull requests ${numbers} all have head ${headRepo}@${run.head_sha}; which one was planned is ambiguous`,
    };
  }
  const expected = (matches[0] as OpenPullRequest).number;
  const stated = artifactNumber.trim();
  if (!/^[1-9][0-9]*$/.test(stated) || Number(stated) !== expected) {
    return {
      refuse: `the artifact names pull request ${JSON.stringify(stated.slice(0, 40))}, but the triggering run planned #${expected} (head ${headRepo}@${run.head_sha})`,
    };
  }
  return { number: expected };
}

/** GitHub refuses a comment over 65,536 characters; a bounded body stays well under it. */
export const COMMENT_LIMIT = 60_000;

/**
 * The comment body, starting with `marker` (so the workflow finds and updates its own comment) and
 * at most `limit` characters: a longer body is cut at a line break and ends with a note pointing to
 * the full text in the run's summary.
 */
export function boundedComment(body: string, marker: string, runUrl: string, limit = COMMENT_LIMIT): string {
  const head = `<!-- ${marker} -->`;
  // The text comes from the pull request's run, which a fork controls: it may not notify anyone
  // (an @mention, broken by a zero-width space) nor carry raw HTML besides the marker and line breaks.
  const inert = (body.startsWith(head) ? body.slice(head.length) : body)
    .replace(/@(?=[\w-])/g, "@\u200b")
    .replace(/<(?!br\/>)/g, "&lt;"); // the plan diff's Mermaid labels break lines with <br/>
  const text = `${head}\n${inert.replace(/^\n/, "")}`;
  if (text.length <= limit) return text;
  const note = `\n\n> [!NOTE]\n> Truncated: ${text.length} characters, over GitHub's comment limit. The full plan diff is in the summary of ${runUrl}.\n`;
  const room = limit - note.length;
  const cut = text.lastIndexOf("\n", room);
  return `${text.slice(0, cut > head.length ? cut : room)}${note}`;
}
