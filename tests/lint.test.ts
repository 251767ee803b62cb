/**
 * The lint configuration (.oxlintrc.json, oxlint with its type-aware backend) refuses a Pulumi
 * `Output` in a plain template literal, which prints a warning text instead of the value, and
 * accepts the same values through `pulumi.interpolate`, `apply` and `pulumi.concat`: the fixture
 * tests/fixtures/lint/outputTemplates.ts marks each line `refused` or `accepted`.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { runNode, SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const fixture = "tests/fixtures/lint/outputTemplates.ts";

/** One oxlint finding, as `-f json` prints it. */
interface Diagnostic {
  code: string;
  filename: string;
  labels: { span: { line: number } }[];
}

/** The 1-based numbers of the fixture's lines that end with `// <mark>`. */
function markedLines(source: string, mark: "refused" | "accepted"): number[] {
  return source.split("\n").flatMap((line, index) => (line.trimEnd().endsWith(`// ${mark}`) ? [index + 1] : []));
}

/**
 * Lints the fixture with the repository's configuration minus its ignore patterns (which leave the
 * fixture out of `npm run lint`). The type-aware rules read the fixture's own tsconfig
 * (tests/fixtures/lint/tsconfig.json: the repository's options, the fixture alone), so the type
 * program holds the fixture and what it imports, not the whole repository.
 */
async function lintFixture(): Promise<Diagnostic[]> {
  // The configuration is JSON with whole-line `//` comments.
  const text = await readFile(path.join(root, ".oxlintrc.json"), "utf8");
  const json = text.replace(/^\s*\/\/.*$/gm, "");
  const config = JSON.parse(json) as Record<string, unknown>;
  delete config["ignorePatterns"];
  delete config["$schema"];
  const dir = await mkdtemp(path.join(os.tmpdir(), "lint-"));
  try {
    const configPath = path.join(dir, "oxlintrc.json");
    await writeFile(configPath, JSON.stringify(config));
    const oxlint = path.join(path.dirname(require.resolve("oxlint/package.json")), "bin", "oxlint");
    const args = [oxlint, "-c", configPath, "-f", "json", path.join(root, fixture)];
    // oxlint exits 1 when it reports an error: the report is on stdout either way.
    const stdout = await runNode(args).then(
      (r) => r.stdout,
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    return (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("lint configuration", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);

  it("refuses every Pulumi Output in a plain template literal and accepts pulumi.interpolate", async () => {
    const source = await readFile(path.join(root, fixture), "utf8");
    const refused = markedLines(source, "refused");
    const accepted = markedLines(source, "accepted");
    assert.equal(refused.length, 8);
    assert.equal(accepted.length, 6);

    const diagnostics = await lintFixture();
    const linesOf = (rule: string) =>
      new Set(diagnostics.filter((d) => d.code.endsWith(`(${rule})`)).flatMap((d) => d.labels.map((l) => l.span.line)));
    const templateFindings = linesOf("restrict-template-expressions");
    for (const line of refused) {
      assert.ok(templateFindings.has(line), `${fixture}:${line} is not refused by restrict-template-expressions`);
    }
    const reported = new Set(diagnostics.flatMap((d) => d.labels.map((l) => l.span.line)));
    for (const line of accepted) {
      assert.ok(!reported.has(line), `${fixture}:${line} is refused: ${JSON.stringify(diagnostics)}`);
    }
  });
});
