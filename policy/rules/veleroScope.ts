/**
 * What a Velero `Schedule` backs up, as Velero v1.17.2 decides it: its namespace filter, its label
 * selectors and its volume policy (which decides how, or whether, a claim's data is copied). Pure:
 * read from the recorded `Schedule` and `ConfigMap` objects.
 */
import { load } from "js-yaml";

/** A Kubernetes label selector (`metav1.LabelSelector`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Labels as an object carries them. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Whether a selector matches labels, as `metav1.LabelSelectorAsSelector` reads it
 * (kubernetes/apimachinery: pkg/apis/meta/v1/helpers.go): every `matchLabels` pair, and every
 * expression (`In`, `NotIn` also when the key is absent, `Exists`, `DoesNotExist`); an empty
 * selector matches everything; an unknown operator matches nothing (the selector is invalid).
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  if (!pairs.every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const has = Object.hasOwn(labels, key);
    if (operator === "In") return has && values.includes(labels[key] as string);
    if (operator === "NotIn") return !has || !values.includes(labels[key] as string);
    if (operator === "Exists") return has;
    if (operator === "DoesNotExist") return !has;
    return false;
  });
}

/**
 * A namespace filter item as a glob (gobwas/glob, which vmware-tanzu/velero@v1.17.2:
 * pkg/util/collections/includes_excludes.go `globStringSet` compiles): `*` any run, `?` one
 * character, `[...]` / `[!...]` a class, `{a,b}` alternatives; anything else literally.
 */
function globPattern(glob: string): RegExp | undefined {
  let out = "";
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) return undefined;
      const body = glob.slice(i + 1, end);
      out += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else if (c === "\\" && i + 1 < glob.length) out += (glob[++i] as string).replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    else out += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  if (depth !== 0) return undefined;
  try {
    return new RegExp(`^${out}$`, "s");
  } catch {
    return undefined;
  }
}

const globMatches = (items: readonly string[], name: string): boolean =>
  items.some((item) => globPattern(item)?.test(name) ?? false);

/**
 * Whether a namespace is in a backup's namespace filter (`IncludesExcludes.ShouldInclude`): not
 * matched by an excluded item, and the included list empty, holding `*`, or matching.
 */
export function namespaceIncluded(included: readonly string[], excluded: readonly string[], ns: string): boolean {
  if (globMatches(excluded, ns)) return false;
  return included.length === 0 || included.includes("*") || globMatches(included, ns);
}

/** How a volume's data is copied: the action of the first volume policy that matches it. */
export type VolumeAction = "skip" | "fs-backup" | "snapshot" | undefined;

/** One `volumePolicies` entry of a Velero resource policy. */
export interface VolumePolicy {
  conditions: Record<string, unknown>;
  action: string;
}

/**
 * The volume policies of a resource-policy ConfigMap's data (Velero reads its only key: vmware-tanzu/
 * velero@v1.17.2: internal/resourcepolicies/resource_policies.go `getResourcePoliciesFromConfig`),
 * or a reason it cannot be read.
 */
export function readVolumePolicies(data: unknown): VolumePolicy[] | string {
  const values = data && typeof data === "object" ? Object.values(data) : [];
  if (values.length !== 1 || typeof values[0] !== "string") return "its ConfigMap must hold exactly one key";
  let parsed: unknown;
  try {
    parsed = load(values[0]);
  } catch {
    return "its ConfigMap's policy is not YAML";
  }
  const list = (parsed as { volumePolicies?: unknown } | undefined)?.volumePolicies ?? [];
  if (!Array.isArray(list)) return "its volumePolicies is not a list";
  return list.map((p: { conditions?: Record<string, unknown>; action?: { type?: unknown } }) => ({
    conditions: p?.conditions ?? {},
    action: String(p?.action?.type),
  }));
}

/** What the volume policy conditions can see of a claim. */
export interface ClaimFacts {
  labels: Labels;
  /** `spec.storageClassName`: `""` for a static binding, undefined for the cluster's default class. */
  storageClassName: string | undefined;
}

/**
 * The action for a claim: the first policy whose conditions all hold (`Policies.GetMatchAction`).
 * `pvcLabels` (every pair on the claim) and `storageClass` (the claim's class among those listed)
 * are evaluated; any other condition (capacity, csi, nfs, volumeTypes...) reads the bound volume
 * the stack does not show, so it is taken to hold (the worst case when its action is `skip`).
 */
export function volumeAction(policies: readonly VolumePolicy[], claim: ClaimFacts): VolumeAction {
  for (const { conditions, action } of policies) {
    const holds = Object.entries(conditions).every(([kind, value]) => {
      if (kind === "pvcLabels")
        return Object.entries((value ?? {}) as Record<string, unknown>).every(([k, v]) => claim.labels[k] === v);
      if (kind === "storageClass")
        return Array.isArray(value) && claim.storageClassName !== undefined && value.includes(claim.storageClassName);
      return true;
    });
    if (holds) return action === "skip" || action === "fs-backup" || action === "snapshot" ? action : "skip";
  }
  return undefined;
}
