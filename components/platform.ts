import type * as k8s from "@pulumi/kubernetes";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace.js";
import * as pulumi from "@pulumi/pulumi";
import { withGroupMembers } from "./access/identity.ts";
import { clusterProblems, clusterZones, createCluster, type ClusterArgs } from "./cluster/factory.ts";
import type { ClusterHandle } from "./cluster/handle.ts";
import {
  createOperatorLayer,
  rookStorageClasses,
  type OperatorLayer,
  type OperatorLayerSpec,
} from "./operators/layer.ts";
import { dataNamespaceProblems, operatorLayerProblems } from "./operators/layerProblems.ts";
import { dataRetention, type Environment } from "./options.ts";
import {
  createStorage,
  createdStorageClasses,
  createdVolumes,
  staticVolumes,
  storageProblems,
  type StorageSpecs,
} from "./storage/factory.ts";
import { storageReadiness, type StorageHandle } from "./storage/handle.ts";
import { platformVariantProblems } from "./variants.ts";
import { problem, refuse, repeatedIndices, under, type Problem } from "./problems.ts";
import { dnsLabelProblems, dnsSubdomainProblems, undefinedStorageClass } from "./rules.ts";
import { statefulWorkloadProblems } from "./workloads/check.ts";
import { StatefulWorkload, type StatefulWorkloadSpec } from "./workloads/statefulWorkload.ts";
import { adoptedClaimNames, workloadVolumeProblems } from "./workloads/volumes.ts";

/** One workload of a `Platform`: a `StatefulWorkloadSpec` with a name. */
export interface PlatformWorkload extends StatefulWorkloadSpec {
  /** Name of the workload; also the name of its Kubernetes objects. */
  name: string;
  /**
   * A ReadWriteMany volume of the platform's storage layer (an Azure Files share, an EFS file
   * system) to mount in every replica, by its name in the stack; its claim is mounted at
   * `sharedMountPath`. Disks are ReadWriteOnce and are refused here: adopt them with `volumes`.
   * Use `sharedClaim` for a claim that exists outside the stack.
   * @default none
   */
  share?: string;
  /**
   * Static disks of the platform's storage layer (Azure disks, EBS volumes) adopted as the
   * replicas' data volumes, one per replica: replica `i` gets `volumes[i]`, through a claim named
   * `data-<appName>-<i>` (the name its StatefulSet expects) bound to the disk. Each disk must be at
   * least `storageSize`; a zonal disk pins its replica to the disk's zone.
   * @default none (each replica gets a new volume from `storageClass`)
   */
  volumes?: string[];
}

/** Arguments of {@link Platform}. */
export interface PlatformArgs {
  /** `prod` turns on every data-protection default (retained namespaces and volumes, 3 replicas). */
  environment: Environment;
  /** The cluster to create or target. */
  cluster: ClusterArgs;
  /**
   * Namespace the platform creates for its stateful workloads.
   * @default "data"
   */
  namespace?: string;
  /**
   * Storage classes that already exist in the cluster and workloads may use (e.g. `standard` on kind).
   * @default []
   */
  storageClasses?: string[];
  /**
   * Cloud volumes, disks, file systems and shares the storage layer creates, per cloud; workloads
   * mount them with `share`.
   * @default none
   */
  storage?: StorageSpecs;
  /**
   * Stateful workloads to deploy.
   * @default []
   */
  workloads?: PlatformWorkload[];
  /**
   * Operators and the stateful resources they manage (etcd clusters, Rook-Ceph), and teams' access.
   * @default none
   */
  operators?: OperatorLayerSpec;
}

/** Every storage class a platform with these arguments offers: existing ones and those it creates. */
export function platformStorageClasses(args: PlatformArgs): string[] {
  return [
    ...new Set([
      ...(args.storageClasses ?? []),
      ...createdStorageClasses(args.cluster.cloud, args.storage),
      ...rookStorageClasses(args.operators ?? {}),
    ]),
  ];
}

/** Namespaces Kubernetes owns; the platform cannot create or retain them as data namespaces. */
export const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/**
 * The one check of a platform's arguments: each layer's own check (at its path in the arguments)
 * and the rules across layers (a workload's class must be one the platform offers, a share one
 * its storage creates, adopted volumes its disks). Empty when the platform can be built.
 */
