/**
 * A shipped stack's configuration, for tests to vary: as raw values for `validateStackConfig`, or
 * recorded whole with some keys replaced.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import type { ProviderSettings } from "../../config/schema.ts";
import { loadProject, loadStack } from "../../tools/plan/project.ts";
import { PROJECT_ROOT, recordProgram } from "../../tools/recorder/program.ts";
import type { Recording } from "../../tools/recorder/record.ts";

const PREFIX = "stateful-stack:";

/** The stack file's `stateful-stack:` keys without the prefix, and its provider settings. */
export function stackRaw(stack: string): { raw: Record<string, unknown>; provider: ProviderSettings } {
  const file = path.join(PROJECT_ROOT, "stacks", `Pulumi.${stack}.yaml`);
  const doc = load(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config)) {
    if (key.startsWith(PREFIX)) raw[key.slice(PREFIX.length)] = value;
  }
  const provider: ProviderSettings = {};
  const region = doc.config["aws:region"];
  const location = doc.config["azure-native:location"];
  if (typeof region === "string") provider.awsRegion = region;
  if (typeof location === "string") provider.azureLocation = location;
  return { raw, provider };
}

/** Records the program for `stack` with the project's keys in `overrides` replaced (values as in the stack file). */
export function recordStackWith(stack: string, overrides: Record<string, unknown>): Promise<Recording> {
  const project = loadProject(PROJECT_ROOT);
  const settings = loadStack(project, stack);
  const config = { ...settings.config };
  for (const [key, value] of Object.entries(overrides)) {
    config[`${PREFIX}${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return recordProgram(project, {
    project: project.name,
    stack,
    config,
    secretKeys: settings.secretKeys,
  });
}
