/**
 * The policy pack as `pulumi preview --policy-pack policy` runs it: started by Pulumi's own runner
 * in a child Node process, reached over gRPC with the engine's Analyzer client, and sent the
 * resources of an offline recording the way the engine sends a preview's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import type { Struct as StructClass } from "google-protobuf/google/protobuf/struct_pb.js";
import type { Empty as EmptyClass } from "google-protobuf/google/protobuf/empty_pb.js";
import type { RecordedResource, Recording } from "../../tools/recorder/record.ts";
import { PROJECT_ROOT } from "../../tools/recorder/program.ts";
import { COMPUTED, SECRET } from "../../tools/recorder/values.ts";
import { SUBPROCESS_BUDGET_MS } from "./cli.ts";
import { recordedResource } from "./recorded.ts";

// The generated client and messages, and the gRPC and protobuf runtimes they were generated
// against, resolved from @pulumi/pulumi as its own modules resolve them (one instance of each).
const fromPulumi = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/proto/analyzer_pb.js"));
const pb = fromPulumi("./analyzer_pb.js") as typeof analyzerPb;
const { AnalyzerClient } = fromPulumi("./analyzer_grpc_pb.js") as typeof analyzerGrpc;
const { credentials, Metadata } = fromPulumi("@grpc/grpc-js") as typeof grpc;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as { Struct: typeof StructClass };
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb.js") as { Empty: typeof EmptyClass };

/** The policy pack's directory, as `--policy-pack policy` names it. */
export const POLICY_PACK_DIR = path.join(PROJECT_ROOT, "policy");

/**
 * What the engine passes as its own address. The runner drops it before loading the pack
 * (@pulumi/pulumi@3.270.0 cmd/run-policy-pack/index.js, `argv._.shift()`), and nothing is dialled.
 */
const ENGINE_ADDRESS = "127.0.0.1:1";

// Wire-format markers of the Pulumi resource protocol (sdk/nodejs/runtime/rpc.ts), which the
// engine keeps in what it sends analyzers (`KeepUnknowns`, `KeepSecrets`).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A running policy pack and a client connected to it. */
export interface RunningPack {
  process: ChildProcess;
  client: analyzerGrpc.AnalyzerClient;
  /** Everything the pack wrote to stderr so far. */
  stderr(): string;
  /** Ends the process and closes the client. */
  stop(): void;
}

/**
 * Starts the pack as the Node.js language host's `RunPlugin` does for an analyzer: `node
 * <@pulumi/pulumi/cmd/run-policy-pack> <engine address> <pack directory>`, in the pack directory
 * (pulumi/pulumi@v3.259.0:sdk/nodejs/cmd/pulumi-language-nodejs/main.go, `RunPlugin`; the engine
 * boots policy packs through it in pkg/resource/plugin/analyzer_plugin.go, `NewPolicyAnalyzer`),
 * then reads the port the pack prints on its first line of stdout and connects to it.
 */
export function startPolicyPack(env: Record<string, string> = {}): Promise<RunningPack> {
  const runner = fromPulumi.resolve("../cmd/run-policy-pack/index.js");
  const child = spawn(process.execPath, [runner, ENGINE_ADDRESS, POLICY_PACK_DIR], {
    cwd: POLICY_PACK_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the policy pack printed no port within ${SUBPROCESS_BUDGET_MS} ms:\n${stderr}`));
    }, SUBPROCESS_BUDGET_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the policy pack exited with ${code} before printing its port:\n${stdout}${stderr}`));
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n");
      if (line.length < 2) return;
      clearTimeout(timer);
      const port = Number(line[0]);
      if (!Number.isInteger(port) || port <= 0) {
        child.kill();
        reject(new Error(`the policy pack's first line is not a port: ${JSON.stringify(line[0])}\n${stderr}`));
        return;
      }
      const client = new AnalyzerClient(`127.0.0.1:${port}`, credentials.createInsecure());
      resolve({
        process: child,
        client,
        stderr: () => stderr,
        stop: () => {
          client.close();
          child.kill();
        },
      });
    });
  });
}

function unary<Req, Res>(
  call: (req: Req, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: Error | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    call(req, new Metadata(), { deadline: Date.now() + SUBPROCESS_BUDGET_MS }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );
}

/** One policy as the pack describes itself to the engine. */
export interface PackPolicy {
  name: string;
  enforcement: string;
}

const LEVELS: Record<number, string> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
  [pb.EnforcementLevel.DISABLED]: "disabled",
  [pb.EnforcementLevel.REMEDIATE]: "remediate",
};

/** The pack's name, version and policies (`GetAnalyzerInfo`). */
export async function analyzerInfo(
  pack: RunningPack,
): Promise<{ name: string; version: string; policies: PackPolicy[] }> {
  const info = await unary(pack.client.getAnalyzerInfo.bind(pack.client), new Empty());
  return {
    name: info.getName(),
    version: info.getVersion(),
    policies: info.getPoliciesList().map((p) => ({ name: p.getName(), enforcement: LEVELS[p.getEnforcementlevel()]! })),
  };
}

