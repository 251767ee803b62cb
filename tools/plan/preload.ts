/**
 * Start-up of the offline plan. Imported first by the CLI, so it runs before the program loads:
 * - turns on Node's on-disk compile cache when the CLI is started without the tools' loader
 *   (`npm run plan` starts it with tools/loader/register.js, which turns it on earlier still);
 * - loads the SDK through `require`: Node's ESM loader resolves every nested `require` of a
 *   CommonJS package it imports through its slower ESM path, so the SDK is loaded through the
 *   CommonJS loader first and the later imports find it cached.
 * See README, "Performance", for the effect of each.
 */
import { createRequire, enableCompileCache } from "node:module";

enableCompileCache();
createRequire(import.meta.url)("@pulumi/pulumi");
