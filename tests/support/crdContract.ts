/**
 * A check of rendered custom resources against a hand-written contract: for each object the fields
 * its CRD has (an unknown field fails, as the API server would prune or refuse it), the types,
 * required fields, enums, patterns and bounds the CRD puts on the fields we render, and the rules the
 * CRD's CEL validations and the operator's admission webhook apply to them. The contracts themselves
 * (our own TypeScript, each rule cited at its upstream tag) are in e.g. `cnpgContract.ts`.
 */
import { COMPUTED, SECRET } from "../../tools/recorder/values.ts";

type Fields = Record<string, unknown>;

/** A rule over one object: a CRD CEL validation or an admission webhook check, written as a predicate. */
export interface ContractRule {
  /** Where it comes from: the CEL expression, or the webhook function's name. */
  rule: string;
  /** What the API server answers when it is broken. */
  message: string;
  /** True when `self` breaks the rule. */
  broken: (self: Fields) => boolean;
}

/** What the contract says about one value. */
export interface ContractNode {
  /** The value's type (`int-or-string` for `x-kubernetes-int-or-string`). */
  type?: "object" | "array" | "string" | "integer" | "boolean" | "int-or-string";
  /** Fields the contract describes (those rendered). */
  fields?: Record<string, ContractNode>;
  /** The object's other fields in the CRD: accepted, not checked further (none rendered). */
  others?: readonly string[];
  /** Any field is accepted (an object the CRD leaves open, such as `metadata`). */
  open?: boolean;
  /** Every value of a map (`additionalProperties`). */
  values?: ContractNode;
  /** Every item of an array. */
  items?: ContractNode;
  required?: readonly string[];
  enum?: readonly unknown[];
  pattern?: RegExp;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  rules?: readonly ContractRule[];
}

/** One custom resource kind at a pinned version. */
export interface ObjectContract {
  /** `owner/repo@tag:path` of the CRD. */
  source: string;
  apiVersion: string;
  kind: string;
  /** The whole object (`apiVersion`, `kind`, `metadata`, `spec`). */
  schema: ContractNode;
}

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const TYPES: Record<NonNullable<ContractNode["type"]>, (value: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (v) => typeof v === "string",
  integer: Number.isInteger,
  boolean: (v) => typeof v === "boolean",
  "int-or-string": (v) => typeof v === "string" || Number.isInteger(v),
};

function scalarProblems(path: string, value: unknown, node: ContractNode): string[] {
  const problems: string[] = [];
  if (node.enum && !node.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(node.enum)}`);
  if (typeof value === "string") {
    if (node.pattern && !node.pattern.test(value)) problems.push(`${path}: "${value}" does not match ${node.pattern}`);
    if (node.minLength !== undefined && value.length < node.minLength)
      problems.push(`${path}: shorter than ${node.minLength}`);
    if (node.maxLength !== undefined && value.length > node.maxLength)
      problems.push(`${path}: longer than ${node.maxLength}`);
  }
  if (typeof value === "number" && node.minimum !== undefined && value < node.minimum)
    problems.push(`${path}: below ${node.minimum}`);
  return problems;
}

function objectProblems(path: string, value: Fields, node: ContractNode): string[] {
  const problems: string[] = [];
  for (const key of node.required ?? [])
    if (value[key] === undefined) problems.push(`${path}.${key}: required by the CRD`);
  const closed = !node.open && node.values === undefined;
  const allowed = [...Object.keys(node.fields ?? {}), ...(node.others ?? [])];
  for (const [key, child] of Object.entries(value)) {
    const childNode = node.fields?.[key] ?? node.values;
    if (childNode) problems.push(...contractNodeProblems(`${path}.${key}`, child, childNode));
    else if (closed && !allowed.includes(key))
      problems.push(`${path}.${key}: not a field of the CRD (it has: ${allowed.join(", ")})`);
  }
  for (const { rule, message, broken } of node.rules ?? [])
    if (broken(value)) problems.push(`${path}: breaks ${rule} (${message})`);
  return problems;
}

/** The ways `value` at `path` breaks `node` (empty when it is accepted). */
export function contractNodeProblems(path: string, value: unknown, node: ContractNode): string[] {
  // Values known only after deployment, and secrets (masked), cannot be judged.
  if (value === undefined || value === COMPUTED || value === SECRET) return [];
  if (node.type && !TYPES[node.type](value)) return [`${path}: expected ${node.type}, got ${JSON.stringify(value)}`];
  const problems = scalarProblems(path, value, node);
  if (Array.isArray(value) && node.items)
    value.forEach((item, i) =>
      problems.push(...contractNodeProblems(`${path}[${i}]`, item, node.items as ContractNode)),
    );
  else if (isObject(value)) problems.push(...objectProblems(path, value, node));
  return problems;
}

/** The ways a rendered object (`apiVersion`, `kind`, `metadata`, `spec`) breaks its contract. */
export function contractProblems(contract: ObjectContract, object: unknown): string[] {
  if (!isObject(object)) return ["the object is missing"];
  const problems: string[] = [];
  if (object["apiVersion"] !== contract.apiVersion)
    problems.push(`apiVersion: expected ${contract.apiVersion}, got ${String(object["apiVersion"])}`);
  if (object["kind"] !== contract.kind) problems.push(`kind: expected ${contract.kind}, got ${String(object["kind"])}`);
  return [...problems, ...contractNodeProblems(contract.kind, object, contract.schema)];
}

/** `apiVersion`, `kind`, `metadata` (ObjectMeta, judged by the API server, not the CRD) and `spec`. */
export function customResource(
  spec: ContractNode,
  metadata: ContractNode = { type: "object", open: true },
): ContractNode {
  return {
    type: "object",
    fields: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata, spec },
    others: ["status"],
    required: ["metadata", "spec"],
  };
}

/** A map of strings (`additionalProperties: {type: string}`). */
export const STRING_MAP: ContractNode = { type: "object", values: { type: "string" } };

/** A Kubernetes `LabelSelector` (`matchLabels`, `matchExpressions` of `key`, `operator`, `values`), as CRDs embed it. */
export const LABEL_SELECTOR: ContractNode = {
  type: "object",
  fields: {
    matchLabels: STRING_MAP,
    matchExpressions: {
      type: "array",
      items: {
        type: "object",
        fields: {
          key: { type: "string" },
          operator: { type: "string" },
          values: { type: "array", items: { type: "string" } },
        },
        required: ["key", "operator"],
      },
    },
  },
};

/** A `SecretKeySelector` of the CRDs: `name` and `key`, both required. */
export const SECRET_KEY: ContractNode = {
  type: "object",
  fields: { name: { type: "string" }, key: { type: "string" } },
  required: ["key", "name"],
};

/** True when `self` has `key` (CEL `has(self.key)`). */
export function has(self: Fields, key: string): boolean {
  return self[key] !== undefined;
}
