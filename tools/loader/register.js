// @ts-check
/**
 * Fast start-up for the repository's tools (`npm run plan`, `plan:diff`, `preview:check`,
 * `bench`): `node --import ./tools/loader/register.js <entry>.ts`.
 *
 * - Caches the JavaScript that type stripping makes of each TypeScript ES module, so a tool started
 *   again does not strip every source anew. The key is a hash of the file's text and the
 *   stripper's version: an edited file is a new key, so the cache cannot go stale. Stripping
 *   replaces types with blanks, keeping every line and column, so stack traces point at the right
 *   place. A miss is stripped by `amaro`, the library Node's own type stripping embeds, pinned in
 *   package.json. Packages in `node_modules` and CommonJS TypeScript are left to Node.
 * - Turns on Node's compile cache (V8 code cache on disk) before the first module is compiled.
 *
 * Node 22 does not keep stripped TypeScript in its compile cache; Node 23.7 and later do
 * (nodejs/node#56629), and there this loader neither gains nor costs measurably. It stays while
 * the project supports Node 22 (docs/loader.md has the figures; `npm run bench -- --sections f`
 * measures them again).
 *
 * The cache lives in `node_modules/.cache/stateful-stack/`, or in `$STATEFUL_STACK_STRIP_CACHE`.
 * This file is plain JavaScript: the first TypeScript file a process loads costs the stripper's
 * start-up, which the cache exists to avoid. `pulumi up` does not use it: the Pulumi CLI runs the
 * program with Node's own type stripping (Pulumi.yaml).
 */
import "../nodeVersion.js";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const { createRequire, enableCompileCache, registerHooks } = nodeModule;

/** @type {{ (id: "amaro"): typeof import("amaro"), resolve(id: string): string }} */
const require = createRequire(import.meta.url);
/** @type {(text: string) => { version: string }} */
const parseManifest = JSON.parse;
const stripperPackage = path.join(path.dirname(require.resolve("amaro")), "..", "package.json");
const stripperVersion = parseManifest(fs.readFileSync(stripperPackage, "utf8")).version;
const cacheRoot =
  process.env["STATEFUL_STACK_STRIP_CACHE"] ??
  path.join(import.meta.dirname, "..", "..", "node_modules", ".cache", "stateful-stack");
const cacheDir = path.join(cacheRoot, `strip-amaro-${stripperVersion}`);

/** @type {typeof import("amaro").transformSync | undefined} */
let strip;

/**
 * The stripped text of `source`, from the cache or made now and cached.
 * @param {string} source
 * @returns {string}
 */
function stripped(source) {
  const file = path.join(cacheDir, `${createHash("sha256").update(source).digest("hex")}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    // Not cached yet.
  }
  strip ??= require("amaro").transformSync;
  const code = strip(source, { mode: "strip-only" }).code;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only checkout still runs; it strips every time.
  }
  return code;
}

enableCompileCache();

registerHooks({
  load(url, context, nextLoad) {
    if (context.format !== "module-typescript" || !url.startsWith("file:") || url.includes("/node_modules/")) {
      return nextLoad(url, context);
    }
    try {
      return { format: "module", source: stripped(fs.readFileSync(fileURLToPath(url), "utf8")), shortCircuit: true };
    } catch {
      // Syntax that needs more than stripping (an enum, a namespace): Node's own loader reports it.
      return nextLoad(url, context);
    }
  },
});
