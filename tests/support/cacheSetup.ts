/**
 * Loaded by mocha before any test file (.mocharc.json `require`): recordings of the project's program
 * are shared through the disk cache (tools/recorder/diskCache.ts) by the run's workers and by the
 * next run while the sources stay as they are. `STATEFUL_STACK_TEST_CACHE=off npm test` runs
 * everything afresh.
 */
import { enableCompileCache } from "node:module";
import * as path from "node:path";
import { useDiskCache } from "../../tools/recorder/diskCache.ts";
import { TEST_CACHE_DIR } from "../../tools/test/order.ts";

useDiskCache(TEST_CACHE_DIR);

// Node's compile cache (as the plan command's, tools/loader/register.js), kept beside the other
// caches: a worker, and every Node process a test starts (they inherit the variable), loads the
// Pulumi SDKs' modules from V8's cached code instead of compiling them again.
process.env["NODE_COMPILE_CACHE"] ??= path.join(TEST_CACHE_DIR, "..", "node-compile-cache");
enableCompileCache(process.env["NODE_COMPILE_CACHE"]);
