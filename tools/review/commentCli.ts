/**
 * `node tools/review/commentCli.ts <artifact-folder> <body-out>`, run by `plan-diff-comment.yml`:
 * resolves the pull request from the triggering `workflow_run` (GITHUB_EVENT_PATH) and the
 * repository's open pull requests (GitHub's API, GITHUB_TOKEN), checks the artifact's
 * `pr-number.txt` against it, writes the bounded `comment.md` to `<body-out>` and `number=<n>` to
 * GITHUB_OUTPUT. Exit 0 with no `number` output when there is nothing to post; 1 when the artifact is
 * refused; 2 on a wrong number of arguments. See commentCommand.ts and commentTarget.ts.
 */
import { runCommentTarget } from "./commentCommand.ts";

process.exitCode = await runCommentTarget(process.argv.slice(2), process.env, process);
