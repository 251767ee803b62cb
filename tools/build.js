// @ts-check
/**
 * `npm run build` (and `prepare`, which npm runs on `npm ci`, `npm pack` and git installs): the
 * package's JavaScript and declarations in `bin/`, compiled by TypeScript 7's native `tsc` from
 * tsconfig.build.json. Plain JavaScript with no shell commands, so it runs wherever npm does
 * (cmd.exe has no `rm`). An install that leaves out the dev dependencies (`npm ci --omit=dev`)
 * has no compiler: `prepare` then says so in one line and builds nothing, while `npm run build`
 * fails.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** @returns {string | undefined} */
function compiler() {
  try {
    return path.join(path.dirname(require.resolve("typescript7/package.json")), "bin", "tsc");
  } catch {
    return undefined;
  }
}

const tsc = compiler();
if (tsc === undefined) {
  const prepare = process.env["npm_lifecycle_event"] === "prepare";
  process.stderr.write(
    `stateful-stack: no TypeScript 7 compiler (the dev dependency typescript7) is installed, so bin/ is not built${prepare ? "; run `npm ci` with dev dependencies to build it" : ": run `npm ci` first"}.\n`,
  );
  process.exit(prepare ? 0 : 1);
}
fs.rmSync(path.join(root, "bin"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
process.exit(result.status ?? 1);
