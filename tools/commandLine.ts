/**
 * The tools' command lines (`plan`, `plan:diff`, `preview:check`, `bench`), read the same way:
 * `node:util` `parseArgs` splits the arguments, then every option is checked against the
 * command's declaration. `--help` prints the usage and every option (exit 0); anything else that is
 * wrong is refused in one line that names the option and what it takes (exit 2), before the tool
 * does anything.
 */
import { parseArgs } from "node:util";
import { closest } from "../config/builders.ts";

/** Exit code of a command line the tool cannot run. */
export const USAGE_EXIT = 2;

/** One option of a tool. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Repeatable (a string option): its values in order. */
  multiple?: boolean;
  default?: string | string[];
  /** What the value is, in the help and in messages: `<name>`. */
  value?: string;
  /** One line for `--help`. */
  help: string;
  /** Checks a string value: what the option takes when the value is refused, else undefined. */
  check?: (value: string) => string | undefined;
}

/** The command line of one tool. */
export interface CommandLineSpec {
  /** The npm script, e.g. `plan`; every message starts with it. */
  name: string;
  /** What follows `npm run <name> --` in the usage line. */
  synopsis: string;
  /** What the tool does, for `--help`. */
  summary: string;
  /** The positional arguments it takes, e.g. `["<base>", "<head>"]` (exactly these many). */
  positionals?: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Exit codes, for `--help`. */
  exits: string;
}

/** The value of an option as the tool reads it. */
type ValueOf<O extends OptionSpec> = O["type"] extends "boolean"
  ? boolean | undefined
  : O["type"] extends "string"
    ? O["multiple"] extends true
      ? string[]
      : O["default"] extends string
        ? string
        : string | undefined
    : string | string[] | boolean | undefined;

/** What a command line holds: every option's value, and the positional arguments. */
export interface CommandLine<T extends Readonly<Record<string, OptionSpec>>> {
  values: { [K in keyof T]: ValueOf<T[K]> };
  positionals: string[];
}

/** A command line the tool cannot run; its message is the one line to print after the tool's name. */
export class UsageError extends Error {}

const HELP: OptionSpec = { type: "boolean", short: "h", help: "print this help and exit" };

function optionsOf(spec: CommandLineSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: HELP };
}

function shown(option: string, o: OptionSpec): string {
  return o.type === "string" ? `--${option} ${o.value ?? "<value>"}` : `--${option}`;
}

/**
 * Whether `--help` or `-h` is given as an option (before any `--`), not as the value of an option
 * that takes one: `--new --help` declares a stack named `--help` and is refused as such, never read
 * as a request for help that exits 0 (a stack file a pull request adds cannot turn a gate green).
 */
function asksForHelp(spec: CommandLineSpec, argv: readonly string[]): boolean {
  const options = Object.entries(optionsOf(spec));
  const takesValue = (arg: string) =>
    options.some(
      ([name, o]) => o.type === "string" && (arg === `--${name}` || (o.short !== undefined && arg === `-${o.short}`)),
    );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
    if (takesValue(arg)) i++;
  }
  return false;
}

/** The text `--help` prints. */
export function helpText(spec: CommandLineSpec): string {
  const options = Object.entries(optionsOf(spec));
  const left = options.map(([name, o]) => `${o.short ? `-${o.short}, ` : "    "}${shown(name, o)}`);
  const width = Math.max(...left.map((l) => l.length));
  const lines = options.map(([, o], i) => {
    const fallback = typeof o.default === "string" ? ` (default: ${o.default})` : "";
    return `  ${(left[i] as string).padEnd(width)}  ${o.help}${fallback}`;
  });
  return [`usage: npm run ${spec.name} -- ${spec.synopsis}`, "", spec.summary, "", "Options:", ...lines, "", spec.exits]
    .join("\n")
    .concat("\n");
}

/**
 * Reads `argv` as `spec` declares it.
 * @returns undefined when `--help` or `-h` was given (before any `--`).
 * @throws UsageError for an unknown option, a missing, empty or refused value, a value given to
 *   an option that takes none, an option given twice, or the wrong number of positional arguments.
 */
export function readCommandLine<S extends CommandLineSpec>(
  spec: S,
  argv: readonly string[],
): CommandLine<S["options"]> | undefined {
  if (asksForHelp(spec, argv)) return undefined;
  const options = optionsOf(spec);
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  const hint = `see npm run ${spec.name} -- --help`;
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const o = options[token.name];
    if (!o) {
      const longs = Object.keys(options).map((n) => `--${n}`);
      const near = token.rawName.startsWith("--") ? closest(token.rawName, longs) : undefined;
      throw new UsageError(
        `unknown option ${token.rawName}; ${near ? `did you mean ${near}? (${hint})` : `the options are ${longs.join(", ")}`}`,
      );
    }
    const name = `--${token.name}`;
    if (o.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value, not ${JSON.stringify(token.value)}`);
      continue;
    }
    const value = token.value;
    if (value === undefined || value === "")
      throw new UsageError(`${name} needs a value, as in ${shown(token.name, o)}`);
    if (!token.inlineValue && value.startsWith("-") && value !== "-") {
      throw new UsageError(`${name} needs a value before ${value}, as in ${shown(token.name, o)}`);
    }
    if (seen.has(token.name) && !o.multiple) throw new UsageError(`${name} is given twice; give it once`);
    seen.add(token.name);
    const refused = o.check?.(value);
    if (refused !== undefined) throw new UsageError(`${name} takes ${refused}, not ${JSON.stringify(value)}`);
  }
  const wanted = spec.positionals ?? [];
  if (positionals.length !== wanted.length) {
    if (wanted.length === 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; ${hint}`);
    throw new UsageError(
      `takes ${wanted.length} argument${wanted.length === 1 ? "" : "s"}, ${wanted.join(" ")}, not ${positionals.length}; ${hint}`,
    );
  }
  const withDefaults = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, values[name] ?? o.default ?? (o.multiple ? [] : undefined)]),
  );
  return { values: withDefaults as CommandLine<S["options"]>["values"], positionals };
}

/** Where a tool prints: `process`, or any pair of writers (a test's capture). */
export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Reads the command line and prints what ends the run before the tool starts: the help (exit 0)
 * on standard output, or the one-line refusal (exit 2) on standard error.
 * @returns the command line, or the exit code when the run ends here.
 */
export function commandLineOrExit<S extends CommandLineSpec>(
  spec: S,
  argv: readonly string[],
  output: CommandOutput,
): CommandLine<S["options"]> | number {
  try {
    const line = readCommandLine(spec, argv);
    if (line) return line;
    output.stdout.write(helpText(spec));
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.stderr.write(`${spec.name}: ${error.message}\n`);
    return USAGE_EXIT;
  }
}

/** A check for a whole number from `min` to `max`, written in digits. */
export function wholeNumber(min: number, max: number): (value: string) => string | undefined {
  return (value) =>
    /^(0|[1-9][0-9]*)$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `a whole number from ${min} to ${max}`;
}
