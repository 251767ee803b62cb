/** What the backup stores share about their consumers' Kubernetes identity. */
import type * as pulumi from "@pulumi/pulumi";

/** The cluster's IAM OIDC identity provider, which IRSA roles trust. */
export interface IamOidcProvider {
  /** ARN of the IAM OIDC provider. */
  readonly arn: pulumi.Input<string>;
  /** The issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly issuerUrl: pulumi.Input<string>;
}

/**
 * The keys of the Secret that holds an Azure backup store's account name and key, which the
 * database's `ObjectStore` reads as `azureCredentials.storageAccount` / `storageKey`
 * (cloudnative-pg/plugin-barman-cloud@v0.13.0:config/crd/bases/barmancloud.cnpg.io_objectstores.yaml).
 */
export const AZURE_SECRET_KEYS = { account: "AZURE_STORAGE_ACCOUNT", key: "AZURE_STORAGE_KEY" } as const;

/** Days deleted backup objects stay recoverable when a store does not say. */
export const DEFAULT_RETENTION_DAYS = 30;

/**
 * The subject of a Kubernetes service account's token, as cloud identity providers match it:
 * CloudNativePG runs a Cluster's pods as the service account named after the Cluster (Microsoft's
 * learn.microsoft.com/azure/aks/deploy-postgresql-ha, "Create a federated credential"; the
 * Cluster's `spec.serviceAccountTemplate` only adds metadata to it).
 */
export function serviceAccountSubject(namespace: string, clusterName: string): string {
  return `system:serviceaccount:${namespace}:${clusterName}`;
}
