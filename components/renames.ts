/**
 * Renaming an entry of the arguments (a static volume) without deleting what it made: the entry
 * carries its previous name in `renamedFrom`, and every resource whose Pulumi name derives from the
 * entry's name is registered with an alias naming its old resource name, so Pulumi moves the URN
 * instead of deleting and creating. Objects whose own (physical) name derives from the entry's name
 * keep the old one, so no object is replaced either.
 */
import type * as pulumi from "@pulumi/pulumi";
import { problem, type Problem } from "./problems.ts";

/** An entry that may have been renamed. */
export interface Renamable {
  /** The entry's name. */
  name: string;
  /**
   * The entry's previous name: its resources are taken over under aliases and its objects keep the
   * names they were created with (the previous name), so renaming the entry deletes nothing.
   * Keep it after the renamed stack is deployed: the objects stay named after it, and removing it
   * would give them the new name, which replaces them like a rename without it.
   * @default not renamed
   */
  renamedFrom?: string;
}

/**
 * The resource name `name` had before its entry was renamed: `name` ends with the entry's name
 * (`<storage>-<entry>`), which `renamedFrom` replaces. `undefined` when the entry is not renamed.
 * @throws Error when `name` does not end with the entry's name (no old name can be derived).
 */
export function previousResourceName(name: string, entry: Renamable): string | undefined {
  if (entry.renamedFrom === undefined) return undefined;
  if (!name.endsWith(entry.name)) {
    throw new Error(
      `"${name}": a resource of a renamed entry must be named ending with the entry's name "${entry.name}", so that its previous name can be derived`,
    );
  }
  return name.slice(0, name.length - entry.name.length) + entry.renamedFrom;
}

/**
 * The alias of a resource named `<previous><suffix>` before the rename (same parent and type), as
 * resource options; none when `previous` is `undefined`.
 */
export function renameAlias(previous: string | undefined, suffix = ""): { aliases?: pulumi.Alias[] } {
  return previous === undefined ? {} : { aliases: [{ name: `${previous}${suffix}` }] };
}

/**
 * A component's options with the alias of its name before the rename added to the caller's own
 * aliases; the options unchanged when `previous` is `undefined`.
 */
export function withRenameAlias<T extends pulumi.ResourceOptions>(
  opts: T | undefined,
  previous: string | undefined,
): T {
  if (previous === undefined) return { ...opts } as T;
  return { ...opts, aliases: [...(opts?.aliases ?? []), { name: previous }] } as T;
}

/**
 * The check of the `renamedFrom` of a list's entries (paths relative to the list's holder, `at(i)`
 * the entry's path): a previous name is a valid name by the entry's own rule (`nameRule`), differs
 * from the entry's name, and is no other entry's name or previous name (its resources would be taken
 * over twice).
 */
export function renamedFromProblems(
  entries: readonly { name?: unknown; renamedFrom?: unknown }[],
  at: (index: number) => readonly PropertyKey[],
  nameRule: (path: readonly PropertyKey[], value: unknown) => Problem[],
  what: string,
): Problem[] {
  const names = entries.map((e) => e.name);
  const taken = new Map<unknown, number>();
  return entries.flatMap((entry, i): Problem[] => {
    const previous = entry.renamedFrom;
    if (previous === undefined) return [];
    const path = [...at(i), "renamedFrom"];
    const invalid = nameRule(path, previous);
    if (invalid.length > 0) return invalid;
    if (previous === entry.name)
      return [
        problem(
          path,
          previous,
          `is the ${what}'s own name; remove renamedFrom, or set it to the name the ${what} had before`,
        ),
      ];
    const other = names.indexOf(previous);
    if (other >= 0)
      return [
        {
          ...problem(
            path,
            previous,
            `is the name of another ${what}, whose resources would be taken over twice; renamedFrom is the name this ${what} had before, remove it or rename the other ${what}`,
          ),
          related: [...at(other), "name"],
        },
      ];
    const earlier = taken.get(previous);
    taken.set(previous, i);
    if (earlier !== undefined)
      return [
        {
          ...problem(
            path,
            previous,
            `is already the previous name of another ${what}; only one ${what} can take over its resources`,
          ),
          related: [...at(earlier), "renamedFrom"],
        },
      ];
    return [];
  });
}
