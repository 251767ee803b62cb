/**
 * How many cases the property tests try, and from which seed. Every property in a run starts from
 * one seed, so a failure is repeated by running again with that seed; fast-check prints the seed and
 * the path of the failing case in its message.
 *
 * - `STATEFUL_STACK_SEED=<integer>` repeats a run (`npm test` picks one and prints it when unset).
 * - `STATEFUL_STACK_PROPERTY_SCALE=<n>` (1 to 1000, default 1) multiplies every property's runs, and
 *   the time budget of those sized by time, for a deep run: `STATEFUL_STACK_PROPERTY_SCALE=20 npm test`.
 */
import fc from "fast-check";

function wholeNumberFrom(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  }
  return value;
}

/** The seed and scale of the property tests, from the environment (a new seed when unset). */
export function propertySettings(env: NodeJS.ProcessEnv = process.env): { seed: number; scale: number } {
  return {
    seed:
      wholeNumberFrom(env, "STATEFUL_STACK_SEED", -(2 ** 31), 2 ** 31 - 1) ??
      (Date.now() ^ (Math.random() * 2 ** 31)) | 0,
    scale: wholeNumberFrom(env, "STATEFUL_STACK_PROPERTY_SCALE", 1, 1000) ?? 1,
  };
}

const settings = propertySettings();
/** The seed of every property in this process. */
export const PROPERTY_SEED = settings.seed;
/** The factor on every property's runs and time budget. */
export const PROPERTY_SCALE = settings.scale;

/** `n` runs, scaled for a deep run. */
export function propertyRuns(n: number): number {
  return n * PROPERTY_SCALE;
}

/** The line that tells how to repeat this run's properties. */
export function seedLine(): string {
  return `property tests: seed ${PROPERTY_SEED}, scale ${PROPERTY_SCALE} (repeat with STATEFUL_STACK_SEED=${PROPERTY_SEED})`;
}

/** fast-check's defaults for this process: the seed, and fast-check's 100 runs scaled. */
export function configureProperties(): void {
  fc.configureGlobal({ seed: PROPERTY_SEED, numRuns: propertyRuns(100) });
}

/** What a property sized by time did. */
export interface TimedRuns {
  runs: number;
  seconds: number;
}

/**
 * Checks an expensive async property for a time budget rather than a count: `floor` runs whatever
 * the time (the property is always exercised, even on a loaded machine), then rounds of `round` more
 * until `budgetSeconds` (scaled) is spent or `ceiling` (scaled) runs were made. Round `i` starts from
 * seed + i, so each failure names a seed that repeats it (with its path, in fast-check's message).
 * A round runs to its end: nothing is left running when this returns.
 */
export async function checkForTime<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncPropertyWithHooks<Ts>,
  sizes: { floor: number; round: number; budgetSeconds: number; ceiling: number },
): Promise<TimedRuns> {
  const started = performance.now();
  const budget = sizes.budgetSeconds * 1000 * PROPERTY_SCALE;
  const ceiling = propertyRuns(sizes.ceiling);
  let made = 0;
  for (let round = 0; made < ceiling && (round === 0 || performance.now() - started < budget); round++) {
    const numRuns = Math.min(round === 0 ? sizes.floor : sizes.round, ceiling - made);
    await fc.assert(property, { numRuns, seed: (PROPERTY_SEED + round) | 0 });
    made += numRuns;
  }
  return { runs: made, seconds: (performance.now() - started) / 1000 };
}
