/**
 * The rule across a platform's layers that no two entries create one object: the Kubernetes objects
 * the platform's workloads, etcd clusters and static volumes create in the data namespace, the
 * Namespaces the stack creates, and the generated passwords' resources, each named after a key of
 * the arguments. Two entries that would create one object (a workload and an etcd cluster of one
 * name, a workload named like another's `-headless` Service, a volume named like a replica's claim,
 * a subscription in the data namespace) are refused, naming both keys.
 */
import type { Cloud } from "./cluster/handle.ts";
import type { OperatorLayerSpec } from "./operators/layer.ts";
import { ETCD_OPERATOR_NAMESPACE } from "./operators/versions.ts";
import type { PlatformWorkload } from "./platformArgs.ts";
import { problem, type Problem } from "./problems.ts";
import type { StorageSpecs } from "./storage/factory.ts";
import { generatedPasswordName } from "./workloads/names.ts";
import { MAX_REPLICAS } from "./workloads/spec.ts";
import { adoptedClaimName } from "./workloads/volumes.ts";

/** One object an entry of the arguments creates, and the key it is named after. */
interface Created {
  kind: string;
  name: string;
  key: readonly PropertyKey[];
  /** The value at `key`. */
  value: unknown;
  /** The entry, as a message names it: `workload "cache"`. */
  owner: string;
}

/** What the rule reads of the platform's arguments. */
export interface ObjectNameArgs {
  cloud: Cloud;
  /** The data namespace. */
  namespace: string;
  storage?: StorageSpecs;
  workloads?: readonly PlatformWorkload[];
  operators?: OperatorLayerSpec;
}

/** A count the objects are made for, when it is one the checks accept (else none: that is another problem). */
function count(value: unknown, fallback: number): number {
  const n = value ?? fallback;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_REPLICAS ? n : 0;
}

/** The objects of `StatefulWorkload` (`statefulWorkload.ts`) and the passwords its secretEnv generates. */
function workloadObjects(workloads: readonly PlatformWorkload[]): Created[] {
  return workloads.flatMap((w, i): Created[] => {
    // A renamed workload's objects keep its previous name.
    const set = w.appName ?? w.renamedFrom ?? w.name;
    if (typeof set !== "string" || typeof w.name !== "string") return [];
    const key = [
      "workloads",
      i,
      w.appName !== undefined ? "appName" : w.renamedFrom !== undefined ? "renamedFrom" : "name",
    ];
    const owner = `workload "${w.name}"`;
    const at = (kind: string, name: string): Created => ({ kind, name, key, value: set, owner });
    const generated = Object.entries(w.secretEnv ?? {}).filter(([, source]) => source?.generate === true);
    const adopted = (w.volumes ?? []).length;
    return [
      at("StatefulSet", set),
      at("Service", set),
      at("Service", `${set}-headless`),
      at("PodDisruptionBudget", set),
      ...(generated.length > 0 ? [at("Secret", `${set}-secrets`)] : []),
      // Claims of adopted volumes are the storage layer's, made for this set on purpose.
      ...Array.from({ length: count(w.replicas, 1) }, (_, r) => r)
        .filter((r) => r >= adopted)
        .map((r) => at("PersistentVolumeClaim", adoptedClaimName(set, r))),
      // Pulumi names each generated password `<platform>-<workload>-<variable, lower case, "_" as "-">`.
      ...generated.map(([variable, source]) => ({
        kind: "generated password resource",
        name: generatedPasswordName(w.name, variable),
        key: ["workloads", i, "secretEnv", variable],
        value: source,
        owner: `workload "${w.name}" (secretEnv.${variable})`,
      })),
    ];
  });
}

/**
 * The objects etcd-operator v0.2.0 creates for an etcd cluster (etcd-io/etcd-operator@v0.2.0:
 * internal/controller/utils.go): a StatefulSet and a headless Service named after it, the
 * ConfigMap `<name>-state`, claims `etcd-data-<name>-<i>`, and with TLS the certificates' Secrets
 * `<name>-{client,server,peer}-tls`.
 */
function etcdObjects(spec: OperatorLayerSpec): Created[] {
  return (spec.etcdClusters ?? []).flatMap((e, i): Created[] => {
    if (typeof e.name !== "string") return [];
    // A renamed cluster's object keeps its previous name, and so do the operator's objects.
    const named = e.renamedFrom ?? e.name;
    const at = (kind: string, name: string): Created => ({
      kind,
      name,
      key: ["operators", "etcdClusters", i, e.renamedFrom === undefined ? "name" : "renamedFrom"],
      value: named,
      owner: `etcd cluster "${e.name}"`,
    });
    const members = e.ephemeral ? 0 : count(e.size, 3);
    return [
      at("StatefulSet", named),
      at("Service", named),
      at("ConfigMap", `${named}-state`),
      ...Array.from({ length: members }, (_, m) => at("PersistentVolumeClaim", `etcd-data-${named}-${m}`)),
      ...((e.tls ?? "none") === "none"
        ? []
        : ["client", "server", "peer"].map((use) => at("Secret", `${named}-${use}-tls`))),
    ];
  });
}

