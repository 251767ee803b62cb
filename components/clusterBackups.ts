/**
 * The cluster backups of a {@link Platform}: an object store of the stack's cloud (the same store
 * components as the databases', with an identity of its own for Velero's service account) and
 * {@link Velero} on it, after the snapshot classes and the identity.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IamOidcProvider } from "./backups/identity.ts";
import { VELERO_OBJECT_ACTIONS } from "./backups/policies.ts";
import { Velero, type VeleroStore } from "./backups/velero.ts";
import { backupSchedules, type PlatformBackups, type PlatformRestore } from "./backups/veleroArgs.ts";
import { VELERO_NAMESPACE, VELERO_SERVICE_ACCOUNT } from "./backups/veleroTypes.ts";
import { awsBackupsModule, azureBackupsModule } from "./cloudModules.ts";
import type { ClusterHandle } from "./cluster/handle.ts";
import { oidcIssuerUrl } from "./databases.ts";
import type { Environment } from "./options.ts";
import type { SnapshotClassHandle } from "./storage/handle.ts";

/** What the cluster backups are built on. */
export interface ClusterBackupsArgs {
  cluster: ClusterHandle;
  environment: Environment;
  backups: PlatformBackups | undefined;
  restore: PlatformRestore | undefined;
  /** EKS: the cluster's IAM OIDC provider (shared with the databases' stores). */
  oidcProvider: IamOidcProvider | undefined;
  /** The snapshot class Velero's CSI path uses (created after the snapshot controller). */
  snapshotClass: SnapshotClassHandle | undefined;
  /** The stack's static volumes, by name: file-system backups copy their data (see `VeleroArgs.staticVolumes`). */
  staticVolumes: readonly string[];
  /** What a restore waits for besides Velero: the stack's namespaces and static claims (see `VeleroArgs.restoreAfter`). */
  restoreAfter: pulumi.Resource[];
  /** Namespaces the schedules and the restore leave out: the Rook-Ceph cluster's (see `VeleroArgs.excludedNamespaces`). */
  excludedNamespaces: readonly string[];
}

/**
 * What a consumer of the claims of `namespace` waits for: the restore, when one runs and brings that
 * namespace back (its `includedNamespaces` names it, or names none; never a namespace it leaves out,
 * the Rook-Ceph cluster's, whose cluster must not wait for it: see `VeleroArgs.excludedNamespaces`). Its StatefulSets and clusters
 * are then created after Velero has restored their claims, and adopt them: a claim made first would
 * be empty, and Velero skips a claim that exists (see `VeleroArgs.restoreAfter`). Both the Restore
 * and its outcome: the outcome fails, and with it those objects' creation, unless the restore ended
 * `Completed` (see `restoreOutcome`).
 */
export function restoreReadiness(
  velero: Velero | undefined,
  restore: PlatformRestore | undefined,
  namespace: string,
): pulumi.Input<pulumi.Resource>[] {
  if (!velero?.restore || !velero.restored || !restore || velero.excludedNamespaces.includes(namespace)) return [];
  const namespaces = restore.includedNamespaces ?? [];
  return namespaces.length === 0 || namespaces.includes("*") || namespaces.includes(namespace)
    ? [velero.restore, velero.restored]
    : [];
}

/** Who uses Velero's store, in the descriptions of its role or role assignment. */
const CONSUMER = `Velero (${VELERO_NAMESPACE}/${VELERO_SERVICE_ACCOUNT})`;

/**
 * Creates, as children of `parent`: `<name>-velero-backups` (an `S3BackupStore` reached through
 * IRSA, or an `AzureBackupStore` reached through a workload identity, each trusted for Velero's
 * service account only and scoped to its own bucket or container) and `<name>-velero` ({@link Velero}).
 * Nothing on an existing cluster (the check refuses backups there).
 */
export function createClusterBackups(
  name: string,
  args: ClusterBackupsArgs,
  parent: pulumi.Resource,
): Velero | undefined {
  const { cluster, environment, backups } = args;
  const schedules = backupSchedules(backups, environment);
  if ((backups?.enabled ?? environment === "prod") === false || cluster.cloud === "existing") return undefined;
  const common = {
    cluster,
    environment,
    namespace: VELERO_NAMESPACE,
    clusterName: VELERO_SERVICE_ACCOUNT,
    consumer: CONSUMER,
    ...(backups?.retentionDays === undefined ? {} : { retentionDays: backups.retentionDays }),
  };
  let store: VeleroStore;
  let readiness: pulumi.Resource[];
  if (cluster.cloud === "eks") {
    if (!args.oidcProvider) throw new Error("cluster backups on EKS need the cluster's IAM OIDC provider");
    const s3 = new (awsBackupsModule().S3BackupStore)(
      `${name}-velero-backups`,
      { ...common, oidcProvider: args.oidcProvider, objectActions: VELERO_OBJECT_ACTIONS },
      { parent },
    );
    store = {
      provider: "aws",
      bucket: s3.bucket.bucket,
      config: { region: s3.region },
      serviceAccountAnnotations: s3.serviceAccountAnnotations,
    };
    readiness = s3.readiness;
  } else {
    const azure = new (azureBackupsModule().AzureBackupStore)(
      `${name}-velero-backups`,
      {
        ...common,
        containerName: "velero",
        access: "workloadIdentity",
        oidcIssuerUrl: oidcIssuerUrl(cluster),
        userDelegationKey: true,
      },
      { parent },
    );
    store = {
      provider: "azure",
      bucket: azure.container.name,
      // useAAD with the account's URI: no key and no Reader role on the account
      // (vmware-tanzu/velero-plugin-for-microsoft-azure@v1.13.2:README.md; vmware-tanzu/velero@v1.17.2:
      // pkg/util/azure/storage.go `NewStorageClient`: `storageAccount` is required).
      config: {
        storageAccount: azure.account.name,
        // The account's primary blob endpoint, right in every Azure cloud: the value Velero itself
        // reads from the account when it may (same file, `getStorageAccountURI`: `PrimaryEndpoints.Blob`).
        storageAccountURI: azure.account.primaryEndpoints.blob,
        resourceGroup: cluster.azure?.resourceGroupName ?? "",
        useAAD: "true",
      },
      serviceAccountAnnotations: azure.serviceAccountAnnotations,
      podLabels: azure.podLabels,
    };
    readiness = azure.readiness;
  }
  return new Velero(
    `${name}-velero`,
    {
      cluster,
      environment,
      store,
      schedules,
      ...(backups?.snapshotMoveData === undefined ? {} : { snapshotMoveData: backups.snapshotMoveData }),
      ...(args.restore ? { restore: args.restore } : {}),
      restoreAfter: args.restoreAfter,
      staticVolumes: args.staticVolumes,
      excludedNamespaces: args.excludedNamespaces,
    },
    { parent, dependsOn: [...cluster.readiness, ...readiness, ...(args.snapshotClass?.readiness ?? [])] },
  );
}
