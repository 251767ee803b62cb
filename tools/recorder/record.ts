/**
 * Runs a Pulumi program in-process under the SDK's mocks and records every resource it registers,
 * with what the engine would receive: type, name, URN, parent, provider, dependencies, options and
 * inputs (secrets masked). The offline plan and the tests both use it.
 */
import * as pulumi from "@pulumi/pulumi";
import { answerInvoke } from "./invokes.ts";
import { resourceState } from "./resources.ts";
import { engineUrn, ROOT_STACK_TYPE } from "./urns.ts";
import { decodeValue, type SecretPaths } from "./values.ts";

/** One registered resource, as the engine would see it. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** False for component resources, which create nothing themselves. */
  custom: boolean;
  /**
   * A component implemented by a provider (e.g. Helm v4 `Chart`, YAML v2 `ConfigFile`): its
   * children are created by the provider at deployment and are not expanded under mocks, so the
   * plan treats it as one resource.
   */
  remote: boolean;
  parent?: string;
  /** URN of the explicit provider; absent when the resource would use the default provider. */
  provider?: string;
  /** Every resource this one waits for (explicit `dependsOn` and inputs taken from other resources). */
  dependencies: string[];
  /** For each input property, the resources its value came from. */
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  aliases: unknown[];
  /** Inputs with secrets shown as `[secret]` and values known only after deployment as `(computed)`. */
  inputs: Record<string, unknown>;
  /** Paths of the inputs that are secret. */
  secretInputs: SecretPaths;
}

/** One provider function call. */
export interface RecordedInvoke {
  token: string;
  provider?: string;
}

/** Everything a program registered in one run. */
export interface Recording {
  project: string;
  stack: string;
  preview: boolean;
  resources: RecordedResource[];
  invokes: RecordedInvoke[];
  /** Stack outputs, decoded like inputs. */
  outputs: Record<string, unknown>;
}

/** How to run the program. */
export interface RecordOptions {
  project: string;
  stack: string;
  /** Configuration values by full key (`project:key`), as Pulumi passes them: strings, JSON for objects. */
  config?: Record<string, string>;
  /** Full keys of the configuration values that are secret. */
  secretKeys?: string[];
  /**
   * Run as a preview: values only known after deployment stay unknown, exactly as in the first
   * `pulumi preview` of a new stack.
   * @default true
   */
  preview?: boolean;
  /** Receives every registration as it happens, so a caller can see what a failed run registered. */
  onRegister?: (resource: RecordedResource) => void;
}

interface MockMonitorInternals {
  registerResource(req: RegisterRequest, callback: (err: unknown, resp?: unknown) => void): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, resp?: unknown) => void): void;
  newUrn(parent: string, type: string, name: string): string;
}

interface StructLike {
  toJavaScript(): unknown;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getObject(): StructLike | undefined;
  getProvider(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAliasesList(): { toObject(): unknown }[];
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): StructLike | undefined;
}

/** The configuration key listing the packages whose default provider the engine refuses. */
export const DISABLE_DEFAULT_PROVIDERS = "pulumi:disable-default-providers";

/**
 * The packages whose default provider is disabled, read as the engine reads the setting: a JSON list
 * of package names, `*` for all, an empty value for none (pulumi/pulumi@v3.270.0:
 * pkg/resource/deploy/source_eval.go, `shouldDenyRequest`).
 */
export function disabledDefaultProviders(config: Record<string, string> = {}): string[] {
  const value = config[DISABLE_DEFAULT_PROVIDERS];
  if (value === undefined || value === "") return [];
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed)) throw new Error(`${DISABLE_DEFAULT_PROVIDERS} must be a list of package names`);
  return parsed.map((item, i) => {
    if (typeof item !== "string") throw new Error(`${DISABLE_DEFAULT_PROVIDERS}[${i}] must be a string`);
    return item.trim();
  });
}

/** True when the engine would give `resource` its package's default provider. */
function usesDefaultProvider(resource: RecordedResource): boolean {
  if ((!resource.custom && !resource.remote) || resource.provider) return false;
  return !resource.type.startsWith("pulumi:providers:");
}

/**
 * The engine's error for a resource that would use a disabled default provider, or undefined when
 * it may register: only custom and remote resources of a listed package (or any, with `*`) without
 * an explicit provider are refused; components and provider resources never are.
 */
export function defaultProviderDenial(resource: RecordedResource, disabled: readonly string[]): string | undefined {
  if (!usesDefaultProvider(resource)) return undefined;
  const pkg = resource.type.split(":")[0] ?? "";
  if (!disabled.includes("*") && !disabled.includes(pkg)) return undefined;
  return `Default provider for '${pkg}' disabled. '${resource.urn}' must use an explicit provider.`;
}

/**
 * The engine's error for a resource registered under a URN already registered in the same
 * deployment: the step generator refuses the second registration and the update fails
 * (pulumi/pulumi@v3.270.0: pkg/resource/deploy/step_generator.go `generateURN`, with the message of
 * sdk/go/common/diag/errors.go `GetDuplicateResourceURNError`).
 */
export function duplicateUrnError(urn: string): string {
  return `Duplicate resource URN '${urn}'; try giving it a unique name`;
}

