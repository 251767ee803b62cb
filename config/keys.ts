/**
 * Where each argument of the {@link Platform} comes from in a stack's configuration. The keys of a
 * stack file are shaped like the arguments, so the mapping is the identity but for these prefixes;
 * a component's problem is reported at the key it came from.
 */
import { formatPath } from "../components/problems.ts";

/** The project's configuration namespace: keys are written `stateful-stack:<key>` in stack files. */
export const CONFIG_NAMESPACE = "stateful-stack";

type Path = readonly PropertyKey[];

/** Any list index, carried over from the argument path to the key path. */
const ANY = Symbol("any index");

/**
 * Argument path prefixes and the key paths they come from; the longest matching prefix wins. A
 * key path that starts with a namespaced key (`aws:region`) is a provider key.
 */
const KEYS: readonly [Path, Path][] = [
  [["cluster", "cloud"], ["cloud"]],
  [["cluster", "existing", "kubeconfig"], ["kubeconfig"]],
  [["cluster", "existing", "kubeconfigPath"], ["kubeconfigPath"]],
  [["cluster", "existing", "context"], ["kubeContext"]],
  [["cluster", "existing", "zones"], ["zones"]],
  [["cluster", "existing"], ["kubeconfigPath"]],
  [["cluster", "eks", "region"], ["aws:region"]],
  [["cluster", "eks", "zones"], ["zones"]],
  [["cluster", "eks", "environment"], ["environment"]],
  [["cluster", "eks", "credentials"], ["aws:assumeRoles"]],
  [
    ["cluster", "eks", "network"],
    ["eks", "network"],
  ],
  [
    ["cluster", "eks", "nodeGroups"],
    ["eks", "nodeGroups"],
  ],
  [
    ["cluster", "eks", "admins"],
    ["eks", "admins"],
  ],
  [
    ["cluster", "eks", "addonVersions"],
    ["eks", "addonVersions"],
  ],
  [
    ["cluster", "eks", "tags"],
    ["eks", "tags"],
  ],
  ...[
    "version",
    "supportType",
    "publicEndpoint",
    "publicAccessCidrs",
    "privateAccessCidrs",
    "serviceCidr",
    "logTypes",
  ].map((key): [Path, Path] => [
    ["cluster", "eks", key],
    ["eks", "cluster", key],
  ]),
  [["cluster", "eks"], ["eks"]],
  [["cluster", "aks", "location"], ["azure-native:location"]],
  [["cluster", "aks", "environment"], ["environment"]],
  [["cluster", "aks"], ["aks"]],
  [["cluster"], ["cloud"]],
  [["storage", "azure"], ["aks"]],
  [
    ["storage", "aws", "tags"],
    ["eks", "tags"],
  ],
  [["storage", "aws"], ["eks"]],
  [
    ["workloads", ANY, "cpu"],
    ["workloads", ANY, "resources", "cpu"],
  ],
  [
    ["workloads", ANY, "memory"],
    ["workloads", ANY, "resources", "memory"],
  ],
  [["operators", "operators"], ["operators"]],
  [["operators", "installOlm"], ["installOlm"]],
  [["operators", "installOlmV1"], ["installOlmV1"]],
  [["operators", "olmV1Catalogs"], ["olmV1Catalogs"]],
  [["operators", "etcdClusters"], ["etcdClusters"]],
  [["operators", "rook"], ["rook"]],
  [["operators", "access"], ["operatorAccess"]],
];

/** The indices `path` takes where `prefix` has {@link ANY}, or undefined when it does not match. */
function match(prefix: Path, path: Path): number[] | undefined {
  if (prefix.length > path.length) return undefined;
  const indices: number[] = [];
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] === ANY && typeof path[i] === "number") indices.push(path[i] as number);
    else if (prefix[i] !== path[i]) return undefined;
  }
  return indices;
}

/** The configuration key path an argument path comes from, e.g. `cluster.aks.nodePools[0]` → `aks.nodePools[0]`. */
export function keyPathOf(argumentPath: Path): PropertyKey[] {
  let best: { from: Path; to: Path; indices: number[] } | undefined;
  for (const [from, to] of KEYS) {
    const indices = match(from, argumentPath);
    if (indices && (best === undefined || from.length > best.from.length)) best = { from, to, indices };
  }
  if (best === undefined) return [...argumentPath];
  const indices = [...best.indices];
  const head = best.to.map((part) => (part === ANY ? (indices.shift() as number) : part));
  return [...head, ...argumentPath.slice(best.from.length)];
}

/** The full name of a key path: `stateful-stack:workloads[0].replicas`, or a provider key as it is. */
export function fullKey(keyPath: Path): string {
  const first = keyPath[0];
  if (typeof first === "string" && first.includes(":")) return formatPath(keyPath);
  return `${CONFIG_NAMESPACE}:${formatPath(keyPath)}`;
}
