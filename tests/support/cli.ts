/**
 * Running the tools' commands in tests: in-process through the function each entry point calls,
 * with the output captured, or (one smoke test per entry point) in a child Node process.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { CommandOutput } from "../../tools/plan/command.ts";

/**
 * Budget of a test that starts Node processes, and of each process it starts. A start-up that takes
 * 1–2 s on an idle machine takes many times that on a loaded 2-core one; minutes never trip on a
 * slow machine, and a process that hangs is still killed.
 */
export const SUBPROCESS_BUDGET_MS = 300_000;

/**
 * Runs `node <args>`, with `env` added to this process's environment; rejects with the exit `code`,
 * `stdout` and `stderr` when it exits non-zero.
 */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, args, {
    env: { ...process.env, ...env },
    timeout: SUBPROCESS_BUDGET_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** An output for a command run in-process, and what was written to it. */
export function captured(): { output: CommandOutput; text: { stdout: string; stderr: string } } {
  const text = { stdout: "", stderr: "" };
  return {
    text,
    output: {
      stdout: { write: (chunk: string) => (text.stdout += chunk) },
      stderr: { write: (chunk: string) => (text.stderr += chunk) },
    },
  };
}
