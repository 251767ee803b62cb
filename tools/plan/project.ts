/**
 * Reads `Pulumi.yaml` and `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI does before it runs
 * the program: project config defaults applied, required keys and declared types checked, values
 * turned into the strings the program receives. Secure values cannot be decrypted offline: they
 * become a placeholder marked secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load, YAMLException } from "js-yaml";

/** Placeholder for a `secure:` value, which only the Pulumi CLI can decrypt. */
export const SECRET_PLACEHOLDER = "offline-secret-placeholder";

/**
 * A project configuration key (`config:` in Pulumi.yaml): a declaration of one of the project's own
 * keys (type, default), or the value of another namespace's key (`aws:region`,
 * `pulumi:disable-default-providers`), which takes only `value` (pulumi/pulumi:
 * sdk/go/common/workspace/project.go, `Project.Validate` and `RewriteShorthandConfigValues`).
 */
export interface ConfigDeclaration {
  type?: string;
  items?: { type: string };
  default?: unknown;
  value?: unknown;
  description?: string;
}

/** True when `key` belongs to the project (no namespace, or the project's own). */
function isProjectKey(projectName: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${projectName}:`);
}

/**
 * The declarations of Pulumi.yaml's `config:` with the CLI's shorthand expanded: a plain value (or
 * list) is the default of a project key and the value of any other key.
 */
function configDeclarations(projectName: string, config: Record<string, unknown>): Record<string, ConfigDeclaration> {
  const declarations: Record<string, ConfigDeclaration> = {};
  for (const [key, raw] of Object.entries(config)) {
    if (isRecord(raw)) declarations[key] = raw;
    else declarations[key] = isProjectKey(projectName, key) ? { default: raw } : { value: raw };
  }
  return declarations;
}

/** The parts of Pulumi.yaml the offline tools use. */
export interface Project {
  name: string;
  root: string;
  main: string;
  stackConfigDir: string;
  config: Record<string, ConfigDeclaration>;
}

/** A stack's configuration, ready for the recorder. */
export interface StackSettings {
  stack: string;
  file: string;
  /** Values by full key, as the program receives them. */
  config: Record<string, string>;
  secretKeys: string[];
}

/** A problem with the project file or a stack file, or an unknown stack. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

function readYaml(file: string): unknown {
  try {
    return load(fs.readFileSync(file, "utf8"), { filename: file });
  } catch (error) {
    if (error instanceof YAMLException) throw new StackFileError(`${file} is not valid YAML: ${error.message}`);
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Loads Pulumi.yaml from `root`. */
export function loadProject(root: string): Project {
  const file = path.join(root, "Pulumi.yaml");
  const doc = readYaml(file);
  if (!isRecord(doc) || typeof doc["name"] !== "string") throw new StackFileError(`${file} has no project name`);
  const config = isRecord(doc["config"]) ? configDeclarations(doc["name"], doc["config"]) : {};
  return {
    name: doc["name"],
    root,
    main: typeof doc["main"] === "string" ? doc["main"] : "index.ts",
    stackConfigDir: typeof doc["stackConfigDir"] === "string" ? doc["stackConfigDir"] : ".",
    config,
  };
}

/** Names of the stacks that have a file in the project's stack directory, sorted. */
export function listStacks(project: Project): string[] {
  const dir = path.join(project.root, project.stackConfigDir);
  return fs
    .readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function hasSecure(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasSecure);
  if (!isRecord(value)) return false;
  return "secure" in value && Object.keys(value).length === 1 ? true : Object.values(value).some(hasSecure);
}

function replaceSecure(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceSecure);
  if (!isRecord(value)) return value;
  if ("secure" in value && Object.keys(value).length === 1) return SECRET_PLACEHOLDER;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecure(v)]));
}

function toConfigString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function matchesType(value: unknown, decl: ConfigDeclaration): boolean {
  switch (decl.type) {
    case undefined:
      return true;
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^-?[0-9]+$/.test(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "array":
      return Array.isArray(value) && value.every((item) => matchesType(item, decl.items ?? {}));
    default:
      return false;
  }
}

/**
 * Loads one stack's configuration with the project's defaults applied and its declared types checked.
 * @throws StackFileError for an unknown stack (listing the stacks that exist) or a bad stack file.
 */
export function loadStack(project: Project, stack: string): StackSettings {
  const stacks = listStacks(project);
  const file = path.join(project.root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!stacks.includes(stack) || !fs.existsSync(file)) {
    throw new StackFileError(
      `no stack "${stack}": there is no ${path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`)}. Stacks: ${stacks.join(", ") || "none"}`,
    );
  }
  const doc = readYaml(file);
  if (!isRecord(doc) || !isRecord(doc["config"])) {
    throw new StackFileError(`${file} must be a mapping with a "config:" mapping of keys to values`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(doc["config"])) {
    const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
    if (hasSecure(value)) secretKeys.push(key);
    values[key] = replaceSecure(value);
  }
  const missing: string[] = [];
  for (const [name, decl] of Object.entries(project.config)) {
    const key = name.includes(":") ? name : `${project.name}:${name}`;
    if (!isProjectKey(project.name, name)) {
      // Another namespace's key: the project's value applies unless the stack sets its own.
      if (!(key in values)) values[key] = decl.value;
      continue;
    }
    if (!(key in values)) {
      if (decl.default === undefined) missing.push(name);
      else values[key] = decl.default;
      continue;
    }
    if (!secretKeys.includes(key) && !matchesType(values[key], decl)) {
      const type = decl.type === "array" ? `array<${decl.items?.type ?? "any"}>` : String(decl.type);
      throw new StackFileError(`Stack '${stack}' with configuration key '${name}' must be of type '${type}' (${file})`);
    }
  }
  if (missing.length > 0) {
    throw new StackFileError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")} (${file})`,
    );
  }
  for (const [key, value] of Object.entries(values)) config[key] = toConfigString(value);
  return { stack, file, config, secretKeys };
}
