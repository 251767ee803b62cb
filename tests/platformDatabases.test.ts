/**
 * Platform `databases`: CloudNativePG installed once, per database a backup store for the stack's
 * cloud (EKS: S3 through IRSA, AKS: a blob container by key or workload identity, existing: the
 * store the entry names) and a PostgresCluster after the operator, the plugin and its store.
 */
import assert from "node:assert/strict";
import { Platform, type PlatformArgs } from "../components/index.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
const OBJECT_STORE = "kubernetes:barmancloud.cnpg.io/v1:ObjectStore";
const SCHEDULED_BACKUP = "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** Records the platform, deployed (values known) unless `preview` (outputs of cloud resources computed). */
async function recordPlatform(
  args: PlatformArgs,
  preview = false,
): Promise<{ recording: Recording; platform: Platform }> {
  let platform: Platform | undefined;
  const recording = await record(
    () => {
      platform = new Platform("p", args);
    },
    { project: "proj", stack: "test", preview },
  );
  return { recording, platform: platform! };
}

/** Whether `resource` waits for every one of `others`. */
function waitsFor(recording: Recording, resource: RecordedResource, others: RecordedResource[]): boolean {
  const deps = transitiveDependencies(recording, resource);
  return others.every((other) => deps.has(other.urn));
}

const json = (value: unknown) => JSON.parse(value as string) as { Statement: { Resource: unknown; Condition?: Record<string, Record<string, string>> }[] }; // prettier-ignore

