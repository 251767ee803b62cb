/**
 * How `npm test` runs its steps: lanes side by side, the steps of a lane one after another, and
 * every step to its end even when one before it failed, so a type error never hides what lint or
 * the format check would say. Each step's output is printed whole when it ends; a summary with one
 * line per step closes the run.
 */
import { spawn } from "node:child_process";
import * as os from "node:os";

/** One command of `npm test`, run by this Node binary. */
export interface Step {
  name: string;
  /** Arguments to `node`: the script and its own arguments. */
  args: string[];
  /**
   * The process's scheduling priority (`os.setPriority`: 0 normal, up to 19 the lowest), which its
   * threads and children inherit. @default 0
   */
  priority?: number;
}

/** What one step did. */
export interface StepResult {
  name: string;
  /** The process's exit code; `null` when a signal ended it. */
  exitCode: number | null;
  seconds: number;
  /** Its standard output and error, interleaved as written. */
  output: string;
}

/** Runs one step to its end. */
export type RunStep = (step: Step) => Promise<StepResult>;

/** Runs `step` with this Node binary, colours off, capturing everything it prints. */
export function spawnStep(step: Step): Promise<StepResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    if (step.priority !== undefined && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, step.priority);
      } catch {
        // Not allowed here: the step runs at normal priority.
      }
    }
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("close", (code) => {
      resolve({
        name: step.name,
        exitCode: code,
        seconds: (Date.now() - started) / 1000,
        output: Buffer.concat(chunks).toString("utf8"),
      });
    });
  });
}

/** `ok`, or how the step failed. */
export function verdict(result: StepResult): string {
  return result.exitCode === 0 ? "ok" : `failed, ${result.exitCode === null ? "killed" : `exit ${result.exitCode}`}`;
}

/** A step's heading followed by its whole output. */
export function stepReport(result: StepResult): string {
  const output = result.output.length === 0 || result.output.endsWith("\n") ? result.output : `${result.output}\n`;
  return `\n── ${result.name} (${result.seconds.toFixed(1)} s): ${verdict(result)}\n${output}`;
}

/**
 * Runs the lanes side by side and every step of each lane in turn, whatever the steps before it
 * did; `write` gets each step's report as the step ends. Resolves to the results in the order the
 * steps are listed.
 */
export async function runLanes(
  lanes: readonly (readonly Step[])[],
  runStep: RunStep,
  write: (text: string) => void,
): Promise<StepResult[]> {
  const perLane = await Promise.all(
    lanes.map(async (steps) => {
      const results: StepResult[] = [];
      for (const step of steps) {
        const result = await runStep(step);
        write(stepReport(result));
        results.push(result);
      }
      return results;
    }),
  );
  return perLane.flat();
}

/** Test counts from mocha's spec reporter summary (`N passing`, `N failing`). */
export function mochaCounts(output: string): { passed: number; failed: number } {
  return {
    passed: Number(/(\d+) passing/.exec(output)?.[1] ?? 0),
    failed: Number(/(\d+) failing/.exec(output)?.[1] ?? 0),
  };
}

/**
 * The closing lines: one per step, the verdict of the run with its wall time, and the test counts
 * as `N passed, N failed` (CI reads that line).
 */
export function summary(
  results: readonly StepResult[],
  seconds: number,
  counts: { passed: number; failed: number },
): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const failed = results.filter((r) => r.exitCode !== 0).map((r) => r.name);
  return [
    "",
    "Summary:",
    ...results.map((r) => `  ${r.name.padEnd(width)}  ${verdict(r).padEnd(14)}  ${r.seconds.toFixed(1)} s`),
    `npm test: ${failed.length === 0 ? "passed" : `FAILED (${failed.join(", ")})`} in ${seconds.toFixed(1)} s`,
    `${counts.passed} passed, ${counts.failed} failed`,
    "",
  ].join("\n");
}
