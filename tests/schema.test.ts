/**
 * The package schema of `Platform`, as `pulumi package add` infers it for Python, Go and C#: the
 * component is found, every argument and output is typed and documented, and the layers that only
 * TypeScript can use stay out of it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  Analyzer,
  type AnalyzeResult,
  type ComponentDefinition,
  type PropertyDefinition,
} from "@pulumi/pulumi/provider/experimental/analyzer.js";
import { Platform, type PlatformArgs } from "../components/index.ts";
import { readDiskCache, writeDiskCache } from "../tools/recorder/diskCache.ts";
import { record } from "../tools/recorder/record.ts";

const PACKAGE = "stateful-stack";
const LOCAL_TYPE = `#/types/${PACKAGE}:index:`;

/**
 * The analyzer the component plugin host runs, with the package's own `package.json`, over a
 * program rooted at what the published package exports (`components/index.ts`). The analyzer builds
 * its TypeScript program from `<dir>/tsconfig.json`; the repository's one includes the tests and
 * tools (about three times as many files, twice the time), so it gets a temporary directory whose
 * `tsconfig.json` extends the repository's with only the package entry as its root, and a
 * `package.json` whose `exports` entry is that file's absolute path (the analyzer starts there).
 */
function analyze(): AnalyzeResult {
  const root = process.cwd();
  const entry = join(root, "components", "index.ts");
  const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), "schema-"));
  try {
    const tsconfig = {
      extends: join(root, "tsconfig.json"),
      // Type packages are looked up from the configuration's directory: keep the repository's.
      compilerOptions: { typeRoots: [join(root, "node_modules", "@types")] },
      files: [entry],
      include: [],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const packageAtEntry = { ...packageJson, exports: { ".": { default: entry } } };
    return new Analyzer(dir, PACKAGE, packageAtEntry, new Set(["Platform"])).analyze();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `$ref` in a property, its array items and its map values. */
function refsOf(property: PropertyDefinition): string[] {
  const own = "$ref" in property ? [property.$ref] : [];
  return [
    ...own,
    ...(property.items ? refsOf(property.items) : []),
    ...(property.additionalProperties ? refsOf(property.additionalProperties) : []),
  ];
}

/** Names of the package's own types reachable from a component's inputs and outputs. */
function reachableTypes(result: AnalyzeResult, component: ComponentDefinition): string[] {
  const seen = new Set<string>();
  const pending = [...Object.values(component.inputs), ...Object.values(component.outputs)];
  for (let property = pending.pop(); property !== undefined; property = pending.pop()) {
    for (const ref of refsOf(property)) {
      if (!ref.startsWith(LOCAL_TYPE)) continue;
      const name = ref.slice(LOCAL_TYPE.length);
      if (seen.has(name)) continue;
      seen.add(name);
      const definition = result.typeDefinitions[name];
      assert.ok(definition, `type ${name} is referenced but not defined`);
      pending.push(...Object.values(definition.properties ?? {}));
    }
  }
  return [...seen].sort();
}

function enumValues(result: AnalyzeResult, ref: string | undefined): (string | number)[] {
  assert.ok(ref !== undefined && ref.startsWith(LOCAL_TYPE), `expected a reference to a package type, got ${ref}`);
  return (result.typeDefinitions[ref.slice(LOCAL_TYPE.length)]?.enum ?? []).map((member) => member.value);
}

function refOf(property: PropertyDefinition | undefined): string | undefined {
  return property !== undefined && "$ref" in property ? property.$ref : undefined;
}

describe("Platform package schema", function () {
  // One TypeScript program over the package's exported modules: several seconds.
  this.timeout(120_000);
  let result: AnalyzeResult;
  let platform: ComponentDefinition;

  before(() => {
    // The analysis is a function of the package's sources, the lockfile's versions and analyze()
    // itself: the disk cache (tools/recorder/diskCache.ts) answers for sources already analysed.
    const key = analyze.toString();
    const cached = readDiskCache<AnalyzeResult>(process.cwd(), "schema", key);
    result = cached ?? analyze();
    if (!cached) writeDiskCache(process.cwd(), "schema", key, result);
    const found = result.components["Platform"];
    assert.ok(found, "the analyzer finds the Platform component");
    platform = found;
  });

  it("describes the component in plain text", () => {
    // A `{@link}` in TSDoc reaches the schema as "[object Object]": component and type docs avoid it.
    assert.match(platform.description ?? "", /^The whole stack: cluster, then storage, then operators/);
    assert.doesNotMatch(JSON.stringify(result), /object Object/);
  });

  it("takes every PlatformArgs argument as an input", () => {
    const expected: (keyof PlatformArgs)[] = [
      "environment",
      "cluster",
      "namespace",
      "storageClasses",
      "storage",
      "workloads",
      "operators",
      "databases",
      "backups",
      "restore",
    ];
    assert.deepEqual(Object.keys(platform.inputs).sort(), [...expected].sort());
    assert.equal(platform.inputs["environment"]?.optional, undefined, "environment is required");
    assert.equal(platform.inputs["cluster"]?.optional, undefined, "cluster is required");
    assert.equal(platform.inputs["workloads"]?.optional, true, "workloads are optional");
  });

  it("outputs only values other languages can hold: endpoints, kubeconfig, namespace, class and database names", () => {
    assert.deepEqual(Object.keys(platform.outputs).sort(), [
      "databases",
      "endpoints",
      "kubeconfig",
      "namespaceName",
      "storageClassNames",
    ]);
    assert.deepEqual(platform.outputs["storageClassNames"], {
      type: "array",
      items: { type: "string" },
      description: "Every storage class workloads may use: the existing ones and those the platform creates.",
    });
  });

  // Object types mostly get no description: the analyzer only reads type TSDoc from files it scans
  // before it finds the component, and it stops there (from components/index.ts it passes
  // cluster/factory.ts, so ClusterArgs has one). Their properties are what SDK users see documented.
  it("documents every input, every output and every property of every type reachable from them", () => {
    const undocumented = [
      ...Object.entries(platform.inputs).map(([name, p]) => [`input ${name}`, p.description] as const),
      ...Object.entries(platform.outputs).map(([name, p]) => [`output ${name}`, p.description] as const),
      ...reachableTypes(result, platform).flatMap((type) => {
        const definition = result.typeDefinitions[type];
        return [
          ...(definition?.enum ? [[`enum ${type}`, definition.description] as const] : []),
          ...Object.entries(definition?.properties ?? {}).map(
            ([name, p]) => [`${type}.${name}`, p.description] as const,
          ),
          ...(definition?.enum ?? []).map((member) => [`${type}.${member.name}`, member.description] as const),
        ];
      }),
    ]
      .filter(([, description]) => (description ?? "").trim() === "")
      .map(([where]) => where);
    assert.deepEqual(undocumented, []);
  });

  it("offers string variants as enums listing the allowed values", () => {
    assert.deepEqual(enumValues(result, refOf(platform.inputs["environment"])), ["dev", "prod"]);
    const clusterArgs = result.typeDefinitions["ClusterArgs"]?.properties ?? {};
    assert.deepEqual(enumValues(result, refOf(clusterArgs["cloud"])), ["existing", "aks", "eks"]);
    const access = result.typeDefinitions["PlatformAccess"]?.properties ?? {};
    assert.deepEqual(enumValues(result, refOf(access["operator"])), ["etcd", "rook-ceph"]);
  });

  it("names the package of every resource type it references as a dependency, at the pinned version", () => {
    const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    const external = reachableTypes(result, platform)
      .flatMap((type) => Object.values(result.typeDefinitions[type]?.properties ?? {}))
      .concat(Object.values(platform.inputs), Object.values(platform.outputs))
      .flatMap(refsOf)
      .filter((ref) => ref.startsWith("/"));
    const referenced = new Set(external.map((ref) => ref.split("/")[1]));
    assert.deepEqual(new Set(result.dependencies.map((dependency) => dependency.name)), referenced);
    for (const dependency of result.dependencies) {
      assert.equal(dependency.version, packageJson.dependencies[`@pulumi/${dependency.name}`]);
    }
  });
});

describe("Platform outputs and layers", () => {
  it("gives the namespace name and every storage class as outputs, and its layers as accessors", async () => {
    let platform: Platform | undefined;
    await record(
      () => {
        platform = new Platform("p", {
          environment: "dev",
          cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
          namespace: "stateful",
          storageClasses: ["standard", "fast"],
          workloads: [
            { name: "cache", image: "redis:7.4.2-alpine", port: 6379, storageClass: "fast", storageSize: "1Gi" },
          ],
        });
      },
      { project: "proj", stack: "test", preview: false },
    );
    assert.ok(platform);
    const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
    assert.equal(await value(platform.namespaceName), "stateful");
    assert.deepEqual(await value(platform.storageClassNames), ["standard", "fast"]);
    assert.ok(pulumi.Resource.isInstance(platform.namespace));
    assert.equal(platform.cluster.cloud, "existing");
    assert.deepEqual(Object.keys(platform.workloads), ["cache"]);
    assert.deepEqual(platform.storage.classReadiness, {}, "classes of an existing cluster are ready with it");
    assert.deepEqual(platform.storage.claimReadiness, {}, "an existing cluster has no static volumes");
    assert.deepEqual(Object.keys(platform.operators.etcdClusters), []);
  });
});
