/**
 * How an `AzureBackupStore`'s consumer reaches it: the account key in a Kubernetes Secret, or
 * a user-assigned identity federated with the consumer's service account and given roles scoped to
 * the store. Each returns what the consumer needs (credentials, annotations, labels) and the
 * resources the first backup waits for.
 */
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment.js";
import { FederatedIdentityCredential } from "@pulumi/azure-native/managedidentity/federatedIdentityCredential.js";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity.js";
import type { BlobContainer } from "@pulumi/azure-native/storage/blobContainer.js";
import { listStorageAccountKeysOutput } from "@pulumi/azure-native/storage/listStorageAccountKeys.js";
import type { StorageAccount } from "@pulumi/azure-native/storage/storageAccount.js";
import { Secret } from "@pulumi/kubernetes/core/v1/secret.js";
import * as pulumi from "@pulumi/pulumi";
import { roleDefinitionIdFor } from "../storage/azure/managedDisk.ts";
import type { AzureBackupStoreArgs } from "./azure.ts";
import { AZURE_SECRET_KEYS, serviceAccountSubject } from "./identity.ts";

/**
 * "Storage Blob Data Contributor": read, write and delete blobs and containers' data
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage, fixed GUID).
 */
export const STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
/**
 * "Storage Blob Data Reader": read and list containers and blobs, nothing else
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage, fixed GUID).
 */
export const STORAGE_BLOB_DATA_READER_ROLE_ID = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
/**
 * "Storage Blob Delegator": only `Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action`
 * (MicrosoftDocs/azure-docs@1b4e136a1da7:articles/role-based-access-control/built-in-roles/storage.md,
 * "Storage Blob Delegator", `"id": "/providers/Microsoft.Authorization/roleDefinitions/db58b8e5-c6ad-4a2a-8342-4190687cbf4a"`).
 */
export const STORAGE_BLOB_DELEGATOR_ROLE_ID = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
/** The audience Entra ID expects in a federated Kubernetes token (azure-workload-identity docs). */
export const AZURE_TOKEN_AUDIENCE = "api://AzureADTokenExchange";
/** Keys of the Secret the Barman Cloud plugin reads in key mode (plugin-barman-cloud@v0.13.0: web/docs/object_stores.md). */
export { AZURE_SECRET_KEYS } from "./identity.ts";

/** What each access mode gives the ObjectStore and the Cluster. */
export interface Access {
  identity: UserAssignedIdentity | undefined;
  azureCredentials: Record<string, unknown>;
  serviceAccountAnnotations: Record<string, pulumi.Output<string>>;
  podLabels: Record<string, string>;
  resources: pulumi.Resource[];
}

/** What both access modes are built from. */
export interface AccessContext {
  name: string;
  args: AzureBackupStoreArgs;
  account: StorageAccount;
  accountName: string;
  container: BlobContainer;
  resourceGroupName: pulumi.Output<string>;
  parent: pulumi.Resource;
  /** The store's own `dependsOn` (the key's Secret waits for its namespace). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
  /** Keep the access's resources when they leave the stack (prod). */
  retainOnDelete: boolean;
}

/** The account key (of this store's own account only) in a Secret in the database's namespace. */
export function keyAccess({
  name,
  args,
  account,
  resourceGroupName,
  parent,
  dependsOn,
  retainOnDelete,
}: AccessContext): Access {
  const keys = listStorageAccountKeysOutput({ resourceGroupName, accountName: account.name }, { parent });
  const key = pulumi.secret(
    keys.apply((result) => {
      const value = result.keys[0]?.value;
      if (!value) throw new Error(`storage account of backup store "${name}" returned no key`);
      return value;
    }),
  );
  const secretName = `${args.clusterName}-backup-storage`;
  const secret = new Secret(
    `${name}-credentials`,
    {
      metadata: { name: secretName, namespace: args.namespace },
      type: "Opaque",
      stringData: { [AZURE_SECRET_KEYS.account]: account.name, [AZURE_SECRET_KEYS.key]: key },
    },
    { parent, provider: args.cluster.provider, dependsOn, retainOnDelete },
  );
  return {
    identity: undefined,
    azureCredentials: {
      storageAccount: { name: secretName, key: AZURE_SECRET_KEYS.account },
      storageKey: { name: secretName, key: AZURE_SECRET_KEYS.key },
    },
    serviceAccountAnnotations: {},
    podLabels: {},
    resources: [secret],
  };
}

