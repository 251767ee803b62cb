import { OpenIdConnectProvider } from "@pulumi/aws/iam/openIdConnectProvider.js";
import { Role } from "@pulumi/aws/iam/role.js";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy.js";
import { Bucket } from "@pulumi/aws/s3/bucket.js";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration.js";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls.js";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy.js";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock.js";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration.js";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning.js";
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { partitionOf } from "../cluster/eks/iam.ts";
import type { Environment } from "../options.ts";
import { refuse } from "../problems.ts";
import { s3BackupStoreProblems, type S3BackupStoreSpec } from "./check.ts";
import { bucketPolicy, irsaTrustPolicy, recoverySourcePolicy, storeAccessPolicy } from "./policies.ts";
import { DEFAULT_RETENTION_DAYS, type IamOidcProvider } from "./identity.ts";

/** The audience of the tokens IRSA exchanges with STS (aws/amazon-eks-pod-identity-webhook README). */
export const STS_AUDIENCE = "sts.amazonaws.com";

export type { IamOidcProvider } from "./identity.ts";

/**
 * The IAM OIDC provider of an EKS cluster's issuer, which IRSA needs and `EksCluster` does not
 * create (its add-ons use EKS Pod Identity). No thumbprint: IAM validates EKS issuers against its
 * own trusted CAs (`@pulumi/aws` 7.48.0 `iam.OpenIdConnectProvider.thumbprintLists`).
 *
 * @example
 * ```ts
 * const oidc = new EksOidcProvider("oidc", { issuerUrl: cluster.cluster.identities[0].oidcs[0].issuer });
 * ```
 */
export class EksOidcProvider extends pulumi.ComponentResource implements IamOidcProvider {
  readonly arn: pulumi.Output<string>;
  readonly issuerUrl: pulumi.Input<string>;
  /** The IAM resource. */
  readonly provider: OpenIdConnectProvider;

  /**
   * @param args.issuerUrl the cluster's OIDC issuer URL
   * @param args.retainOnDelete keep the provider when it leaves the stack (prod: kept databases still assume their roles through it)
   */
  constructor(
    name: string,
    args: { issuerUrl: pulumi.Input<string>; retainOnDelete?: boolean },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("stateful-stack:index:EksOidcProvider", name, {}, opts);
    this.provider = new OpenIdConnectProvider(
      `${name}-provider`,
      { url: args.issuerUrl, clientIdLists: [STS_AUDIENCE] },
      { parent: this, retainOnDelete: args.retainOnDelete ?? false },
    );
    this.arn = this.provider.arn;
    this.issuerUrl = args.issuerUrl;
    this.registerOutputs({ arn: this.arn });
  }
}

/** Arguments of {@link S3BackupStore}. */
export interface S3BackupStoreArgs extends S3BackupStoreSpec {
  /** The EKS cluster (its region). */
  cluster: ClusterHandle;
  /** `prod`: bucket protected and retained on delete. */
  environment: Environment;
  /**
   * Bucket name (unique across AWS).
   * @default the component name + 8 hex digits of a hash of project, stack and name
   */
  bucketName?: string;
  /** The cluster's IAM OIDC provider: the role trusts tokens it issued to the database's service account. */
  oidcProvider: IamOidcProvider;
  /**
   * Days a deleted or overwritten backup object is kept as a noncurrent version.
   * @default 30
   */
  retentionDays?: number;
  /**
   * Buckets of the databases this one is recovered from: the role may also list them and read
   * their objects (never write or delete them).
   * @default none
   */
  recoverySourceBuckets?: pulumi.Input<string>[];
  /**
   * What the role may do to the bucket's objects.
   * @default {@link OBJECT_ACTIONS} (barman-cloud's)
   */
  objectActions?: readonly string[];
  /**
   * Who uses the store, in the role's description.
   * @default `the database <namespace>/<clusterName>`
   */
  consumer?: string;
}

/** A bucket name for a store: the name, cut to fit, and 8 hex digits of a hash of `scope`. */
export function bucketNameFor(name: string, scope: string): string {
  const base = name
    .replace(/[^a-z0-9-]/g, "")
    .slice(0, 54)
    .replace(/-+$/, "");
  return `${base || "backups"}-${createHash("sha256").update(scope).digest("hex").slice(0, 8)}`;
}

/**
 * An S3 bucket for CloudNativePG backups (Barman Cloud plugin): versioned, encrypted (SSE-S3),
 * every public access blocked, ACLs disabled (bucket owner enforced), HTTPS required by policy,
 * noncurrent versions and stray delete markers expired after the retention. The database reaches
 * it through IRSA: a role trusted only for tokens of `system:serviceaccount:<namespace>:<clusterName>`
 * from the cluster's OIDC provider, allowed to list this bucket and get/put/delete its objects,
 * nothing else. In prod the bucket is protected and retained on delete (and never force-destroyed),
 * and so are its settings and the role; in dev `destroy` empties and deletes it.
 *
 * @example
 * ```ts
 * const store = new S3BackupStore("orders-backups", { cluster, environment: "prod", namespace: "data", clusterName: "orders", oidcProvider: oidc });
 * // Cluster: spec.serviceAccountTemplate.metadata.annotations = store.serviceAccountAnnotations
 * ```
 */
