/**
 * The tools' command lines (`plan`, `plan:diff`, `preview:check`, `bench`): `--help` prints every
 * option and exits 0; a bad option is refused in one line that names it, with exit 2, before the
 * tool does anything. The bad options are generated.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import fc from "fast-check";
import { benchFooter, benchHeader, benchSettings } from "../tools/bench/options.ts";
import { runPlan } from "../tools/plan/command.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { planDiffCommand, previewCheckCommand } from "../tools/review/commands.ts";
import { runReview } from "../tools/review/gate.ts";
import { captured, runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import { propertyRuns } from "./support/properties.ts";

interface Tool {
  name: string;
  /** Runs the tool in-process; its exit code and what it printed. */
  run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Its options that take a value. */
  strings: string[];
  /** Its options that take none, besides --help. */
  booleans: string[];
}

const tools: Tool[] = [
  {
    name: "plan",
    run: async (argv) => {
      const { output, text } = captured();
      return { code: await runPlan(argv, output), ...text };
    },
    strings: ["--stack", "--json"],
    booleans: ["--quiet"],
  },
  {
    name: "plan:diff",
    run: (argv) => {
      const { output, text } = captured();
      return Promise.resolve({ code: runReview(planDiffCommand, argv, output), ...text });
    },
    strings: [],
    booleans: ["--allow-data-loss", "--mermaid"],
  },
  {
    name: "preview:check",
    run: (argv) => {
      const { output, text } = captured();
      return Promise.resolve({ code: runReview(previewCheckCommand, argv, output), ...text });
    },
    strings: ["--stack"],
    booleans: ["--allow-data-loss"],
  },
  {
    name: "bench",
    run: (argv) => {
      const { output, text } = captured();
      const settings = benchSettings(argv, output);
      return Promise.resolve({ code: typeof settings === "number" ? settings : 0, ...text });
    },
    strings: ["--rounds", "--test-rounds", "--sections", "--node"],
    booleans: [],
  },
];

/** Asserts a refusal: exit 2, nothing on standard output, one line on standard error naming `option`. */
function assertRefused(tool: Tool, result: { code: number; stdout: string; stderr: string }, option: string): void {
  assert.equal(result.code, 2, `${tool.name}: ${result.stderr}`);
  assert.equal(result.stdout, "");
  assert.ok(result.stderr.startsWith(`${tool.name}: `), result.stderr);
  assert.ok(result.stderr.includes(option), result.stderr);
  assert.equal(result.stderr.indexOf("\n"), result.stderr.length - 1, `not one line: ${result.stderr}`);
}

