/**
 * The IAM policy documents of an S3 backup store, as pure functions of the bucket's ARN and the
 * database's service account, so what they allow is read (and tested) in one place.
 */
import { serviceAccountSubject } from "./identity.ts";

/**
 * What barman-cloud does in the bucket: list and locate it, read, write and delete its objects
 * (backups and WAL; deletion enforces the retention policy). Actions from the Service
 * Authorization Reference (docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */
export const BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketLocation"] as const;
/**
 * The object actions barman-cloud needs (see {@link BUCKET_ACTIONS}), with
 * `s3:AbortMultipartUpload`: a base backup goes up in multipart uploads, and a failed one is
 * aborted so its parts do not linger (EnterpriseDB/barman: barman/cloud.py
 * `CloudInterface._abort_multipart_upload`, barman/cloud_providers/aws_s3.py).
 */
export const OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"] as const;

/**
 * What Velero's AWS plugin does to a bucket's objects: its README's policy without the EC2 actions
 * (CSI snapshots go through the EBS CSI driver, not the plugin)
 * (vmware-tanzu/velero-plugin-for-aws@v1.13.2:README.md "Set permissions for Velero").
 */
export const VELERO_OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:DeleteObject",
  "s3:PutObject",
  "s3:PutObjectTagging",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;

/** The role's only permissions: {@link BUCKET_ACTIONS} on this bucket, `objectActions` (default {@link OBJECT_ACTIONS}) on its objects. */
export function storeAccessPolicy(bucketArn: string, objectActions: readonly string[] = OBJECT_ACTIONS): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Bucket", Effect: "Allow", Action: [...BUCKET_ACTIONS], Resource: bucketArn },
      { Sid: "Objects", Effect: "Allow", Action: [...objectActions], Resource: `${bucketArn}/*` },
    ],
  });
}

/**
 * Read access to the backups of the databases a new one is recovered from: list and locate their
 * buckets and read their objects, never write or delete (the sources' archives stay untouched).
 */
export function recoverySourcePolicy(bucketArns: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "SourceBuckets", Effect: "Allow", Action: [...BUCKET_ACTIONS], Resource: [...bucketArns] },
      { Sid: "SourceObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: bucketArns.map((a) => `${a}/*`) },
    ],
  });
}

/** The bucket's policy: every request without TLS is denied. */
export function bucketPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "HttpsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

/**
 * The IRSA trust policy: tokens of exactly one service account, issued for STS by the cluster's
 * OIDC provider (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export function irsaTrustPolicy(
  providerArn: string,
  issuerUrl: string,
  namespace: string,
  serviceAccount: string,
): string {
  const issuer = issuerUrl.replace(/^https:\/\//, "");
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: serviceAccountSubject(namespace, serviceAccount),
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  });
}
