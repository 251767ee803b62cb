/**
 * `npm run plan:diff -- <base> <head> [--allow-data-loss] [--mermaid]`: compares plan files (or two
 * folders of them, paired by file name) and prints Markdown for a pull-request comment. Exits 1 when
 * a change would destroy data, unless --allow-data-loss; 2 on bad input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderComment } from "./markdown.ts";
import { dataLossChanges, diffPlans, type StackDiff } from "./planDiff.ts";
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

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { "allow-data-loss": { type: "boolean" }, mermaid: { type: "boolean" } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [base, head, ...rest] = parsed.positionals;
  if (!base || !head || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const diffs = pairs(base, head).map(([b, h]) => diffPair(b, h));
    process.stdout.write(
      `${renderComment(diffs, {
        marker: "stateful-stack:plan-diff",
        title: "Plan diff",
        intro: "Offline plan of each stack on the base branch and on this pull request (no cloud calls).",
        graph: parsed.values.mermaid === true,
      })}\n`,
    );
    const losses = diffs.flatMap(dataLossChanges);
    if (losses.length > 0 && !parsed.values["allow-data-loss"]) {
      process.stderr.write(
        `plan:diff: ${losses.length} change(s) would destroy data; rerun with --allow-data-loss once reviewed\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ReviewInputError) {
      process.stderr.write(`plan:diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
