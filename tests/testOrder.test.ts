/**
 * The order `npm test` gives mocha its files (tools/test/order.ts): longest first by the last run's
 * times, files without a time first, and the times kept from one run to the next.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mergeDurations, orderByDuration, readDurations } from "../tools/test/order.ts";

describe("npm test's file order", () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), "test-order-"));
    dirs.push(made);
    return made;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("runs files without a recorded time first, then the longest first", () => {
    const files = ["tests/a.test.ts", "tests/b.test.ts", "tests/c.test.ts", "tests/new.test.ts"];
    assert.deepEqual(orderByDuration(files, { "tests/a.test.ts": 0.5, "tests/b.test.ts": 17, "tests/c.test.ts": 4 }), [
      "tests/new.test.ts",
      "tests/b.test.ts",
      "tests/c.test.ts",
      "tests/a.test.ts",
    ]);
    assert.deepEqual(orderByDuration(files, {}), files, "a first run keeps path order");
  });

  it("merges the workers' times over the last run's, drops removed files and the workers' files", () => {
    const d = dir();
    fs.writeFileSync(path.join(d, "durations.json"), JSON.stringify({ "tests/a.test.ts": 1, "tests/gone.test.ts": 9 }));
    fs.writeFileSync(
      path.join(d, "durations-101.jsonl"),
      `${JSON.stringify({ file: "tests/a.test.ts", seconds: 2.5 })}\n${JSON.stringify({ file: "tests/b.test.ts", seconds: 7 })}\n`,
    );
    // A worker killed while writing leaves a partial line.
    fs.writeFileSync(
      path.join(d, "durations-102.jsonl"),
      `${JSON.stringify({ file: "tests/c.test.ts", seconds: 3 })}\n{"file": "tes`,
    );
    const merged = mergeDurations(d, ["tests/a.test.ts", "tests/b.test.ts", "tests/c.test.ts"]);
    assert.deepEqual(merged, { "tests/a.test.ts": 2.5, "tests/b.test.ts": 7, "tests/c.test.ts": 3 });
    assert.deepEqual(readDurations(d), merged);
    assert.deepEqual(fs.readdirSync(d), ["durations.json"]);
  });

  it("reads no times from a missing or damaged file", () => {
    const d = dir();
    assert.deepEqual(readDurations(d), {});
    fs.writeFileSync(path.join(d, "durations.json"), "{ not json");
    assert.deepEqual(readDurations(d), {});
    fs.writeFileSync(
      path.join(d, "durations.json"),
      JSON.stringify({ "tests/a.test.ts": "slow", "tests/b.test.ts": 2 }),
    );
    assert.deepEqual(readDurations(d), { "tests/b.test.ts": 2 });
  });
});
