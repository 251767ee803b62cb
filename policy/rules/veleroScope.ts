/**
 * What a Velero `Schedule` takes in, as Velero v1.17.2 decides it: its namespace filter and its
 * label selectors (how a claim's data is copied: veleroVolumePolicy.ts, veleroSnapshot.ts). Pure.
 */
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