/** The claims the storage layer makes for its static volumes that no workload adopts: named after the volume (its previous name when renamed). */
function volumeClaims(args: ObjectNameArgs, workloads: readonly PlatformWorkload[]): Created[] {
  const adopted = new Set(workloads.flatMap((w) => w.volumes ?? []));
  const lists: [string, readonly { name: string; renamedFrom?: string }[] | undefined][] =
    args.cloud === "aks"
      ? [
          ["disks", args.storage?.azure?.disks],
          ["shares", args.storage?.azure?.shares],
        ]
      : args.cloud === "eks"
        ? [
            ["volumes", args.storage?.aws?.volumes],
            ["fileSystems", args.storage?.aws?.fileSystems],
          ]
        : [];
  const cloudKey = args.cloud === "aks" ? "azure" : "aws";
  return lists.flatMap(([list, volumes]) =>
    (volumes ?? []).flatMap((v, i): Created[] =>
      typeof v.name !== "string" || adopted.has(v.name)
        ? []
        : [
            {
              // A renamed volume's claim keeps its previous name.
              kind: "PersistentVolumeClaim",
              name: v.renamedFrom ?? v.name,
              key: ["storage", cloudKey, list, i, v.renamedFrom === undefined ? "name" : "renamedFrom"],
              value: v.renamedFrom ?? v.name,
              owner: `volume "${v.name}"`,
            },
          ],
    ),
  );
}

/**
 * The Namespaces created as objects of the stack, each by one resource that deletes it (and all
 * in it) when removed: the data namespace, each application namespace of the teams' access once,
 * the namespace of each operator from a subscription (`Operator` creates it) or a bundle (which
 * creates its own), and the etcd operator's bundle's when etcd clusters need it. Helm releases
 * create their namespace only when it is missing, and never delete it.
 */
function namespaceObjects(args: ObjectNameArgs): Created[] {
  const spec = args.operators ?? {};
  const at = (name: string, key: readonly PropertyKey[], owner: string): Created => ({
    kind: "Namespace",
    name,
    key,
    value: name,
    owner,
  });
  const created = [at(args.namespace, ["namespace"], "the data namespace")];
  if ((spec.etcdClusters ?? []).length > 0)
    created.push(at(ETCD_OPERATOR_NAMESPACE, ["operators", "etcdClusters"], "the etcd operator's install bundle"));
  const shared = new Set([args.namespace]);
  (spec.access ?? []).forEach((access, i) => {
    if (typeof access.namespace !== "string" || shared.has(access.namespace)) return;
    shared.add(access.namespace);
    created.push(
      at(access.namespace, ["operators", "access", i, "namespace"], `application namespace "${access.namespace}"`),
    );
  });
  (spec.operators ?? []).forEach((op, i) => {
    if ((op.olm || op.olmV1 || op.manifest) && typeof op.namespace === "string")
      created.push(at(op.namespace, ["operators", "operators", i, "namespace"], `operator "${op.name}"`));
  });
  return created;
}

const same = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
  a.length === b.length && a.every((part, i) => part === b[i]);

/**
 * Two entries of one list under one name (their keys differ only in the list index): that list's
 * own rule reports them as repeated.
 */
function repeatedEntry(a: Created, b: Created): boolean {
  if (a.owner !== b.owner || a.key.length !== b.key.length) return false;
  const differ = a.key.flatMap((part, i) => (part === b.key[i] ? [] : [i]));
  return differ.length === 1 && typeof a.key[differ[0] as number] === "number";
}

/**
 * A renamed entry's previous name that another entry of its list has or had: the list's own rule
 * (`renamedFromProblems`) reports it, as the aliases would take one entry's resources twice.
 */
function renamedInOneList(a: Created, b: Created): boolean {
  if (a.key[0] === "workloads" && b.key[0] === "workloads") return b.key[2] === "renamedFrom";
  if (a.key[1] === "etcdClusters" && b.key[1] === "etcdClusters") return b.key[3] === "renamedFrom";
  return a.key[0] === "storage" && a.key[2] === b.key[2] && b.key[0] === "storage" && b.key[4] === "renamedFrom";
}

/** Two keys of one workload: its own check reports what they clash on (`generatedPasswordNameProblems`). */
function oneWorkload(a: Created, b: Created): boolean {
  return a.key[0] === "workloads" && b.key[0] === "workloads" && a.key[1] === b.key[1];
}

/**
 * Objects two entries would both create: one problem per pair of keys, at the later key, naming
 * the earlier one (`related`). Names a list's own rule already refuses as repeated are left to it.
 */
export function objectNameProblems(args: ObjectNameArgs): Problem[] {
  const workloads = args.workloads ?? [];
  const created = [
    ...workloadObjects(workloads),
    ...etcdObjects(args.operators ?? {}),
    ...volumeClaims(args, workloads),
    ...namespaceObjects(args),
  ];
  const first = new Map<string, Created>();
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const object of created) {
    const id = `${object.kind}/${object.name}`;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, object);
      continue;
    }
    const pair = JSON.stringify([earlier.key, object.key]);
    if (
      same(earlier.key, object.key) ||
      repeatedEntry(earlier, object) ||
      oneWorkload(earlier, object) ||
      renamedInOneList(earlier, object)
    )
      continue;
    if (reported.has(pair)) continue;
    reported.add(pair);
    const where =
      {
        Namespace: ", and removing either would delete it with all in it",
        "generated password resource": "",
      }[object.kind] ?? " in the data namespace";
    problems.push({
      ...problem(
        object.key,
        object.value,
        `${object.owner} and ${earlier.owner} would both create the ${object.kind} "${object.name}"${where}; rename one of them`,
      ),
      related: earlier.key,
    });
  }
  return problems;
}
