/**
 * `npm run plan:diff -- <base> <head> [--allow-data-loss] [--mermaid]`: compares plan files (or two
 * folders of them, paired by file name) and prints Markdown for a pull-request comment. Exits 1 when
 * a change would destroy data, unless --allow-data-loss; 2 on bad input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runReview } from "./gate.ts";
import { diffPlans, type StackDiff } from "./planDiff.ts";
import { readPlanFile, ReviewInputError } from "./planFile.ts";

const USAGE = "usage: npm run plan:diff -- <base.json|base-dir> <head.json|head-dir> [--allow-data-loss] [--mermaid]";

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

process.exitCode = runReview(
  {
    name: "plan:diff",
    usage: USAGE,
    options: { mermaid: { type: "boolean" } },
    positionals: 2,
    compare: ([base, head], values) => ({
      diffs: pairs(base as string, head as string).map(([b, h]) => diffPair(b, h)),
      comment: {
        marker: "stateful-stack:plan-diff",
        title: "Plan diff",
        intro: "Offline plan of each stack on the base branch and on this pull request (no cloud calls).",
        graph: values["mermaid"] === true,
      },
    }),
  },
  process.argv.slice(2),
);
