/**
 * The stacks the invariant and contract tests check: every shipped stack in `stacks/` and every
 * every-option configuration in `tests/fixtures/stacks/` (which no one deploys, and which turn on
 * every option of their kind of cluster).
 */
import * as path from "node:path";
import { listStacks, loadProject, loadStack, type Project, type StackSettings } from "../../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../../tools/recorder/program.ts";
import type { Recording } from "../../tools/recorder/record.ts";

/** Where the every-option stack files are, relative to the project root. */
export const EVERY_OPTION_DIR = path.join("tests", "fixtures", "stacks");

/** One stack a test checks. */
export interface StackUnderTest {
  /** The stack's name (its file is `Pulumi.<name>.yaml`). */
  name: string;
  /** The folder of its file, relative to the project root. */
  stackConfigDir: string;
  /** True for an every-option configuration, false for a shipped stack. */
  fixture: boolean;
  /** The project, with `stackConfigDir` pointing at the stack's folder. */
  project: Project;
  /** The stack's configuration as the engine hands it to the program. */
  settings: StackSettings;
}

function stacksIn(stackConfigDir: string, fixture: boolean): StackUnderTest[] {
  const project = { ...loadProject(PROJECT_ROOT), stackConfigDir };
  return listStacks(project).map((name) => ({
    name,
    stackConfigDir,
    fixture,
    project,
    settings: loadStack(project, name),
  }));
}

/** The shipped stacks. */
export const SHIPPED_STACKS = stacksIn(loadProject(PROJECT_ROOT).stackConfigDir, false);
/** The every-option configurations. */
export const EVERY_OPTION_STACKS = stacksIn(EVERY_OPTION_DIR, true);
/** Shipped stacks, then every-option configurations. */
export const STACKS_UNDER_TEST = [...SHIPPED_STACKS, ...EVERY_OPTION_STACKS];

/** A `stateful-stack:` key of the stack, parsed as the program parses it (`undefined` when unset). */
export function stackValue(stack: StackUnderTest, key: string): unknown {
  const text = stack.settings.config[`${stack.project.name}:${key}`];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The stack's cloud: `existing`, `aks` or `eks`. */
export function cloudOf(stack: StackUnderTest): string {
  return String(stackValue(stack, "cloud"));
}

/** Records the program for the stack (as a first preview unless `preview` is false). */
export function recordUnderTest(stack: StackUnderTest, preview = true): Promise<Recording> {
  return recordStack(stack.name, preview, PROJECT_ROOT, stack.stackConfigDir);
}
