/**
 * The order `npm test` hands mocha its test files: longest first, by how long each took in the
 * previous run, so the two workers end close together instead of one running a long file alone at
 * the end (mocha's parallel mode hands out files in the order it is given them). A file with no
 * recorded time (new, renamed, or a first run) comes first: it may be long. Each mocha worker
 * records its files' times (tests/support/durations.ts) in a file of its own; the runner merges
 * them after the run.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The tests' cache directory: the recordings' disk cache (tests/support/cacheSetup.ts) and the
 * files' durations are kept there, beside Prettier's cache.
 */
export const TEST_CACHE_DIR = path.resolve(
  import.meta.dirname,
  "..",
  "..",
  "node_modules",
  ".cache",
  "stateful-stack-tests",
);

/** Seconds each test file took, by its path relative to the repository root. */
export type Durations = Record<string, number>;

/** The files in the order to run them: unknown first (in path order), then longest first. */
export function orderByDuration(files: readonly string[], durations: Durations): string[] {
  const time = (file: string) => durations[file] ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => time(b) - time(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The merged durations file in `dir`, or no durations when it is missing or unreadable. */
export function readDurations(dir: string): Durations {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, "durations.json"), "utf8")) as unknown;
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
    );
  } catch {
    return {};
  }
}

/**
 * Merges what the workers of a run recorded (`durations-<pid>.jsonl` in `dir`, one
 * `{"file", "seconds"}` line per file) over the earlier durations, writes `durations.json` and
 * removes the workers' files. Files no longer in `files` are dropped.
 */
export function mergeDurations(dir: string, files: readonly string[]): Durations {
  const merged = readDurations(dir);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).filter((e) => /^durations-\d+\.jsonl$/.test(e));
  } catch {
    return merged;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry);
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        const { file: test, seconds } = JSON.parse(line) as { file?: unknown; seconds?: unknown };
        if (typeof test === "string" && typeof seconds === "number") merged[test] = seconds;
      } catch {
        // A line cut short by a killed worker.
      }
    }
    fs.rmSync(file, { force: true });
  }
  const kept = Object.fromEntries(files.filter((f) => merged[f] !== undefined).map((f) => [f, merged[f] as number]));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "durations.json"), `${JSON.stringify(kept, null, 2)}\n`);
  return kept;
}
