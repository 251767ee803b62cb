/**
 * `npm run preview:check -- <preview.json> [--allow-data-loss]`: reads `pulumi preview --json` output
 * and fails (exit 1) when a step would destroy data, unless --allow-data-loss; 2 on bad input.
 */
import { parseArgs } from "node:util";
import { renderComment } from "./markdown.ts";
import { dataLossChanges } from "./planDiff.ts";
import { readJsonFile, ReviewInputError } from "./planFile.ts";
import { asPreview, previewDiff } from "./previewGate.ts";

const USAGE = "usage: npm run preview:check -- <preview.json> [--stack <name>] [--allow-data-loss]";

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { "allow-data-loss": { type: "boolean" }, stack: { type: "string", default: "(preview)" } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const preview = asPreview(readJsonFile(file), file);
    const stack = parsed.values.stack ?? "(preview)";
    const project = preview.steps[0]?.urn.split("::")[1] ?? "";
    const diff = previewDiff(preview, stack, project);
    const comment = renderComment([diff], {
      marker: `stateful-stack:preview-gate:${stack}`,
      title: `Preview gate for ${stack}`,
      intro: "`pulumi preview` of the deployed stack, checked for steps that destroy data.",
      graph: false,
    });
    process.stdout.write(`${comment}\n`);
    const losses = dataLossChanges(diff);
    if (losses.length > 0 && !parsed.values["allow-data-loss"]) {
      process.stderr.write(
        `preview:check: ${losses.length} step(s) would destroy data; rerun with --allow-data-loss once reviewed\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ReviewInputError) {
      process.stderr.write(`preview:check: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
