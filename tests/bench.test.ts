/**
 * Section (d) of `npm run bench`: `npm test` beside a baseline commit's, with the memory of all the
 * run's processes at once.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { benchSettings, DEFAULT_TEST_BASELINE } from "../tools/bench/options.ts";
import { treeResidentBytes } from "../tools/bench/testRuns.ts";
import { captured } from "./support/cli.ts";

describe("npm run bench: npm test beside a baseline", () => {
  it("compares with main before the faster suite unless --baseline names another commit, or none", () => {
    const settings = (argv: string[]) => benchSettings(argv, captured().output);
    assert.equal((settings([]) as { baseline?: string }).baseline, DEFAULT_TEST_BASELINE);
    assert.equal((settings(["--baseline", "v1.2.0"]) as { baseline?: string }).baseline, "v1.2.0");
    assert.equal((settings(["--baseline", "HEAD~3"]) as { baseline?: string }).baseline, "HEAD~3");
    assert.equal((settings(["--baseline", "none"]) as { baseline?: string }).baseline, undefined);
    for (const bad of ["-x", "a b", "main;rm", "$(id)"]) {
      const { output, text } = captured();
      assert.equal(benchSettings([`--baseline=${bad}`], output), 2, bad);
      assert.match(text.stderr, /^bench: --baseline takes a git revision \(commit, branch or tag\) or none, not /);
    }
  });

  it("counts the memory of every process a run starts, its children's too", async function () {
    if (!fs.existsSync("/proc/self/statm")) this.skip();
    const own = treeResidentBytes(process.pid);
    assert.ok(own > 10 * 2 ** 20, "this process alone holds more than 10 MB");
    // A child that holds 200 MB until it is told to end.
    const child = spawn(process.execPath, [
      "-e",
      "globalThis.k = Buffer.alloc(200 * 2 ** 20, 1); setInterval(() => {}, 1000)",
    ]);
    try {
      let withChild = 0;
      for (let tries = 0; tries < 600 && withChild < own + 150 * 2 ** 20; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        withChild = treeResidentBytes(process.pid);
      }
      assert.ok(withChild >= own + 150 * 2 ** 20, `the child's 200 MB are counted (${own} → ${withChild} bytes)`);
    } finally {
      child.kill();
    }
  });
});
