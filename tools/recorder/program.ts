/**
 * Records the project's own program (`index.ts`) for one stack: the same code `pulumi up` runs.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { loadProject, loadStack, type Project } from "../plan/project.ts";
import { record, type Recording } from "./record.ts";

/** The repository root (where Pulumi.yaml is). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

let runs = 0;

/**
 * Runs the program once, fresh: the entry module is evaluated anew on every call (its imports are
 * shared; they hold no state). Resolves to the module's exports, the stack outputs.
 */
export function runProgram(project: Project): Promise<unknown> {
  const entry = pathToFileURL(path.join(project.root, project.main));
  entry.searchParams.set("run", String(++runs));
  return import(entry.href) as Promise<unknown>;
}

/**
 * Records the program for `stack` with that stack's configuration.
 * @param preview run as a first `pulumi preview` (values known only after deployment stay unknown)
 * @param stackConfigDir where the stack file is, relative to `root`, when not the project's own
 *   `stackConfigDir` (e.g. test fixtures that no one deploys)
 */
export async function recordStack(
  stack: string,
  preview = true,
  root = PROJECT_ROOT,
  stackConfigDir?: string,
): Promise<Recording> {
  const loaded = loadProject(root);
  const project = stackConfigDir === undefined ? loaded : { ...loaded, stackConfigDir };
  const settings = loadStack(project, stack);
  return record(() => runProgram(project), {
    project: project.name,
    stack,
    config: settings.config,
    secretKeys: settings.secretKeys,
    preview,
  });
}