describe("Platform databases", () => {
  describe("on EKS, two databases", () => {
    const args: PlatformArgs = {
      environment: "prod",
      cluster: { cloud: "eks", eks: eksArgs() },
      databases: [
        { name: "orders", storageClass: "gp3" },
        { name: "ledger", storageClass: "gp3", instances: 1 },
      ],
    };
    let recording: Recording;
    let preview: Recording;
    let platform: Platform;
    before(async () => {
      ({ recording, platform } = await recordPlatform(args));
      ({ recording: preview } = await recordPlatform(args, true));
    });

    it("creates one OIDC provider, two buckets and two roles, each scoped to its own bucket and service account", () => {
      // One OIDC provider for the two databases' roles and Velero's (on by default in prod).
      assert.equal(ofType(recording, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
      assert.equal(ofType(recording, "aws:s3/bucket:Bucket").length, 3);
      assert.ok(named(recording, "p-velero-backups-bucket"));
      for (const db of ["orders", "ledger"]) {
        const bucket = String(input(named(recording, `p-${db}-backups-bucket`), "bucket"));
        const access = json(input(named(recording, `p-${db}-backups-access`), "policy"));
        assert.deepEqual(
          access.Statement.map((s) => s.Resource),
          [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        );
        const trust = json(input(named(recording, `p-${db}-backups-role`), "assumeRolePolicy"));
        const subjects = Object.entries(trust.Statement[0]?.Condition?.["StringEquals"] ?? {}).filter(([k]) =>
          k.endsWith(":sub"),
        );
        assert.deepEqual(
          subjects.map(([, v]) => v),
          [`system:serviceaccount:data:${db}`],
        );
      }
      const buckets = ofType(recording, "aws:s3/bucket:Bucket").map((b) => input(b, "bucket"));
      assert.notEqual(buckets[0], buckets[1]);
    });

    it("installs CloudNativePG, its plugin and cert-manager once", () => {
      const releases = ofType(recording, RELEASE).map((r) => r.name);
      for (const release of ["p-cloudnative-pg", "p-plugin-barman-cloud", "p-cert-manager"])
        assert.equal(releases.filter((r) => r === release).length, 1, release);
    });

    it("creates two Clusters after the operator, the plugin and their own store; backups after the store too", () => {
      const clusters = ofType(recording, CLUSTER);
      assert.deepEqual(
        clusters.map((c) => c.name),
        ["p-orders", "p-ledger"],
      );
      const operators = ["p-cloudnative-pg", "p-plugin-barman-cloud"].map((n) => named(recording, n, RELEASE));
      for (const db of ["orders", "ledger"]) {
        const other = db === "orders" ? "ledger" : "orders";
        const store = ["bucket", "policy", "access", "versioning"].map((p) => named(recording, `p-${db}-backups-${p}`)); // prettier-ignore
        for (const resource of [
          named(recording, `p-${db}`, CLUSTER),
          named(recording, `p-${db}-backups`, OBJECT_STORE),
          named(recording, `p-${db}-base-backup`, SCHEDULED_BACKUP),
        ])
          assert.ok(waitsFor(recording, resource, [...operators, ...store]), `${resource.name} waits`);
        assert.ok(!waitsFor(recording, named(recording, `p-${db}`, CLUSTER), [named(recording, `p-${other}-backups-bucket`)])); // prettier-ignore
        const cluster = named(recording, `p-${db}`, CLUSTER);
        assert.equal(input(cluster, "metadata.namespace"), "data");
        // The role's ARN is known once it exists: in a preview it is computed.
        const annotations = input(named(preview, `p-${db}`, CLUSTER), "spec.serviceAccountTemplate.metadata.annotations"); // prettier-ignore
        assert.deepEqual(annotations, { "eks.amazonaws.com/role-arn": "(computed)" });
        const bucket = String(input(named(recording, `p-${db}-backups-bucket`), "bucket"));
        const objectStore = named(recording, `p-${db}-backups`, OBJECT_STORE);
        assert.equal(input(objectStore, "spec.configuration.destinationPath"), `s3://${bucket}/`);
        assert.deepEqual(input(objectStore, "spec.configuration.s3Credentials"), { inheritFromIAMRole: true });
      }
    });

    it("outputs each database's services and app secret name, never a password", async () => {
      const outputs = await new Promise<unknown>((resolve) => platform.databases.apply(resolve));
      assert.deepEqual(outputs, {
        orders: { readWriteService: "orders-rw", readOnlyService: "orders-ro", appSecretName: "orders-app" },
        ledger: { readWriteService: "ledger-rw", readOnlyService: "ledger-ro", appSecretName: "ledger-app" },
      });
    });
  });

  it("on EKS, lets a database recovered from another read (never write) the source's bucket", async () => {
    const { recording } = await recordPlatform({
      environment: "prod",
      cluster: { cloud: "eks", eks: eksArgs() },
      databases: [
        { name: "orders", storageClass: "gp3" },
        { name: "orders-copy", storageClass: "gp3", recovery: { from: "orders" } },
      ],
    });
    const source = String(input(named(recording, "p-orders-backups-bucket"), "bucket"));
    const read = named(recording, "p-orders-copy-backups-recovery-source");
    const policy = JSON.parse(input(read, "policy") as string) as { Statement: { Action: string[]; Resource: string[] }[] }; // prettier-ignore
    assert.deepEqual(
      policy.Statement.map((s) => [s.Action, s.Resource]),
      [
        [["s3:ListBucket", "s3:GetBucketLocation"], [`arn:aws:s3:::${source}`]],
        [["s3:GetObject"], [`arn:aws:s3:::${source}/*`]],
      ],
    );
    assert.equal(recording.resources.filter((r) => r.name.endsWith("-recovery-source")).length, 1);
    assert.ok(waitsFor(recording, named(recording, "p-orders-copy", CLUSTER), [read]));
  });

  describe("on AKS", () => {
    let recording: Recording;
    let preview: Recording;
    const args = (): PlatformArgs => ({
      environment: "prod",
      cluster: {
        cloud: "aks",
        aks: {
          environment: "prod",
          location: "westeurope",
          nodePools: [{ name: "data", zones: ["1", "2", "3"] }],
          authorizedIpRanges: ["203.0.113.0/24"],
        },
      },
      storageClasses: ["managed-csi"],
      databases: [
        { name: "orders", storageClass: "managed-csi" },
        { name: "ledger", storageClass: "managed-csi", backup: { access: "workloadIdentity" } },
      ],
    });
    before(async () => {
      ({ recording } = await recordPlatform(args()));
      ({ recording: preview } = await recordPlatform(args(), true));
    });

    it("keeps the account key in the Secret <name>-backup-storage, in the data namespace, which the ObjectStore reads", () => {
      const secret = named(recording, "p-orders-backups-credentials", "kubernetes:core/v1:Secret");
      assert.equal(input(secret, "metadata.name"), "orders-backup-storage");
      assert.equal(input(secret, "metadata.namespace"), "data");
      assert.ok(waitsFor(recording, secret, [named(recording, "p-data")]), "the Secret waits for its namespace");
      const store = named(recording, "p-orders-backups", OBJECT_STORE);
      assert.equal(input(store, "spec.configuration.azureCredentials.storageAccount.name"), "orders-backup-storage");
      assert.match(String(input(store, "spec.configuration.destinationPath")), /^https:\/\/st[a-z0-9]+\.blob\.core\.windows\.net\/orders$/); // prettier-ignore
      const cluster = named(recording, "p-orders", CLUSTER);
      assert.ok(waitsFor(recording, cluster, [secret, named(recording, "p-orders-backups-container")]));
      assert.equal(input(cluster, "spec.serviceAccountTemplate"), undefined);
    });

    it("reaches the other through a workload identity federated with its service account", () => {
      const federation = named(recording, "p-ledger-backups-federation");
      assert.equal(input(federation, "subject"), "system:serviceaccount:data:ledger");
      const store = named(recording, "p-ledger-backups", OBJECT_STORE);
      assert.deepEqual(input(store, "spec.configuration.azureCredentials"), { useDefaultAzureCredentials: true });
      const cluster = named(recording, "p-ledger", CLUSTER);
      assert.deepEqual(input(cluster, "spec.inheritedMetadata.labels"), { "azure.workload.identity/use": "true" });
      const annotations = input(named(preview, "p-ledger", CLUSTER), "spec.serviceAccountTemplate.metadata.annotations"); // prettier-ignore
      assert.deepEqual(annotations, { "azure.workload.identity/client-id": "(computed)" });
      assert.ok(waitsFor(recording, cluster, [federation, named(recording, "p-ledger-backups-blob-access")]));
      // The two databases' containers and Velero's (on by default in prod).
      assert.equal(ofType(recording, "azure-native:storage:BlobContainer").length, 3);
      assert.equal(ofType(recording, RELEASE).filter((r) => r.name === "p-cloudnative-pg").length, 1);
    });
  });

  it("on EKS and AKS, snapshots on the stack's VolumeSnapshotClass, the Cluster and its snapshot schedule waiting for it", async () => {
    const aks = {
      cloud: "aks" as const,
      aks: { environment: "prod" as const, location: "westeurope", nodePools: [{ name: "data", zones: ["1", "2", "3"] }], authorizedIpRanges: ["203.0.113.0/24"] }, // prettier-ignore
    };
    const cases = [
      { cluster: { cloud: "eks" as const, eks: eksArgs() }, storageClass: "gp3", className: "ebs-snapshots" },
      { cluster: aks, storageClass: "azure-disk-data", className: "azure-disk-snapshots" },
    ];
    assert.equal(cases.length, 2);
    for (const c of cases) {
      const { recording } = await recordPlatform({
        environment: "prod",
        cluster: c.cluster,
        databases: [{ name: "orders", storageClass: c.storageClass, snapshots: { schedule: "0 0 4 * * *" } }],
      });
      const snapshotClasses = ofType(recording, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
      assert.equal(snapshotClasses.length, 1);
      const cluster = named(recording, "p-orders", CLUSTER);
      assert.equal(input(cluster, "spec.backup.volumeSnapshot.className"), c.className);
      const schedule = named(recording, "p-orders-snapshot", SCHEDULED_BACKUP);
      assert.equal(input(schedule, "spec.method"), "volumeSnapshot");
      assert.equal(input(schedule, "spec.schedule"), "0 0 4 * * *");
      for (const resource of [cluster, schedule])
        assert.ok(waitsFor(recording, resource, snapshotClasses), `${resource.name} waits for ${c.className}`);
      // A database without snapshots does not wait for the class.
      const { recording: plain } = await recordPlatform({
        environment: "prod",
        cluster: c.cluster,
        databases: [{ name: "orders", storageClass: c.storageClass }],
      });
      const plainClass = ofType(plain, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
      assert.ok(!waitsFor(plain, named(plain, "p-orders", CLUSTER), plainClass));
    }
  });

  it("on AKS, gives a database recovered from a workload-identity source Storage Blob Data Reader on the source's container", async () => {
    const { recording } = await recordPlatform({
      environment: "prod",
      cluster: {
        cloud: "aks",
        aks: { environment: "prod", location: "westeurope", nodePools: [{ name: "data", zones: ["1", "2", "3"] }], authorizedIpRanges: ["203.0.113.0/24"] }, // prettier-ignore
      },
      databases: [
        { name: "orders", storageClass: "azure-disk-data", backup: { access: "workloadIdentity" } },
        { name: "orders-copy", storageClass: "azure-disk-data", backup: { access: "workloadIdentity" }, recovery: { from: "orders" } }, // prettier-ignore
        { name: "keyed", storageClass: "azure-disk-data" },
        { name: "keyed-copy", storageClass: "azure-disk-data", recovery: { from: "keyed" } },
      ],
    });
    const reads = recording.resources.filter((r) => /-recovery-source-\d+$/.test(r.name));
    assert.equal(reads.length, 1, "only the workload-identity recovery needs a role");
    const read = reads[0]!;
    assert.equal(read.name, "p-orders-copy-backups-recovery-source-0");
    // Under mocks a resource's id is its name and "-id": the source's container, not the copy's own.
    assert.equal(input(read, "scope"), "p-orders-backups-container-id");
    assert.match(String(input(read, "roleDefinitionId")), /\/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/);
    assert.ok(read.dependencies.includes(named(recording, "p-orders-copy-backups-identity").urn));
    assert.ok(waitsFor(recording, named(recording, "p-orders-copy", CLUSTER), [read]));
  });

  describe("on an existing cluster", () => {
    let recording: Recording;
    before(async () => {
      ({ recording } = await recordPlatform({
        environment: "dev",
        cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
        storageClasses: ["standard"],
        operators: { etcdClusters: [{ name: "locks", storageClass: "standard", size: 1, tls: "cert-manager" }] },
        databases: [
          {
            name: "inventory",
            storageClass: "standard",
            instances: 1,
            backup: {
              enabled: true,
              destinationPath: "s3://pg-backups/inventory",
              endpointURL: "http://minio.minio.svc:9000",
              credentials: { secretName: "minio-keys" },
            },
          },
          { name: "scratch", storageClass: "standard", instances: 1 },
          { name: "inventory-copy", storageClass: "standard", instances: 1, recovery: { from: "inventory" } },
        ],
      }));
    });

    it("archives to the S3-compatible store the entry names, with its keys' Secret; creates no cloud store", () => {
      const store = named(recording, "p-inventory-backups", OBJECT_STORE);
      assert.equal(input(store, "spec.configuration.destinationPath"), "s3://pg-backups/inventory");
      assert.equal(input(store, "spec.configuration.endpointURL"), "http://minio.minio.svc:9000");
      assert.equal(input(store, "spec.configuration.s3Credentials.accessKeyId.name"), "minio-keys");
      assert.equal(recording.resources.filter((r) => /^(aws|azure-native):/.test(r.type)).length, 0);
      assert.equal(ofType(recording, OBJECT_STORE).length, 1, "no backups in dev unless asked for");
    });

    it("shares the cert-manager of etcd's TLS, and restores a copy from the source's ObjectStore", () => {
      assert.equal(ofType(recording, RELEASE).filter((r) => r.name.endsWith("cert-manager")).length, 1);
      // The plugin needs cert-manager's certificates; the operator makes its own and starts in parallel.
      const certManager = named(recording, "p-cert-manager", RELEASE);
      assert.ok(waitsFor(recording, named(recording, "p-plugin-barman-cloud", RELEASE), [certManager]));
      assert.ok(!waitsFor(recording, named(recording, "p-cloudnative-pg", RELEASE), [certManager]));
      const copy = named(recording, "p-inventory-copy", CLUSTER);
      assert.deepEqual(input(copy, "spec.externalClusters.0.plugin.parameters"), {
        barmanObjectName: "inventory-backups",
        serverName: "inventory",
      });
      assert.ok(waitsFor(recording, copy, [named(recording, "p-inventory-backups", OBJECT_STORE)]));
    });

    it("starts a database without backups or recovery after the operator, not behind cert-manager and the plugin", () => {
      const [operator, plugin, certManager] = ["p-cloudnative-pg", "p-plugin-barman-cloud", "p-cert-manager"].map((n) => named(recording, n, RELEASE)); // prettier-ignore
      const scratch = named(recording, "p-scratch", CLUSTER);
      assert.ok(waitsFor(recording, scratch, [operator as RecordedResource]));
      assert.ok(!waitsFor(recording, scratch, [plugin as RecordedResource]));
      assert.ok(!waitsFor(recording, scratch, [certManager as RecordedResource]));
      for (const db of ["p-inventory", "p-inventory-copy"])
        assert.ok(waitsFor(recording, named(recording, db, CLUSTER), [operator as RecordedResource, plugin as RecordedResource]), db); // prettier-ignore
    });
  });
});
