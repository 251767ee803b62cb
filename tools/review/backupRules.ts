/**
 * Replacement triggers of what PostgreSQL backups need: the object stores (an S3 bucket and its
 * settings, an Azure storage account's blob container, service properties and lifecycle policy), the
 * identities that reach them (an IAM OIDC provider for IRSA, an Azure user-assigned identity and its
 * federated credential), and CloudNativePG's `Cluster`. The bucket, the blob container and the
 * `Cluster` hold data (`policy/dataTypes.ts`). Sources as in cloudRules.ts: a stored copy named by
 * commit where the tag pulumi-aws 7.48.0 builds from could not be read.
 */
import { dataTypeName } from "../../policy/dataTypes.ts";
import type { TypeRule } from "./statefulTypes.ts";

const TF = "hashicorp/terraform-provider-aws";
const tf = (file: string, commit: string, args: string): string =>
  `${TF}@${commit}:internal/service/${file} (a stored copy; the tag pulumi-aws 7.48.0 builds from could not be read): ${args}`;
const AZURE =
  "pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go lists nothing for it, so only the path parameters of its REST API replace it";

/** A type that holds no data, with its replacement triggers. */
function rule(what: string, paths: string[], source: string): TypeRule {
  return { what, holdsData: false, replace: { paths, source } };
}

/** A type of the one data-holding list, with its replacement triggers. */
function dataRule(type: string, paths: string[], source: string): TypeRule {
  const what = dataTypeName(type);
  if (what === undefined) throw new Error(`${type} is not in policy/dataTypes.ts`);
  return { what, holdsData: true, replace: { paths, source } };
}

/** Rules for the backup stores, their identities and CloudNativePG's Cluster, by Pulumi type token. */
export const BACKUP_RULES: Readonly<Record<string, TypeRule>> = {
  "aws:s3/bucket:Bucket": dataRule(
    "aws:s3/bucket:Bucket",
    ["bucket", "bucketPrefix"],
    tf("s3/bucket.go", "4c72bcc7dc2f", "bucket and bucket_prefix are ForceNew"),
  ),
  "aws:s3/bucketVersioning:BucketVersioning": rule(
    "S3 bucket versioning",
    ["bucket", "expectedBucketOwner"],
    tf("s3/bucket_versioning.go", "01c08000ddb1", "bucket and expected_bucket_owner are ForceNew"),
  ),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": rule(
    "S3 bucket encryption",
    ["bucket", "expectedBucketOwner"],
    tf(
      "s3/bucket_server_side_encryption_configuration.go",
      "01606926a0c0",
      "bucket and expected_bucket_owner are ForceNew",
    ),
  ),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": rule(
    "S3 public access block",
    ["bucket"],
    tf("s3/bucket_public_access_block.go", "01606926a0c0", "bucket is ForceNew"),
  ),
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": rule(
    "S3 bucket ownership controls",
    ["bucket"],
    tf("s3/bucket_ownership_controls.go", "01c08000ddb1", "bucket is ForceNew"),
  ),
  "aws:s3/bucketPolicy:BucketPolicy": rule(
    "S3 bucket policy",
    ["bucket"],
    tf("s3/bucket_policy.go", "0073593e7d69", "bucket is ForceNew"),
  ),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": rule(
    "S3 bucket lifecycle",
    ["bucket", "expectedBucketOwner"],
    `${TF} internal/service/s3/bucket_lifecycle_configuration.go (a framework resource; its RequiresReplace was not read): the bucket it configures is its identity, as for the other bucket settings`,
  ),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": rule(
    "IAM OIDC provider (IRSA roles trust it)",
    ["url", "clientIdLists"],
    tf(
      "iam/openid_connect_provider.go",
      "1265e5841c0f",
      "url and client_id_list are ForceNew (an older copy; newer versions may update client_id_list in place)",
    ),
  ),
  "azure-native:storage:BlobContainer": dataRule(
    "azure-native:storage:BlobContainer",
    ["containerName", "accountName", "resourceGroupName"],
    AZURE,
  ),
  "azure-native:storage:BlobServiceProperties": rule(
    "blob service properties",
    ["blobServicesName", "accountName", "resourceGroupName"],
    AZURE,
  ),
  "azure-native:storage:ManagementPolicy": rule(
    "storage lifecycle policy",
    ["managementPolicyName", "accountName", "resourceGroupName"],
    AZURE,
  ),
  "azure-native:managedidentity:UserAssignedIdentity": rule(
    "user-assigned identity",
    ["resourceName", "resourceGroupName"],
    AZURE,
  ),
  "azure-native:managedidentity:FederatedIdentityCredential": rule(
    "federated identity credential",
    ["federatedIdentityCredentialResourceName", "resourceName", "resourceGroupName"],
    AZURE,
  ),
};
