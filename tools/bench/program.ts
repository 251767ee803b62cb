/**
 * One start-up of the program, as the benchmark measures it: the Pulumi SDK is loaded first (the
 * language host does that before it loads a program), then the program runs for a stack under the
 * recorder. With `--ts-node check|transpile`, every program source first goes through ts-node the
 * way Pulumi's Node.js host does when `runtime.options.typescript` is true (its default): with
 * type-checking unless transpile-only.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
require("@pulumi/pulumi");

const { values } = parseArgs({
  options: { stack: { type: "string", default: "local" }, "ts-node": { type: "string" } },
});
const root = path.resolve(import.meta.dirname, "..", "..");

if (values["ts-node"]) {
  const tsNode = require("ts-node") as typeof import("ts-node");
  const ts = require("typescript") as typeof import("typescript");
  const service = tsNode.create({
    project: path.join(root, "tsconfig.json"),
    transpileOnly: values["ts-node"] === "transpile",
  });
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  const programFiles = (parsed?.fileNames ?? []).filter(
    (f) => !f.includes(`${path.sep}tests${path.sep}`) && !f.includes(`${path.sep}tools${path.sep}`),
  );
  for (const file of programFiles) service.compile(ts.sys.readFile(file) ?? "", file);
}

const { recordStack } = await import("../recorder/program.ts");
const recording = await recordStack(values.stack);
if (recording.resources.length === 0) throw new Error("the program registered nothing");
