/**
 * Recordings of one PostgresCluster with cert-manager, the CloudNativePG operator and the Barman
 * Cloud plugin, for the CloudNativePG contract tests.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installCloudNativePg, PostgresCluster, type PostgresClusterArgs } from "../../components/index.ts";
import { record, type RecordedResource, type Recording } from "../../tools/recorder/record.ts";
import { ofType } from "./graph.ts";
import { clusterWithNodes } from "./operators.ts";

/** Recorded resource types of the objects and releases. */
export const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
export const SCHEDULED_BACKUP = "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup";
export const OBJECT_STORE = "kubernetes:barmancloud.cnpg.io/v1:ObjectStore";
export const RELEASE = "kubernetes:helm.sh/v3:Release";

/**
 * What a Cluster importing database `postgres` of a PostgreSQL workload `orders` (Service `orders`,
 * port 5432, generated password in Secret `orders-secrets`) renders: its `initdb` and its one
 * external cluster.
 */
export const ORDERS_IMPORT = {
  initdb: {
    database: "app",
    owner: "app",
    import: { type: "microservice", databases: ["postgres"], source: { externalCluster: "import-source" } },
  },
  externalClusters: [
    {
      name: "import-source",
      connectionParameters: { host: "orders", port: "5432", user: "postgres", dbname: "postgres" },
      password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
    },
  ],
};

/** PostgresCluster arguments besides the cluster, namespace and environment. */
export type Settings = Omit<PostgresClusterArgs, "cluster" | "namespace" | "environment">;

/** cert-manager, the operator and the plugin, then one database with these settings. */
export function recordDatabase(settings: Settings, environment: "dev" | "prod" = "dev"): Promise<Recording> {
  return record(
    () => {
      const cluster = clusterWithNodes();
      const parent = new pulumi.ComponentResource("test:index:Parent", "p");
      const cnpg = installCloudNativePg("p", cluster, { parent, retainOnDelete: environment === "prod" });
      new PostgresCluster(
        "orders",
        { ...settings, cluster, namespace: "data", environment },
        { dependsOn: cnpg.ready },
      );
    },
    { project: "proj", stack: "test" },
  );
}

/** An S3 destination. */
const S3 = { destinationPath: "s3://acme-backups/postgres" };
/** Backup variants, each rendered and checked. */
export const VARIANTS: [string, Settings][] = [
  [
    "S3 through the pods' IAM role (IRSA)",
    {
      storageClass: "gp3",
      backup: S3,
      serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/orders-backup" },
    },
  ],
  [
    "Azure Blob through the pods' Azure identity",
    {
      storageClass: "managed-csi",
      backup: { destinationPath: "https://acmebackups.blob.core.windows.net/postgres/orders" },
    },
  ],
  [
    "S3-compatible store with keys from a Secret, WAL volumes, resources, required spread",
    {
      instances: 2,
      image: "ghcr.io/cloudnative-pg/postgresql:17.6-system-trixie",
      storageClass: "disk",
      storageSize: "50Gi",
      walStorage: { size: "5Gi", storageClass: "fast" },
      spread: "required",
      database: "orders",
      owner: "orders_app",
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      backup: {
        destinationPath: "s3://backups/pg",
        endpointURL: "https://minio.example.com",
        credentials: { secretName: "minio-keys" },
        retentionPolicy: "4w",
        schedule: "0 30 1 * * sun",
      },
    },
  ],
  [
    "Azure with the storage account key from a Secret, recovering to a point in time",
    {
      storageClass: "managed-csi",
      backup: {
        destinationPath: "https://acmebackups.blob.core.windows.net/postgres",
        credentials: { secretName: "azure-conn" },
        serverName: "orders-2",
      },
      recovery: { objectStoreName: "orders-old-backups", serverName: "orders", targetTime: "2026-11-30T14:00:00Z" },
    },
  ],
];

/** The one recorded resource of `type`. */
export function only(recording: Recording, type: string): RecordedResource {
  const found = ofType(recording, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0] as RecordedResource;
}
