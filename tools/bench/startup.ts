/**
 * Section (f) of `npm run bench`: start-up of one tool entry under each way of caching the work
 * Node does before the first line runs (type stripping and V8 compilation), cold and warm, for
 * each Node binary named with `--node`. See docs/loader.md.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { measure, type Command, type Measurement } from "./measure.ts";

/** One way of starting the entry. */
export interface StartupVariant {
  label: string;
  /** Node options placed before the entry, e.g. `["--import", "<file>"]`. */
  nodeArgs: string[];
  /** Environment besides the cache directories. */
  env: Record<string, string>;
  /** Environment variables that name a cache directory, emptied before every cold run. */
  caches: string[];
}

/** Median start-up of one variant under one Node binary. */
export interface StartupFigures {
  variant: StartupVariant;
  cold: Measurement;
  warm: Measurement;
}

/** The version a Node binary reports, e.g. `v24.22.3`. */
export function nodeVersion(node: string): string {
  const result = spawnSync(node, ["--version"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${node} --version failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Times `entry` under `node` for every variant, cold (its caches emptied before each run) and
 * warm (its caches filled by one run before the rounds start), all interleaved in each round.
 */
export function measureStartup(
  node: string,
  entry: string[],
  variants: readonly StartupVariant[],
  rounds: number,
): StartupFigures[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-stack-bench-startup-"));
  const commands = variants.flatMap((variant, v): Command[] =>
    (["cold", "warm"] as const).map((state) => {
      const dirs = Object.fromEntries(variant.caches.map((name) => [name, path.join(scratch, `${v}-${state}`, name)]));
      return {
        label: `${variant.label}, ${state}`,
        argv: [node, ...variant.nodeArgs, ...entry],
        env: { ...variant.env, ...dirs },
        emptied: state === "cold" ? Object.values(dirs) : [],
      };
    }),
  );
  // Fill the warm caches once, so that every timed warm run finds them filled.
  measure(
    commands.filter((c) => c.emptied?.length === 0),
    1,
  );
  const results = measure(commands, rounds);
  fs.rmSync(scratch, { recursive: true, force: true });
  return variants.map((variant, v) => ({
    variant,
    cold: results[2 * v] as Measurement,
    warm: results[2 * v + 1] as Measurement,
  }));
}

/**
 * The figures as a table, wall time and CPU time (user + system) of each run; ratios are to the
 * first variant's time in the same column.
 */
export function startupTable(figures: readonly StartupFigures[]): string {
  const base = figures[0];
  if (!base) return "";
  const width = Math.max(...figures.map((f) => f.variant.label.length));
  const cell = (seconds: number, baseline: number) => `${seconds.toFixed(3)} s ${(seconds / baseline).toFixed(2)}×`;
  const columns = (m: Measurement, b: Measurement) =>
    `${cell(m.seconds, b.seconds)}  ${cell(m.cpuSeconds, b.cpuSeconds)}`;
  const heading = (state: string) => `${`${state}: wall`.padEnd(15)}  ${"cpu".padEnd(13)}`;
  return [
    `  ${"".padEnd(width)}  ${heading("cold")}  ${heading("warm")}`,
    ...figures.map(
      (f) => `  ${f.variant.label.padEnd(width)}  ${columns(f.cold, base.cold)}  ${columns(f.warm, base.warm)}`,
    ),
  ].join("\n");
}
