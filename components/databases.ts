/**
 * The databases of a {@link Platform}: per entry, the object store its backups go to (created for
 * the stack's cloud) and its CloudNativePG `Cluster`, after the operator and the plugin. The check
 * of the entries is `databaseProblems` (databaseArgs.ts).
 */
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster.js";
import type { Cluster } from "@pulumi/aws/eks/cluster.js";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsBackupsModule, azureBackupsModule } from "./cloudModules.ts";
import type { IamOidcProvider } from "./backups/identity.ts";
import type { ClusterHandle } from "./cluster/handle.ts";
import { workloadImport, type ImportableWorkload } from "./databaseImport.ts";
import {
  backsUp,
  clusterSettings,
  postgresBackup,
  postgresRecovery,
  postgresSnapshots,
  type PlatformDatabase,
} from "./databaseArgs.ts";
import type { CloudNativePgOperators } from "./operators/cnpgOperators.ts";
import type { Environment } from "./options.ts";
import { PostgresCluster } from "./stateful/postgresCluster.ts";
import type { PostgresBackup } from "./stateful/postgresClusterArgs.ts";
import type { SnapshotClassHandle } from "./storage/handle.ts";

/** What a client of one database needs: its Services and the name of its credentials' Secret. */
export interface DatabaseEndpoints {
  /** The read-write Service (the primary). */
  readWriteService: pulumi.Output<string>;
  /** The read-only Service (the replicas). */
  readOnlyService: pulumi.Output<string>;
  /** The Secret with the owner's credentials (its name only, never the password). */
  appSecretName: pulumi.Output<string>;
}

/** What the databases are built on. */
export interface DatabasesArgs {
  cluster: ClusterHandle;
  environment: Environment;
  /** The data namespace (object and name, known before deployment). */
  namespace: k8s.core.v1.Namespace;
  namespaceName: string;
  /** CloudNativePG and its plugin, installed by the operator layer. */
  operators: CloudNativePgOperators;
  /** What each database's volumes wait for, by storage class. */
  storageReadiness: (storageClass: string) => pulumi.Input<pulumi.Resource>[];
  /** The VolumeSnapshotClass the storage layer creates (aks, eks), which a database's snapshots wait for. */
  snapshotClass?: SnapshotClassHandle;
  databases: readonly PlatformDatabase[];
  /** The platform's workloads (their specs), which a database may import from. @default none */
  workloads?: readonly ImportableWorkload[];
  /** The created workloads by name: a database importing one waits for it (its server must be up). @default none */
  workloadResources?: Record<string, pulumi.Resource>;
  /** EKS: the cluster's IAM OIDC provider (see {@link createEksOidcProvider}). @default none */
  oidcProvider?: IamOidcProvider;
}

/**
 * On EKS, when the databases keep backups or the cluster is backed up: the one IAM OIDC provider
 * of the cluster's issuer (`<name>-oidc`, a child of `parent`), which every IRSA role trusts.
 */
export function createEksOidcProvider(
  name: string,
  cluster: ClusterHandle,
  environment: Environment,
  needed: boolean,
  parent: pulumi.Resource,
): IamOidcProvider | undefined {
  if (cluster.cloud !== "eks" || !needed) return undefined;
  return new (awsBackupsModule().EksOidcProvider)(
    `${name}-oidc`,
    { issuerUrl: oidcIssuerUrl(cluster), retainOnDelete: environment === "prod" },
    { parent },
  );
}

/**
 * The OIDC issuer of an EKS cluster's service account tokens (`identities[0].oidcs[0].issuer`),
 * or of an AKS cluster's (`oidcIssuerProfile.issuerURL`); empty while the cluster is unknown.
 */
export function oidcIssuerUrl(cluster: ClusterHandle): pulumi.Output<string> {
  const resource = (cluster as { cluster?: unknown }).cluster;
  if (cluster.cloud === "eks" && resource)
    return (resource as Cluster).identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
  if (cluster.cloud === "aks" && resource)
    return (resource as ManagedCluster).oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? "");
  throw new Error(`cluster of cloud "${cluster.cloud}" has no OIDC issuer the platform can read`);
}

/** A database's store: where the backups go and what the Cluster needs to reach it. */
interface Store {
  backup: Pick<PostgresBackup, "destinationPath" | "credentials">;
  serviceAccountAnnotations?: Record<string, pulumi.Input<string>>;
  inheritedLabels?: Record<string, string>;
  readiness: pulumi.Resource[];
}

/**
 * Creates, as children of `parent`: on EKS an `S3BackupStore` per database (trusted through
 * `args.oidcProvider`) that keeps backups; on AKS an `AzureBackupStore` per such database
 * (its key in the Secret `<name>-backup-storage`, or a workload identity); then each database's
 * `PostgresCluster` in the data namespace, after the operator, the plugin, the namespace, its
 * storage and its store (and after its recovery source's `ObjectStore`, or the workload it imports).
 */
