/**
 * The shared shape of the review commands: parse arguments, compare, print the comment, and exit
 * 1 on data loss, certain or possible (unless --allow-data-loss, or approved by URN in the file
 * --approvals names and the file --approvals-before names does not hold as it is), on an update
 * that will be refused (never approvable), and with --strict on a disruption that is not approved; 2
 * on bad input (a malformed approvals file included).
 */
import { commandLineOrExit, type CommandLineSpec, type CommandOutput, type OptionSpec } from "../commandLine.ts";
import { APPROVALS_FILE, applyApprovals, readApprovals, renderApprovals, type Approval } from "./approvals.ts";
import { renderComment, type CommentOptions } from "./markdown.ts";
import { changesJudged, type ResourceChange, type StackDiff } from "./planDiff.ts";
import { ReviewInputError } from "./planFile.ts";

/** One review command. */
export interface ReviewCommand {
  /** The npm script, e.g. `plan:diff`; messages start with it. */
  name: string;
  /** What follows `npm run <name> --` in the usage line. */
  synopsis: string;
  /** What it does, for `--help`. */
  summary: string;
  /** Options besides --allow-data-loss and --strict. */
  options: Readonly<Record<string, OptionSpec>>;
  /** The positional arguments it takes, e.g. `["<base>", "<head>"]`. */
  positionals: readonly string[];
  /** Compares what the arguments name. */
  compare(positionals: string[], values: Record<string, unknown>): { diffs: StackDiff[]; comment: CommentOptions };
}

const ALLOW_DATA_LOSS: OptionSpec = {
  type: "boolean",
  help: "do not fail on changes that would destroy data (once they are reviewed); refused updates still fail",
};

const APPROVALS: OptionSpec = {
  type: "string",
  value: "<file>",
  help: "the approvals file (.github/approved-changes.yaml): data loss and disruptions pass only for the URNs it lists",
};

const APPROVALS_BEFORE: OptionSpec = {
  type: "string",
  value: "<file>",
  help: "the approvals file before the change (the base branch's, or the last deployed commit's): its entries, unchanged, do not count again",
};

const STRICT: OptionSpec = {
  type: "boolean",
  help: "fail on disruptions too (replacements and restarts that lose no data)",
};

/** The command line of a review command. */
export function reviewCommandLine(command: ReviewCommand): CommandLineSpec {
  return {
    name: command.name,
    synopsis: command.synopsis,
    summary: command.summary,
    positionals: command.positionals,
    options: {
      ...command.options,
      approvals: APPROVALS,
      "approvals-before": APPROVALS_BEFORE,
      "allow-data-loss": ALLOW_DATA_LOSS,
      strict: STRICT,
    },
    exits:
      "Exit: 0 nothing fails the gate, 1 a change would or could destroy data (unless --allow-data-loss or approved),\n" +
      "an update will be refused, or (with --strict) a change disrupts and is not approved; 2 bad usage, a path that\n" +
      "does not exist, a stack in one folder only that is not declared, a file that is not a plan or preview, or a\n" +
      "malformed approvals file.",
  };
}

/** Runs a review command; returns its exit code. */
export function runReview(command: ReviewCommand, argv: string[], output: CommandOutput = process): number {
  const parsed = commandLineOrExit(reviewCommandLine(command), argv, output);
  if (typeof parsed === "number") return parsed;
  try {
    const file = parsed.values["approvals"] as string | undefined;
    const approvals: Approval[] = file === undefined ? [] : readApprovals(file);
    const beforeFile = parsed.values["approvals-before"] as string | undefined;
    if (beforeFile !== undefined && file === undefined) {
      throw new ReviewInputError(
        `--approvals-before ${beforeFile} needs --approvals <file>, the file after the change`,
      );
    }
    const before: Approval[] = beforeFile === undefined ? [] : readApprovals(beforeFile);
    const { diffs, comment } = command.compare(parsed.positionals, parsed.values);
    const outcome = applyApprovals(diffs, approvals, before);
    output.stdout.write(`${renderComment(diffs, comment)}${renderApprovals(outcome, file ?? "", beforeFile)}\n`);
    for (const [change, carried] of outcome.carried) {
      output.stderr.write(
        `${command.name}: warning: ${file}: ${change.urn} (stack ${carried.stack}) is approved by an entry unchanged from ${beforeFile}, which does not count again; to approve this change, give the entry this change's reason\n`,
      );
    }
    for (const stale of outcome.stale) {
      output.stderr.write(
        `${command.name}: warning: ${file}: ${stale.urn} (stack ${stale.stack}) matches no ${stale.verdict} change; remove the stale approval\n`,
      );
    }
    /** The changes with `verdict` that no approval accepts (a refused update is never accepted). */
    const judged = (verdict: Parameters<typeof changesJudged>[1]) =>
      diffs.flatMap((d) => changesJudged(d, verdict)).filter((c) => !outcome.accepted.has(c));
    const possibly = (changes: ResourceChange[]) => {
      const n = changes.filter((c) => c.possible).length;
      return n > 0 ? ` (${n} possibly)` : "";
    };
    const failures: string[] = [];
    const losses = judged("data loss");
    if (losses.length > 0 && parsed.values["allow-data-loss"] !== true) {
      failures.push(
        `${losses.length} change(s) would destroy data${possibly(losses)}; approve each reviewed URN in ${APPROVALS_FILE} (--approvals), or rerun with --allow-data-loss locally`,
      );
    }
    const refused = judged("refused");
    if (refused.length > 0) {
      failures.push(`${refused.length} update(s) will be refused; change the stack as the comment says`);
    }
    const disruptions = judged("disruption");
    if (disruptions.length > 0 && parsed.values["strict"] === true) {
      failures.push(
        `${disruptions.length} change(s) disrupt what runs${possibly(disruptions)} (--strict); approve each reviewed URN in ${APPROVALS_FILE}`,
      );
    }
    for (const failure of failures) output.stderr.write(`${command.name}: ${failure}\n`);
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ReviewInputError) {
      output.stderr.write(`${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
