/**
 * The shared shape of the review commands: parse arguments, compare, print the comment, and exit
 * 1 on data loss (unless --allow-data-loss) or 2 on bad input.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CommandOutput } from "../plan/command.ts";
import { renderComment, type CommentOptions } from "./markdown.ts";
import { dataLossChanges, type StackDiff } from "./planDiff.ts";
import { ReviewInputError } from "./planFile.ts";

/** One review command. */
export interface ReviewCommand {
  /** Name used in messages, e.g. `plan:diff`. */
  name: string;
  usage: string;
  /** Options besides --allow-data-loss. */
  options: NonNullable<ParseArgsConfig["options"]>;
  /** How many positional arguments it takes. */
  positionals: number;
  /** Compares what the arguments name. */
  compare(positionals: string[], values: Record<string, unknown>): { diffs: StackDiff[]; comment: CommentOptions };
}

/** Runs a review command; returns its exit code. */
export function runReview(command: ReviewCommand, argv: string[], output: CommandOutput = process): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...command.options, "allow-data-loss": { type: "boolean" } },
    });
  } catch (error) {
    output.stderr.write(`${(error as Error).message}\n${command.usage}\n`);
    return 2;
  }
  if (parsed.positionals.length !== command.positionals) {
    output.stderr.write(`${command.usage}\n`);
    return 2;
  }
  try {
    const { diffs, comment } = command.compare(parsed.positionals, parsed.values);
    output.stdout.write(`${renderComment(diffs, comment)}\n`);
    const losses = diffs.flatMap(dataLossChanges);
    if (losses.length > 0 && parsed.values["allow-data-loss"] !== true) {
      output.stderr.write(
        `${command.name}: ${losses.length} change(s) would destroy data; rerun with --allow-data-loss once reviewed\n`,
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
