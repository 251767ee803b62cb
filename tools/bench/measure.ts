/**
 * Side-by-side timing of commands: each round runs every command once, in turn, so machine noise
 * falls on all of them alike; medians are reported.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

/** A command to time. */
export interface Command {
  label: string;
  argv: string[];
  env?: Record<string, string>;
  /** Directories removed before every run of this command (to time it with cold caches). */
  emptied?: string[];
}

/** Median wall time and peak memory of one command. */
export interface Measurement {
  label: string;
  seconds: number;
  peakMB: number;
  /** Median CPU time (user + system) of the process: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  runs: number;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs each command `rounds` times, interleaved. Peak memory and CPU time come from GNU time when
 * installed (`/usr/bin/time`), else they are reported as 0.
 * @throws Error when a command fails.
 */
export function measure(commands: readonly Command[], rounds: number): Measurement[] {
  const times = commands.map(() => [] as number[]);
  const peaks = commands.map(() => [] as number[]);
  const cpus = commands.map(() => [] as number[]);
  const gnuTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
  for (let round = 0; round < rounds; round++) {
    commands.forEach((command, i) => {
      for (const dir of command.emptied ?? []) fs.rmSync(dir, { recursive: true, force: true });
      const argv = gnuTime ? ["/usr/bin/time", "-f", "peak-kb %M cpu %U %S", ...command.argv] : command.argv;
      const start = process.hrtime.bigint();
      const result = spawnSync(argv[0] as string, argv.slice(1), {
        env: { ...process.env, ...command.env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (result.status !== 0) {
        throw new Error(`${command.label} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
      }
      times[i]?.push(seconds);
      const peak = /peak-kb (\d+)/.exec(result.stderr)?.[1];
      peaks[i]?.push(peak ? Number(peak) / 1024 : 0);
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
      cpus[i]?.push(cpu ? Number(cpu[1]) + Number(cpu[2]) : 0);
    });
  }
  return commands.map((command, i) => ({
    label: command.label,
    seconds: median(times[i] ?? []),
    peakMB: median(peaks[i] ?? []),
    cpuSeconds: median(cpus[i] ?? []),
    runs: rounds,
  }));
}
