/**
 * The lint configuration (.oxlintrc.json, oxlint with its type-aware backend) type-checks (a type
 * error fails it with the compiler's diagnostic) and refuses a Pulumi
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

/** A file with a type error and nothing to lint, for the type-check of the lint step. */
const TYPE_ERROR = 'export const port: number = "80"; // type error\n';

/**
 * Lints the fixture with the repository's configuration minus its ignore patterns (which leave the
 * fixture out of `npm run lint`), and in the same run a temporary file with a type error
 * ({@link TYPE_ERROR}) under a tsconfig that extends the repository's. The type-aware rules read
 * each file's nearest tsconfig (the fixture's: tests/fixtures/lint/tsconfig.json, the repository's
 * options and the fixture alone), so the type programs hold those files and what they import, not
 * the whole repository.
 */
async function lint(): Promise<{ fixture: Diagnostic[]; typeError: Diagnostic[] }> {
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
    const typeErrorPath = path.join(dir, "typeError.ts");
    await writeFile(typeErrorPath, TYPE_ERROR);
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const tsconfig = {
      extends: path.join(root, "tsconfig.json"),
      compilerOptions: { rootDir: dir, types: [] },
      include: ["typeError.ts"],
    };
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const oxlint = path.join(path.dirname(require.resolve("oxlint/package.json")), "bin", "oxlint");
    const args = [oxlint, "-c", configPath, "-f", "json", path.join(root, fixture), typeErrorPath];
    // oxlint exits 1 when it reports an error: the report is on stdout either way.
    const stdout = await runNode(args).then(
      (r) => r.stdout,
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    const diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    const inTypeError = (d: Diagnostic) => path.basename(d.filename) === "typeError.ts";
    return { fixture: diagnostics.filter((d) => !inTypeError(d)), typeError: diagnostics.filter(inTypeError) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("lint configuration", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);
  // One oxlint run for both tests.
  let linted: ReturnType<typeof lint>;
  before(() => {
    linted = lint();
  });

  it("refuses every Pulumi Output in a plain template literal and accepts pulumi.interpolate", async () => {
    const source = await readFile(path.join(root, fixture), "utf8");
    const refused = markedLines(source, "refused");
    const accepted = markedLines(source, "accepted");
    assert.equal(refused.length, 8);
    assert.equal(accepted.length, 6);

    const { fixture: diagnostics } = await linted;
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

  it("type-checks: a type error fails the lint with the TypeScript compiler's diagnostic", async () => {
    const { typeError } = await linted;
    assert.deepEqual(
      typeError.map((d) => [d.code, d.labels.map((l) => l.span.line)]),
      [["typescript(TS2322)", [1]]],
      JSON.stringify(typeError),
    );
  });
});