describe("the tools' command lines", () => {
  it("cover the four tools", () => assert.equal(tools.length, 4));

  for (const tool of tools) {
    describe(`npm run ${tool.name}`, () => {
      const known = [...tool.strings, ...tool.booleans, "--help"];

      it("--help and -h print the usage and every option, exit 0", async () => {
        for (const help of ["--help", "-h"]) {
          const result = await tool.run([help]);
          assert.equal(result.code, 0, result.stderr);
          assert.equal(result.stderr, "");
          assert.match(result.stdout, new RegExp(`^usage: npm run ${tool.name} -- `));
          for (const option of known) assert.ok(result.stdout.includes(option), `${option} in:\n${result.stdout}`);
        }
      });

      it("refuses an unknown option (generated) in one line naming it", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.stringMatching(/^--[a-zA-Z][a-zA-Z0-9-]{0,14}$/).filter((o) => !known.includes(o)),
            async (option) => assertRefused(tool, await tool.run([option]), option),
          ),
          { numRuns: propertyRuns(50) },
        );
      });

      it("refuses an option that takes a value given none, or an empty one", async () => {
        for (const option of tool.strings) {
          assertRefused(tool, await tool.run([option]), option);
          assertRefused(tool, await tool.run([`${option}=`]), option);
        }
      });

      it("refuses a value given to an option that takes none", async () => {
        for (const option of [...tool.booleans, "--help"]) {
          assertRefused(tool, await tool.run([`${option}=yes`]), option);
        }
      });

      it("refuses an option given twice", async () => {
        for (const option of tool.strings.filter((o) => o !== "--node")) {
          assertRefused(tool, await tool.run([option, "a", option, "b"]), option);
        }
      });
    });
  }

  describe("npm run plan:diff and preview:check", () => {
    it("refuse a wrong number of arguments in one line naming the ones they take", async () => {
      const [diff, preview] = [tools[1], tools[2]] as [Tool, Tool];
      assertRefused(diff, await diff.run(["base.json"]), "<base> <head>");
      assertRefused(diff, await diff.run(["a", "b", "c"]), "<base> <head>");
      assertRefused(preview, await preview.run([]), "<preview.json>");
    });

    it("read --help given as an option's value as that value, never as a request for help that exits 0", async () => {
      // A stack file named Pulumi.--help.yaml added by a pull request becomes `--new --help`.
      const diff = tools[1] as Tool;
      const result = await diff.run(["--new", "--help", "base", "head"]);
      assert.notEqual(result.code, 0, result.stdout);
      assert.doesNotMatch(result.stdout, /^usage:/);
      assert.equal((await diff.run(["--help"])).code, 0);
    });
  });

  // One end-to-end run of the entry point: a refusal's exit code and output through a real process
  // (its --help is checked in-process with the other tools').
  describe("npm run bench, in its own process", function () {
    this.timeout(SUBPROCESS_BUDGET_MS);
    const cli = path.join(PROJECT_ROOT, "tools", "bench", "cli.ts");

    it("--rounds abc is refused in one line, exit 2, before anything is measured", async () => {
      await assert.rejects(runNode([cli, "--rounds", "abc"]), (e: { code: number; stdout: string; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.equal(e.stdout, "");
        assert.equal(e.stderr, 'bench: --rounds takes a whole number from 1 to 100, not "abc"\n');
        return true;
      });
    });
  });

  describe("npm run bench", () => {
    const bench = tools.find((t) => t.name === "bench") as Tool;

    it("takes whole numbers from 1 to 100 for --rounds and --test-rounds, and refuses anything else (generated)", () => {
      for (const option of ["--rounds", "--test-rounds"]) {
        fc.assert(
          fc.property(fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String)), (value) => {
            const whole = /^[1-9][0-9]*$/.test(value) && Number(value) <= 100;
            const { output, text } = captured();
            const settings = benchSettings([`${option}=${value}`], output);
            if (whole) {
              assert.ok(typeof settings === "object", text.stderr);
              assert.equal(option === "--rounds" ? settings.rounds : settings.testRounds, Number(value));
            } else {
              assertRefused(bench, { code: settings as number, ...text }, option);
              if (value !== "") assert.ok(text.stderr.includes("whole number from 1 to 100"), text.stderr);
            }
          }),
          { numRuns: propertyRuns(200) },
        );
      }
    });

    it("takes the letters a to f for --sections, and refuses anything else (generated)", () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 8 }), (value) => {
          const { output, text } = captured();
          const settings = benchSettings(["--sections", value], output);
          if (/^[a-f]+$/.test(value)) {
            assert.ok(typeof settings === "object", text.stderr);
            assert.deepEqual(settings.sections, [...new Set(value)].sort());
          } else {
            assertRefused(bench, { code: settings as number, ...text }, "--sections");
          }
        }),
        { numRuns: propertyRuns(200) },
      );
    });

    it("refuses a --node that is not an executable file", async () => {
      const result = await bench.run(["--node", "/no/such/node"]);
      assertRefused(bench, result, "--node");
      assert.match(result.stderr, /\/no\/such\/node/);
    });

    it("opens its report with the machine, Node, the load average, the sections and rounds, and closes it with the load after", () => {
      const settings = benchSettings(["--sections", "db", "--rounds", "5", "--test-rounds", "2"], captured().output);
      assert.ok(typeof settings === "object");
      const header = benchHeader(settings);
      assert.match(header, /^Machine: \d+ × .+, \d+ GiB, .+; Node v\d+\.\d+\.\d+\.\n/);
      assert.match(header, /\nLoad before: load average \d+\.\d\d \d+\.\d\d \d+\.\d\d \(1, 5, 15 min\)/);
      assert.match(header, /\nSections b, d; 5 rounds \(2 for npm test\), medians\.\n\n$/);
      assert.match(benchFooter(267), /^Done in 4m 27s\. Load after: load average \d+\.\d\d /);
    });

    it("defaults to a run of a few minutes: 3 rounds, sections a, c, e and f", () => {
      const settings = benchSettings([], captured().output);
      assert.ok(typeof settings === "object");
      assert.equal(settings.rounds, 3);
      assert.deepEqual(settings.sections, ["a", "c", "e", "f"]);
    });
  });
});
