/**
 * The sizing of the property tests: one seed per run that repeats it, a scale for deep runs, and the
 * expensive properties sized by a time budget with a floor that always runs.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkForTime, PROPERTY_SCALE, propertyRuns, propertySettings } from "./support/properties.ts";

describe("property test sizing", () => {
  it("reads the seed and scale from the environment, and refuses anything but a whole number in range", () => {
    assert.deepEqual(propertySettings({ STATEFUL_STACK_SEED: "-42", STATEFUL_STACK_PROPERTY_SCALE: "20" }), {
      seed: -42,
      scale: 20,
    });
    assert.equal(propertySettings({}).scale, 1);
    assert.ok(Number.isInteger(propertySettings({}).seed));
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom("0", "1001", "1.5", "ten", " ", "1e3", "0x10"), fc.string()).filter((text) => {
          const n = Number(text);
          return text !== "" && !(/^-?\d+$/.test(text.trim()) && n >= 1 && n <= 1000);
        }),
        (text) => {
          assert.throws(
            () => propertySettings({ STATEFUL_STACK_PROPERTY_SCALE: text }),
            (e: Error) =>
              e.message.startsWith("STATEFUL_STACK_PROPERTY_SCALE must be a whole number from 1 to 1000, not "),
          );
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it("scales every property's runs", () => {
    assert.equal(propertyRuns(30), 30 * PROPERTY_SCALE);
  });

  it("runs the floor whatever the budget, more while it lasts, and never past the ceiling", async () => {
    let made = 0;
    const counted = fc.asyncProperty(fc.nat(), async () => {
      made++;
      await Promise.resolve();
    });
    const spent = await checkForTime(counted, { floor: 4, round: 3, budgetSeconds: 0, ceiling: 100 });
    assert.deepEqual([spent.runs, made], [4, 4], "no budget: the floor alone");
    made = 0;
    const all = await checkForTime(counted, { floor: 4, round: 3, budgetSeconds: 600, ceiling: 10 });
    assert.equal(all.runs, propertyRuns(10));
    assert.equal(made, propertyRuns(10), "a quick property reaches its ceiling");
  });

  it("fails with fast-check's seed and path, which repeat the failing case", async () => {
    const failing = fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (n) => {
      assert.ok(n < 500);
      await Promise.resolve();
    });
    await assert.rejects(checkForTime(failing, { floor: 50, round: 5, budgetSeconds: 1, ceiling: 100 }), (e: Error) =>
      /seed: -?\d+, path: "[\d:]+"/.test(e.message),
    );
  });
});