export { engineUrn };

/** The URN part of a provider reference (`urn::id`). */
export function providerUrn(reference: string): string | undefined {
  if (!reference) return undefined;
  const at = reference.lastIndexOf("::");
  return at > 0 ? reference.slice(0, at) : reference;
}

function recordRequest(req: RegisterRequest, urn: string): RecordedResource {
  const secretInputs: SecretPaths = [];
  const inputs = decodeValue(req.getObject()?.toJavaScript() ?? {}, "", secretInputs) as Record<string, unknown>;
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = [...value.getUrnsList()];
  });
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    remote: req.getRemote(),
    parent: req.getParent() || undefined,
    provider: providerUrn(req.getProvider()),
    dependencies: [...new Set(req.getDependenciesList())],
    propertyDependencies,
    protect: Boolean(req.getProtect()),
    retainOnDelete: Boolean(req.getRetainondelete()),
    deleteBeforeReplace: req.getDeletebeforereplace(),
    ignoreChanges: [...req.getIgnorechangesList()],
    aliases: req.getAliasesList().map((alias) => alias.toObject()),
    inputs,
    secretInputs,
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Stack frames kept on an error made while a program is recorded. The SDK makes an `Error` for every
 * promise it creates, for its report of leaked promises, and formats its stack
 * (pulumi/pulumi@v3.259.0: sdk/nodejs/runtime/debuggable.ts `debuggablePromise`, the same in the
 * published @pulumi/pulumi 3.270.0 `runtime/debuggable.js`): with Node's default of 10 frames that
 * was a third of a recording's CPU time, more under mocha's unlimited stacks. One frame still names
 * where an error was thrown; the SDK lifts the limit itself where it needs the whole stack
 * (sdk/nodejs/resource.ts `Resource.callsites`).
 */
export const RECORDING_STACK_FRAMES = 1;

async function withShortStacks<T>(run: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = RECORDING_STACK_FRAMES;
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(typeof value === "string" ? value : JSON.stringify(value));
}

/**
 * Runs `program` under mocks and returns what it registered. Runs are serialized: the Pulumi
 * runtime is process-global.
 * @throws the engine's error for the first registration it would refuse (a duplicate URN, a
 * disabled default provider), else the program's own error (e.g. a configuration error), else the
 * first error raised while its resources were registered.
 */
export function record(program: () => unknown, options: RecordOptions): Promise<Recording> {
  const run = queue.then(() => withShortStacks(() => recordNow(program, options)));
  queue = run.catch(() => undefined);
  return run;
}

async function recordNow(program: () => unknown, options: RecordOptions): Promise<Recording> {
  const preview = options.preview ?? true;
  const { project, stack } = options;
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  let outputs: Record<string, unknown> = {};
  const failures: unknown[] = [];
  /** Registrations the engine would refuse: its error ends the update, whatever the program does next. */
  const refused: Error[] = [];

  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: preview ? "" : `${args.name}-id`,
        state: resourceState(args.type, args.inputs as Record<string, unknown>, preview),
      }),
      call: (args) => {
        invokes.push({ token: args.token, provider: providerUrn(args.provider ?? "") });
        return answerInvoke(args);
      },
    },
    project,
    stack,
    preview,
  );

  // Read when the first resource asks for a default provider, as the engine does: a malformed
  // setting fails only a program that uses a default provider.
  let disabled: string[] | undefined;
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorInternals;
  monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent, type, name);
  const register = monitor.registerResource.bind(monitor);
  const urns = new Set<string>();
  monitor.registerResource = (req, callback) => {
    const resource = recordRequest(req, engineUrn(stack, project, req.getParent(), req.getType(), req.getName()));
    let denial: string | undefined;
    if (urns.has(resource.urn)) denial = duplicateUrnError(resource.urn);
    else {
      urns.add(resource.urn);
      resources.push(resource);
      options.onRegister?.(resource);
    }
    if (denial === undefined && usesDefaultProvider(resource)) {
      try {
        disabled ??= disabledDefaultProviders(options.config);
        denial = defaultProviderDenial(resource, disabled);
      } catch (error) {
        denial = asError(error).message;
      }
    }
    if (denial !== undefined) {
      // As the engine does: the registration fails, and with it the update.
      refused.push(new Error(denial));
      callback(new Error(denial));
      return Promise.resolve();
    }
    return register(req, callback);
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    if (req.getUrn().split("::")[2] === ROOT_STACK_TYPE) {
      outputs = decodeValue(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    }
    registerOutputs(req, callback);
  };

  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  let programError: unknown;
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      const exported = await program();
      return exported !== null && typeof exported === "object" ? (exported as Record<string, unknown>) : undefined;
    });
  } catch (error) {
    programError = error;
  } finally {
    // Whether the program succeeded or not, let every registration it started finish and every
    // rejection it caused surface now, so none is blamed on the next run.
    await pulumi.runtime.disconnect();
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onRejection);
  }
  const [refusal] = refused;
  if (refusal !== undefined) throw refusal;
  if (programError !== undefined) throw asError(programError);
  if (failures.length > 0) throw asError(failures[0]);
  return { project, stack, preview, resources, invokes, outputs };
}
