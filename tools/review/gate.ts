/**
 * The shared shape of the review commands: parse arguments, compare, print the comment, and exit
 * 1 on data loss, certain or possible (unless --allow-data-loss), or 2 on bad input.
 */
import { commandLineOrExit, type CommandLineSpec, type CommandOutput, type OptionSpec } from "../commandLine.ts";
import { renderComment, type CommentOptions } from "./markdown.ts";
import { dataLossChanges, type StackDiff } from "./planDiff.ts";
import { ReviewInputError } from "./planFile.ts";

/** One review command. */
export interface ReviewCommand {
  /** The npm script, e.g. `plan:diff`; messages start with it. */
  name: string;
  /** What follows `npm run <name> --` in the usage line. */
  synopsis: string;
  /** What it does, for `--help`. */
  summary: string;
  /** Options besides --allow-data-loss. */
  options: Readonly<Record<string, OptionSpec>>;
  /** The positional arguments it takes, e.g. `["<base>", "<head>"]`. */
  positionals: readonly string[];
  /** Compares what the arguments name. */
  compare(positionals: string[], values: Record<string, unknown>): { diffs: StackDiff[]; comment: CommentOptions };
}

const ALLOW_DATA_LOSS: OptionSpec = {
  type: "boolean",
  help: "exit 0 even when a change would destroy data (once it is reviewed)",
};

/** The command line of a review command. */
export function reviewCommandLine(command: ReviewCommand): CommandLineSpec {
  return {
    name: command.name,
    synopsis: command.synopsis,
    summary: command.summary,
    positionals: command.positionals,
    options: { ...command.options, "allow-data-loss": ALLOW_DATA_LOSS },
    exits:
      "Exit: 0 no data loss (or --allow-data-loss), 1 a change would or could destroy data, 2 bad usage, a path that does\n" +
      "not exist, a stack in one folder only that is not declared, or a file that is not a plan or preview.",
  };
}

/** Runs a review command; returns its exit code. */
export function runReview(command: ReviewCommand, argv: string[], output: CommandOutput = process): number {
  const parsed = commandLineOrExit(reviewCommandLine(command), argv, output);
  if (typeof parsed === "number") return parsed;
  try {
    const { diffs, comment } = command.compare(parsed.positionals, parsed.values);
    output.stdout.write(`${renderComment(diffs, comment)}\n`);
    const losses = diffs.flatMap(dataLossChanges);
    if (losses.length > 0 && parsed.values["allow-data-loss"] !== true) {
      const possibly = losses.filter((c) => c.possible).length;
      output.stderr.write(
        `${command.name}: ${losses.length} change(s) would destroy data${possibly > 0 ? ` (${possibly} possibly)` : ""}; rerun with --allow-data-loss once reviewed\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ReviewInputError) {
      output.stderr.write(`${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
