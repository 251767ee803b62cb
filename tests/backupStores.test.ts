/**
 * The object stores PostgreSQL backups go to: an Azure blob container and an S3 bucket, hardened,
 * protected in prod, and reached by an identity scoped to that store only.
 */
import assert from "node:assert/strict";
import { AksCluster } from "../components/azure.ts";
import { EksCluster } from "../components/cluster/eks/index.ts";
import type { Environment } from "../components/options.ts";
import {
  AzureBackupStore,
  EksOidcProvider,
  S3BackupStore,
  type AzureBackupStoreArgs,
} from "../components/backups/index.ts";
import { bucketNameFor } from "../components/backups/aws.ts";
import { postgresObjectStoreSpec } from "../components/stateful/postgresCluster.ts";
import { storageAccountNameFor } from "../components/storage/azure/fileShare.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { diffPlans } from "../tools/review/planDiff.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { CLUSTER, recordDatabase, VARIANTS } from "./support/cnpgRecording.ts";
import { input, named, ofType } from "./support/graph.ts";
import { eksArgs } from "./support/eks.ts";

const options = { project: "proj", stack: "test", preview: false };
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const AKS_ISSUER = "https://westeurope.oic.prod-aks.azure.com/tenant/cluster/";

/** The last store {@link recordAzure} built, to read its outputs for the ObjectStore and Cluster. */
let azureStore: AzureBackupStore | undefined;

function recordAzure(environment: Environment, extra: Partial<AzureBackupStoreArgs> = {}): Promise<Recording> {
  return record(() => {
    const cluster = new AksCluster("c", {
      environment,
      location: "westeurope",
      nodePools: [{ name: "data", zones: ["1", "2", "3"] }],
      authorizedIpRanges: ["203.0.113.0/24"],
    });
    azureStore = new AzureBackupStore("pg", {
      cluster,
      environment,
      namespace: "data",
      clusterName: "orders",
      ...extra,
    });
  }, options);
}

function recordS3(environment: Environment): Promise<Recording> {
  return record(() => {
    const cluster = new EksCluster("c", eksArgs({ environment }));
    const oidcProvider = { arn: PROVIDER_ARN, issuerUrl: ISSUER };
    new S3BackupStore("pg", { cluster, environment, namespace: "data", clusterName: "orders", oidcProvider });
    new EksOidcProvider("oidc", { issuerUrl: ISSUER });
  }, options);
}

const json = (value: unknown) => JSON.parse(value as string) as Record<string, unknown>;