export class S3BackupStore extends pulumi.ComponentResource {
  /** The bucket. */
  readonly bucket: Bucket;
  /** The role the database's service account assumes. */
  readonly role: Role;
  /** `s3://<bucket>/`: the ObjectStore's `destinationPath`. */
  readonly destinationPath: string;
  /** The bucket's region. */
  readonly region: pulumi.Output<string>;
  /** ARN of the role, for the service account annotation. */
  readonly roleArn: pulumi.Output<string>;
  /** The ObjectStore's `spec.configuration.s3Credentials`. */
  readonly s3Credentials: { inheritFromIAMRole: true };
  /** Annotations for the Cluster's `serviceAccountTemplate` (`eks.amazonaws.com/role-arn`). */
  readonly serviceAccountAnnotations: Record<string, pulumi.Output<string>>;
  /** What the first backup waits for: the bucket's settings and the role's policy. */
  readonly readiness: pulumi.Resource[];

  constructor(name: string, args: S3BackupStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:S3BackupStore", name, {}, opts);
    refuse(`S3BackupStore "${name}"`, s3BackupStoreProblems(args));
    const aws = args.cluster.aws;
    if (!aws) throw new Error(`S3BackupStore "${name}" needs an EKS cluster (cluster.aws is not set)`);
    const prod = args.environment === "prod";
    const days = args.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const bucketName = args.bucketName ?? bucketNameFor(name, `${pulumi.getProject()}/${pulumi.getStack()}/${name}`);
    const bucketArn = aws.region.apply((region) => `arn:${partitionOf(region)}:s3:::${bucketName}`);

    this.bucket = new Bucket(
      `${name}-bucket`,
      // In dev `destroy` empties the versioned bucket (every version), as deleting a dev storage
      // account does on Azure; in prod the bucket is protected and kept.
      { bucket: bucketName, forceDestroy: !prod },
      { parent: this, protect: prod, retainOnDelete: prod },
    );
    const bucket = this.bucket.bucket;
    // In prod what the kept bucket and database need is kept too: its settings and the role the
    // database's pods archive with (a `destroy` that stops early must not leave it unable to archive).
    const child = { parent: this, retainOnDelete: prod };
    const versioning = new BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    const encryption = new BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      child,
    );
    const publicAccess = new BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const ownership = new BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    const lifecycle = new BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: [
          {
            id: "expire-deleted-backups",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: days },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      // S3 applies a lifecycle rule on noncurrent versions only once versioning is on.
      { ...child, dependsOn: [versioning] },
    );
    const tls = new BucketPolicy(
      `${name}-policy`,
      { bucket, policy: bucketArn.apply(bucketPolicy) },
      // A bucket policy is refused while the public access block is still being applied.
      { ...child, dependsOn: [publicAccess] },
    );

    const issuer = pulumi.output(args.oidcProvider.issuerUrl);
    this.role = new Role(
      `${name}-role`,
      {
        description: `IRSA role of ${args.consumer ?? `the database ${args.namespace}/${args.clusterName}`}: its backups in ${bucketName} only`,
        assumeRolePolicy: pulumi
          .all([args.oidcProvider.arn, issuer])
          .apply(([arn, url]) => irsaTrustPolicy(arn, url, args.namespace, args.clusterName)),
      },
      child,
    );
    const access = new RolePolicy(
      `${name}-access`,
      { role: this.role.id, policy: bucketArn.apply((arn) => storeAccessPolicy(arn, args.objectActions)) },
      child,
    );

    const sources = args.recoverySourceBuckets ?? [];
    const sourceRead =
      sources.length > 0
        ? new RolePolicy(
            `${name}-recovery-source`,
            {
              role: this.role.id,
              policy: pulumi
                .all([aws.region, pulumi.all(sources)])
                .apply(([region, names]) =>
                  recoverySourcePolicy(names.map((n) => `arn:${partitionOf(region)}:s3:::${n}`)),
                ),
            },
            child,
          )
        : undefined;

    this.destinationPath = `s3://${bucketName}/`;
    this.region = aws.region;
    this.roleArn = this.role.arn;
    this.s3Credentials = { inheritFromIAMRole: true };
    this.serviceAccountAnnotations = { "eks.amazonaws.com/role-arn": this.role.arn };
    this.readiness = [
      this.bucket,
      versioning,
      encryption,
      publicAccess,
      ownership,
      lifecycle,
      tls,
      access,
      ...(sourceRead ? [sourceRead] : []),
    ];
    this.registerOutputs({ destinationPath: this.destinationPath, roleArn: this.roleArn });
  }
}