export function platformProblems(args: PlatformArgs): Problem[] {
  const variants = platformVariantProblems(args);
  // Nothing else can be said of a cluster of an unknown cloud.
  if (variants.some((p) => p.path.join(".") === "cluster.cloud")) return variants;
  const classes = platformStorageClasses(args);
  const volumes = createdVolumes(args.cluster.cloud, args.storage);
  const workloads = args.workloads ?? [];
  const problems: Problem[] = [...variants];
  const namespace = args.namespace ?? "data";
  problems.push(...dnsLabelProblems(["namespace"], namespace, "data namespace"));
  (args.storageClasses ?? []).forEach((name, i) =>
    problems.push(...dnsSubdomainProblems(["storageClasses", i], name, "storage class name")),
  );
  if ((RESERVED_NAMESPACES as readonly string[]).includes(namespace))
    problems.push(
      problem(
        ["namespace"],
        namespace,
        `"${namespace}" belongs to Kubernetes; choose a namespace of your own such as "data"`,
      ),
    );
  problems.push(...under(["cluster"], clusterProblems(args.cluster)));
  problems.push(...under(["storage"], storageProblems(args.cluster.cloud, args.storage, clusterZones(args.cluster))));
  for (const i of repeatedIndices(workloads.map((w) => w.name)))
    problems.push(problem(["workloads", i, "name"], workloads[i]?.name, "workload names must be unique in a stack"));
  workloads.forEach((workload, i) => {
    problems.push(...dnsLabelProblems(["workloads", i, "name"], workload.name, "workload name"));
    problems.push(...under(["workloads", i], statefulWorkloadProblems(workload)));
    const storageClass = workload.storageClass;
    if (typeof storageClass === "string" && !classes.includes(storageClass))
      problems.push(
        problem(["workloads", i, "storageClass"], storageClass, undefinedStorageClass(storageClass, classes)),
      );
    if (workload.share !== undefined && !volumes.includes(workload.share)) {
      const known = volumes.length > 0 ? volumes.map((v) => `"${v}"`).join(", ") : "none";
      problems.push(
        problem(
          ["workloads", i, "share"],
          workload.share,
          `the stack declares no volume "${workload.share}" to share (declared: ${known})`,
        ),
      );
    }
  });
  problems.push(...workloadVolumeProblems(workloads, staticVolumes(args.cluster.cloud, args.storage)));
  problems.push(...dataNamespaceProblems(namespace, args.operators ?? {}));
  problems.push(...under(["operators"], operatorLayerProblems(args.operators ?? {}, classes, args.cluster)));
  return problems;
}

/** The layers of a {@link Platform}, kept outside its properties (see {@link Platform.cluster}). */
interface PlatformLayers {
  cluster: ClusterHandle;
  namespace: k8s.core.v1.Namespace;
  storage: StorageHandle;
  operators: OperatorLayer;
  workloads: Record<string, StatefulWorkload>;
}

const LAYERS = new WeakMap<Platform, PlatformLayers>();

function platformLayers(platform: Platform): PlatformLayers {
  const layers = LAYERS.get(platform);
  if (layers === undefined) throw new Error("Platform: its layers are read before its constructor finished");
  return layers;
}

/**
 * The whole stack: cluster, then storage, then operators, then stateful workloads, each layer
 * waiting only for what it needs. Every Kubernetes object uses the cluster's explicit provider.
 *
 * Creates: the cluster component, the data namespace, the operator layer (operators after the
 * cluster's readiness; etcd and Rook-Ceph clusters after their operator and the storage; access
 * roles), one `StatefulWorkload` per workload.
 *
 * @example
 * ```ts
 * const platform = new Platform("platform", {
 *   environment: "dev",
 *   cluster: { cloud: "existing", existing: { kubeconfigPath: "~/.kube/config", context: "kind-stateful" } },
 *   storageClasses: ["standard"],
 *   workloads: [{ name: "cache", image: "redis:7.4.2-alpine", port: 6379, storageClass: "standard", storageSize: "1Gi" }],
 * });
 * export const endpoints = platform.endpoints;
 * ```
 */
