// @ts-check
/**
 * The first thing every entry point loads (`npm test`, `plan`, `plan:diff`, `preview:check`,
 * `bench`, mocha): on a Node.js older than package.json's `engines.node`, one line that says which
 * Node is needed and how to get it, instead of the loader's `ERR_UNKNOWN_FILE_EXTENSION ".ts"`
 * trace. `.npmrc` sets `engine-strict`, so `npm ci` refuses such a Node too; `.nvmrc` and
 * `.node-version` name the major for nvm, fnm, volta and asdf. Plain JavaScript that old Nodes run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The one-line message when `version` (e.g. `v20.20.2`) is older than `wanted` (`>=MAJOR.MINOR`,
 * the form package.json's `engines.node` uses), else undefined.
 * @param {string} wanted
 * @param {string} version
 * @returns {string | undefined}
 */
export function nodeVersionProblem(wanted, version) {
  const floor = /^>=\s*(\d+)\.(\d+)$/.exec(wanted);
  if (!floor) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${JSON.stringify(wanted)}`);
  const [major, minor] = [Number(floor[1]), Number(floor[2])];
  const [haveMajor = 0, haveMinor = 0] = version.replace(/^v/, "").split(".").map(Number);
  if (haveMajor > major || (haveMajor === major && haveMinor >= minor)) return undefined;
  return (
    `stateful-stack needs Node.js ${major}.${minor} or newer (this is ${version}): run \`nvm install\` ` +
    `in the repository (it reads .nvmrc) or install Node ${major} LTS from https://nodejs.org, then \`npm ci\` again.`
  );
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
/** @type {(text: string) => { engines?: { node?: string } }} */
const parseManifest = JSON.parse;
const manifest = parseManifest(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const problem = nodeVersionProblem(manifest.engines?.node ?? "", process.version);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
