/**
 * A mocha root-hook plugin (.mocharc.json `require`): records how long each test file took, in
 * wall-clock seconds from its first hook to its last, for the order of the next `npm test`
 * (tools/test/order.ts). In parallel mode root hooks run once per file. Each process appends to a
 * file of its own; nothing is written when the directory cannot be.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Context } from "mocha";
import { TEST_CACHE_DIR as DURATIONS_DIR } from "../../tools/test/order.ts";

const root = path.resolve(import.meta.dirname, "..", "..");

let started = 0;

export const mochaHooks = {
  beforeAll(): void {
    started = performance.now();
  },
  afterAll(this: Context): void {
    const seconds = (performance.now() - started) / 1000;
    const files = new Set(
      (this.test?.parent?.suites ?? []).flatMap((suite) => (suite.file ? [path.relative(root, suite.file)] : [])),
    );
    if (files.size !== 1) return;
    const [file] = files;
    try {
      fs.mkdirSync(DURATIONS_DIR, { recursive: true });
      fs.appendFileSync(
        path.join(DURATIONS_DIR, `durations-${process.pid}.jsonl`),
        `${JSON.stringify({ file, seconds: Math.round(seconds * 100) / 100 })}\n`,
      );
    } catch {
      // The order is only an optimisation.
    }
  },
};
