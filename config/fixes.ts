/**
 * The `pulumi config` command that fixes each problem of a stack's configuration, as the Fix line
 * of a `ConfigError` shows it: a misspelt or renamed key removed and its value set at the right
 * key, the second of two clashing keys (or a key that does not apply, "…; remove it") removed, a plaintext secret stored encrypted or moved to
 * `secretEnv`, any other value set again.
 */
import { isUnknownKeyMessage, renamedTo, suggestedKey } from "./builders.ts";
import { stackConfigSchema } from "./schema.ts";
import { PLAINTEXT_KUBECONFIG } from "./secrets.ts";

/** The parts of valibot's schema objects the walk below reads. */
interface SchemaNode {
  type: string;
  wrapped?: SchemaNode;
  pipe?: SchemaNode[];
  entries?: Record<string, SchemaNode>;
  item?: SchemaNode;
  value?: SchemaNode;
}

/** The schema an `optional` or a `pipe` of the builders stands for. */
function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.wrapped) return unwrap(node.wrapped);
  return node?.pipe?.find((inner) => ["loose_object", "object", "array", "record"].includes(inner.type)) ?? node;
}

/** Whether the schema takes a list at `path` (`storageClasses`, `workloads[0].args`). */
function takesList(path: string): boolean {
  let node = unwrap(stackConfigSchema as unknown as SchemaNode);
  for (const part of path.match(/[^.[\]]+/g) ?? [])
    node = unwrap(/^\d+$/.test(part) ? node?.item : (node?.entries?.[part] ?? node?.value));
  return node?.type === "array";
}

/** A key as `pulumi config` takes it: `--path '…'` when it is nested. */
export function keyArg(key: string): string {
  return /[.[]/.test(key) ? `--path '${key}'` : key;
}

/** A value as one shell word, quoted when it needs to be. */
export function shellWord(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Most `pulumi config set` commands one fix line spells out; a larger value is moved in the file. */
const MAX_SETS = 4;

/** The leaves of a value, by path suffix (`.cpu`, `[0]`), and their scalar values. */
function leaves(value: unknown, suffix = ""): [string, string | number | boolean][] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [[suffix, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${suffix}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, /^[A-Za-z_][\w-]*$/.test(k) ? `${suffix}.${k}` : `${suffix}[${JSON.stringify(k)}]`),
    );
  return [];
}

/**
 * The commands that set `value` at `key`, one per leaf (`--path` makes "true", "false" and whole
 * numbers typed, so such a string is set with `--type string`); undefined when the value has no
 * leaf or more than {@link MAX_SETS}.
 */
export function setCommands(key: string, value: unknown): string[] | undefined {
  const all = leaves(value);
  if (all.length === 0 || all.length > MAX_SETS) return undefined;
  return all.map(([suffix, leaf]) => {
    const at = `${key}${suffix}`;
    const typed = typeof leaf === "string" && /[.[]/.test(at) && /^(-?\d+|true|false)$/.test(leaf);
    return `pulumi config set ${keyArg(at)}${typed ? " --type string" : ""} ${shellWord(String(leaf))}`;
  });
}

/** The secret variable a workload's plaintext-secret message moves the value to, and the argument it suggests. */
const ENV_SECRET = /^a secret in plaintext; move it to secretEnv\.(\w+) /;
const ARG_SECRET = /secretEnv\.(\w+) with generate: true\) and pass "(.*)", which Kubernetes expands/;

/**
 * The `pulumi config` command that fixes a plaintext secret at `path` (a key path without the
 * namespace), or undefined when the message is not about one.
 * @param at Renders a key for the command line (`--path '…'` when nested).
 */
function secretFix(path: string, message: string, at: (key: string) => string): string | undefined {
  if (message === PLAINTEXT_KUBECONFIG) return `pulumi config set --secret ${at(path)} < <kubeconfig file>`;
  const workload = path.replace(/\.(env\.\w+|args\[\d+\])$/, "");
  const env = ENV_SECRET.exec(message);
  if (env)
    return `pulumi config rm ${at(path)} && pulumi config set ${at(`${workload}.secretEnv.${env[1]}.generate`)} true`;
  const arg = ARG_SECRET.exec(message);
  if (arg)
    return `pulumi config set ${at(path)} ${shellWord(arg[2]!)} && pulumi config set ${at(`${workload}.secretEnv.${arg[1]}.generate`)} true`;
  return undefined;
}

/**
 * `key` moved to `to` with `value`: remove it, then set the value at the right key; undefined when
 * the value is too large to set in one line, where removing the key alone would lose it.
 */
function moveCommand(path: string, to: string, value: unknown): string | undefined {
  const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  const sets = leaves(value).length === 0 ? [] : setCommands(scalar && takesList(to) ? `${to}[0]` : to, value);
  return sets === undefined ? undefined : [`pulumi config rm ${keyArg(path)}`, ...sets].join(" && ");
}

/** The key a misspelt or renamed key's message moves its value to, and the value it takes there. */
function movedTo(path: string, value: unknown, message: string): { to: string; value: unknown } | undefined {
  const renamed = renamedTo(message);
  if (renamed !== undefined) return { to: path.replace(/[^.[\]]+$/, renamed.key), value: renamed.value };
  const suggested = suggestedKey(message);
  if (suggested !== undefined) return { to: path.replace(/[^.[\]]+$/, suggested), value };
  return undefined;
}

/**
 * The `pulumi config` command that fixes the problem at `path` (a key path without the namespace)
 * whose value is `value`; undefined when only an edit of the stack file can (a misspelt key whose
 * value is too large to set again in one line).
 */
export function fixCommand(path: string, value: unknown, message: string): string | undefined {
  const secret = secretFix(path, message, keyArg);
  if (secret !== undefined) return secret;
  const moved = movedTo(path, value, message);
  if (moved !== undefined) return moveCommand(path, moved.to, moved.value);
  if (isUnknownKeyMessage(message) || message.endsWith(", not both") || message.endsWith("; remove it"))
    return `pulumi config rm ${keyArg(path)}`;
  return `pulumi config set ${keyArg(path)} <value>`;
}

/** The Fix line of the problem at `path` in `file`: the command, or the edit when no command fits. */
export function fixLine(file: string, path: string, value: unknown, message: string): string {
  const command = fixCommand(path, value, message);
  if (command !== undefined) return `edit ${file}, or run \`${command}\``;
  const to = movedTo(path, value, message)?.to ?? path;
  const key = (at: string) => at.replace(/^.*[.\]]/, "");
  return `in ${file}, rename the key "${key(path)}" to "${key(to)}", keeping its value`;
}
