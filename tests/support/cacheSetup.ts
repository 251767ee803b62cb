/**
 * Loaded by mocha before any test file (.mocharc.json `require`): recordings of the project's program
 * are shared through the disk cache (tools/recorder/diskCache.ts) by the run's workers and by the
 * next run while the sources stay as they are. `STATEFUL_STACK_TEST_CACHE=off npm test` runs
 * everything afresh.
 */
import * as path from "node:path";
import { useDiskCache } from "../../tools/recorder/diskCache.ts";

// The repository root, without loading the recorder (and so the Pulumi SDK) into mocha's main process.
const root = path.resolve(import.meta.dirname, "..", "..");
useDiskCache(path.join(root, "node_modules", ".cache", "stateful-stack-tests"));
