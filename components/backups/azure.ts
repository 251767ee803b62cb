import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer.js";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties.js";
import { ManagementPolicy } from "@pulumi/azure-native/storage/managementPolicy.js";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount.js";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn, type Environment } from "../options.ts";
import { refuse } from "../problems.ts";
import { storageAccountNameFor } from "../storage/azure/fileShare.ts";
import { federatedAccess, keyAccess } from "./azureAccess.ts";
import { AzureBackupAccess, azureBackupStoreProblems, type AzureBackupStoreSpec } from "./check.ts";
import { DEFAULT_RETENTION_DAYS } from "./identity.ts";

export {
  AZURE_TOKEN_AUDIENCE,
  STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID,
  STORAGE_BLOB_DATA_READER_ROLE_ID,
  STORAGE_BLOB_DELEGATOR_ROLE_ID,
} from "./azureAccess.ts";
/** Keys of the Secret the Barman Cloud plugin reads in key mode (plugin-barman-cloud@v0.13.0: web/docs/object_stores.md). */
export { AZURE_SECRET_KEYS } from "./identity.ts";

/** Arguments of {@link AzureBackupStore}. */
export interface AzureBackupStoreArgs extends AzureBackupStoreSpec {
  /** The AKS cluster: resource group, region and Kubernetes provider (for the key's Secret). */
  cluster: ClusterHandle;
  /** `prod`: zone-redundant account; account and container protected and retained on delete. */
  environment: Environment;
  /**
   * Storage account name.
   * @default "st" + the component name's letters and digits + a hash of project, stack and name
   */
  accountName?: string;
  /**
   * Blob container name.
   * @default the cluster name
   */
  containerName?: string;
  /**
   * How the database reaches the store. `"key"`: this account's key in a Kubernetes Secret, the
   * path plugin-barman-cloud@v0.13.0 documents (web/docs/object_stores.md "Access Key, SAS Token,
   * or Connection String"). `"workloadIdentity"`: a user-assigned identity federated with the
   * database's service account, shared-key access disabled on the account; the plugin does not
   * document it and its support is open upstream (plugin-barman-cloud#649, #816), so it is not
   * the default. The Cluster must then carry {@link AzureBackupStore.serviceAccountAnnotations}
   * and {@link AzureBackupStore.podLabels}.
   * @default "key"
   */
  access?: AzureBackupAccess;
  /** The AKS cluster's OIDC issuer URL (`oidcIssuerProfile.issuerURL`); required for workload identity. */
  oidcIssuerUrl?: pulumi.Input<string>;
  /**
   * Days deleted blobs, containers and previous versions stay recoverable.
   * @default 30
   */
  retentionDays?: number;
  /**
   * Resource ids of the containers of the databases this one is recovered from (workload identity
   * only): its identity gets "Storage Blob Data Reader" on each, so it may read (never write) them.
   * @default none
   */
  recoverySourceContainers?: pulumi.Input<string>[];
  /**
   * Workload identity only: also "Storage Blob Delegator" on this account alone, for a user
   * delegation key (the account's Blob service gives it; the container's role does not reach the
   * account). Velero's Azure plugin signs links to backup logs with one when there is no shared
   * key (vmware-tanzu/velero-plugin-for-microsoft-azure@v1.13.2: velero-plugin-for-microsoft-azure/
   * object_store.go `GetSASURI`; README.md lists generateUserDelegationKey/action). Refused with
   * access `"key"`: the account key signs such links itself, and there is no identity to give the role.
   * @default false
   */
  userDelegationKey?: boolean;
  /**
   * Who uses the store, in the role assignment's description.
   * @default `the database "<namespace>/<clusterName>"`
   */
  consumer?: string;
}

/**
 * A blob container for CloudNativePG backups (Barman Cloud plugin), in a storage account of its
 * own hardened like the file shares' (HTTPS only, TLS 1.2, no public blob access, encrypted),
 * with blob versioning, soft delete of blobs and containers, and previous versions deleted after
 * the retention. Access is scoped to this store only: either the key of this account alone, kept
 * in a Kubernetes Secret in the database's namespace, or (workload identity) a user-assigned
 * identity federated with exactly `system:serviceaccount:<namespace>:<clusterName>` and given
 * "Storage Blob Data Contributor" on the container alone. In prod the account and container are
 * protected and retained on delete: `pulumi destroy` never deletes the backups.
 *
 * @example
 * ```ts
 * const store = new AzureBackupStore("orders-backups", { cluster, environment: "prod", namespace: "data", clusterName: "orders" });
 * // ObjectStore: spec.configuration.destinationPath = store.destinationPath, azureCredentials = store.azureCredentials
 * ```
 */
