import { AZURE_SECRET_KEYS } from "../backups/identity.ts";
import type * as k8s from "@pulumi/kubernetes";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { CNPG_POSTGRES_IMAGE } from "../operators/versions.ts";
import { refuse } from "../problems.ts";
import type {
  CnpgAffinityConfiguration,
  CnpgClusterSpec,
  CnpgPluginConfiguration,
  CnpgObjectStoreConfiguration,
  CnpgObjectStoreSpec,
  CnpgScheduledBackupSpec,
} from "./cnpgTypes.ts";
import {
  BARMAN_CLOUD_PLUGIN,
  postgresObjectNames,
  type PostgresBackup,
  type PostgresClusterCheckArgs,
  type PostgresClusterSettings,
  type PostgresResources,
  type PostgresSnapshots,
} from "./postgresClusterArgs.ts";
import { backupProvider, postgresClusterProblems } from "./postgresClusterCheck.ts";
import { importBootstrap } from "./postgresImport.ts";

/** Arguments of {@link PostgresCluster}. */
export interface PostgresClusterArgs extends PostgresClusterSettings {
  /** The cluster; the custom resources use its provider. */
  cluster: ClusterHandle;
  /** Namespace of the database (and of the ObjectStore a recovery reads). */
  namespace: pulumi.Input<string>;
  /**
   * Name of the `Cluster` object, which CloudNativePG names its pods, claims, Services and Secrets
   * after: a DNS-1035 label of at most 50 characters.
   * @default the component's name
   */
  clusterName?: string;
  /** `prod` keeps the `Cluster` and `ObjectStore` objects (and so the volumes) when removed from the stack. */
  environment: Environment;
}

/** The external cluster a recovery reads from. */
const RECOVERY_SOURCE = "origin";

/** The label CloudNativePG puts on a cluster's instances (`ClusterLabelName`, `PodRoleLabelName`, pkg/utils/labels_annotations.go). */
function instanceSelector(name: string): k8s.types.input.meta.v1.LabelSelector {
  return {
    matchExpressions: [
      { key: "cnpg.io/cluster", operator: "In", values: [name] },
      { key: "cnpg.io/podRole", operator: "In", values: ["instance"] },
    ],
  };
}

/**
 * Instances on different nodes (the operator's own term, `required` or `preferred`), and across
 * zones when the cluster has them (an added preferred term on `topology.kubernetes.io/zone`).
 */
function affinity(name: string, args: PostgresClusterCheckArgs): CnpgAffinityConfiguration {
  return {
    enablePodAntiAffinity: true,
    topologyKey: "kubernetes.io/hostname",
    podAntiAffinityType: args.spread ?? "preferred",
    additionalPodAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { labelSelector: instanceSelector(name), topologyKey: "topology.kubernetes.io/zone" },
        },
      ],
    },
  };
}

/** The plugin as WAL archiver into the cluster's own ObjectStore, under `serverName` when given. */
function archiver(name: string, backup: PostgresBackup): CnpgPluginConfiguration {
  const parameters = {
    barmanObjectName: postgresObjectNames(name).objectStore,
    ...(backup.serverName === undefined ? {} : { serverName: backup.serverName }),
  };
  return { name: BARMAN_CLOUD_PLUGIN, isWALArchiver: true, parameters };
}

/**
 * `bootstrap` and `externalClusters`: a new database, one imported from a running server (into the
 * application database, through the external cluster `import-source`), or recovery from the
 * source's ObjectStore through the plugin (external cluster `origin`).
 */
function bootstrap(args: PostgresClusterCheckArgs): Pick<CnpgClusterSpec, "bootstrap" | "externalClusters"> {
  const database = args.database ?? "app";
  const owner = args.owner ?? "app";
  const recovery = args.recovery;
  if (args.import) return importBootstrap(args.import, database, owner);
  if (!recovery) return { bootstrap: { initdb: { database, owner } } };
  const parameters = { barmanObjectName: recovery.objectStoreName, serverName: recovery.serverName };
  const recoveryTarget = recovery.targetTime ? { recoveryTarget: { targetTime: recovery.targetTime } } : {};
  return {
    bootstrap: { recovery: { source: RECOVERY_SOURCE, database, owner, ...recoveryTarget } },
    externalClusters: [{ name: RECOVERY_SOURCE, plugin: { name: BARMAN_CLOUD_PLUGIN, parameters } }],
  };
}

/** The `postgres` container's resources as Kubernetes resource lists (same keys and values). */
function resourceLists({ requests, limits }: PostgresResources): NonNullable<CnpgClusterSpec["resources"]> {
  return { ...(requests ? { requests: { ...requests } } : {}), ...(limits ? { limits: { ...limits } } : {}) };
}

