/**
 * Configuration checks for tests.
 */
import assert from "node:assert/strict";
import { ConfigError, validateStackConfig, type ConfigProblem } from "../../config/validate.ts";
import type { ProviderSettings } from "../../config/schema.ts";

/** A valid workload entry: a pinned redis on the cluster's `standard` class. */
export const VALID_WORKLOAD = {
  name: "cache",
  image: "redis:7.4.2-alpine",
  port: 6379,
  storageClass: "standard",
  storageSize: "1Gi",
};

/** A valid stack configuration on an existing cluster (kind's context and class), without workloads. */
export const EXISTING_CLUSTER_STACK = {
  environment: "dev",
  cloud: "existing",
  kubeconfigPath: "~/.kube/config",
  kubeContext: "kind-stateful",
  storageClasses: ["standard"],
};

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
