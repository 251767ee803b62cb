/**
 * The npm package as another program gets it: `npm pack` builds it; npm installs the tarball into
 * a new project offline (the package has no dependencies of its own, only peers); a `file:` link
 * to the checkout resolves to its built JavaScript; the example program type-checks against the
 * installed package with TypeScript 7 and with the oldest TypeScript the package supports; the
 * main entry loads without either cloud SDK, and a cloud component without its SDK names the
 * package to install. Nothing but the package itself is shipped, and nothing a consumer installs
 * brings `@pulumi/aws`, `@pulumi/azure-native` or `@pulumi/policy`.
 *
 * The peers a real install would fetch from the registry are linked from this repository's own
 * node_modules, the versions its lockfile pins. A git URL installs by cloning, installing the
 * repository's dev dependencies and running `prepare`: about 100 s offline on a 2-core machine, too
 * slow for `npm test`, so only its `prepare` is checked here.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const example = path.join(PROJECT_ROOT, "examples", "basic");
/** What a program that uses neither cloud must never install. */
const UNWANTED = ["@pulumi/aws", "@pulumi/azure-native", "@pulumi/policy"];
/** The peers a consumer's npm installs; linked from this repository's node_modules. */
const PEERS = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random", "@types/node"];
/** Offline, no peers fetched, no scripts, no lockfile: only what the spec itself names is installed. */
const NPM_INSTALL = ["install", "--offline", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund"];

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

/** A new project in a temporary directory, with the example program and its tsconfig. */
function project(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  fs.copyFileSync(path.join(example, "index.ts"), path.join(dir, "index.ts"));
  fs.copyFileSync(path.join(example, "tsconfig.json"), path.join(dir, "tsconfig.json"));
  return dir;
}

/** Links the peers a consumer's npm would install (never a cloud SDK) into `dir`'s node_modules. */
function linkPeers(dir: string): void {
  for (const peer of PEERS) {
    const link = path.join(dir, "node_modules", peer);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.dirname(require.resolve(`${peer}/package.json`)), link, "dir");
  }
}

function tsc(pkg: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", "tsc");
}

async function typeCheck(pkg: string, dir: string): Promise<void> {
  await run(process.execPath, [tsc(pkg), "-p", dir]).catch((error: { stdout: string }) => {
    assert.fail(`the example does not type-check against the package with ${pkg}:\n${error.stdout}`);
  });
}

/** The packages npm installs for `names`, as this repository's lockfile resolves them. */
function installedWith(names: string[]): Set<string> {
  const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, Manifest & { optional?: boolean }>;
  };
  const found = new Set<string>();
  const visit = (name: string, from: string): void => {
    // Node's lookup: the nearest node_modules/<name> from the requiring package's directory up.
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
      const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      const entry = lock.packages[key];
      if (entry) {
        if (found.has(key)) return;
        found.add(key);
        const optional = entry.peerDependenciesMeta ?? {};
        for (const dep of Object.keys(entry.dependencies ?? {})) visit(dep, key);
        for (const dep of Object.keys(entry.peerDependencies ?? {})) if (!optional[dep]?.optional) visit(dep, key);
        return;
      }
      if (!dir) return;
    }
  };
  for (const name of names) visit(name, "");
  return new Set([...found].map((key) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length)));
}

