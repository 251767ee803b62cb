/**
 * Reads the stack's configuration from Pulumi and turns it into {@link PlatformArgs}. With
 * `index.ts`, this is the only code that reads configuration.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "./keys.ts";
import type { ProviderSettings, StackConfig } from "./schema.ts";
import { validateStackConfig } from "./validate.ts";

/** Parses one raw Pulumi configuration value: objects and arrays arrive as JSON text. */
export function parseConfigValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The raw values of this project's configuration keys, without the namespace prefix. */
export function rawProjectConfig(all: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = parseConfigValue(value);
  }
  return raw;
}

/**
 * The provider keys the program reads: the region, profile and assumed role of an EKS stack (keys of
 * `@pulumi/aws` 7.48.0 `config/vars.d.ts`), the location of an AKS stack.
 */
export function providerSettings(all: Record<string, string>): ProviderSettings {
  const settings: ProviderSettings = {};
  if (all["aws:region"] !== undefined) settings.awsRegion = all["aws:region"];
  if (all["aws:profile"] !== undefined) settings.awsProfile = all["aws:profile"];
  if (all["aws:assumeRoles"] !== undefined) settings.awsAssumeRoles = parseConfigValue(all["aws:assumeRoles"]);
  if (all["azure-native:location"] !== undefined) settings.azureLocation = all["azure-native:location"];
  return settings;
}

/** `isConfigSecret` of `@pulumi/pulumi` 3.270.0 `runtime/config.js`, which its typings leave out. */
function runtimeIsConfigSecret(): ((key: string) => boolean) | undefined {
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
  return typeof isSecret === "function" ? (isSecret as (key: string) => boolean) : undefined;
}

/**
 * The keys of `all` that the stack stores encrypted, as the engine tells the program: the
 * language host puts them in `PULUMI_CONFIG_SECRET_KEYS` (a JSON list of `project:key`,
 * pulumi/pulumi@v3.259.0:sdk/nodejs/cmd/pulumi-language-nodejs/main.go
 * `constructConfigSecretKeys`), which the runtime's `isConfigSecret` reads. Should a later SDK drop
 * that function, the variable is read directly; only with neither does every key count as
 * encrypted, so nothing is refused for want of them.
 */
export function secretConfigKeys(
  all: Record<string, string>,
  { isSecret, env }: { isSecret?: (key: string) => boolean; env: NodeJS.ProcessEnv } = {
    isSecret: runtimeIsConfigSecret(),
    env: process.env,
  },
): string[] {
  if (isSecret) return Object.keys(all).filter((key) => isSecret(key));
  const listed: unknown = JSON.parse(env["PULUMI_CONFIG_SECRET_KEYS"] ?? "null");
  if (!Array.isArray(listed)) return Object.keys(all);
  return Object.keys(all).filter((key) => listed.includes(key));
}

/**
 * Reads and validates the current stack's configuration. A `kubeconfig` value must be stored
 * encrypted, and is wrapped as a secret wherever it flows.
 * @throws ConfigError before any resource is registered when a value is invalid.
 */
export function loadStackConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  return validateStackConfig(rawProjectConfig(all), pulumi.getStack(), providerSettings(all), secretConfigKeys(all));
}
