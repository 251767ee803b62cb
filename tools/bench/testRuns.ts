/**
 * Section (d) of `npm run bench`: `npm test` of this checkout beside `npm test` of an earlier commit
 * (the baseline), run in turn in each round so that machine noise falls on both alike. Each run is
 * timed whole, with the peak memory of its largest process (GNU time's maximum resident set, the
 * figure `/usr/bin/time -v npm test` prints) and the peak of all its processes together (their
 * resident sets summed, sampled every 100 ms from /proc), and its CPU time.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median } from "./measure.ts";

/** One checkout whose `npm test` is timed. */
export interface TestCheckout {
  label: string;
  /** The checkout's root. */
  dir: string;
}

/** Medians of one checkout's runs. */
export interface TestFigures {
  label: string;
  seconds: number;
  /** Largest single process, MB. */
  processMB: number;
  /** All processes of the run at once, MB (0 where /proc cannot be read). */
  treeMB: number;
  cpuSeconds: number;
  runs: number;
}

const PAGE = 4096;

/** Every process's parent, from /proc (Linux); empty elsewhere. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return map;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields after its last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(Number(entry), ppid);
    } catch {
      // The process ended while being read.
    }
  }
  return map;
}

/** The summed resident memory (bytes) of `root` and all its descendants now. */
export function treeResidentBytes(root: number): number {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  let total = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
    } catch {
      // Ended meanwhile.
    }
    pending.push(...(byParent.get(pid) ?? []));
  }
  return total;
}

interface OneRun {
  seconds: number;
  processMB: number;
  treeMB: number;
  cpuSeconds: number;
}

/** Runs `npm test`'s own command (`node --import ./tools/nodeVersion.js tools/test/run.ts`) in `dir` once. */
function runTests(dir: string): Promise<OneRun> {
  const gnuTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
  const argv = [process.execPath, "--import", "./tools/nodeVersion.js", "tools/test/run.ts"];
  const command = gnuTime ? ["/usr/bin/time", "-f", "peak-kb %M cpu %U %S", ...argv] : argv;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peakTree = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peakTree = Math.max(peakTree, treeResidentBytes(child.pid));
    }, 100);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("close", (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0) {
        const stdout = Buffer.concat(out).toString("utf8");
        reject(new Error(`npm test in ${dir} failed (exit ${code}):\n${(stdout + stderr).slice(-3000)}`));
        return;
      }
      const peak = /peak-kb (\d+)/.exec(stderr)?.[1];
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        seconds,
        processMB: peak ? Number(peak) / 1024 : 0,
        treeMB: peakTree / 2 ** 20,
        cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0,
      });
    });
  });
}

/** Runs `npm test` in every checkout, `rounds` times, in turn; medians per checkout. */
export async function measureTests(checkouts: readonly TestCheckout[], rounds: number): Promise<TestFigures[]> {
  const runs = checkouts.map(() => [] as OneRun[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, checkout] of checkouts.entries()) runs[i]?.push(await runTests(checkout.dir));
  }
  return checkouts.map((checkout, i) => {
    const of = (pick: (run: OneRun) => number) => median((runs[i] ?? []).map(pick));
    return {
      label: checkout.label,
      seconds: of((r) => r.seconds),
      processMB: of((r) => r.processMB),
      treeMB: of((r) => r.treeMB),
      cpuSeconds: of((r) => r.cpuSeconds),
      runs: rounds,
    };
  });
}

/**
 * A checkout of `rev` beside this one, with its own `npm ci`, made once and reused (a worktree of
 * this repository under the temporary directory).
 * @throws Error when git or npm fail.
 */
export function baselineCheckout(root: string, rev: string): TestCheckout {
  const git = (args: string[], cwd = root) => {
    const result = spawnSync("git", args, { cwd, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
    return result.stdout.trim();
  };
  const commit = git(["rev-parse", "--verify", `${rev}^{commit}`]);
  const dir = path.join(os.tmpdir(), `stateful-stack-bench-baseline-${commit.slice(0, 12)}`);
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    git(["worktree", "prune"]);
    git(["worktree", "add", "--detach", dir, commit]);
  }
  if (!fs.existsSync(path.join(dir, "node_modules", ".package-lock.json"))) {
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env["PATH"] ?? ""}` },
    });
    if (npm.status !== 0) throw new Error(`npm ci in ${dir} failed: ${npm.stderr.slice(-2000)}`);
  }
  return { label: `baseline ${rev} (${commit.slice(0, 7)})`, dir };
}
