/**
 * The arguments of a {@link Platform} and their one check, which composes every layer's own check
 * (at its path in the arguments) with the rules across layers.
 */
import { clusterProblems, clusterZones, type ClusterArgs } from "./cluster/factory.ts";
import { databaseProblems, type PlatformDatabase } from "./databaseArgs.ts";
import { rookNamespaces, rookStorageClasses, type OperatorLayerSpec } from "./operators/layer.ts";
import { dataNamespaceProblems, operatorLayerProblems } from "./operators/layerProblems.ts";
import type { Environment } from "./options.ts";
import {
  backupsEnabled,
  platformBackupsProblems,
  type PlatformBackups,
  type PlatformRestore,
} from "./backups/veleroArgs.ts";
import { objectNameProblems } from "./objectNames.ts";
import { problem, repeatedNameProblems, under, type Problem } from "./problems.ts";
import { dnsLabelProblems, dnsSubdomainProblems, undefinedStorageClass } from "./rules.ts";
import {
  createdSnapshotClass,
  createdStorageClasses,
  createdVolumes,
  staticVolumes,
  storageProblems,
  type StorageSpecs,
} from "./storage/factory.ts";
import { platformVariantProblems } from "./variants.ts";
import { statefulWorkloadProblems } from "./workloads/check.ts";
import { workloadNameProblems } from "./workloads/names.ts";
import { renamedFromProblems, type Renamable } from "./renames.ts";
import type { StatefulWorkloadSpec } from "./workloads/spec.ts";
import { workloadVolumeProblems } from "./workloads/volumes.ts";

/**
 * One workload of a `Platform`: a `StatefulWorkloadSpec` with a name.
 *
 * Renaming (`renamedFrom`): the workload's resources (StatefulSet, Services, PodDisruptionBudget,
 * Secret, generated passwords) are taken over under aliases, and its Kubernetes objects keep the
 * previous name (unless `appName` names them): a StatefulSet's name cannot change in place and its
 * replicas' claims `data-<set>-<i>` follow it, so a new name would replace the set and start the
 * replicas on new, empty volumes. Generated passwords keep their values.
 */
export interface PlatformWorkload extends StatefulWorkloadSpec, Renamable {
  /**
   * Name of the workload; also the name of its Kubernetes objects unless `appName` is set: then a
   * DNS-1035 label of at most 52 characters (see `statefulSetNameProblems`).
   */
  name: string;
  /**
   * A ReadWriteMany volume of the platform's storage layer (an Azure Files share, an EFS file
   * system) to mount in every replica, by its name in the stack; its claim is mounted at
   * `sharedMountPath`. Disks are ReadWriteOnce and are refused here: adopt them with `volumes`.
   * Use `sharedClaim` instead (not both) for a claim that exists outside the stack.
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
  /**
   * PostgreSQL databases run by CloudNativePG (installed once, with its Barman Cloud plugin), in
   * the data namespace. Backups (on by default in prod) go to an object store the platform creates
   * per database: on EKS an S3 bucket reached through IRSA (one IAM OIDC provider for the cluster,
   * a role per database scoped to its bucket); on AKS a blob container reached with its account key
   * (a Secret `<name>-backup-storage`) or a workload identity; on an existing cluster the store
   * the entry names (`backup.destinationPath`, `credentials`, `endpointURL`).
   * @default []
   */
  databases?: PlatformDatabase[];
  /**
   * Cluster backups with Velero (on by default in prod: a daily backup of every namespace kept 30
   * days), with CSI snapshots of the volumes (on AKS in prod their data is moved into the store, as
   * the snapshots would be deleted with the cluster), into an object store the platform creates (an
   * S3 bucket through IRSA, a blob container through a workload identity). aks and eks only.
   * @default prod: daily; dev: off
   */
  backups?: PlatformBackups;
  /**
   * A Velero `Restore` of a named backup or of a schedule's latest backup (needs backups on).
   * @default none
   */
  restore?: PlatformRestore;
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
  problems.push(
    ...repeatedNameProblems(
      workloads.map((w) => w.name),
      (i) => ["workloads", i, "name"],
      "workload",
    ),
  );
  problems.push(
    ...renamedFromProblems(
      workloads,
      (i) => ["workloads", i],
      (path, value) => workloadNameProblems(path, value),
      "workload",
    ),
  );
  workloads.forEach((workload, i) => {
    // The name is the objects' name unless appName is (which the workload's own check covers).
    problems.push(
      ...(workload.appName === undefined
        ? workloadNameProblems(["workloads", i, "name"], workload.name)
        : dnsLabelProblems(["workloads", i, "name"], workload.name, "workload name")),
    );
    problems.push(...under(["workloads", i], statefulWorkloadProblems(workload)));
    const storageClass = workload.storageClass;
    const named = dnsSubdomainProblems([], storageClass, "storage class name").length === 0;
    if (typeof storageClass === "string" && named && !classes.includes(storageClass))
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
  problems.push(
    ...objectNameProblems({
      cloud: args.cluster.cloud,
      namespace,
      storage: args.storage,
      workloads,
      operators: args.operators,
    }),
  );
  problems.push(...dataNamespaceProblems(namespace, args.operators ?? {}));
  problems.push(
    ...under(
      ["databases"],
      databaseProblems(args.databases ?? [], {
        cloud: args.cluster.cloud,
        environment: args.environment,
        namespace,
        storageClasses: classes,
        snapshotClass: createdSnapshotClass(args.cluster.cloud),
        takenNames: [
          ...workloads.map((w) => w.appName ?? w.renamedFrom ?? w.name),
          ...(args.operators?.etcdClusters ?? []).map((e) => e.renamedFrom ?? e.name),
        ],
        workloads,
      }),
    ),
  );
  problems.push(...under(["operators"], operatorLayerProblems(args.operators ?? {}, classes, args.cluster)));
  const rookNamespace = rookNamespaces(args.operators ?? {});
  problems.push(
    ...platformBackupsProblems(args.backups, args.restore, {
      environment: args.environment,
      cloud: args.cluster.cloud,
      excludedNamespaces: rookNamespace,
    }),
  );
  // Backups leave the Rook namespace out: the data namespace must not be it.
  if (backupsEnabled(args.backups, args.environment) && rookNamespace.includes(namespace))
    problems.push(
      problem(
        ["operators", "rook", "namespace"],
        namespace,
        `the Rook-Ceph cluster needs a namespace of its own, not the data namespace "${namespace}": cluster backups leave the Rook namespace out (its monitors' and OSDs' disks cannot be restored into a new Ceph cluster), and would leave the data out with it`,
      ),
    );
  return problems;
}
