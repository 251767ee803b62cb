/**
 * The two review commands, run by their entry points (diffCli.ts, previewCli.ts) through
 * `runReview`:
 * - `plan:diff <base> <head> [--new <stack>]… [--removed <stack>]… [--approvals <file>
 *   [--approvals-before <file>]] [--allow-data-loss] [--mermaid]` compares plan files (or two
 *   folders of them, paired by file name; a stack in one folder only must be declared new or
 *   removed);
 * - `preview:check <preview.json> [--stack <name>] [--approvals <file> [--approvals-before <file>]]
 *   [--allow-data-loss]` reads `pulumi preview --json` output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ReviewCommand } from "./gate.ts";
import { diffPlans, type StackDiff } from "./planDiff.ts";
import { readJsonFile, readPlanFile, ReviewInputError } from "./planFile.ts";
import { asPreview, previewDiff } from "./previewGate.ts";

/** Stacks declared on one side only: in the head and not the base (`--new`), or the reverse (`--removed`). */
interface OneSidedStacks {
  added: readonly string[];
  removed: readonly string[];
}

const NO_STACKS: OneSidedStacks = { added: [], removed: [] };

function existing(p: string): fs.Stats {
  if (!fs.existsSync(p)) {
    throw new ReviewInputError(
      `${p} does not exist; give the plan file (or folder of plan files) \`npm run plan -- --json\` wrote`,
    );
  }
  return fs.statSync(p);
}

function stacksIn(folder: string): Set<string> {
  return new Set(
    fs
      .readdirSync(folder)
      .filter((n) => n.endsWith(".json"))
      .map((n) => n.slice(0, -".json".length)),
  );
}

/** What a stack declared with `flag` must be: in `on` and not in `off`. */
function checkDeclared(
  flag: string,
  declared: readonly string[],
  on: [string, Set<string>],
  off: [string, Set<string>],
) {
  for (const stack of declared) {
    if (off[1].has(stack)) {
      throw new ReviewInputError(`${flag} ${stack}, but ${off[0]} has ${stack}.json; drop ${flag} ${stack}`);
    }
    if (!on[1].has(stack)) {
      throw new ReviewInputError(`${flag} ${stack}, but ${on[0]} has no ${stack}.json; drop ${flag} ${stack}`);
    }
  }
}

/**
 * The pairs of plan files to compare: the two files, or the files of two folders paired by name. A
 * missing side is `undefined`, and allowed only for a stack declared new or removed.
 * @throws ReviewInputError when a path does not exist, a file is compared with a folder, a stack is
 *   on one side only without being declared, or a declared stack is not on exactly one side.
 */
function pairs(base: string, head: string, declared: OneSidedStacks = NO_STACKS): [string?, string?][] {
  const isDir = [existing(base).isDirectory(), existing(head).isDirectory()];
  if (isDir[0] !== isDir[1]) throw new ReviewInputError(`compare two files or two folders, not ${base} with ${head}`);
  if (!isDir[0]) {
    if (declared.added.length + declared.removed.length > 0) {
      throw new ReviewInputError("--new and --removed name stacks in two folders of plan files, not two files");
    }
    return [[base, head]];
  }
  const [onBase, onHead] = [stacksIn(base), stacksIn(head)];
  checkDeclared("--new", declared.added, [head, onHead], [base, onBase]);
  checkDeclared("--removed", declared.removed, [base, onBase], [head, onHead]);
  const names = [...new Set([...onBase, ...onHead])].sort();
  for (const stack of names) {
    if (!onBase.has(stack) && !declared.added.includes(stack)) {
      throw new ReviewInputError(
        `${path.join(head, `${stack}.json`)} has no counterpart in ${base}; if the stack is new, add --new ${stack}`,
      );
    }
    if (!onHead.has(stack) && !declared.removed.includes(stack)) {
      throw new ReviewInputError(
        `${path.join(base, `${stack}.json`)} has no counterpart in ${head}; if the stack is removed, add --removed ${stack}`,
      );
    }
  }
  const file = (folder: string, on: Set<string>, stack: string) =>
    on.has(stack) ? path.join(folder, `${stack}.json`) : undefined;
  return names.map((n) => [file(base, onBase, n), file(head, onHead, n)]);
}

/**
 * The diff of one pair. A stack declared new adds every resource of its head plan; a stack declared
 * removed deletes every resource of its base plan, so each one holding data is data loss.
 */
function diffPair(baseFile: string | undefined, headFile: string | undefined): StackDiff {
  if (baseFile !== undefined && headFile !== undefined)
    return diffPlans(readPlanFile(baseFile), readPlanFile(headFile));
  const only = readPlanFile((baseFile ?? headFile) as string);
  const empty = { ...only, resources: [], waves: [] };
  if (headFile !== undefined) return diffPlans(empty, only);
  const diff = diffPlans(only, empty);
  const reason = "the stack is removed (--removed): destroying it deletes every resource in it";
  return { ...diff, changes: diff.changes.map((c) => ({ ...c, reason })) };
}

/** `npm run plan:diff`: Markdown for a pull-request comment on the plans' differences. */
export const planDiffCommand: ReviewCommand = {
  name: "plan:diff",
  synopsis:
    "<base> <head> [--new <stack>]… [--removed <stack>]… [--approvals <file> [--approvals-before <file>]] [--allow-data-loss] [--mermaid]",
  summary:
    "Compares two plan files of `npm run plan -- --json` (or two folders of them, paired by file name) and\n" +
    "prints Markdown for a pull-request comment, with a warning for every change that would destroy data.\n" +
    "A stack whose plan is in one folder only is refused unless declared with --new or --removed.",
  options: {
    mermaid: { type: "boolean", help: "add a Mermaid graph of the changed resources" },
    new: {
      type: "string",
      multiple: true,
      value: "<stack>",
      help: "a stack added: <stack>.json is in the <head> folder and absent from <base> (repeatable)",
    },
    removed: {
      type: "string",
      multiple: true,
      value: "<stack>",
      help: "a stack removed: <stack>.json is in the <base> folder and absent from <head>; its data is lost (repeatable)",
    },
  },
  positionals: ["<base>", "<head>"],
  compare: ([base, head], values) => ({
    diffs: pairs(base as string, head as string, {
      added: values["new"] as string[],
      removed: values["removed"] as string[],
    }).map(([b, h]) => diffPair(b, h)),
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
  synopsis: "<preview.json> [--stack <name>] [--approvals <file> [--approvals-before <file>]] [--allow-data-loss]",
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
