/**
 * The one check of each backup store's arguments: pure (no cloud SDK), so a later caller (the
 * platform, the stack configuration) reports the same problems, and the components refuse bad
 * values before they register anything.
 */
import { problem, variantProblems, type Problem } from "../problems.ts";
import { dnsLabelProblems, wholeNumberProblems } from "../rules.ts";
import { SHARE_NAME, storageAccountNameProblems } from "../storage/azure/validation.ts";

/** How the database's pods reach an Azure backup store. */
export const AzureBackupAccess = {
  /** The storage account's key, kept in a Kubernetes Secret (`AZURE_STORAGE_ACCOUNT`, `AZURE_STORAGE_KEY`). */
  Key: "key",
  /**
   * A user-assigned identity federated with the database's service account (Entra workload
   * identity), reached through `DefaultAzureCredential`; not proven with the plugin (see README).
   */
  WorkloadIdentity: "workloadIdentity",
} as const;
/** How the database's pods reach an Azure backup store: `"key"` or `"workloadIdentity"`. */
export type AzureBackupAccess = (typeof AzureBackupAccess)[keyof typeof AzureBackupAccess];

/**
 * Days deleted backup objects stay recoverable. Azure soft delete keeps blobs 1 to 365 days
 * (learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview, "retention period");
 * S3 noncurrent-version expiration takes any positive whole number of days; one bound serves both.
 */
export const RETENTION_DAYS = { min: 1, max: 365 } as const;

/**
 * An S3 general purpose bucket name: 3-63 lowercase letters, digits and hyphens, letter or digit
 * at both ends. AWS also allows dots, but a dotted name cannot be reached over HTTPS with
 * virtual-hosted addressing (the default of boto3, which barman-cloud uses), so they are refused.
 * docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html ("General purpose buckets
 * naming rules").
 */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Prefixes AWS reserves in bucket names (same page). */
export const BUCKET_RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
/** Suffixes AWS reserves in bucket names (same page: access point aliases, Object Lambda, directory, table buckets). */
export const BUCKET_RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"] as const;

/** The one rule of an S3 bucket name a stack gives: {@link BUCKET_NAME}, no reserved prefix or suffix. */
export function bucketNameProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  if (typeof value !== "string" || !BUCKET_NAME.test(value))
    return [
      problem(
        path,
        value,
        'expected a bucket name of 3-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (no dots), unique across AWS, e.g. "acme-prod-pg-backups"',
      ),
    ];
  const prefix = BUCKET_RESERVED_PREFIXES.find((p) => value.startsWith(p));
  const suffix = BUCKET_RESERVED_SUFFIXES.find((s) => value.endsWith(s));
  const reserved = prefix ? `prefix "${prefix}"` : suffix ? `suffix "${suffix}"` : undefined;
  return reserved ? [problem(path, value, `AWS reserves the ${reserved} in bucket names; choose another name`)] : [];
}

/** The one rule of a blob container name: as a share name ({@link SHARE_NAME}). */
export function blobContainerNameProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  return typeof value === "string" && SHARE_NAME.test(value)
    ? []
    : [
        problem(
          path,
          value,
          'expected a container name of 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "pg-backups"',
        ),
      ];
}

/** What both stores need to know about the database whose backups they hold. */
export interface BackupStoreCommon {
  /** Namespace of the CloudNativePG `Cluster` (and of its service account). */
  namespace: string;
  /** Name of the CloudNativePG `Cluster`: its pods run as the service account of that name. */
  clusterName: string;
  /** Days deleted or overwritten backup objects stay recoverable (soft delete / noncurrent versions). */
  retentionDays?: number;
}

function commonProblems(args: BackupStoreCommon): Problem[] {
  return [
    ...dnsLabelProblems(["namespace"], args.namespace, "namespace of the database"),
    ...dnsLabelProblems(["clusterName"], args.clusterName, "name of the CloudNativePG Cluster and its service account"),
    ...(args.retentionDays === undefined
      ? []
      : wholeNumberProblems(
          ["retentionDays"],
          args.retentionDays,
          RETENTION_DAYS.min,
          RETENTION_DAYS.max,
          "days deleted backups stay recoverable",
        )),
  ];
}

/** The arguments {@link azureBackupStoreProblems} checks. */
export interface AzureBackupStoreSpec extends BackupStoreCommon {
  /** Storage account name (3-24 lowercase letters and digits, unique across Azure). */
  accountName?: string;
  /** Blob container name. */
  containerName?: string;
  /** How the database reaches the store. */
  access?: AzureBackupAccess;
  /** The AKS cluster's OIDC issuer URL (workload identity only). */
  oidcIssuerUrl?: unknown;
  /** Containers of the databases this one is recovered from (workload identity only). */
  recoverySourceContainers?: readonly unknown[];
  /** A role for user delegation keys (workload identity only). */
  userDelegationKey?: boolean;
}

/** The check of an Azure backup store's arguments (paths relative to them). */
export function azureBackupStoreProblems(args: AzureBackupStoreSpec): Problem[] {
  const problems = [
    ...commonProblems(args),
    ...(args.accountName === undefined ? [] : storageAccountNameProblems(["accountName"], args.accountName)),
    ...(args.containerName === undefined ? [] : blobContainerNameProblems(["containerName"], args.containerName)),
    ...variantProblems(["access"], args.access, AzureBackupAccess),
  ];
  if (args.access === AzureBackupAccess.WorkloadIdentity && args.oidcIssuerUrl === undefined)
    problems.push(
      problem(
        ["oidcIssuerUrl"],
        undefined,
        "workload identity needs the AKS cluster's OIDC issuer URL: pass oidcIssuerUrl (the cluster's oidcIssuerProfile.issuerURL), or use access \"key\"",
      ),
    );
  if (args.access !== AzureBackupAccess.WorkloadIdentity && (args.recoverySourceContainers ?? []).length > 0)
    problems.push(
      problem(
        ["recoverySourceContainers"],
        args.recoverySourceContainers,
        'only a workload identity is given read on the source containers (pods reaching the store by key carry no identity): use access "workloadIdentity", or remove recoverySourceContainers',
      ),
    );
  if (args.access !== AzureBackupAccess.WorkloadIdentity && args.userDelegationKey === true)
    problems.push(
      problem(
        ["userDelegationKey"],
        true,
        'only a workload identity is given the role for user delegation keys (with access "key" the account key signs links itself): use access "workloadIdentity", or remove userDelegationKey',
      ),
    );
  return problems;
}

/** The arguments {@link s3BackupStoreProblems} checks. */
export interface S3BackupStoreSpec extends BackupStoreCommon {
  /** Bucket name. */
  bucketName?: string;
  /** The cluster's IAM OIDC provider (IRSA). */
  oidcProvider?: unknown;
}

/** The check of an S3 backup store's arguments (paths relative to them). */
export function s3BackupStoreProblems(args: S3BackupStoreSpec): Problem[] {
  const problems = [
    ...commonProblems(args),
    ...(args.bucketName === undefined ? [] : bucketNameProblems(["bucketName"], args.bucketName)),
  ];
  if (args.oidcProvider === undefined)
    problems.push(
      problem(
        ["oidcProvider"],
        undefined,
        "the database reaches the bucket through IRSA, which needs the cluster's IAM OIDC provider: pass oidcProvider (an EksOidcProvider of the cluster)",
      ),
    );
  return problems;
}
