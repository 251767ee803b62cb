/**
 * Validation of recorded Kubernetes objects against the Kubernetes OpenAPI schema, through
 * `kubernetes-models` (ESM-only, loaded with dynamic `import()`).
 */
import type { RecordedResource } from "../../tools/recorder/record.ts";
import { COMPUTED } from "../../tools/recorder/values.ts";

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

interface AjvLikeError {
  instancePath: string;
  message?: string;
}

/** True for an API group of Kubernetes itself: the core group, a name without dots, or `*.k8s.io`. */
function isBuiltInGroup(type: string): boolean {
  const group = type.split(":")[1]?.split("/")[0] ?? "";
  return !group.includes(".") || group.endsWith(".k8s.io");
}

/** True for Pulumi types that are built-in Kubernetes objects (not providers, Helm, YAML or custom resources). */
export function isBuiltInObject(resource: RecordedResource): boolean {
  return (
    isBuiltInGroup(resource.type) &&
    resource.custom &&
    resource.type.startsWith("kubernetes:") &&
    !resource.type.startsWith("kubernetes:helm.sh/") &&
    !resource.type.startsWith("kubernetes:yaml/") &&
    !resource.type.startsWith("kubernetes:kustomize/") &&
    !/^kubernetes:[^:]+:CustomResource$/.test(resource.type)
  );
}

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass> {
  const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, unknown>;
  const model = module[kind];
  if (typeof model !== "function") throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);
  return model as ModelClass;
}

function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const part of pointer.split("/").slice(1)) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return at;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Returns the schema violations of one recorded Kubernetes object (empty when valid). Values known
 * only after deployment cannot be judged and are not reported.
 */
export async function kubernetesSchemaProblems(resource: RecordedResource): Promise<string[]> {
  const { apiVersion, kind, metadata } = resource.inputs as {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: unknown };
  };
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return [`${resource.name}: no apiVersion/kind in its inputs`];
  }
  const problems: string[] = [];
  const name = metadata?.name;
  if (typeof name === "string" && name !== COMPUTED && (!DNS_SUBDOMAIN.test(name) || name.length > 253)) {
    problems.push(`${resource.name}: metadata.name "${name}" is not a valid Kubernetes name`);
  }
  const Model = await modelFor(apiVersion, kind);
  try {
    new Model(resource.inputs).validate();
  } catch (error) {
    const errors = (error as { errors?: AjvLikeError[] }).errors;
    if (!errors) throw error;
    for (const e of errors) {
      if (valueAt(resource.inputs, e.instancePath) === COMPUTED) continue;
      problems.push(`${resource.name} (${apiVersion} ${kind}): ${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
    }
  }
  return problems;
}