/** The `Cluster` spec for these arguments, defaults applied. */
export function postgresClusterSpec(args: PostgresClusterCheckArgs): CnpgClusterSpec {
  const name = args.clusterName;
  const wal = args.walStorage;
  return {
    instances: args.instances ?? 3,
    imageName: args.image ?? CNPG_POSTGRES_IMAGE,
    storage: { storageClass: args.storageClass, size: args.storageSize ?? "10Gi" },
    ...(wal ? { walStorage: { storageClass: wal.storageClass ?? args.storageClass, size: wal.size } } : {}),
    affinity: affinity(name, args),
    // The primary's budget is minAvailable 1 (cloudnative-pg/cloudnative-pg@v1.30.0:
    // pkg/specs/poddisruptionbudget.go BuildPrimaryPodDisruptionBudget): with one instance there is
    // no replica to switch over to, so it would block every node drain and upgrade
    // (docs/src/kubernetes_upgrade.md). Only a replicated cluster has budgets.
    enablePDB: (args.instances ?? 3) > 1,
    ...bootstrap(args),
    ...(args.resources ? { resources: resourceLists(args.resources) } : {}),
    ...(args.backup ? { plugins: [archiver(name, args.backup)] } : {}),
    ...(args.snapshots ? { backup: { volumeSnapshot: { className: args.snapshots.className } } } : {}),
    ...(args.serviceAccountAnnotations
      ? { serviceAccountTemplate: { metadata: { annotations: args.serviceAccountAnnotations } } }
      : {}),
    ...(args.inheritedLabels ? { inheritedMetadata: { labels: args.inheritedLabels } } : {}),
  };
}

/** Seconds `pulumi up` waits for a new cluster that starts empty to be Ready. */
export const READY_TIMEOUT_SECONDS = 30 * 60;
/** Seconds it waits for one that starts by copying data (an import or a recovery): the copy takes as long as the data. */
export const COPY_READY_TIMEOUT_SECONDS = 6 * 60 * 60;

/**
 * Annotations that make `pulumi up` wait until the cluster is Ready (CloudNativePG's condition
 * `Ready`, cloudnative-pg/cloudnative-pg@v1.30.0: api/v1/cluster_types.go ConditionClusterReady):
 * pulumi-kubernetes does not wait for a custom resource otherwise, so an instance that never starts
 * or a store it cannot reach would pass unnoticed (pulumi/pulumi-kubernetes@v4.32.0:
 * provider/pkg/metadata/overrides.go ReadyCondition, TimeoutDuration; default 10 minutes).
 */
export function postgresClusterAwait(args: PostgresClusterCheckArgs): Record<string, string> {
  const copies = args.import !== undefined || args.recovery !== undefined;
  return {
    "pulumi.com/waitFor": "condition=Ready",
    "pulumi.com/timeoutSeconds": String(copies ? COPY_READY_TIMEOUT_SECONDS : READY_TIMEOUT_SECONDS),
  };
}

/** The `ObjectStore` spec of a cluster's backups: the destination, credentials and retention. */
export function postgresObjectStoreSpec(backup: PostgresBackup): CnpgObjectStoreSpec {
  const secretName =
    backup.credentials === undefined || backup.credentials === "inherit" ? undefined : backup.credentials.secretName;
  const configuration: CnpgObjectStoreConfiguration = { destinationPath: backup.destinationPath };
  if (backupProvider(backup.destinationPath) === "azure")
    configuration.azureCredentials = secretName
      ? {
          storageAccount: { name: secretName, key: AZURE_SECRET_KEYS.account },
          storageKey: { name: secretName, key: AZURE_SECRET_KEYS.key },
        }
      : { useDefaultAzureCredentials: true };
  else {
    if (backup.endpointURL !== undefined) configuration.endpointURL = backup.endpointURL;
    configuration.s3Credentials = secretName
      ? {
          accessKeyId: { name: secretName, key: "ACCESS_KEY_ID" },
          secretAccessKey: { name: secretName, key: "ACCESS_SECRET_KEY" },
        }
      : { inheritFromIAMRole: true };
  }
  return { configuration, retentionPolicy: backup.retentionPolicy ?? "30d" };
}

/**
 * The `ScheduledBackup` spec of cluster `name`: base backups through the plugin, owned by the
 * schedule, the first one right after creation (the archived WAL cannot be restored before a base
 * backup exists).
 */
export function postgresScheduledBackupSpec(name: string, backup: PostgresBackup): CnpgScheduledBackupSpec {
  return {
    schedule: backup.schedule ?? "0 0 2 * * *",
    cluster: { name },
    method: "plugin",
    pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
    backupOwnerReference: "self",
    immediate: true,
  };
}

/** The `ScheduledBackup` spec of cluster `name`'s volume snapshots, owned by the schedule. */
export function postgresSnapshotBackupSpec(name: string, snapshots: PostgresSnapshots): CnpgScheduledBackupSpec {
  return {
    schedule: snapshots.schedule ?? "0 0 3 * * *",
    cluster: { name },
    method: "volumeSnapshot",
    backupOwnerReference: "self",
  };
}

