/**
 * `npm test`'s runner (tools/test/lanes.ts): a failing step never hides another step's result;
 * each step's output is printed, then one summary line per step and the `N passed, N failed` line
 * CI reads.
 */
import assert from "node:assert/strict";
import * as os from "node:os";
import { mochaCounts, runLanes, spawnStep, summary, type Step, type StepResult } from "../tools/test/lanes.ts";

const lanes: Step[][] = [
  [
    { name: "typecheck", args: ["tsc"] },
    { name: "format", args: ["prettier"] },
    { name: "lint", args: ["oxlint"] },
  ],
  [{ name: "mocha", args: ["mocha"] }],
];

/** A runner whose steps print `<name> said so` and exit with the code given for them (else 0). */
function fakeRunner(exitCodes: Record<string, number>, ran: string[]) {
  return (step: Step): Promise<StepResult> => {
    ran.push(step.name);
    const output = step.name === "mocha" ? "  12 passing\n  1 failing\n" : `${step.name} said so\n`;
    return Promise.resolve({ name: step.name, exitCode: exitCodes[step.name] ?? 0, seconds: 1.25, output });
  };
}

describe("npm test runner", () => {
  it("runs the format check and lint after a failing type-check and prints every step's output", async () => {
    const ran: string[] = [];
    let printed = "";
    const results = await runLanes(lanes, fakeRunner({ typecheck: 2 }, ran), (text) => (printed += text));
    assert.deepEqual([...ran].sort(), ["format", "lint", "mocha", "typecheck"]);
    assert.deepEqual(
      results.map((r) => `${r.name} ${r.exitCode}`),
      ["typecheck 2", "format 0", "lint 0", "mocha 0"],
    );
    assert.match(printed, /── typecheck \(1\.3 s\): failed, exit 2\ntypecheck said so\n/);
    assert.match(printed, /── format \(1\.3 s\): ok\nformat said so\n/);
    assert.match(printed, /── lint \(1\.3 s\): ok\nlint said so\n/);
  });

  it("runs every later step when several fail", async () => {
    const ran: string[] = [];
    const results = await runLanes(lanes, fakeRunner({ typecheck: 1, format: 1, mocha: 1 }, ran), () => {});
    assert.equal(ran.length, 4);
    assert.deepEqual(
      results.filter((r) => r.exitCode !== 0).map((r) => r.name),
      ["typecheck", "format", "mocha"],
    );
  });

  it("closes with one line per step, the failed steps and the test counts", async () => {
    const results = await runLanes(lanes, fakeRunner({ lint: 1 }, []), () => {});
    const counts = mochaCounts(results.find((r) => r.name === "mocha")?.output ?? "");
    const text = summary(results, 42, counts);
    const lines = text.split("\n");
    assert.equal(lines.filter((l) => /^ {2}\w+ +(ok|failed)/.test(l)).length, 4);
    assert.match(text, /\n {2}typecheck +ok +1\.3 s\n/);
    assert.match(text, /\n {2}lint +failed, exit 1 +1\.3 s\n/);
    assert.match(text, /\nnpm test: FAILED \(lint\) in 42\.0 s\n12 passed, 1 failed\n$/);
    assert.match(
      summary(results.slice(0, 1), 3, { passed: 5, failed: 0 }),
      /npm test: passed in 3\.0 s\n5 passed, 0 failed\n$/,
    );
  });

  it("captures a step's exit code and both of its output streams", async () => {
    const result = await spawnStep({
      name: "echo",
      args: ["-e", "process.stdout.write('out\\n'); process.stderr.write('err\\n'); process.exitCode = 3"],
    });
    assert.equal(result.exitCode, 3);
    assert.match(result.output, /out\n/);
    assert.match(result.output, /err\n/);
  });

  it("runs a step at the priority it names, so the lint lane yields the cores to mocha", async () => {
    // The priority is set just after the process starts: wait a moment before reading it.
    const script = "setTimeout(() => process.stdout.write(String(require('node:os').getPriority())), 200)";
    const lowered = await spawnStep({ name: "nice", args: ["-e", script], priority: 10 });
    assert.equal(lowered.output, "10");
    const normal = await spawnStep({ name: "normal", args: ["-e", script] });
    assert.equal(normal.output, String(os.getPriority()));
  });
});
