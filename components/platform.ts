import type * as k8s from "@pulumi/kubernetes";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace.js";
import * as pulumi from "@pulumi/pulumi";
import { withGroupMembers } from "./access/identity.ts";
import { createCluster } from "./cluster/factory.ts";
import type { ClusterHandle } from "./cluster/handle.ts";
import type { DatabaseConnection } from "./databaseArgs.ts";
import { backupsEnabled } from "./backups/veleroArgs.ts";
import type { Velero } from "./backups/velero.ts";
import { createClusterBackups, restoreReadiness } from "./clusterBackups.ts";
import { backsUp } from "./databaseArgs.ts";
import { createDatabases, createEksOidcProvider } from "./databases.ts";
import { createOperatorLayer, rookNamespaces, type OperatorLayer } from "./operators/layer.ts";
import { dataRetention } from "./options.ts";
import { platformProblems, platformStorageClasses, type PlatformArgs } from "./platformArgs.ts";
import { refuse } from "./problems.ts";
import { createStorage } from "./storage/factory.ts";
import { storageReadiness, type StorageHandle } from "./storage/handle.ts";
import { StatefulWorkload } from "./workloads/statefulWorkload.ts";
import { adoptedClaimNames } from "./workloads/volumes.ts";

export {
  platformProblems,
  platformStorageClasses,
  RESERVED_NAMESPACES,
  type PlatformArgs,
  type PlatformWorkload,
} from "./platformArgs.ts";
export type {
  DatabaseConnection,
  PlatformDatabase,
  PlatformDatabaseBackup,
  PlatformDatabaseRecovery,
} from "./databaseArgs.ts";
export type { PlatformDatabaseImport } from "./databaseImport.ts";
export type { DatabaseEndpoints } from "./databases.ts";

/** The layers of a {@link Platform}, kept outside its properties (see {@link Platform.cluster}). */
interface PlatformLayers {
  cluster: ClusterHandle;
  namespace: k8s.core.v1.Namespace;
  storage: StorageHandle;
  operators: OperatorLayer;
  workloads: Record<string, StatefulWorkload>;
  velero: Velero | undefined;
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
 * roles), one `StatefulWorkload` per workload, and with databases CloudNativePG and per database
 * its backup store and `PostgresCluster` (see `createDatabases`; after the workload it imports).
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
  /** Each database's read-write and read-only Services and the name of its app Secret, by name (never a password). */
  readonly databases: pulumi.Output<Record<string, DatabaseConnection>>;

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
  /** Velero, its schedules and restore (when the cluster is backed up). */
  get velero(): Velero | undefined {
    return platformLayers(this).velero;
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

    // One IAM OIDC provider on EKS for every IRSA role (the databases' and Velero's).
    const oidcProvider = createEksOidcProvider(
      name,
      cluster,
      environment,
      (args.databases ?? []).some((db) => backsUp(db, environment)) || backupsEnabled(args.backups, environment),
      this,
    );
    // Velero after the snapshot classes (after the snapshot controller) and its store's identity; a
    // restore after the stack's namespace and static claims, and before the workloads, etcd and
    // PostgreSQL clusters of the namespaces it brings back, which then adopt the restored claims.
    // The Rook namespace is left out of schedules and restore, and its Ceph cluster does not wait.
    const velero = createClusterBackups(
      name,
      {
        cluster,
        environment,
        backups: args.backups,
        restore: args.restore,
        oidcProvider,
        snapshotClass: storage.snapshotClass,
        staticVolumes: Object.keys(storage.claims),
        restoreAfter: [namespace, ...Object.values(storage.claimReadiness).flat()],
        excludedNamespaces: rookNamespaces(args.operators ?? {}),
      },
      this,
    );
    const dataReadiness = (ns: string) => restoreReadiness(velero, args.restore, ns);
    const dataNamespaceName = args.namespace ?? "data";

    const operators = createOperatorLayer(
      name,
      {
        cluster,
        environment,
        dataNamespace: namespace,
        dataNamespaceName: args.namespace ?? "data",
        storage,
        spec: args.operators ?? {},
        cloudNativePg: (args.databases ?? []).length > 0,
        dataReadiness,
        // Velero copies the Ceph classes' volumes through their own snapshot classes, which need the
        // snapshot CRDs: after the storage layer's snapshot class (after the snapshot controller).
        ...(velero ? { veleroSnapshots: { readiness: storage.snapshotClass?.readiness ?? [] } } : {}),
      },
      this,
    );
    const workloads: Record<string, StatefulWorkload> = {};
    for (const { name: workloadName, share, renamedFrom, ...spec } of args.workloads ?? []) {
      workloads[workloadName] = new StatefulWorkload(
        `${name}-${workloadName}`,
        {
          ...spec,
          sharedClaim: share === undefined ? spec.sharedClaim : storage.claims[share],
          // A renamed workload's objects keep their names; its resources are aliased.
          appName: spec.appName ?? renamedFrom ?? workloadName,
          previousName: renamedFrom === undefined ? undefined : `${name}-${renamedFrom}`,
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
            // A class known only after deployment could be one the operators create: wait for all of them.
            ...(typeof spec.storageClass === "string"
              ? (operators.classReadiness[spec.storageClass] ?? [])
              : Object.values(operators.classReadiness).flat()),
            ...dataReadiness(dataNamespaceName),
          ],
        },
      );
    }

    // After the workloads: a database importing one waits for it.
    const databases = operators.cloudNativePg
      ? createDatabases(
          name,
          {
            cluster,
            environment,
            namespace,
            namespaceName: args.namespace ?? "data",
            operators: operators.cloudNativePg,
            storageReadiness: (storageClass) => [
              ...storageReadiness(storage, { storageClass }),
              ...(operators.classReadiness[storageClass] ?? []),
              ...dataReadiness(dataNamespaceName),
            ],
            ...(storage.snapshotClass ? { snapshotClass: storage.snapshotClass } : {}),
            databases: args.databases ?? [],
            workloads: args.workloads ?? [],
            workloadResources: workloads,
            ...(oidcProvider ? { oidcProvider } : {}),
          },
          this,
        )
      : {};
    this.endpoints = pulumi.output(
      Object.fromEntries(Object.entries(workloads).map(([key, workload]) => [key, workload.endpoint])),
    );
    this.kubeconfig = cluster.kubeconfig;
    this.namespaceName = namespace.metadata.name;
    this.storageClassNames = pulumi.output(platformStorageClasses(args));
    this.databases = pulumi.output(databases);
    LAYERS.set(this, { cluster, namespace, storage, operators, workloads, velero });
    this.registerOutputs({
      endpoints: this.endpoints,
      kubeconfig: this.kubeconfig,
      namespaceName: this.namespaceName,
      storageClassNames: this.storageClassNames,
      databases: this.databases,
    });
  }
}