export class Platform extends pulumi.ComponentResource {
  /** Client endpoints (`host:port`) of the workloads, by workload name. */
  readonly endpoints: pulumi.Output<Record<string, string>>;
  /** Kubeconfig of the cluster (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Name of the namespace holding the stateful workloads. */
  readonly namespaceName: pulumi.Output<string>;
  /** Every storage class workloads may use: the existing ones and those the platform creates. */
  readonly storageClassNames: pulumi.Output<string[]>;

  // The layers below are accessors, not properties: they serve TypeScript users, and the package
  // schema (which infers outputs from property declarations) cannot describe them.

  /** The cluster every Kubernetes object is deployed to. */
  get cluster(): ClusterHandle {
    return platformLayers(this).cluster;
  }
  /** The namespace holding the stateful workloads. */
  get namespace(): k8s.core.v1.Namespace {
    return platformLayers(this).namespace;
  }
  /** The storage layer: classes, claims and what consumers wait for. */
  get storage(): StorageHandle {
    return platformLayers(this).storage;
  }
  /** Operators, and the etcd and Rook-Ceph clusters they manage. */
  get operators(): OperatorLayer {
    return platformLayers(this).operators;
  }
  /** The stateful workloads, by name. */
  get workloads(): Record<string, StatefulWorkload> {
    return platformLayers(this).workloads;
  }

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:Platform", name, {}, opts);
    refuse(`Platform "${name}"`, platformProblems(args));
    const environment = args.environment;

    // On EKS, the principals of the teams' groups get their access entries with the cluster.
    const clusterArgs = withGroupMembers(args.cluster, args.operators?.access ?? []);
    const cluster = createCluster(`${name}-cluster`, clusterArgs, { parent: this });
    const provider = cluster.provider;

    const namespace = new Namespace(
      `${name}-data`,
      { metadata: { name: args.namespace ?? "data", labels: { "app.kubernetes.io/part-of": "stateful-stack" } } },
      { parent: this, provider, dependsOn: cluster.readiness, ...dataRetention(environment) },
    );

    const storage = createStorage(
      `${name}-storage`,
      {
        cluster,
        environment,
        namespace: namespace.metadata.name,
        existingClasses: args.storageClasses ?? [],
        specs: args.storage,
        claimNames: adoptedClaimNames(args.workloads ?? []),
      },
      { parent: this },
    );

    const operators = createOperatorLayer(
      name,
      {
        cluster,
        environment,
        dataNamespace: namespace,
        dataNamespaceName: args.namespace ?? "data",
        storage,
        spec: args.operators ?? {},
      },
      this,
    );

    const workloads: Record<string, StatefulWorkload> = {};
    for (const { name: workloadName, share, ...spec } of args.workloads ?? []) {
      workloads[workloadName] = new StatefulWorkload(
        `${name}-${workloadName}`,
        {
          ...spec,
          sharedClaim: share === undefined ? spec.sharedClaim : storage.claims[share],
          appName: spec.appName ?? workloadName,
          cluster: cluster,
          namespace: namespace.metadata.name,
          environment,
        },
        {
          parent: this,
          dependsOn: [
            namespace,
            ...storageReadiness(storage, {
              storageClass: spec.storageClass,
              volumes: [...(share === undefined ? [] : [share]), ...(spec.volumes ?? [])],
            }),
            ...(typeof spec.storageClass === "string" ? (operators.classReadiness[spec.storageClass] ?? []) : []),
          ],
        },
      );
    }
    this.endpoints = pulumi.output(
      Object.fromEntries(Object.entries(workloads).map(([key, workload]) => [key, workload.endpoint])),
    );
    this.kubeconfig = cluster.kubeconfig;
    this.namespaceName = namespace.metadata.name;
    this.storageClassNames = pulumi.output(platformStorageClasses(args));
    LAYERS.set(this, { cluster, namespace, storage, operators, workloads });
    this.registerOutputs({
      endpoints: this.endpoints,
      kubeconfig: this.kubeconfig,
      namespaceName: this.namespaceName,
      storageClassNames: this.storageClassNames,
    });
  }
}
