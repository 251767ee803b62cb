/**
 * Records a stack with changed configuration: what a pull request that edits a stack file would
 * plan. Used to review changes offline.
 */
import { loadProject, loadStack } from "../plan/project.ts";
import { PROJECT_ROOT, recordProgram } from "./program.ts";
import type { RecordOptions, Recording } from "./record.ts";

/** Configuration by full key, as the program receives it (objects as parsed JSON values). */
export type ConfigEdit = (config: Record<string, unknown>) => void;

/** What else to change about the run. */
export interface EditOptions {
  /** Further configuration keys to treat as secret (as if set with `pulumi config set --secret`). */
  secretKeys?: string[];
  /** Passed to the recorder: sees every registration, also of a run that fails. */
  onRegister?: RecordOptions["onRegister"];
  /** Record as a first preview (values known only after deployment stay unknown). @default true */
  preview?: boolean;
}

/** Records `stack` after `edit` has changed its configuration (values of object keys are parsed JSON). */
export async function recordEditedStack(
  stack: string,
  edit: ConfigEdit,
  options: EditOptions = {},
  root = PROJECT_ROOT,
): Promise<Recording> {
  const project = loadProject(root);
  const settings = loadStack(project, stack);
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(settings.config)) {
    values[key] = /^[[{]/.test(text) ? (JSON.parse(text) as unknown) : text;
  }
  edit(values);
  const config = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
  return recordProgram(project, {
    project: project.name,
    stack,
    config,
    secretKeys: [...settings.secretKeys, ...(options.secretKeys ?? [])],
    onRegister: options.onRegister,
    ...(options.preview === undefined ? {} : { preview: options.preview }),
  });
}