describe("npm package", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);
  let files: string[] = [];
  let manifest: Manifest;
  let consumer = "";
  let installed = "";
  /** Temporary directories, removed after the tests. */
  const temporary: string[] = [];

  before(async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
    temporary.push(out);
    const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", out], {
      cwd: PROJECT_ROOT,
      maxBuffer: 32 * 1024 * 1024,
    });
    const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = result!.files.map((f) => f.path);
    consumer = project("consumer-");
    temporary.push(consumer);
    await run(npm, [...NPM_INSTALL, path.join(out, result!.filename)], { cwd: consumer });
    installed = path.join(consumer, "node_modules", "stateful-stack");
    manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Manifest;
    linkPeers(consumer);
  });

  after(() => {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ships the built components, their types and sources, and nothing of the repository's own", () => {
    for (const entry of ["index", "aws", "azure"]) {
      assert.ok(files.includes(`bin/components/${entry}.js`), `${entry}.js`);
      assert.ok(files.includes(`bin/components/${entry}.d.ts`), `${entry}.d.ts`);
    }
    assert.ok(files.includes("components/index.ts"));
    const stray = files.filter((f) => /^(tests|tools|stacks|config|policy|examples)\//.test(f) || f === "index.ts");
    assert.deepEqual(stray, []);
  });

  it("depends on nothing itself: the Pulumi SDKs are peers, the cloud SDKs optional ones, the policy SDK none", () => {
    assert.deepEqual(manifest.dependencies ?? {}, {});
    const peers = manifest.peerDependencies ?? {};
    const optional = Object.keys(peers).filter((name) => manifest.peerDependenciesMeta?.[name]?.optional);
    assert.deepEqual(optional.sort(), ["@pulumi/aws", "@pulumi/azure-native", "typescript"]);
    for (const peer of ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random"]) assert.ok(peers[peer], peer);
    assert.equal(peers["@pulumi/policy"], undefined);
    // The repository itself still gets every SDK, at the version its lockfile pins.
    const own = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as Manifest;
    for (const sdk of [...Object.keys(peers), "@pulumi/policy"]) assert.ok(own.devDependencies?.[sdk], sdk);
  });

  it("a consumer's install brings neither cloud SDK nor the policy SDK", () => {
    const required = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
    );
    const pulled = installedWith(required);
    assert.ok(pulled.size > 20, `the required peers and what they need: ${pulled.size} packages`);
    assert.ok(pulled.has("@pulumi/pulumi") && pulled.has("@pulumi/kubernetes"));
    assert.deepEqual(
      UNWANTED.filter((name) => pulled.has(name)),
      [],
    );
    // The test's own consumer has neither, so what follows runs without them.
    for (const sdk of UNWANTED) assert.throws(() => createRequire(path.join(installed, "x.js")).resolve(sdk), sdk);
  });

  it("a git dependency builds itself: prepare runs the build, with no shell command, and skips it in one line without the compiler", async () => {
    assert.equal(manifest.scripts?.["prepare"], "node tools/build.js");
    assert.equal(manifest.scripts?.["build"], "node tools/build.js");
    // A copy of the build outside the repository finds no compiler, as after `npm ci --omit=dev`.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
    fs.mkdirSync(path.join(bare, "tools"));
    fs.mkdirSync(path.join(bare, "bin"));
    fs.copyFileSync(path.join(PROJECT_ROOT, "tools", "build.js"), path.join(bare, "tools", "build.js"));
    const build = (lifecycle: string) =>
      run(process.execPath, [path.join(bare, "tools", "build.js")], {
        env: { ...process.env, npm_lifecycle_event: lifecycle },
      }).then(
        ({ stderr }) => ({ code: 0, stderr }),
        (error: { code: number; stderr: string }) => error,
      );
    const prepare = await build("prepare");
    assert.equal(prepare.code, 0);
    assert.match(
      prepare.stderr,
      /^stateful-stack: no TypeScript 7 compiler .* bin\/ is not built; run `npm ci` with dev dependencies/,
    );
    assert.equal(prepare.stderr.split("\n").length, 2, "one line");
    const explicit = await build("build");
    assert.equal(explicit.code, 1);
    assert.ok(fs.existsSync(path.join(bare, "bin")), "a build that cannot run leaves bin/ as it was");
    fs.rmSync(bare, { recursive: true, force: true });
  });

  it("type-checks the example program against the installed package, without the cloud SDKs", async () => {
    await typeCheck("typescript7", consumer);
  });

  it("type-checks the example with the oldest TypeScript it supports, and the peer range says so", async () => {
    const oldest = (require("typescript-min/package.json") as { version: string }).version;
    assert.equal(manifest.peerDependencies?.["typescript"], `>=${oldest.split(".").slice(0, 2).join(".")}`);
    // Without the example's own options that TypeScript 5.0 lacks (target ES2023, erasableSyntaxOnly);
    // the other libraries' declarations are the program's choice (@types/node 22 needs 5.6 to check).
    const config = JSON.parse(fs.readFileSync(path.join(example, "tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
    };
    delete config.compilerOptions["erasableSyntaxOnly"];
    config.compilerOptions["target"] = "ES2022";
    config.compilerOptions["skipLibCheck"] = true;
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify(config));
    await typeCheck("typescript-min", consumer);
  });

  it("loads as an ES module and exports every cloud-neutral component without a cloud SDK", async () => {
    const consumerRequire = createRequire(path.join(consumer, "index.js"));
    const exported = (await import(pathToFileURL(consumerRequire.resolve("stateful-stack")).href)) as Record<
      string,
      unknown
    >;
    const neutral = [
      "Platform",
      "ExistingCluster",
      "StatefulWorkload",
      "Operator",
      "EtcdCluster",
      "RookCephCluster",
      "PostgresCluster",
    ];
    for (const name of neutral) assert.equal(typeof exported[name], "function", `${name} is exported`);
    for (const name of ["AksCluster", "EksCluster", "AwsStorage", "AzureStorage"]) {
      assert.equal(exported[name], undefined, `${name} is in its cloud's entry`);
    }
    // A cloud's entry imports its SDK: Node names the missing package (a process of its own, as
    // a module that failed to link stays failed in the process that imported it).
    for (const [entry, sdk] of [
      ["stateful-stack/aws", "@pulumi/aws"],
      ["stateful-stack/azure", "@pulumi/azure-native"],
    ] as const) {
      const script = `await import(${JSON.stringify(entry)})`;
      await assert.rejects(
        run(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer }),
        (error: { stderr: string }) => error.stderr.includes(`Cannot find package '${sdk}'`),
      );
    }
  });

  it("a cloud component without its SDK says in one line which package to install", async () => {
    const modules = (await import(
      pathToFileURL(path.join(installed, "bin", "components", "cloudModules.js")).href
    )) as Record<string, () => unknown>;
    const expected: Record<string, [component: string, sdk: string]> = {
      aksClusterModule: ["AksCluster", "@pulumi/azure-native"],
      azureStorageModule: ["AzureStorage", "@pulumi/azure-native"],
      eksClusterModule: ["EksCluster", "@pulumi/aws"],
      awsStorageModule: ["AwsStorage", "@pulumi/aws"],
    };
    assert.equal(Object.keys(expected).length, 4);
    for (const [load, [component, sdk]] of Object.entries(expected)) {
      const range = manifest.peerDependencies?.[sdk];
      assert.throws(
        () => modules[load]!(),
        (error: Error) =>
          !error.message.includes("\n") &&
          error.message === `${component} needs ${sdk}, which is not installed: run npm install "${sdk}@${range}"`,
      );
    }
  });

  it("loads each cloud's implementation on demand when its SDK is installed", async () => {
    const modules = (await import(
      pathToFileURL(path.join(PROJECT_ROOT, "bin", "components", "cloudModules.js")).href
    )) as Record<string, () => Record<string, unknown>>;
    assert.equal(typeof modules["aksClusterModule"]?.()["AksCluster"], "function");
    assert.equal(typeof modules["eksClusterModule"]?.()["EksCluster"], "function");
    assert.equal(typeof modules["azureStorageModule"]?.()["AzureStorage"], "function");
    assert.equal(typeof modules["awsStorageModule"]?.()["AwsStorage"], "function");
  });

  it("a file: dependency on the checkout installs offline and resolves to its built JavaScript", async () => {
    const spec = (JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8")) as Manifest).dependencies?.[
      "stateful-stack"
    ];
    assert.equal(spec, "file:../..");
    assert.equal(path.resolve(example, "../.."), PROJECT_ROOT);
    // The example gets a packed copy, as a consumer does, with one copy of each Pulumi SDK.
    assert.match(fs.readFileSync(path.join(example, ".npmrc"), "utf8"), /^install-links=true$/m);
    const linked = project("linked-");
    temporary.push(linked);
    await run(npm, [...NPM_INSTALL, "--install-links=false", `file:${PROJECT_ROOT}`], { cwd: linked });
    const resolved = createRequire(path.join(linked, "index.js")).resolve("stateful-stack");
    // A symlink resolves to its real path: the checkout's bin/, outside any node_modules.
    assert.equal(resolved, path.join(PROJECT_ROOT, "bin", "components", "index.js"));
    const exported = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
    assert.equal(typeof exported["StatefulWorkload"], "function");
  });
});
