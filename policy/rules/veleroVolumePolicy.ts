/**
 * A Velero resource policy (the ConfigMap a backup's `resourcePolicy` names) as Velero v1.17.2 reads
 * it: whether it accepts it, and which action its volume policies give a volume the stack can only
 * partly describe. Pure. vmware-tanzu/velero@v1.17.2: internal/resourcepolicies/resource_policies.go,
 * volume_resources.go, volume_resources_validator.go, volume_types_conditions.go.
 */
import { load } from "js-yaml";

/** One `volumePolicies` entry of a resource policy Velero accepts. */
export interface VolumePolicy {
  conditions: Record<string, unknown>;
  action: "skip" | "fs-backup" | "snapshot";
}

/** The action types Velero accepts (`Action.validate`). */
const ACTIONS = ["skip", "fs-backup", "snapshot"] as const;
/** Fields Velero decodes strictly (`decodeStruct`, yaml.v3 `KnownFields(true)`), by where they are. */
const TOP_FIELDS = ["version", "volumePolicies", "includeExcludePolicy"];
const POLICY_FIELDS = ["conditions", "action"];
const ACTION_FIELDS = ["type", "parameters"];
/** `volumeConditions`: the condition keys of v1. */
const CONDITIONS = ["capacity", "storageClass", "nfs", "csi", "volumeTypes", "pvcLabels"];
const NFS_FIELDS = ["server", "path"];
const CSI_FIELDS = ["driver", "volumeAttributes"];
const INCLUDE_EXCLUDE_FIELDS = [
  "includedClusterScopedResources",
  "excludedClusterScopedResources",
  "includedNamespaceScopedResources",
  "excludedNamespaceScopedResources",
];

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
/** A YAML scalar as Velero's yaml.v3 decodes it into a string field; anything else as empty. */
const scalar = (v: unknown): string =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
const list = (names: readonly string[]) => names.join(", ");

function unknownField(v: Record<string, unknown>, allowed: readonly string[], where: string): string | undefined {
  const bad = Object.keys(v).find((k) => !allowed.includes(k));
  return bad === undefined ? undefined : `${where}field "${bad}" is not one Velero reads (${list(allowed)})`;
}

const SUFFIXES: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity in bytes (`resource.ParseQuantity`), or undefined when it is not one. */
export function quantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? 10 ** Number(m[2].slice(1)) : (SUFFIXES[m[3] ?? ""] as number));
}

/** A `capacity` condition's bounds in bytes (0: open), or why Velero refuses it (`parseCapacity`, `validate`). */
export function capacityBounds(value: unknown): { lower: number; upper: number } | string {
  const parts = scalar(value).split(",");
  if (parts.length !== 2) return `capacity ${JSON.stringify(value)} is not "<lower>,<upper>" (e.g. "10Gi,100Gi")`;
  const [lower, upper] = parts.map((p) => (p.trim() === "" ? 0 : quantity(p))) as [number?, number?];
  if (lower === undefined || upper === undefined)
    return `capacity ${JSON.stringify(value)} holds something that is not a quantity`;
  if (!(upper >= lower || (lower !== 0 && upper === 0)))
    return `capacity ${JSON.stringify(value)} has its upper bound below its lower bound`;
  return { lower, upper };
}

/** Why Velero refuses one policy's conditions (`unmarshalVolConditions`, each condition's `validate`). */
function conditionsProblem(c: unknown, where: string): string | undefined {
  if (c === undefined || c === null) return undefined;
  if (!isMap(c)) return `${where}conditions is not a map`;
  const field = unknownField(c, CONDITIONS, `${where}conditions: `);
  if (field) return field;
  if (c["capacity"] !== undefined) {
    const bounds = capacityBounds(c["capacity"]);
    if (typeof bounds === "string") return `${where}conditions: ${bounds}`;
  }
  for (const key of ["storageClass", "volumeTypes"])
    if (c[key] !== undefined && c[key] !== null && !(Array.isArray(c[key]) && (c[key] as unknown[]).every(isScalar)))
      return `${where}conditions: ${key} is not a list of names`;
  if (c["pvcLabels"] !== undefined && !(isMap(c["pvcLabels"]) && Object.values(c["pvcLabels"]).every(isScalar)))
    return `${where}conditions: pvcLabels is not a map of label to value`;
  for (const [key, fields] of [
    ["nfs", NFS_FIELDS],
    ["csi", CSI_FIELDS],
  ] as const) {
    const v = c[key];
    if (v === undefined || v === null) continue;
    if (!isMap(v)) return `${where}conditions: ${key} is not a map`;
    const bad = unknownField(v, fields, `${where}conditions.${key}: `);
    if (bad) return bad;
  }
  const csi = c["csi"];
  if (isMap(csi) && !csi["driver"] && csi["volumeAttributes"] !== undefined)
    return `${where}conditions: csi.volumeAttributes needs csi.driver`;
  return undefined;
}