export function createDatabases(
  name: string,
  args: DatabasesArgs,
  parent: pulumi.Resource,
): Record<string, DatabaseEndpoints> {
  const { cluster, environment, databases } = args;
  const oidc = args.oidcProvider;
  const common = (db: PlatformDatabase) => ({
    cluster,
    environment,
    namespace: args.namespaceName,
    clusterName: db.name,
    ...(db.backup?.retentionDays === undefined ? {} : { retentionDays: db.backup.retentionDays }),
  });
  // Bucket (container) of each database with backups, so a database recovered from it may read it.
  const buckets: Record<string, pulumi.Output<string>> = {};
  const containers: Record<string, pulumi.Output<string>> = {};
  const storeOf = (db: PlatformDatabase): Store | undefined => {
    if (!backsUp(db, environment)) return undefined;
    const b = db.backup ?? {};
    if (cluster.cloud === "eks" && oidc) {
      const source = db.recovery ? buckets[db.recovery.from] : undefined;
      const store = new (awsBackupsModule().S3BackupStore)(
        `${name}-${db.name}-backups`,
        { ...common(db), oidcProvider: oidc, ...(source ? { recoverySourceBuckets: [source] } : {}) },
        { parent },
      );
      buckets[db.name] = store.bucket.bucket;
      return {
        backup: { destinationPath: store.destinationPath, credentials: "inherit" },
        serviceAccountAnnotations: store.serviceAccountAnnotations,
        readiness: store.readiness,
      };
    }
    if (cluster.cloud === "aks") {
      const workloadIdentity = b.access === "workloadIdentity";
      // A source reached by key is read with its own Secret; one reached by workload identity, with ours.
      const source = db.recovery && workloadIdentity ? containers[db.recovery.from] : undefined;
      const store = new (azureBackupsModule().AzureBackupStore)(
        `${name}-${db.name}-backups`,
        {
          ...common(db),
          ...(b.access === undefined ? {} : { access: b.access }),
          ...(workloadIdentity ? { oidcIssuerUrl: oidcIssuerUrl(cluster) } : {}),
          ...(source ? { recoverySourceContainers: [source] } : {}),
        },
        // The key's Secret goes into the data namespace.
        { parent, dependsOn: [args.namespace] },
      );
      if (workloadIdentity) containers[db.name] = store.container.id;
      return {
        backup: {
          destinationPath: store.destinationPath,
          credentials: workloadIdentity ? "inherit" : { secretName: `${db.name}-backup-storage` },
        },
        ...(workloadIdentity
          ? { serviceAccountAnnotations: store.serviceAccountAnnotations, inheritedLabels: store.podLabels }
          : {}),
        readiness: store.readiness,
      };
    }
    return { backup: { destinationPath: b.destinationPath ?? "", credentials: b.credentials }, readiness: [] };
  };

  const clusters: Record<string, PostgresCluster> = {};
  const endpoints: Record<string, DatabaseEndpoints> = {};
  // Sources first, so a recovering database can wait for its source's ObjectStore.
  const ordered = [...databases].sort((a, b) => Number(a.recovery !== undefined) - Number(b.recovery !== undefined));
  for (const db of ordered) {
    const dbName = db.name;
    const store = storeOf(db);
    const sourceStore = db.recovery ? clusters[db.recovery.from]?.objectStore : undefined;
    const imported = db.import ? workloadImport(db.import, args.workloads ?? []) : undefined;
    const importedFrom = db.import ? args.workloadResources?.[db.import.workload] : undefined;
    const postgres = new PostgresCluster(
      `${name}-${dbName}`,
      {
        ...clusterSettings(db),
        cluster,
        environment,
        namespace: args.namespace.metadata.name,
        clusterName: dbName,
        ...(store ? { backup: postgresBackup(db, store.backup) } : {}),
        ...(db.recovery ? { recovery: postgresRecovery(db, databases) } : {}),
        ...(imported ? { import: imported } : {}),
        ...(db.snapshots ? { snapshots: postgresSnapshots(db, args.snapshotClass) } : {}),
        ...(store?.serviceAccountAnnotations ? { serviceAccountAnnotations: store.serviceAccountAnnotations } : {}),
        ...(store?.inheritedLabels ? { inheritedLabels: store.inheritedLabels } : {}),
      },
      {
        parent,
        dependsOn: [
          // Without a store or a recovery source the Cluster does not use the plugin.
          ...(store || db.recovery ? args.operators.ready : args.operators.operatorReady),
          args.namespace,
          ...args.storageReadiness(db.storageClass),
          ...(db.walStorage?.storageClass ? args.storageReadiness(db.walStorage.storageClass) : []),
          ...(store?.readiness ?? []),
          ...(sourceStore ? [sourceStore] : []),
          ...(importedFrom ? [importedFrom] : []),
          ...(db.snapshots ? (args.snapshotClass?.readiness ?? []) : []),
        ],
      },
    );
    clusters[dbName] = postgres;
    endpoints[dbName] = {
      readWriteService: postgres.readWriteService,
      readOnlyService: postgres.readOnlyService,
      appSecretName: postgres.appSecretName,
    };
  }
  return endpoints;
}
