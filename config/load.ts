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

/**
 * The keys of `all` that the stack stores encrypted, as the engine tells the program
 * (`PULUMI_CONFIG_SECRET_KEYS`, read by `isConfigSecret` in `@pulumi/pulumi` 3.270.0
 * `runtime/config.js`, which its typings leave out). Without that function every key counts as
 * encrypted, so nothing is refused for want of it.
 */
export function secretConfigKeys(all: Record<string, string>): string[] {
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return typeof isSecret === "function" ? Object.keys(all).filter((key) => isSecret(key)) : Object.keys(all);
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
