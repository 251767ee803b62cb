/**
 * The disk cache of results computed from the project's sources (tools/recorder/diskCache.ts): an
 * entry is read back only while every source it was computed from is unchanged, and the recordings
 * of the program it holds are the recordings a run makes.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  DISK_CACHE_VARIABLE,
  diskCacheDirectory,
  readDiskCache,
  sourceDigest,
  useDiskCache,
  writeDiskCache,
} from "../tools/recorder/diskCache.ts";
import { forgetRecordings, programRuns, PROJECT_ROOT, recordProgram } from "../tools/recorder/program.ts";
import { loadProject, loadStack } from "../tools/plan/project.ts";

/** A project root with a program file and a component, in a new temporary directory. */
function project(component: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "disk-cache-root-"));
  fs.mkdirSync(path.join(root, "components"));
  fs.writeFileSync(path.join(root, "index.ts"), "export {};\n");
  fs.writeFileSync(path.join(root, "components", "a.ts"), component);
  fs.writeFileSync(path.join(root, "package-lock.json"), "{}\n");
  return root;
}

describe("disk cache of results computed from the sources", () => {
  const outer = diskCacheDirectory();
  let dir = "";
  const temporary: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "disk-cache-"));
    temporary.push(dir);
    useDiskCache(dir);
  });

  afterEach(() => {
    delete process.env[DISK_CACHE_VARIABLE];
    useDiskCache(outer);
  });

  after(() => {
    for (const d of temporary) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reads back what was written for the same sources and key, and nothing for another key", () => {
    const root = project("export const a = 1;\n");
    temporary.push(root);
    writeDiskCache(root, "kind", "key", { nested: [1, "two", { three: null }] });
    assert.deepEqual(readDiskCache(root, "kind", "key"), { nested: [1, "two", { three: null }] });
    assert.equal(readDiskCache(root, "kind", "other key"), undefined);
    assert.equal(readDiskCache(root, "other kind", "key"), undefined);
  });

  it("never answers for sources that changed: one edited component is another digest", () => {
    const before = project("export const a = 1;\n");
    const after = project("export const a = 2;\n");
    temporary.push(before, after);
    assert.notEqual(sourceDigest(before), sourceDigest(after));
    writeDiskCache(before, "kind", "key", "computed from a = 1");
    assert.equal(readDiskCache(after, "kind", "key"), undefined);
    assert.equal(readDiskCache(before, "kind", "key"), "computed from a = 1");
  });

  it("digests every source outside the tests and docs: the configuration loader as much as the components", () => {
    const root = project("export const a = 1;\n");
    const edited = project("export const a = 1;\n");
    temporary.push(root, edited);
    for (const dir of [root, edited]) {
      fs.mkdirSync(path.join(dir, "config"));
      fs.mkdirSync(path.join(dir, "tests"));
      fs.writeFileSync(path.join(dir, "tests", "a.test.ts"), dir === root ? "// one\n" : "// two\n");
    }
    assert.equal(sourceDigest(root), sourceDigest(edited), "a test's text is not a source of a recording");
    const withLoader = project("export const a = 1;\n");
    temporary.push(withLoader);
    fs.mkdirSync(path.join(withLoader, "config"));
    fs.writeFileSync(path.join(withLoader, "config", "validate.ts"), "export const strict = true;\n");
    assert.notEqual(sourceDigest(withLoader), sourceDigest(root));
  });

  it("is off when the environment says so, and when turned off", () => {
    const root = project("export const a = 1;\n");
    temporary.push(root);
    process.env[DISK_CACHE_VARIABLE] = "off";
    useDiskCache(dir);
    assert.equal(diskCacheDirectory(), undefined);
    writeDiskCache(root, "kind", "key", "value");
    assert.deepEqual(fs.readdirSync(dir), [], "nothing written");
    useDiskCache(undefined);
    assert.equal(readDiskCache(root, "kind", "key"), undefined);
  });

  it("removes entries of other sources written over an hour ago, and keeps younger ones", () => {
    const root = project("export const a = 1;\n");
    temporary.push(root);
    const kindDir = path.join(dir, "kind");
    fs.mkdirSync(kindDir);
    const old = path.join(kindDir, "0000-old.bin");
    const young = path.join(kindDir, "0000-young.bin");
    fs.writeFileSync(old, "x");
    fs.writeFileSync(young, "x");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    writeDiskCache(root, "kind", "key", "value");
    const left = fs.readdirSync(kindDir);
    assert.ok(!left.includes("0000-old.bin"), "the stale entry is removed");
    assert.ok(left.includes("0000-young.bin"), "an entry another run may be using stays");
    assert.equal(left.filter((f) => f.startsWith(sourceDigest(root))).length, 1);
  });

  it("hands back a recording of the program equal to the run's, without running it again", async () => {
    const loaded = loadProject(PROJECT_ROOT);
    const settings = loadStack(loaded, "local");
    // A key no other test sets, so no recording of another process answers the first call.
    const config = { ...settings.config, "disk-cache-test:mark": `${process.pid}-${Date.now()}` };
    const options = { project: loaded.name, stack: "local", config, secretKeys: settings.secretKeys };
    const runs = programRuns();
    const made = await recordProgram(loaded, options);
    assert.equal(programRuns() - runs, 1, "the first call runs the program");
    forgetRecordings();
    const read = await recordProgram(loaded, options);
    assert.equal(programRuns() - runs, 1, "the second is read from the disk cache");
    assert.deepEqual(read, made);
    assert.ok(read.resources.length > 0);
  });
});
