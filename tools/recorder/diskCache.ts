/**
 * A content-addressed cache on disk for results computed from the project's sources alone: the
 * recordings of its program (./program.ts) and the tests' analyses of its package. An entry is
 * found by a digest of everything that could change the result (the sources that are loaded, the
 * lockfile's dependency versions, the Node version, and the caller's own key), so an edit to any of
 * them makes a new entry and nothing stale is ever read. Entries of other digests written more than
 * an hour ago are removed when a process first writes one (a run with other sources, such as a
 * test's copy of the project, may be using the younger ones), so the cache stays small.
 *
 * It is what lets `npm test`'s two mocha workers share a recording one of them made, and a second
 * `npm test` reuse the first one's when no source changed (the Prettier cache does the same for the
 * format check). Off unless a process turns it on ({@link useDiskCache}); `npm run plan` never reads it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * What is left out of the digest, relative to the project root: everything else (every `.ts`,
 * `.js`, `.json` and `.yaml` file) is hashed, so whatever the program, its configuration loader, the
 * recorder or the plan tools import is in it, wherever it lives, along with the manifests and the
 * lockfile that fix every dependency's version. The tests, the docs, the example consumers, the CI
 * workflows, the build output and dot-files (`.git`, the linters' settings) cannot change a recording
 * (editing a test keeps the cache).
 */
const NOT_SOURCES = new Set(["tests", "docs", "examples", ".github", "bin", "node_modules"]);

const HASHED = /\.(ts|js|json|yaml)$/;

/** How old an entry of other sources must be to be removed. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** The environment variable that turns the cache off for one run (`off`, `0` or `false`). */
export const DISK_CACHE_VARIABLE = "STATEFUL_STACK_TEST_CACHE";

let directory: string | undefined;
const digests = new Map<string, string>();
const pruned = new Set<string>();

/**
 * Turns the cache on in this process, in `dir` (created when first written), unless the
 * environment variable {@link DISK_CACHE_VARIABLE} says `off`; `undefined` turns it off.
 */
export function useDiskCache(dir: string | undefined): void {
  const setting = process.env[DISK_CACHE_VARIABLE]?.toLowerCase();
  directory = setting === "off" || setting === "0" || setting === "false" ? undefined : dir;
}

/** Where the cache is in this process, or undefined when it is off. */
export function diskCacheDirectory(): string | undefined {
  return directory;
}

function walk(root: string, relative: string, hash: ReturnType<typeof createHash>): void {
  const full = path.join(root, relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    hash.update(`missing ${relative}\n`);
    return;
  }
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(full).sort()) {
      if (entry === "node_modules" || entry.startsWith(".") || (relative === "" && NOT_SOURCES.has(entry))) continue;
      const child = path.join(relative, entry);
      if (fs.statSync(path.join(root, child)).isDirectory() || HASHED.test(entry)) walk(root, child, hash);
    }
    return;
  }
  hash.update(`file ${relative} ${stat.size}\n`);
  hash.update(fs.readFileSync(full));
}

/** The digest of the project's sources at `root` (computed once per process and root). */
export function sourceDigest(root: string): string {
  let digest = digests.get(root);
  if (digest === undefined) {
    const hash = createHash("sha256");
    hash.update(`${process.version} ${process.arch}\n`);
    walk(root, "", hash);
    digest = hash.digest("hex").slice(0, 24);
    digests.set(root, digest);
  }
  return digest;
}

function entryPath(root: string, kind: string, key: string): string {
  const name = createHash("sha256").update(key).digest("hex").slice(0, 32);
  return path.join(directory as string, kind, `${sourceDigest(root)}-${name}.bin`);
}

/** The value stored for `key` of `kind` with the sources of `root` as they are now, or undefined. */
export function readDiskCache<T>(root: string, kind: string, key: string): T | undefined {
  if (directory === undefined) return undefined;
  try {
    return deserialize(fs.readFileSync(entryPath(root, kind, key))) as T;
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` (anything `structuredClone` copies) for `key` of `kind`: written to a temporary
 * file and renamed, so a concurrent reader sees the whole entry or none. A failure to write is
 * ignored: the cache only saves time.
 */
export function writeDiskCache(root: string, kind: string, key: string, value: unknown): void {
  if (directory === undefined) return;
  const file = entryPath(root, kind, key);
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!pruned.has(dir)) {
      pruned.add(dir);
      const current = `${sourceDigest(root)}-`;
      const stale = Date.now() - STALE_AFTER_MS;
      for (const entry of fs.readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (!entry.startsWith(current) && fs.statSync(file).mtimeMs < stale) fs.rmSync(file, { force: true });
      }
    }
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, serialize(value));
    fs.renameSync(temporary, file);
  } catch {
    // Read-only or full disk: run without the entry.
  }
}