export class AzureBackupStore extends pulumi.ComponentResource {
  /** The storage account. */
  readonly account: StorageAccount;
  /** The blob container holding base backups and WAL. */
  readonly container: BlobContainer;
  /** `https://<account>.blob.core.windows.net/<container>`: the ObjectStore's `destinationPath`. */
  readonly destinationPath: string;
  /** The ObjectStore's `spec.configuration.azureCredentials`. */
  readonly azureCredentials: Record<string, unknown>;
  /** Annotations for the Cluster's `serviceAccountTemplate` (workload identity: the client id). */
  readonly serviceAccountAnnotations: Record<string, pulumi.Output<string>>;
  /** Labels the database's pods need (workload identity: the webhook's opt-in label). */
  readonly podLabels: Record<string, string>;
  /** The identity (workload identity only). */
  readonly identity: UserAssignedIdentity | undefined;
  /** What the first backup waits for: container, settings and the access (role or Secret). */
  readonly readiness: pulumi.Resource[];

  constructor(name: string, args: AzureBackupStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AzureBackupStore", name, {}, opts);
    refuse(`AzureBackupStore "${name}"`, azureBackupStoreProblems(args));
    const azure = args.cluster.azure;
    if (!azure) throw new Error(`AzureBackupStore "${name}" needs an AKS cluster (cluster.azure is not set)`);
    const prod = args.environment === "prod";
    const kept = { parent: this, protect: prod, retainOnDelete: prod };
    // In prod what the kept account and database need is kept too: its settings, the key's Secret or
    // the identity the database's pods archive with.
    const retained = { parent: this, retainOnDelete: prod };
    const workloadIdentity = args.access === AzureBackupAccess.WorkloadIdentity;
    const days = args.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const resourceGroupName = azure.resourceGroupName;
    const accountName =
      args.accountName ?? storageAccountNameFor(name, `${pulumi.getProject()}/${pulumi.getStack()}/${name}`);
    const containerName = args.containerName ?? args.clusterName;

    this.account = new StorageAccount(
      `${name}-account`,
      {
        resourceGroupName,
        location: azure.location,
        accountName,
        kind: "StorageV2",
        sku: { name: prod ? "Standard_ZRS" : "Standard_LRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        // With workload identity nothing needs the key: refuse it (and default the portal to Entra ID).
        allowSharedKeyAccess: !workloadIdentity,
        defaultToOAuthAuthentication: workloadIdentity,
        encryption: { keySource: "Microsoft.Storage", services: { blob: { enabled: true, keyType: "Account" } } },
      },
      kept,
    );
    const account = { resourceGroupName, accountName: this.account.name };
    const settings = new BlobServiceProperties(
      `${name}-blob-settings`,
      {
        ...account,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days },
        containerDeleteRetentionPolicy: { enabled: true, days },
      },
      retained,
    );
    const versions = new ManagementPolicy(
      `${name}-versions`,
      {
        ...account,
        managementPolicyName: "default",
        policy: {
          rules: [
            {
              name: "delete-previous-versions",
              type: "Lifecycle",
              enabled: true,
              definition: {
                filters: { blobTypes: ["blockBlob"] },
                actions: { version: { delete: { daysAfterCreationGreaterThan: days } } },
              },
            },
          ],
        },
      },
      retained,
    );
    this.container = new BlobContainer(`${name}-container`, { ...account, containerName, publicAccess: "None" }, kept);
    this.destinationPath = `https://${accountName}.blob.core.windows.net/${containerName}`;
    const context = {
      name,
      args,
      account: this.account,
      accountName,
      container: this.container,
      resourceGroupName,
      parent: this,
      retainOnDelete: prod,
      dependsOn: forwardedDependsOn(opts),
    };
    const access = workloadIdentity ? federatedAccess(context, azure.location) : keyAccess(context);
    this.identity = access.identity;
    this.azureCredentials = access.azureCredentials;
    this.serviceAccountAnnotations = access.serviceAccountAnnotations;
    this.podLabels = access.podLabels;
    this.readiness = [this.container, settings, versions, ...access.resources];
    this.registerOutputs({ destinationPath: this.destinationPath });
  }
}
