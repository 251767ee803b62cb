/**
 * Running the workflows' bash steps as GitHub runs them, in a scratch folder, with fake `npm` and
 * `pulumi` on the PATH; and reading a step's log as the runner does, for workflow commands.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { load } from "js-yaml";
import { PROJECT_ROOT } from "../../tools/recorder/program.ts";
import { SUBPROCESS_BUDGET_MS } from "./cli.ts";

const dir = path.join(PROJECT_ROOT, ".github", "workflows");
type Steps = { name?: string; run?: string }[];
/** The jobs of the workflow `file` (in .github/workflows/). */
export const workflowJobs = (file: string) =>
  (load(fs.readFileSync(path.join(dir, file), "utf8")) as { jobs: Record<string, { steps?: Steps }> }).jobs;
/** The steps of `job` in the workflow `file`; none when it has no such job. */
export const stepsOf = (file: string, job: string) => workflowJobs(file)[job]?.steps ?? [];
const loader = path.join(PROJECT_ROOT, "tools", "loader", "register.js");

/**
 * A folder with `bin/npm` running the review command `script` (`plan:diff`, `preview:check`) of this
 * checkout, only from a directory named `cwd`, and `bin/pulumi` printing `preview` for `pulumi preview`
 * and `tags` for `pulumi stack tag ls`, and recording every call.
 */
export function fakeTools(work: string, script: string, cli: string, cwd: string, preview = "", tags = "{}") {
  const bin = path.join(work, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const entry = path.join(PROJECT_ROOT, "tools", "review", cli);
  fs.writeFileSync(
    path.join(bin, "npm"),
    `#!/bin/sh\n[ "$(basename "$PWD")" = "${cwd}" ] || { echo "npm run in $PWD" >&2; exit 98; }\n[ "$1 $2 $3 $4" = "run --silent ${script} --" ] || exit 99\nshift 4\nexec "${process.execPath}" --import "${loader}" "${entry}" "$@"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(work, "preview-output.json"), preview);
  fs.writeFileSync(path.join(work, "tags-output.json"), tags);
  fs.writeFileSync(
    path.join(bin, "pulumi"),
    `#!/bin/sh\necho "$*" >> "${path.join(work, "pulumi-calls")}"\n[ "$1" = preview ] && cat "${path.join(work, "preview-output.json")}"\n[ "$1 $2 $3" = "stack tag ls" ] && cat "${path.join(work, "tags-output.json")}"\nexit 0\n`,
    { mode: 0o755 },
  );
  return bin;
}

/** Runs `script` with bash in `work`; its exit code and what it printed. */
export async function run(
  script: string,
  work: string,
  bin: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string }> {
  return promisify(execFile)("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: work,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`,
      GITHUB_OUTPUT: path.join(work, "output"),
      GITHUB_STEP_SUMMARY: path.join(work, "summary"),
      ...env,
    },
    timeout: SUBPROCESS_BUDGET_MS,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

/** Runs `script` with bash in `work`; its exit code. */
export async function bash(
  script: string,
  work: string,
  bin: string,
  env: Record<string, string> = {},
): Promise<number> {
  return (await run(script, work, bin, env)).code;
}

/**
 * The workflow commands the runner would take from a step's log: a line (split at CR, LF or CRLF,
 * leading blanks ignored) starting `::` or `##[`, except while `::stop-commands::<token>` is in force,
 * which only the line `::<token>::` ends.
 */
export function runnerCommands(log: string): string[] {
  const commands: string[] = [];
  let stopped: string | undefined;
  for (const line of log.split(/\r\n|\r|\n/).map((l) => l.trimStart())) {
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    if (!line.startsWith("::") && !line.startsWith("##[")) continue;
    commands.push(line);
    const stop = /^::stop-commands::(.*)$/.exec(line);
    if (stop) stopped = stop[1];
  }
  return commands;
}
