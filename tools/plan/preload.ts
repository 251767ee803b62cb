/**
 * Start-up of the offline plan. Imported first by the CLI, so it runs before anything else loads:
 * - turns on Node's on-disk compile cache, so the Pulumi SDK's few hundred files are compiled once
 *   per machine rather than on every run;
 * - loads the SDK through `require`: Node's ESM loader resolves every nested `require` of a
 *   CommonJS package it imports through its slower ESM path, so the SDK is loaded through the
 *   CommonJS loader first and the later imports find it cached.
 * See README, "Performance", for the effect of each.
 */
import { createRequire, enableCompileCache } from "node:module";

enableCompileCache();
createRequire(import.meta.url)("@pulumi/pulumi");