/** One diagnostic of `AnalyzeStack`. */
export interface PackDiagnostic {
  policy: string;
  enforcement: string;
  urn: string;
  message: string;
}

/** Runs every stack policy over `resources` (`AnalyzeStack`). */
export async function analyzeStack(
  pack: RunningPack,
  resources: analyzerPb.AnalyzerResource[],
): Promise<PackDiagnostic[]> {
  const request = new pb.AnalyzeStackRequest();
  request.setResourcesList(resources);
  const response = await unary(pack.client.analyzeStack.bind(pack.client), request);
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    enforcement: LEVELS[d.getEnforcementlevel()]!,
    urn: d.getUrn(),
    message: d.getMessage(),
  }));
}

/** A recorded value on the wire: unknowns and secrets as the engine marshals them. */
function wire(value: unknown): unknown {
  if (value === COMPUTED) return UNKNOWN;
  if (value === SECRET) return { [SIG_KEY]: SECRET_SIG, value: SECRET };
  if (Array.isArray(value)) return value.map(wire);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
  return value;
}

/**
 * The URN of the default provider of the package of `type`, named as the engine names it: `default_`
 * and the version the program's SDK asks for (pulumi/pulumi@v3.259.0:
 * pkg/resource/deploy/providers/provider.go, `DefaultName`).
 */
function defaultProviderUrn(recording: Recording, type: string): string {
  const pkg = type.split(":")[0]!;
  const { version } = createRequire(path.join(PROJECT_ROOT, "package.json"))(`@pulumi/${pkg}/package.json`) as {
    version: string;
  };
  const name = `default_${version.replace(/^v/, "").replace(/[.-]/g, "_")}`;
  return `urn:pulumi:${recording.stack}::${recording.project}::pulumi:providers:${pkg}::${name}`;
}

/** A default provider as the engine registers it: no parent, no configuration of its own. */
function defaultProvider(urn: string): RecordedResource {
  const [, , type, name] = urn.split("::") as [string, string, string, string];
  return recordedResource({ urn, type, name });
}

/**
 * The resources of a recording as the engine sends them to `AnalyzeStack` (pulumi/pulumi@v3.259.0:
 * pkg/resource/deploy/step_generator.go, `AnalyzeResources`; pkg/resource/plugin/analyzer_plugin.go,
 * `AnalyzeStack`): every resource of the stack, the stack itself, components and providers
 * included, each with its options, its provider (the default provider when none is explicit),
 * parent and dependencies.
 */
export function analyzerResources(recording: Recording): analyzerPb.AnalyzerResource[] {
  const providerOf = (r: RecordedResource) =>
    r.provider ??
    (r.custom && !r.type.startsWith("pulumi:providers:") ? defaultProviderUrn(recording, r.type) : undefined);
  const defaults = new Set(recording.resources.filter((r) => r.custom && !r.provider).map(providerOf));
  const all: RecordedResource[] = [
    ...[...defaults].flatMap((urn) => (urn === undefined ? [] : [defaultProvider(urn)])),
    ...recording.resources,
  ];
  const byUrn = new Map<string, RecordedResource>(all.map((r) => [r.urn, r]));
  return all.map((r) => {
    const resource = new pb.AnalyzerResource();
    resource.setType(r.type);
    resource.setUrn(r.urn);
    resource.setName(r.name);
    resource.setProperties(Struct.fromJavaScript(wire(r.inputs) as Parameters<typeof Struct.fromJavaScript>[0]));
    const options = new pb.AnalyzerResourceOptions();
    options.setProtect(r.protect);
    options.setIgnorechangesList(r.ignoreChanges);
    options.setDeletebeforereplace(r.deleteBeforeReplace);
    options.setParent(r.parent ?? "");
    resource.setOptions(options);
    const providerUrn = providerOf(r);
    if (providerUrn !== undefined) {
      const provider = new pb.AnalyzerProviderResource();
      provider.setUrn(providerUrn);
      provider.setType(providerUrn.split("::")[2]!);
      provider.setName(providerUrn.split("::")[3]!);
      provider.setProperties(
        Struct.fromJavaScript(
          wire(byUrn.get(providerUrn)?.inputs ?? {}) as Parameters<typeof Struct.fromJavaScript>[0],
        ),
      );
      resource.setProvider(provider);
    }
    resource.setParent(r.parent ?? "");
    resource.setDependenciesList(r.dependencies);
    const deps = resource.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      if (urns.length === 0) continue;
      const d = new pb.AnalyzerPropertyDependencies();
      d.setUrnsList(urns);
      deps.set(key, d);
    }
    return resource;
  });
}