/**
 * A user-assigned identity trusted for exactly the database's service account on the cluster's
 * OIDC issuer, with "Storage Blob Data Contributor" on the container alone. The ObjectStore asks
 * for `useDefaultAzureCredentials` (barman-cloud `--credential default`: `DefaultAzureCredential`,
 * whose chain holds the workload identity credential), not `inheritFromAzureAD` (`--credential
 * managed-identity`, the node's managed identity through IMDS): cloudnative-pg/barman-cloud@bd68198c31dc
 * (the version plugin-barman-cloud@v0.13.0 pins in go.mod): pkg/command/commandbuilder.go. Not the default:
 * the plugin documents neither for workload identity, and whether its sidecar receives the
 * webhook's token is open upstream (plugin-barman-cloud#649, #816).
 */
export function federatedAccess(
  { name, args, account, accountName, container, resourceGroupName, parent, retainOnDelete }: AccessContext,
  location: pulumi.Output<string>,
): Access {
  // Named after the account (unique in Azure), so the credential names it before deployment.
  const identityName = `id-${accountName}`;
  const identity = new UserAssignedIdentity(
    `${name}-identity`,
    { resourceGroupName, location, resourceName: identityName },
    { parent, retainOnDelete },
  );
  const federation = new FederatedIdentityCredential(
    `${name}-federation`,
    {
      resourceGroupName,
      resourceName: identityName,
      issuer: args.oidcIssuerUrl as pulumi.Input<string>,
      subject: serviceAccountSubject(args.namespace, args.clusterName),
      audiences: [AZURE_TOKEN_AUDIENCE],
    },
    { parent, retainOnDelete, dependsOn: [identity] },
  );
  const role = new RoleAssignment(
    `${name}-blob-access`,
    {
      scope: container.id,
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: container.id.apply((id) => roleDefinitionIdFor(id, STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID)),
      description: `Lets ${args.consumer ?? `the database "${args.namespace}/${args.clusterName}"`} read and write its backups in this container only`,
    },
    // The principal id is known only once the identity exists: the dependency is named.
    { parent, retainOnDelete, dependsOn: [identity] },
  );
  const sourceReads = (args.recoverySourceContainers ?? []).map(
    (scope, i) =>
      new RoleAssignment(
        `${name}-recovery-source-${i}`,
        {
          scope,
          principalId: identity.principalId,
          principalType: "ServicePrincipal",
          roleDefinitionId: pulumi
            .output(scope)
            .apply((id) => roleDefinitionIdFor(id, STORAGE_BLOB_DATA_READER_ROLE_ID)),
          description: `Lets the database "${args.namespace}/${args.clusterName}" read the backups it is recovered from`,
        },
        { parent, retainOnDelete, dependsOn: [identity] },
      ),
  );
  const delegation = args.userDelegationKey
    ? [
        new RoleAssignment(
          `${name}-delegation-key`,
          {
            scope: account.id,
            principalId: identity.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: account.id.apply((id) => roleDefinitionIdFor(id, STORAGE_BLOB_DELEGATOR_ROLE_ID)),
            description: `Lets ${args.consumer ?? "the store's reader"} get a user delegation key of this account, to sign links to its blobs`,
          },
          { parent, retainOnDelete, dependsOn: [identity] },
        ),
      ]
    : [];
  return {
    identity,
    azureCredentials: { useDefaultAzureCredentials: true },
    serviceAccountAnnotations: { "azure.workload.identity/client-id": identity.clientId },
    podLabels: { "azure.workload.identity/use": "true" },
    resources: [federation, role, ...sourceReads, ...delegation],
  };
}
