/**
 * Configuration checks for tests.
 */
import assert from "node:assert/strict";
import { ConfigError, validateStackConfig, type ConfigProblem } from "../../config/validate.ts";
import type { ProviderSettings } from "../../config/schema.ts";

/** The problems a configuration is rejected with (fails the test when it is accepted). */
export function problemsOf(raw: Record<string, unknown>, provider: ProviderSettings = {}): ConfigProblem[] {
  try {
    validateStackConfig(raw, undefined, provider);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return [...error.problems];
  }
  assert.fail("expected the configuration to be rejected");
}
