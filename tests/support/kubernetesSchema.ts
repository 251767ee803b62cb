/**
 * Validation of recorded Kubernetes objects against the Kubernetes OpenAPI schema, through
 * `kubernetes-models`, and of cert-manager objects (`cert-manager.io/v1`) against cert-manager's
 * CRD schemas, through `@kubernetes-models/cert-manager` (both ESM-only, loaded with dynamic `import()`).
 */
import type { RecordedResource } from "../../tools/recorder/record.ts";
import { COMPUTED, SECRET } from "../../tools/recorder/values.ts";

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

interface AjvLikeError {
  instancePath: string;
  message?: string;
}

/** API groups built into Kubernetes (custom resources, such as snapshot classes, are in other groups). */
const BUILT_IN_GROUPS =
  /^kubernetes:(core|apps|batch|policy|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|scheduling\.k8s\.io|coordination\.k8s\.io|discovery\.k8s\.io|node\.k8s\.io|certificates\.k8s\.io|admissionregistration\.k8s\.io|apiextensions\.k8s\.io)\/[^:]+:[A-Z]/;

/** True for Kubernetes objects of the API's own types, which have a schema to validate against. */
export function isBuiltInObject(resource: RecordedResource): boolean {
  return resource.custom && BUILT_IN_GROUPS.test(resource.type);
}

const CERT_MANAGER_OBJECT = /^kubernetes:cert-manager\.io\/v1:(Issuer|ClusterIssuer|Certificate)$/;

/** True for cert-manager `Issuer`, `ClusterIssuer` and `Certificate` objects (validated against cert-manager's schema). */
export function isCertManagerObject(resource: RecordedResource): boolean {
  return resource.custom && CERT_MANAGER_OBJECT.test(resource.type);
}

/** True for objects {@link kubernetesSchemaProblems} can judge: built-in Kubernetes objects and cert-manager's. */
export function hasSchema(resource: RecordedResource): boolean {
  return isBuiltInObject(resource) || isCertManagerObject(resource);
}

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass> {
  const from = apiVersion.startsWith("cert-manager.io/") ? "@kubernetes-models/cert-manager" : "kubernetes-models";
  const module = (await import(`${from}/${apiVersion}/${kind}`)) as Record<string, unknown>;
  const model = module[kind];
  if (typeof model !== "function") throw new Error(`${from} has no ${apiVersion} ${kind}`);
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
 * only after deployment, and secret values (masked), cannot be judged and are not reported.
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
      // Unknown and masked (secret) values cannot be judged.
      const value = valueAt(resource.inputs, e.instancePath);
      if (value === COMPUTED || value === SECRET) continue;
      problems.push(`${resource.name} (${apiVersion} ${kind}): ${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
    }
  }
  return problems;
}