/** Why Velero refuses an `includeExcludePolicy` (`IncludeExcludePolicy.Validate`). */
function includeExcludeProblem(p: unknown): string | undefined {
  if (p === undefined || p === null) return undefined;
  if (!isMap(p)) return "includeExcludePolicy is not a map";
  const field = unknownField(p, INCLUDE_EXCLUDE_FIELDS, "includeExcludePolicy: ");
  if (field) return field;
  for (const scope of ["ClusterScopedResources", "NamespaceScopedResources"]) {
    const inc = Array.isArray(p[`included${scope}`]) ? (p[`included${scope}`] as unknown[]) : [];
    const exc = Array.isArray(p[`excluded${scope}`]) ? (p[`excluded${scope}`] as unknown[]) : [];
    if (inc.includes("*") || exc.includes("*")) return `includeExcludePolicy: "*" is not allowed in ${scope}`;
    const both = exc.find((x) => inc.includes(x));
    if (both !== undefined) return `includeExcludePolicy: "${scalar(both)}" is both included and excluded`;
  }
  return undefined;
}

/**
 * The volume policies of a resource-policy ConfigMap's data, or why Velero refuses it (then every
 * backup of the schedule fails validation: pkg/controller/backup_controller.go
 * `prepareBackupRequest`, `GetResourcePoliciesFromBackup`): exactly one key
 * (`getResourcePoliciesFromConfig`); strict YAML fields; `version: v1`; action types `skip`,
 * `fs-backup`, `snapshot`; the v1 condition keys, a valid capacity range, `csi.driver` with
 * `csi.volumeAttributes`, `pvcLabels` a map; an include/exclude policy without `*` or overlaps.
 */
export function readVolumePolicies(data: unknown): VolumePolicy[] | string {
  const values = isMap(data) ? Object.values(data) : [];
  if (values.length !== 1 || typeof values[0] !== "string")
    return "holds not exactly one key (Velero reads the only key of its ConfigMap)";
  let parsed: unknown;
  try {
    parsed = load(values[0]);
  } catch {
    return "is not YAML";
  }
  if (!isMap(parsed)) return "is not a map of version and volumePolicies";
  const top = unknownField(parsed, TOP_FIELDS, "");
  if (top) return top;
  if (parsed["version"] !== "v1")
    return `has version ${JSON.stringify(parsed["version"] ?? "")}, and Velero v1.17.2 reads only version "v1"`;
  const ie = includeExcludeProblem(parsed["includeExcludePolicy"]);
  if (ie) return ie;
  const entries = parsed["volumePolicies"] ?? [];
  if (!Array.isArray(entries)) return "volumePolicies is not a list";
  const out: VolumePolicy[] = [];
  for (const [i, p] of entries.entries()) {
    const where = `volumePolicies[${i}].`;
    if (!isMap(p)) return `${where.slice(0, -1)} is not a map`;
    const field = unknownField(p, POLICY_FIELDS, where);
    if (field) return field;
    const action = p["action"];
    if (action !== undefined && action !== null && !isMap(action)) return `${where}action is not a map`;
    const actionField = isMap(action) ? unknownField(action, ACTION_FIELDS, `${where}action: `) : undefined;
    if (actionField) return actionField;
    const type = isMap(action) ? action["type"] : undefined;
    if (!(ACTIONS as readonly unknown[]).includes(type))
      return `${where}action.type ${JSON.stringify(type ?? "")} is not an action Velero v1.17.2 accepts (${list(ACTIONS)})`;
    const conditions = conditionsProblem(p["conditions"], where);
    if (conditions) return conditions;
    out.push({ conditions: isMap(p["conditions"]) ? p["conditions"] : {}, action: type as VolumePolicy["action"] });
  }
  return out;
}

