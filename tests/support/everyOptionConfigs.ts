/**
 * The every-option configurations as the program reads them, and copies with one value changed:
 * what the configuration tests generate bad values into.
 */
import { providerSettings, rawProjectConfig } from "../../config/load.ts";
import { EVERY_OPTION_STACKS } from "./stacksUnderTest.ts";

/** One every-option configuration: its raw `stateful-stack:` values, provider settings and secret keys. */
export interface LoadedConfig {
  name: string;
  raw: Record<string, unknown>;
  provider: ReturnType<typeof providerSettings>;
  secretKeys: string[];
}

/** Every every-option configuration, loaded. */
export const EVERY_OPTION_CONFIGS: LoadedConfig[] = EVERY_OPTION_STACKS.map((stack) => ({
  name: stack.name,
  raw: rawProjectConfig(stack.settings.config),
  provider: providerSettings(stack.settings.config),
  secretKeys: stack.settings.secretKeys,
}));

/** A path into a configuration: keys and list indices. */
export type ConfigPath = (string | number)[];

/** A copy of `raw` with `value` at `path` (missing objects on the way created). */
export function withValue(raw: Record<string, unknown>, path: ConfigPath, value: unknown): Record<string, unknown> {
  const copy = structuredClone(raw);
  let at = copy as Record<PropertyKey, unknown>;
  for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<PropertyKey, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}
