/**
 * `npm run bench`: figures measured side by side, medians over several rounds (./sections.ts).
 * The options (./options.ts, `npm run bench -- --help`): `--rounds <n>` (default 3),
 * `--test-rounds <n>` for (d) (default 3), `--baseline <rev>|none` for (d) (default: `main` before
 * the test suite was made faster), `--sections <letters>` (default `acef`: the slow (b) and (d) run
 * only when asked, e.g. `npm run bench -- --sections d`), `--node <path>` (repeatable: more Node
 * binaries for (f)). A bad option is refused in one line (exit 2) before anything is loaded or measured.
 */
import { benchSettings } from "./options.ts";

const settings = benchSettings(process.argv.slice(2));
if (typeof settings === "number") process.exitCode = settings;
else await (await import("./sections.ts")).runBench(settings);