/** What the stack shows of a claim's bound volume; `undefined` in a field: not known before deployment. */
export interface VolumeFacts {
  /** The claim's labels. */
  labels: Readonly<Record<string, string>>;
  /** The volume's `storageClassName`: `""` for none. */
  storageClass: string | undefined;
  /** The volume's CSI driver and attributes, `null` when it is not a CSI volume. */
  csi: { driver: string | undefined; attributes: Readonly<Record<string, string>> | undefined } | null | undefined;
  /** The volume's NFS source, `null` when it has none. */
  nfs: { server: string | undefined; path: string | undefined } | null | undefined;
  /** Velero's name of the volume's source type (`getVolumeTypeFromPV`: `csi`, `nfs`, ...). */
  volumeType: string | undefined;
  /** Size in bytes: exact for a volume the stack declares, at least the request for a provisioned one. */
  capacity: { min: number; exact: boolean } | undefined;
}

/** Three-valued truth: `undefined` when the stack cannot tell. */
type Truth = boolean | undefined;

/** Whether one condition holds of a volume, as its `match` reads it. */
function conditionHolds(kind: string, value: unknown, v: VolumeFacts): Truth {
  switch (kind) {
    case "pvcLabels": {
      const want = Object.entries(isMap(value) ? value : {});
      return want.every(([k, x]) => v.labels[k] === scalar(x));
    }
    case "storageClass": {
      const names = Array.isArray(value) ? value.map(scalar) : [];
      if (names.length === 0) return true;
      if (v.storageClass === undefined) return undefined;
      return v.storageClass !== "" && names.includes(v.storageClass);
    }
    case "capacity": {
      const bounds = capacityBounds(value);
      if (typeof bounds === "string" || v.capacity === undefined) return undefined;
      const { lower, upper } = bounds;
      const inRange = (y: number) =>
        (lower === 0 && upper >= y) ||
        (upper === 0 && lower <= y) ||
        (lower !== 0 && upper !== 0 && lower <= y && y <= upper);
      if (v.capacity.exact) return inRange(v.capacity.min);
      // A provisioned volume is at least its request, rounded up by the driver.
      if (upper !== 0 && v.capacity.min > upper) return false;
      return lower !== 0 && upper === 0 && v.capacity.min >= lower ? true : undefined;
    }
    case "nfs": {
      if (!isMap(value)) return true;
      if (v.nfs === undefined) return undefined;
      if (v.nfs === null) return false;
      const server = scalar(value["server"]);
      const path = scalar(value["path"]);
      const same = (want: string, have: string | undefined): Truth =>
        want === "" ? true : have === undefined ? undefined : want === have;
      return and([same(server, v.nfs.server), same(path, v.nfs.path)]);
    }
    case "csi": {
      if (!isMap(value)) return true;
      if (v.csi === undefined) return undefined;
      if (v.csi === null) return false;
      const driver = scalar(value["driver"]);
      if (driver === "") return true;
      if (v.csi.driver === undefined) return undefined;
      if (driver !== v.csi.driver) return false;
      const want = Object.entries(isMap(value["volumeAttributes"]) ? value["volumeAttributes"] : {});
      if (want.length === 0) return true;
      if (v.csi.attributes === undefined) return undefined;
      return want.every(([k, x]) => v.csi!.attributes![k] === scalar(x));
    }
    case "volumeTypes": {
      const types = Array.isArray(value) ? value.map(scalar) : [];
      if (types.length === 0) return true;
      return v.volumeType === undefined ? undefined : types.includes(v.volumeType);
    }
    default:
      return undefined;
  }
}

function and(values: Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

/** One action a volume may get, and the conditions the stack could not evaluate on the way to it. */
export interface PossibleAction {
  /** The matched policy's action, or `undefined` when no policy matches (Velero's defaults then). */
  action: VolumePolicy["action"] | undefined;
  /** `conditions.<key>` of the policies whose outcome decided this one and could not be evaluated. */
  unknown: string[];
}

/**
 * Every action the volume policies may give a volume (`Policies.match`: the first policy whose
 * conditions all hold): a policy whose conditions surely hold ends the list; one the stack cannot
 * evaluate adds its action and, should it not hold, the rest of the list.
 */
export function possibleActions(policies: readonly VolumePolicy[], volume: VolumeFacts): PossibleAction[] {
  const out: PossibleAction[] = [];
  const pending: string[] = [];
  for (const [i, { conditions, action }] of policies.entries()) {
    const each = Object.entries(conditions).map(
      ([kind, value]) => [kind, conditionHolds(kind, value, volume)] as const,
    );
    const holds = and(each.map(([, t]) => t));
    if (holds === false) continue;
    const unknown = each.filter(([, t]) => t === undefined).map(([kind]) => `volumePolicies[${i}].conditions.${kind}`);
    out.push({ action, unknown: [...pending, ...unknown] });
    if (holds === true) return out;
    pending.push(...unknown);
  }
  out.push({ action: undefined, unknown: pending });
  return out;
}
