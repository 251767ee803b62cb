/**
 * The shared shape of the review commands: parse arguments, compare, print the comment, and exit
 * 1 on data loss, certain or possible (unless --allow-data-loss), on an update that will be refused,
 * and with --strict on a disruption; 2 on bad input.
 */
import { commandLineOrExit, type CommandLineSpec, type CommandOutput, type OptionSpec } from "../commandLine.ts";
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
    options: { ...command.options, "allow-data-loss": ALLOW_DATA_LOSS, strict: STRICT },
    exits:
      "Exit: 0 nothing fails the gate, 1 a change would or could destroy data (unless --allow-data-loss), an update\n" +
      "will be refused, or (with --strict) a change disrupts; 2 bad usage, a path that does not exist, a stack in one\n" +
      "folder only that is not declared, or a file that is not a plan or preview.",
  };
}

/** Runs a review command; returns its exit code. */
export function runReview(command: ReviewCommand, argv: string[], output: CommandOutput = process): number {
  const parsed = commandLineOrExit(reviewCommandLine(command), argv, output);
  if (typeof parsed === "number") return parsed;
  try {
    const { diffs, comment } = command.compare(parsed.positionals, parsed.values);
    output.stdout.write(`${renderComment(diffs, comment)}\n`);
    const judged = (verdict: Parameters<typeof changesJudged>[1]) => diffs.flatMap((d) => changesJudged(d, verdict));
    const possibly = (changes: ResourceChange[]) => {
      const n = changes.filter((c) => c.possible).length;
      return n > 0 ? ` (${n} possibly)` : "";
    };
    const failures: string[] = [];
    const losses = judged("data loss");
    if (losses.length > 0 && parsed.values["allow-data-loss"] !== true) {
      failures.push(
        `${losses.length} change(s) would destroy data${possibly(losses)}; rerun with --allow-data-loss once reviewed`,
      );
    }
    const refused = judged("refused");
    if (refused.length > 0) {
      failures.push(`${refused.length} update(s) will be refused; change the stack as the comment says`);
    }
    const disruptions = judged("disruption");
    if (disruptions.length > 0 && parsed.values["strict"] === true) {
      failures.push(`${disruptions.length} change(s) disrupt what runs${possibly(disruptions)} (--strict)`);
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
