/**
 * `npm run preview:check -- <preview.json> [--allow-data-loss]`: reads `pulumi preview --json` output
 * and fails (exit 1) when a step would destroy data, unless --allow-data-loss; 2 on bad input.
 */
import { runReview } from "./gate.ts";
import { readJsonFile } from "./planFile.ts";
import { asPreview, previewDiff } from "./previewGate.ts";

const USAGE = "usage: npm run preview:check -- <preview.json> [--stack <name>] [--allow-data-loss]";

process.exitCode = runReview(
  {
    name: "preview:check",
    usage: USAGE,
    options: { stack: { type: "string", default: "(preview)" } },
    positionals: 1,
    compare: ([file], values) => {
      const preview = asPreview(readJsonFile(file as string), file as string);
      const stack = String(values["stack"]);
      const project = preview.steps[0]?.urn.split("::")[1] ?? "";
      return {
        diffs: [previewDiff(preview, stack, project)],
        comment: {
          marker: `stateful-stack:preview-gate:${stack}`,
          title: `Preview gate for ${stack}`,
          intro: "`pulumi preview` of the deployed stack, checked for steps that destroy data.",
          graph: false,
        },
      };
    },
  },
  process.argv.slice(2),
);