describe("backup stores", () => {
  describe("AzureBackupStore", () => {
    let prod: Recording;
    let dev: Recording;
    let federated: Recording;
    before(async () => {
      prod = await recordAzure("prod");
      dev = await recordAzure("dev");
      federated = await recordAzure("prod", { access: "workloadIdentity", oidcIssuerUrl: AKS_ISSUER });
    });

    it("keeps backups in a hardened account of their own: HTTPS only, TLS 1.2, no public blobs, encrypted", () => {
      const account = named(prod, "pg-account", "azure-native:storage:StorageAccount");
      assert.equal(input(account, "accountName"), storageAccountNameFor("pg", "proj/test/pg"));
      assert.equal(input(account, "enableHttpsTrafficOnly"), true);
      assert.equal(input(account, "minimumTlsVersion"), "TLS1_2");
      assert.equal(input(account, "allowBlobPublicAccess"), false);
      assert.equal(input(account, "encryption.services.blob.enabled"), true);
      assert.equal(input(account, "sku.name"), "Standard_ZRS");
      assert.equal(input(named(dev, "pg-account"), "sku.name"), "Standard_LRS");
      assert.equal(input(named(prod, "pg-container"), "publicAccess"), "None");
      assert.equal(input(named(prod, "pg-container"), "containerName"), "orders");
    });

    it("versions blobs, soft-deletes blobs and containers and deletes previous versions after the retention", () => {
      const settings = named(prod, "pg-blob-settings", "azure-native:storage:BlobServiceProperties");
      assert.equal(input(settings, "isVersioningEnabled"), true);
      assert.deepEqual(input(settings, "deleteRetentionPolicy"), { enabled: true, days: 30 });
      assert.deepEqual(input(settings, "containerDeleteRetentionPolicy"), { enabled: true, days: 30 });
      const versions = named(prod, "pg-versions", "azure-native:storage:ManagementPolicy");
      assert.deepEqual(input(versions, "policy.rules.0.definition.actions"), {
        version: { delete: { daysAfterCreationGreaterThan: 30 } },
      });
    });

    it("protects and retains the account and container in prod, not in dev", () => {
      for (const name of ["pg-account", "pg-container"]) {
        assert.equal(named(prod, name).protect, true, `${name} protected`);
        assert.equal(named(prod, name).retainOnDelete, true, `${name} retained`);
        assert.equal(named(dev, name).protect, false);
        assert.equal(named(dev, name).retainOnDelete, false);
      }
    });

    it("in prod keeps what the kept account and database need: its settings, the key's Secret or the identity", () => {
      for (const recording of [prod, federated]) {
        const custom = recording.resources.filter((r) => r.custom && r.name.startsWith("pg-"));
        assert.ok(custom.length >= 5, custom.map((r) => r.name).join(", "));
        for (const r of custom) assert.equal(r.retainOnDelete, true, r.name);
      }
      for (const r of dev.resources.filter((r) => r.custom && r.name.startsWith("pg-")))
        assert.equal(r.retainOnDelete, false, r.name);
    });

    it("by default keeps this account's key in a Secret in the database's namespace, for the ObjectStore", () => {
      const secret = named(prod, "pg-credentials", "kubernetes:core/v1:Secret");
      assert.equal(input(secret, "metadata.namespace"), "data");
      assert.equal(input(secret, "stringData"), SECRET);
      assert.equal(secret.provider, named(prod, "c-provider").urn);
      assert.equal(ofType(prod, "azure-native:managedidentity:UserAssignedIdentity").length, 0);
      assert.equal(input(named(prod, "pg-account"), "allowSharedKeyAccess"), true);
    });

    it("with workload identity: no key at all, one identity trusted for exactly the database's service account", () => {
      assert.equal(ofType(federated, "kubernetes:core/v1:Secret").length, 0);
      assert.equal(input(named(federated, "pg-account"), "allowSharedKeyAccess"), false);
      const federation = named(federated, "pg-federation", "azure-native:managedidentity:FederatedIdentityCredential");
      assert.equal(input(federation, "subject"), "system:serviceaccount:data:orders");
      assert.equal(input(federation, "issuer"), AKS_ISSUER);
      assert.deepEqual(input(federation, "audiences"), ["api://AzureADTokenExchange"]);
      const identity = named(federated, "pg-identity");
      assert.equal(input(federation, "resourceName"), input(identity, "resourceName"));
      assert.ok(federation.dependencies.includes(identity.urn));
    });

    it("tells the ObjectStore where the backups go and how to authenticate, for each access", async () => {
      await recordAzure("prod");
      const account = storageAccountNameFor("pg", "proj/test/pg");
      assert.equal(azureStore?.destinationPath, `https://${account}.blob.core.windows.net/orders`);
      assert.deepEqual(azureStore?.azureCredentials, {
        storageAccount: { name: "orders-backup-storage", key: "AZURE_STORAGE_ACCOUNT" },
        storageKey: { name: "orders-backup-storage", key: "AZURE_STORAGE_KEY" },
      });
      assert.deepEqual(azureStore?.podLabels, {});
      // The database's ObjectStore, given the store's Secret, reads it by the same keys.
      const destinationPath = azureStore?.destinationPath ?? "";
      assert.deepEqual(
        postgresObjectStoreSpec({ destinationPath, credentials: { secretName: "orders-backup-storage" } }).configuration
          .azureCredentials,
        azureStore?.azureCredentials,
      );
      await recordAzure("prod", { access: "workloadIdentity", oidcIssuerUrl: AKS_ISSUER });
      // The credential chain that includes Entra workload identity (barman-cloud --credential default).
      assert.deepEqual(azureStore?.azureCredentials, { useDefaultAzureCredentials: true });
      assert.deepEqual(
        postgresObjectStoreSpec({ destinationPath, credentials: "inherit" }).configuration.azureCredentials,
        azureStore?.azureCredentials,
        "a database inheriting its pods' identity asks for the same chain",
      );
      assert.deepEqual(azureStore?.podLabels, { "azure.workload.identity/use": "true" });
      assert.deepEqual(Object.keys(azureStore?.serviceAccountAnnotations ?? {}), ["azure.workload.identity/client-id"]);
    });

    it("with workload identity: Storage Blob Data Contributor on the container only", () => {
      const roles = ofType(federated, "azure-native:authorization:RoleAssignment").filter((r) =>
        r.name.startsWith("pg-"),
      );
      assert.equal(roles.length, 1);
      const role = roles[0]!;
      assert.equal(input(role, "scope"), "pg-container-id");
      assert.match(input(role, "roleDefinitionId") as string, /ba92f5b4-2d11-453d-a403-e96b0029c9fe$/);
      assert.ok(role.dependencies.includes(named(federated, "pg-identity").urn));
    });

    it("with workload identity and a recovery source: Storage Blob Data Reader on the source's container, for its identity", async () => {
      const source = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stsrc/blobServices/default/containers/orders"; // prettier-ignore
      const recording = await recordAzure("prod", {
        access: "workloadIdentity",
        oidcIssuerUrl: AKS_ISSUER,
        recoverySourceContainers: [source],
      });
      const reads = ofType(recording, "azure-native:authorization:RoleAssignment").filter((r) =>
        r.name.startsWith("pg-recovery-source"),
      );
      assert.equal(reads.length, 1);
      const read = reads[0]!;
      assert.equal(input(read, "scope"), source);
      assert.equal(
        input(read, "roleDefinitionId"),
        "/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
      );
      assert.ok(read.dependencies.includes(named(recording, "pg-identity").urn));
    });

    it("refuses recovery source containers for a store reached by key, whose pods carry no identity", async () => {
      await assert.rejects(
        recordAzure("prod", { recoverySourceContainers: ["/subscriptions/s/containers/orders"] }),
        /recoverySourceContainers.*use access "workloadIdentity"/s,
      );
    });
  });

  describe("S3BackupStore", () => {
    let prod: Recording;
    let dev: Recording;
    before(async () => {
      prod = await recordS3("prod");
      dev = await recordS3("dev");
    });
    const bucketArn = `arn:aws:s3:::${bucketNameFor("pg", "proj/test/pg")}`;

    it("creates a versioned, encrypted bucket with public access blocked, ACLs off and HTTPS required", () => {
      const bucket = named(prod, "pg-bucket", "aws:s3/bucket:Bucket");
      assert.equal(input(bucket, "bucket"), bucketNameFor("pg", "proj/test/pg"));
      assert.equal(input(named(prod, "pg-versioning"), "versioningConfiguration.status"), "Enabled");
      assert.equal(
        input(named(prod, "pg-encryption"), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"),
        "AES256",
      );
      const block = named(prod, "pg-public-access");
      for (const key of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
        assert.equal(input(block, key), true, key);
      assert.equal(input(named(prod, "pg-ownership"), "rule.objectOwnership"), "BucketOwnerEnforced");
      const tls = json(input(named(prod, "pg-policy"), "policy"));
      assert.deepEqual((tls.Statement as Record<string, unknown>[])[0]!.Condition, {
        Bool: { "aws:SecureTransport": "false" },
      });
    });

    it("expires noncurrent versions after the retention, once versioning is on", () => {
      const lifecycle = named(prod, "pg-lifecycle");
      assert.deepEqual(input(lifecycle, "rules.0.noncurrentVersionExpiration"), { noncurrentDays: 30 });
      assert.equal(input(lifecycle, "rules.0.status"), "Enabled");
      assert.ok(lifecycle.dependencies.includes(named(prod, "pg-versioning").urn));
    });

    it("protects and retains the bucket in prod and never lets destroy empty it; in dev destroy empties and deletes it", () => {
      assert.equal(named(prod, "pg-bucket").protect, true);
      assert.equal(named(prod, "pg-bucket").retainOnDelete, true);
      assert.equal(input(named(prod, "pg-bucket"), "forceDestroy"), false);
      assert.equal(named(dev, "pg-bucket").protect, false);
      assert.equal(input(named(dev, "pg-bucket"), "forceDestroy"), true);
    });

    it("in prod keeps what the kept bucket and database need: its settings, the role and its policies", () => {
      const kept = prod.resources.filter((r) => r.name.startsWith("pg-") && /^aws:(s3|iam)\//.test(r.type));
      assert.ok(kept.length >= 8, kept.map((r) => r.name).join(", "));
      for (const r of kept) assert.equal(r.retainOnDelete, true, r.name);
      for (const r of dev.resources.filter((r) => /^aws:(s3|iam)\//.test(r.type)))
        assert.equal(r.retainOnDelete, false, r.name);
    });

    it("trusts only the database's service account, through the cluster's OIDC provider, for STS", () => {
      const trust = json(input(named(prod, "pg-role", "aws:iam/role:Role"), "assumeRolePolicy"));
      const statements = trust.Statement as Record<string, unknown>[];
      assert.equal(statements.length, 1);
      assert.deepEqual(statements[0], {
        Effect: "Allow",
        Principal: { Federated: PROVIDER_ARN },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF:sub": "system:serviceaccount:data:orders",
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF:aud": "sts.amazonaws.com",
          },
        },
      });
    });

    it("allows the role this bucket and its objects only: list on the bucket, get/put/delete on its objects", () => {
      const policies = ofType(prod, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.startsWith("pg-"));
      assert.equal(policies.length, 1);
      assert.equal(
        ofType(prod, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name.startsWith("pg-"))
          .length,
        0,
      );
      const statements = json(input(policies[0]!, "policy")).Statement as Record<string, unknown>[];
      assert.deepEqual(
        statements.map((s) => [s.Action, s.Resource]),
        [
          [["s3:ListBucket", "s3:GetBucketLocation"], bucketArn],
          [["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], `${bucketArn}/*`],
        ],
      );
      for (const s of statements) assert.equal(s.Effect, "Allow");
    });

    it("offers the cluster's IAM OIDC provider IRSA needs, for STS", () => {
      const provider = named(prod, "oidc-provider", "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
      assert.equal(input(provider, "url"), ISSUER);
      assert.deepEqual(input(provider, "clientIdLists"), ["sts.amazonaws.com"]);
    });
  });
});

describe("review rules for backups", () => {
  it("cover every type the stores and a database with backups create, each with a source; the stores and the Cluster hold data", async () => {
    const recordings = [
      await recordAzure("prod"),
      await recordAzure("prod", { access: "workloadIdentity", oidcIssuerUrl: AKS_ISSUER }),
      await recordS3("prod"),
      ...(await Promise.all(VARIANTS.map(([, settings]) => recordDatabase(settings, "prod")))),
    ];
    const types = new Set(recordings.flatMap((r) => r.resources.filter((x) => x.custom).map((x) => x.type)));
    assert.ok(types.size >= 20, `${types.size} types`);
    const missing = [...types].filter((type) => !ruleFor(type)?.replace?.source);
    assert.deepEqual(missing, [], "types without a rule and its source");
    for (const type of ["aws:s3/bucket:Bucket", "azure-native:storage:BlobContainer", CLUSTER]) {
      assert.ok(types.has(type), type);
      assert.equal(ruleFor(type)?.holdsData, true, `${type} holds data`);
    }
  });

  it("deleting a database's Cluster or its bucket is data loss in the review", () => {
    const base = (type: string, name: string) => ({
      stack: "s",
      project: "p",
      waves: [],
      resources: [
        {
          ...{ urn: `urn:pulumi:s::p::${type}::${name}`, type, name, custom: true, remote: false },
          ...{ parent: null, provider: null, dependencies: [], protect: false, retainOnDelete: false },
          ...{ ignoreChanges: [], aliases: [], inputs: { metadata: { name, namespace: "data" } } },
        },
      ],
    });
    const empty = { stack: "s", project: "p", waves: [], resources: [] };
    for (const type of [CLUSTER, "aws:s3/bucket:Bucket", "azure-native:storage:BlobContainer"]) {
      const [removed] = diffPlans(base(type, "orders") as never, empty as never).changes;
      assert.equal(removed?.verdict, "data loss", type);
    }
  });
});