/**
 * A PostgreSQL database managed by CloudNativePG: a `postgresql.cnpg.io/v1` `Cluster` of
 * `instances` spread over nodes and zones, with the operator's PodDisruptionBudgets. With `backup`,
 * it archives its WAL through the Barman Cloud plugin to a `barmancloud.cnpg.io/v1` `ObjectStore`
 * and a `ScheduledBackup` takes base backups there; with `snapshots`, another takes volume
 * snapshots (pass the VolumeSnapshotClass in `dependsOn`). With `recovery` it starts from another
 * database's backups (up to `targetTime`) and archives under a new `serverName`; with `import` it
 * starts from one database of a running PostgreSQL server (pass that server in `dependsOn`). Pass the
 * operator's and the plugin's `ready` in `dependsOn` (see `installCloudNativePg`). Apps connect to
 * `readWriteService` / `readOnlyService` with the credentials in the Secret `appSecretName` (keys
 * `username`, `password`, `uri`, …).
 *
 * @example
 * ```ts
 * const cnpg = installCloudNativePg("db", cluster, { parent, retainOnDelete: false });
 * new PostgresCluster("orders", {
 *   cluster, namespace: "data", environment: "prod", storageClass: "managed-csi",
 *   backup: { destinationPath: "s3://acme-backups/postgres" },
 * }, { dependsOn: cnpg.ready });
 * ```
 */
export class PostgresCluster extends pulumi.ComponentResource {
  /** Name of the `Cluster` object. */
  readonly clusterName: pulumi.Output<string>;
  /** The read-write Service (the primary), `<cluster>-rw`. */
  readonly readWriteService: pulumi.Output<string>;
  /** The read-only Service (the replicas), `<cluster>-ro`. */
  readonly readOnlyService: pulumi.Output<string>;
  /** The Secret with the owner's credentials, `<cluster>-app` (its name only; never the password). */
  readonly appSecretName: pulumi.Output<string>;
  /** The `Cluster`. */
  readonly resource: k8s.apiextensions.CustomResource;
  /** The `ObjectStore` of its backups, with `backup`. */
  readonly objectStore?: k8s.apiextensions.CustomResource;
  /** The `ScheduledBackup` of its base backups, with `backup`. */
  readonly scheduledBackup?: k8s.apiextensions.CustomResource;
  /** The `ScheduledBackup` of its volume snapshots, with `snapshots`. */
  readonly snapshotBackup?: k8s.apiextensions.CustomResource;

  constructor(name: string, args: PostgresClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:PostgresCluster", name, {}, opts);
    const clusterName = args.clusterName ?? name;
    const checked: PostgresClusterCheckArgs = { ...args, clusterName };
    refuse(`PostgresCluster "${name}"`, postgresClusterProblems(checked));
    const names = postgresObjectNames(clusterName);
    const labels = { "app.kubernetes.io/part-of": "stateful-stack" };
    const options = { parent: this, provider: args.cluster.provider, ...dataRetention(args.environment) };
    const backup = args.backup;
    const objectStore = backup
      ? new CustomResource(
          `${name}-backups`,
          {
            apiVersion: "barmancloud.cnpg.io/v1",
            kind: "ObjectStore",
            metadata: { name: names.objectStore, namespace: args.namespace, labels },
            spec: postgresObjectStoreSpec(backup),
          },
          { ...options, dependsOn: forwardedDependsOn(opts) },
        )
      : undefined;
    this.objectStore = objectStore;
    this.resource = new CustomResource(
      name,
      {
        apiVersion: "postgresql.cnpg.io/v1",
        kind: "Cluster",
        metadata: { name: clusterName, namespace: args.namespace, labels, annotations: postgresClusterAwait(checked) },
        spec: postgresClusterSpec(checked),
      },
      { ...options, dependsOn: [...forwardedDependsOn(opts), ...(objectStore ? [objectStore] : [])] },
    );
    this.scheduledBackup = backup
      ? new CustomResource(
          `${name}-base-backup`,
          {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "ScheduledBackup",
            metadata: { name: names.scheduledBackup, namespace: args.namespace, labels },
            spec: postgresScheduledBackupSpec(clusterName, backup),
          },
          { ...options, dependsOn: [...forwardedDependsOn(opts), this.resource] },
        )
      : undefined;
    this.snapshotBackup = args.snapshots
      ? new CustomResource(
          `${name}-snapshot`,
          {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "ScheduledBackup",
            metadata: { name: names.snapshotBackup, namespace: args.namespace, labels },
            spec: postgresSnapshotBackupSpec(clusterName, args.snapshots),
          },
          { ...options, dependsOn: [...forwardedDependsOn(opts), this.resource] },
        )
      : undefined;
    this.clusterName = this.resource.metadata.name;
    // Derived from the created object, so a consumer of these names waits for the Cluster.
    this.readWriteService = this.clusterName.apply((n) => postgresObjectNames(n).readWriteService);
    this.readOnlyService = this.clusterName.apply((n) => postgresObjectNames(n).readOnlyService);
    this.appSecretName = this.clusterName.apply((n) => postgresObjectNames(n).appSecret);
    this.registerOutputs({
      clusterName: this.clusterName,
      readWriteService: this.readWriteService,
      readOnlyService: this.readOnlyService,
      appSecretName: this.appSecretName,
    });
  }
}
