/**
 * Checks of the Platform's own string-enum arguments. TypeScript callers cannot pass a bad value,
 * but callers from other languages (through the package schema), plain JavaScript and stack files
 * can: such a value must fail loudly, not silently fall back to a default. Each layer checks its
 * own enums in its own check.
 */
import { Cloud } from "./cluster/handle.ts";
import { Environment } from "./options.ts";
import type { PlatformArgs } from "./platformArgs.ts";
import { variantProblems, type Problem } from "./problems.ts";

/** Checks the environment and the cloud of {@link PlatformArgs}; returns the problems found. */
export function platformVariantProblems(args: PlatformArgs): Problem[] {
  return [
    ...variantProblems(["environment"], args.environment, Environment),
    ...variantProblems(["cluster", "cloud"], args.cluster.cloud, Cloud),
  ];
}
