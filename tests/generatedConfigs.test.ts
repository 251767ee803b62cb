/**
 * Bad configuration, broadly: many random and mutated stack configurations. Each one either plans
 * and passes the policies, or is rejected with a configuration error before any resource is
 * registered; never an unhandled exception, never a half-registered graph.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ConfigError } from "../config/validate.ts";
import { checkRecording } from "../policy/offline.ts";
import { loadProject, listStacks } from "../tools/plan/project.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import type { RecordedResource } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { checkForTime, seedLine } from "./support/properties.ts";

/** At least this many mutations, then more while the budget lasts (tests/support/properties.ts). */
const SIZES = { floor: 10, round: 5, budgetSeconds: 3, ceiling: 150 };
const stacks = listStacks(loadProject(PROJECT_ROOT));

/** A change to one configuration value, anywhere in the tree. */
interface Mutation {
  path: number[];
  value: unknown;
  remove: boolean;
}

const interesting = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    "",
    "0",
    "-1",
    "prod",
    "dev",
    "10Gi",
    "0Gi",
    "standard",
    "none",
    "kube-system",
    "UPPER",
    "a".repeat(80),
  ),
  fc.integer({ min: -5, max: 100000 }),
  fc.constantFrom(0, 1, 2, 3, 65536, 1.5, true, false, null, [], {}),
);
const mutation = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  value: interesting,
  remove: fc.boolean(),
});

function apply(config: Record<string, unknown>, m: Mutation): void {
  let at: unknown = config;
  for (let i = 0; i < m.path.length; i++) {
    if (at === null || typeof at !== "object") return;
    // The engine's own settings (`pulumi:disable-default-providers`) are not the stack's configuration.
    const keys = Object.keys(at).filter((key) => i > 0 || !key.startsWith("pulumi:"));
    if (keys.length === 0) return;
    const key = keys[(m.path[i] as number) % keys.length] as string;
    if (i === m.path.length - 1) {
      if (m.remove && !Array.isArray(at)) delete (at as Record<string, unknown>)[key];
      else (at as Record<string, unknown>)[key] = m.value;
      return;
    }
    at = (at as Record<string, unknown>)[key];
  }
}

describe("generated stack configurations", function () {
  this.timeout(300_000);

  it("random mutations of the stacks, for a time budget, either plan cleanly or fail with a config error before registering anything", async () => {
    const outcomes = { planned: 0, rejected: 0 };
    const made = await checkForTime(
      fc.asyncProperty(
        fc.constantFrom(...stacks),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (stack, mutations) => {
          const registered: RecordedResource[] = [];
          try {
            const recording = await recordEditedStack(stack, (config) => mutations.forEach((m) => apply(config, m)), {
              onRegister: (r) => registered.push(r),
            });
            // `production-data-has-a-backup` judges a prod stack's backup choices (schedules turned
            // off or narrowed, claims no pod mounts), which the configuration accepts on purpose and
            // the policy refuses at preview; every other mandatory policy must pass.
            const mandatory = checkRecording(recording).filter(
              (v) => v.enforcement === "mandatory" && v.policy !== "production-data-has-a-backup",
            );
            assert.deepEqual(mandatory, [], "a configuration the schema accepts must pass the policies");
            outcomes.planned++;
          } catch (error) {
            assert.ok(error instanceof ConfigError, `not a configuration error: ${String(error)}`);
            // Any key the mutation reached (a tag key has "-", a generated key may have spaces).
            assert.match(error.message, /  - [\w-]+:.+ = .+: .+\.\n {4}Fix: /);
            const beyondRoot = registered.filter((r) => r.type !== "pulumi:pulumi:Stack");
            assert.deepEqual(
              beyondRoot.map((r) => r.urn),
              [],
              "nothing may be registered before the configuration is valid",
            );
            outcomes.rejected++;
          }
        },
      ),
      SIZES,
    );
    assert.ok(made.runs >= SIZES.floor);
    assert.equal(outcomes.planned + outcomes.rejected, made.runs);
    process.stdout.write(
      `      generated configurations: ${made.runs} tried in ${made.seconds.toFixed(1)} s, ${outcomes.planned} planned and passed the policies (the backup policy aside), ${outcomes.rejected} rejected with a config error; ${seedLine()}\n`,
    );
  });
});
