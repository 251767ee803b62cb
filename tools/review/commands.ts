/**
 * The two review commands, run by their entry points (diffCli.ts, previewCli.ts) through
 * `runReview`:
 * - `plan:diff <base> <head> [--allow-data-loss] [--mermaid]` compares plan files (or two folders
 *   of them, paired by file name);
 * - `preview:check <preview.json> [--stack <name>] [--allow-data-loss]` reads `pulumi preview
 *   --json` output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ReviewCommand } from "./gate.ts";
import { diffPlans, type StackDiff } from "./planDiff.ts";
import { readJsonFile, readPlanFile, ReviewInputError } from "./planFile.ts";
import { asPreview, previewDiff } from "./previewGate.ts";

function pairs(base: string, head: string): [string, string][] {
  const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
  if (isDir(base) !== isDir(head))
    throw new ReviewInputError(`compare two files or two folders, not ${base} with ${head}`);
  if (!isDir(base)) return [[base, head]];
  const names = [...new Set([...fs.readdirSync(base), ...fs.readdirSync(head)])]
    .filter((n) => n.endsWith(".json"))
    .sort();
  return names.map((n) => [path.join(base, n), path.join(head, n)]);
}

function diffPair(baseFile: string, headFile: string): StackDiff {
  const hasBase = fs.existsSync(baseFile);
  const hasHead = fs.existsSync(headFile);
  if (hasBase && hasHead) return diffPlans(readPlanFile(baseFile), readPlanFile(headFile));
  const only = readPlanFile(hasBase ? baseFile : headFile);
  const empty = { ...only, resources: [], waves: [] };
  return hasBase ? diffPlans(only, empty) : diffPlans(empty, only);
}

/** `npm run plan:diff`: Markdown for a pull-request comment on the plans' differences. */
export const planDiffCommand: ReviewCommand = {
  name: "plan:diff",
  synopsis: "<base> <head> [--allow-data-loss] [--mermaid]",
  summary:
    "Compares two plan files of `npm run plan -- --json` (or two folders of them, paired by file name) and\n" +
    "prints Markdown for a pull-request comment, with a warning for every change that would destroy data.",
  options: { mermaid: { type: "boolean", help: "add a Mermaid graph of the changed resources" } },
  positionals: ["<base>", "<head>"],
  compare: ([base, head], values) => ({
    diffs: pairs(base as string, head as string).map(([b, h]) => diffPair(b, h)),
    comment: {
      marker: "stateful-stack:plan-diff",
      title: "Plan diff",
      intro: "Offline plan of each stack on the base branch and on this pull request (no cloud calls).",
      graph: values["mermaid"] === true,
    },
  }),
};

/** `npm run preview:check`: the steps of a deployed stack's preview that would destroy data. */
export const previewCheckCommand: ReviewCommand = {
  name: "preview:check",
  synopsis: "<preview.json> [--stack <name>] [--allow-data-loss]",
  summary:
    "Reads the output of `pulumi preview --json` and prints Markdown for a pull-request comment, with a\n" +
    "warning for every step that would destroy data.",
  options: {
    stack: { type: "string", value: "<name>", default: "(preview)", help: "the stack's name in the comment" },
  },
  positionals: ["<preview.json>"],
  compare: ([file], values) => {
    const preview = asPreview(readJsonFile(file as string), file as string);
    const stack = String(values["stack"]);
    const project = preview.steps[0]?.urn.split("::")[1] ?? "";
    return {
      diffs: [previewDiff(preview, stack, project)],
      comment: {
        marker: `stateful-stack:preview-gate:${stack}`,
        title: `Preview gate for ${stack}`,
        intro: "`pulumi preview` of the deployed stack, checked for steps that destroy data.",
        graph: false,
      },
    };
  },
};
