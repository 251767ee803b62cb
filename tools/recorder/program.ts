/**
 * Records the project's own program (`index.ts`) for one stack: the same code `pulumi up` runs.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { loadProject, loadStack, type Project } from "../plan/project.ts";
import { readDiskCache, writeDiskCache } from "./diskCache.ts";
import { record, type RecordOptions, type Recording } from "./record.ts";

/** The repository root (where Pulumi.yaml is). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

let runs = 0;

/** How many times this process has run the project's program (a reused recording runs nothing). */
export function programRuns(): number {
  return runs;
}

/**
 * Runs the program once, fresh: the entry module is evaluated anew on every call (its imports are
 * shared; they hold no state). Resolves to the module's exports, the stack outputs.
 */
export function runProgram(project: Project): Promise<unknown> {
  const entry = pathToFileURL(path.join(project.root, project.main));
  entry.searchParams.set("run", String(++runs));
  return import(entry.href) as Promise<unknown>;
}

/** The disk cache's kind for recordings (./diskCache.ts: on in the tests only). */
const RECORDINGS = "recordings";

/** How many recordings of the project's program are kept for reuse. */
const KEPT_RECORDINGS = 24;
const kept = new Map<string, Promise<Recording>>();

/** Forgets the recordings this process kept (the disk cache, when on, still answers). */
export function forgetRecordings(): void {
  kept.clear();
}

/**
 * Records the project's own program. Its run is a function of the project and the options alone (the
 * program reads nothing but its configuration), so a run is made once per process for the same
 * project, stack, configuration, secret keys and mode, and each caller gets its own copy of the
 * recording (the last {@link KEPT_RECORDINGS} are kept). With the disk cache on (./diskCache.ts),
 * a recording another process made of the same sources is read instead of made again. A run with `onRegister` is always made
 * anew: its caller watches the registrations happen.
 */
export function recordProgram(project: Project, options: RecordOptions): Promise<Recording> {
  if (options.onRegister) return record(() => runProgram(project), options);
  const key = JSON.stringify([
    project.root,
    project.main,
    project.name,
    options.project,
    options.stack,
    options.preview ?? true,
    Object.entries(options.config ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    [...(options.secretKeys ?? [])].sort(),
  ]);
  let run = kept.get(key);
  if (run) kept.delete(key);
  else {
    const stored = readDiskCache<Recording>(project.root, RECORDINGS, key);
    run = stored
      ? Promise.resolve(stored)
      : record(() => runProgram(project), options).then((recording) => {
          writeDiskCache(project.root, RECORDINGS, key, recording);
          return recording;
        });
  }
  kept.set(key, run);
  if (kept.size > KEPT_RECORDINGS) kept.delete(kept.keys().next().value as string);
  return run.then((recording) => structuredClone(recording));
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
  return recordProgram(project, {
    project: project.name,
    stack,
    config: settings.config,
    secretKeys: settings.secretKeys,
    preview,
  });
}
