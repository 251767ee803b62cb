/**
 * The PostgreSQL databases PostgresCluster renders against what CloudNativePG 1.30.0 and the Barman
 * Cloud plugin v0.13.0 accept: the `Cluster`, `ScheduledBackup` and `ObjectStore` against the
 * hand-written contract of their CRDs and webhook at the pinned tags (tests/support/cnpgContract.ts),
 * the names the objects must agree on, the chart values against the keys the pinned charts define,
 * and the install order cert-manager → operator → plugin → database objects.
 */
import assert from "node:assert/strict";
import { BARMAN_CLOUD_PLUGIN, barmanCloudPluginArgs, cloudNativePgOperatorArgs } from "../../components/index.ts";
import type { RecordedResource } from "../../tools/recorder/record.ts";
import {
  CLUSTER_CONTRACT,
  chartValueProblems,
  CNPG_CHART_VALUES,
  leafPaths,
  OBJECT_STORE_CONTRACT,
  SCHEDULED_BACKUP_CONTRACT,
  type ChartValuesContract,
} from "../support/cnpgContract.ts";
import { contractProblems } from "../support/crdContract.ts";
import { input, named, ofType, transitiveDependencies } from "../support/graph.ts";
import {
  CLUSTER,
  OBJECT_STORE,
  only,
  ORDERS_IMPORT,
  recordDatabase,
  RELEASE,
  SCHEDULED_BACKUP,
  type Settings,
  VARIANTS,
} from "../support/cnpgRecording.ts";

const CONTRACTS = {
  [CLUSTER]: CLUSTER_CONTRACT,
  [SCHEDULED_BACKUP]: SCHEDULED_BACKUP_CONTRACT,
  [OBJECT_STORE]: OBJECT_STORE_CONTRACT,
};

describe("CloudNativePG contract (cloudnative-pg v1.30.0, plugin-barman-cloud v0.13.0)", () => {
  it("has the three CRDs at the pinned tags", () => {
    assert.deepEqual(
      Object.values(CONTRACTS).map((c) => c.source),
      [
        "cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_clusters.yaml",
        "cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml",
        "cloudnative-pg/plugin-barman-cloud@v0.13.0:config/crd/bases/barmancloud.cnpg.io_objectstores.yaml",
      ],
    );
  });

  for (const [variant, settings] of VARIANTS) {
    it(`${variant}: renders a Cluster, ObjectStore and ScheduledBackup the CRDs accept`, async () => {
      const recording = await recordDatabase(settings);
      const objects = [CLUSTER, OBJECT_STORE, SCHEDULED_BACKUP].map((type) => only(recording, type));
      assert.equal(objects.length, 3);
      for (const object of objects)
        assert.deepEqual(
          contractProblems(CONTRACTS[object.type as keyof typeof CONTRACTS], object.inputs),
          [],
          object.type,
        );
    });

    it(`${variant}: the objects agree on the plugin, the ObjectStore, the cluster and the secret`, async () => {
      const recording = await recordDatabase(settings);
      const cluster = only(recording, CLUSTER);
      const store = only(recording, OBJECT_STORE);
      const schedule = only(recording, SCHEDULED_BACKUP);
      const plugins = input(cluster, "spec.plugins") as {
        name: string;
        isWALArchiver?: boolean;
        parameters: Record<string, string>;
      }[];
      assert.equal(plugins.length, 1);
      assert.equal(plugins[0]?.name, BARMAN_CLOUD_PLUGIN);
      assert.equal(plugins[0]?.isWALArchiver, true);
      assert.equal(plugins[0]?.parameters["barmanObjectName"], input(store, "metadata.name"));
      assert.equal(input(store, "metadata.namespace"), input(cluster, "metadata.namespace"));
      assert.equal(input(schedule, "metadata.namespace"), input(cluster, "metadata.namespace"));
      assert.equal(input(schedule, "spec.cluster.name"), input(cluster, "metadata.name"));
      assert.equal(input(schedule, "spec.method"), "plugin");
      assert.equal(input(schedule, "spec.pluginConfiguration.name"), BARMAN_CLOUD_PLUGIN);
      assert.equal(String(input(schedule, "spec.schedule")).trim().split(/\s+/).length, 6);
      const secret = settings.backup?.credentials;
      if (typeof secret === "object") {
        const keys = JSON.stringify(input(store, "spec.configuration"));
        assert.ok(keys.includes(`"name":"${secret.secretName}"`), keys);
      }
    });
  }

  it("without backup (dev, local): one instance, no plugin, no ObjectStore, no ScheduledBackup, a Cluster the CRD accepts", async () => {
    const recording = await recordDatabase({ instances: 1, storageClass: "standard" });
    assert.equal(ofType(recording, OBJECT_STORE).length, 0);
    assert.equal(ofType(recording, SCHEDULED_BACKUP).length, 0);
    const cluster = only(recording, CLUSTER);
    assert.equal(input(cluster, "spec.plugins"), undefined);
    assert.equal(input(cluster, "spec.instances"), 1);
    // One instance: no budget, which would block every node drain (no replica to switch over to).
    assert.equal(input(cluster, "spec.enablePDB"), false);
    assert.deepEqual(contractProblems(CONTRACTS[CLUSTER], cluster.inputs), []);
  });

  it("recovery without backup: reads the source through the plugin and archives nothing", async () => {
    const recovery = { objectStoreName: "orders-backups", serverName: "orders" };
    const cluster = only(await recordDatabase({ storageClass: "standard", recovery }), CLUSTER);
    assert.equal(input(cluster, "spec.plugins"), undefined);
    assert.deepEqual(input(cluster, "spec.externalClusters.0.plugin.parameters"), {
      barmanObjectName: "orders-backups",
      serverName: "orders",
    });
    assert.deepEqual(contractProblems(CONTRACTS[CLUSTER], cluster.inputs), []);
  });

  it("import: the app database imports one database of a running server through its own external cluster", async () => {
    const imported = {
      host: "orders",
      user: "postgres",
      database: "postgres",
      password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
      sourceImage: "postgres:17.2-alpine",
    };
    const cluster = only(
      await recordDatabase({
        storageClass: "standard",
        backup: { destinationPath: "s3://acme-backups/pg" },
        import: imported,
      }),
      CLUSTER,
    );
    assert.deepEqual(input(cluster, "spec.bootstrap"), { initdb: ORDERS_IMPORT.initdb });
    assert.deepEqual(input(cluster, "spec.externalClusters"), ORDERS_IMPORT.externalClusters);
    assert.deepEqual(contractProblems(CONTRACTS[CLUSTER], cluster.inputs), []);
    // The contract can fail on what the import renders.
    const spec = structuredClone(cluster.inputs["spec"]) as {
      bootstrap: { initdb: { import: Record<string, unknown> } };
      externalClusters: Record<string, unknown>[];
    };
    spec.bootstrap.initdb.import["database"] = ["postgres"];
    spec.bootstrap.initdb.import["type"] = "microservices";
    spec.externalClusters[0]!["connectionParameter"] = { host: "orders" };
    delete spec.externalClusters[0]!["connectionParameters"];
    (spec.externalClusters[0]!["password"] as Record<string, unknown>)["keys"] = "x";
    spec.externalClusters.push({ name: "import-source", plugin: { name: "p" } });
    const problems = contractProblems(CONTRACTS[CLUSTER], { ...cluster.inputs, spec });
    const expected = [
      /^Cluster\.spec\.bootstrap\.initdb\.import\.database: not a field of the CRD/,
      /^Cluster\.spec\.bootstrap\.initdb\.import\.type: "microservices" is not one of/,
      /^Cluster\.spec\.externalClusters\[0\]\.connectionParameter: not a field of the CRD/,
      /^Cluster\.spec\.externalClusters\[0\]\.password\.keys: not a field of the CRD/,
      /^Cluster\.spec\.externalClusters\[0\]: breaks webhook validateExternalCluster/,
      /^Cluster\.spec: breaks webhook validateExternalClusters/,
    ];
    assert.equal(problems.length, expected.length, problems.join("\n"));
    for (const reason of expected)
      assert.equal(problems.filter((p) => reason.test(p)).length, 1, `${reason}: ${problems.join("\n")}`);
    const one = structuredClone(cluster.inputs["spec"]) as typeof spec;
    one.bootstrap.initdb.import["databases"] = ["a", "b*"];
    one.bootstrap.initdb.import["source"] = { externalCluster: "elsewhere" };
    assert.deepEqual(
      contractProblems(CONTRACTS[CLUSTER], { ...cluster.inputs, spec: one }).map((p) => p.replace(/ \(.*$/s, "")),
      [
        // Two databases, one with a wildcard: two of its rules.
        "Cluster.spec.bootstrap.initdb.import: breaks webhook validateMicroservice",
        "Cluster.spec.bootstrap.initdb.import: breaks webhook validateMicroservice",
        "Cluster.spec: breaks instance manager getConnectionPoolerForExternalCluster",
      ],
    );
  });

  it("workload identity: annotates the cluster's service account and labels its pods", async () => {
    const cluster = only(
      await recordDatabase({
        storageClass: "managed-csi",
        backup: { destinationPath: "https://acmebackups.blob.core.windows.net/postgres" },
        serviceAccountAnnotations: { "azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000000" },
        inheritedLabels: { "azure.workload.identity/use": "true" },
      }),
      CLUSTER,
    );
    assert.deepEqual(input(cluster, "spec.serviceAccountTemplate.metadata.annotations"), {
      "azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000000",
    });
    assert.deepEqual(input(cluster, "spec.inheritedMetadata.labels"), { "azure.workload.identity/use": "true" });
    assert.deepEqual(contractProblems(CONTRACTS[CLUSTER], cluster.inputs), []);
  });

  it("snapshots: a second ScheduledBackup takes volume snapshots on the named class, both accepted by the CRDs", async () => {
    const recording = await recordDatabase({
      storageClass: "managed-csi",
      backup: { destinationPath: "s3://acme-backups/postgres" },
      snapshots: { className: "csi-snapshots", schedule: "0 0 4 * * *" },
    });
    const cluster = only(recording, CLUSTER);
    assert.deepEqual(input(cluster, "spec.backup"), { volumeSnapshot: { className: "csi-snapshots" } });
    const schedules = ofType(recording, SCHEDULED_BACKUP);
    assert.equal(schedules.length, 2);
    assert.deepEqual(schedules.map((s) => input(s, "spec.method")).sort(), ["plugin", "volumeSnapshot"]);
    for (const schedule of schedules) {
      assert.equal(input(schedule, "spec.cluster.name"), input(cluster, "metadata.name"));
      assert.deepEqual(contractProblems(CONTRACTS[SCHEDULED_BACKUP], schedule.inputs), []);
    }
    assert.deepEqual(contractProblems(CONTRACTS[CLUSTER], cluster.inputs), []);
  });

  it("recovery: reads the source's ObjectStore and serverName and archives under a new serverName", async () => {
    const [, settings] = VARIANTS[3] as [string, Settings];
    const cluster = only(await recordDatabase(settings), CLUSTER);
    const source = input(cluster, "spec.bootstrap.recovery.source");
    const external = input(cluster, "spec.externalClusters") as {
      name: string;
      plugin: { name: string; parameters: Record<string, string> };
    }[];
    assert.equal(external.length, 1);
    assert.equal(external[0]?.name, source);
    assert.equal(external[0]?.plugin.name, BARMAN_CLOUD_PLUGIN);
    assert.deepEqual(external[0]?.plugin.parameters, { barmanObjectName: "orders-old-backups", serverName: "orders" });
    assert.equal(input(cluster, "spec.bootstrap.recovery.recoveryTarget.targetTime"), "2026-11-30T14:00:00Z");
    assert.equal(input(cluster, "spec.bootstrap.initdb"), undefined);
    const archive = input(cluster, "spec.plugins.0.parameters") as Record<string, string>;
    assert.equal(archive["serverName"], "orders-2");
    assert.notEqual(archive["serverName"], external[0]?.plugin.parameters["serverName"]);
  });

  it("the contract refuses unknown fields, wrong values, forbidden fields and the webhook's rules (the check can fail)", async () => {
    const recording = await recordDatabase(VARIANTS[0]?.[1] as Settings);
    /** A copy of the object's inputs with each `path → value` set (`undefined` removes it). */
    const changed = (type: string, changes: [string, unknown][]): Record<string, unknown> => {
      const object = structuredClone<Record<string, unknown>>(only(recording, type).inputs);
      for (const [path, value] of changes) {
        const parts = path.split(".");
        const last = parts.pop() as string;
        const at = parts.reduce((o, key) => o[key] as Record<string, unknown>, object);
        if (value === undefined) delete at[last];
        else at[last] = value;
      }
      return object;
    };
    /** Each expected reason matches exactly one problem, and there are no others. */
    const assertReasons = (problems: string[], reasons: RegExp[]): void => {
      assert.equal(problems.length, reasons.length, problems.join("\n"));
      for (const reason of reasons)
        assert.equal(problems.filter((p) => reason.test(p)).length, 1, `${reason}: ${problems.join("\n")}`);
    };
    for (const type of [CLUSTER, OBJECT_STORE, SCHEDULED_BACKUP])
      assert.deepEqual(contractProblems(CONTRACTS[type as keyof typeof CONTRACTS], changed(type, [])), [], type);
    assertReasons(
      contractProblems(
        CONTRACTS[CLUSTER],
        changed(CLUSTER, [
          ["spec.storage.sizee", "10Gi"],
          ["spec.affinity.topologySpread", true],
          ["spec.instances", 0],
          ["spec.imageCatalogRef", { apiGroup: "postgresql.cnpg.io", kind: "ImageCatalog", name: "x", major: 17 }],
        ]),
      ),
      [
        /^Cluster\.spec\.storage\.sizee: not a field of the CRD/,
        /^Cluster\.spec\.affinity\.topologySpread: not a field of the CRD/,
        /^Cluster\.spec\.instances: below 1$/,
        /^Cluster\.spec: breaks CEL !\(has\(self\.imageCatalogRef\) && has\(self\.imageName\)\)/,
      ],
    );
    assertReasons(
      contractProblems(
        CONTRACTS[CLUSTER],
        changed(CLUSTER, [
          ["metadata.name", "Orders_DB"],
          ["spec.storage.size", undefined],
          ["spec.walStorage", { size: "ten gigs" }],
          ["spec.affinity.podAntiAffinityType", "soft"],
          ["spec.bootstrap.recovery", { source: "elsewhere" }],
          [
            "spec.plugins",
            [
              { name: "a", isWALArchiver: true },
              { name: "b", isWALArchiver: true },
            ],
          ],
        ]),
      ),
      [
        /^Cluster\.metadata\.name: "Orders_DB" does not match/,
        /^Cluster\.spec\.storage: breaks webhook validateStorageConfigurationSize/,
        /^Cluster\.spec\.walStorage\.size: "ten gigs" does not match/,
        /^Cluster\.spec\.affinity\.podAntiAffinityType: "soft" is not one of/,
        /^Cluster\.spec\.bootstrap: breaks webhook validateBootstrapMethod/,
        /^Cluster\.spec: breaks webhook validateBootstrapRecoverySource/,
        /^Cluster\.spec: breaks webhook validatePluginConfiguration/,
      ],
    );
    assertReasons(
      contractProblems(
        CONTRACTS[OBJECT_STORE],
        changed(OBJECT_STORE, [
          ["spec.configuration.serverName", "orders"],
          ["spec.retentionPolicy", "30 days"],
          ["spec.configuration.s3Credentials.inheritFromIAMRoles", true],
        ]),
      ),
      [
        /^ObjectStore\.spec\.configuration: breaks CEL !has\(self\.serverName\) \(use the 'serverName' plugin parameter/,
        /^ObjectStore\.spec\.retentionPolicy: "30 days" does not match/,
        /^ObjectStore\.spec\.configuration\.s3Credentials\.inheritFromIAMRoles: not a field of the CRD/,
      ],
    );
    assertReasons(
      contractProblems(
        CONTRACTS[SCHEDULED_BACKUP],
        changed(SCHEDULED_BACKUP, [
          ["spec.method", "barman"],
          ["spec.cluster", undefined],
          ["apiVersion", "postgresql.cnpg.io/v1beta1"],
        ]),
      ),
      [
        /^ScheduledBackup\.spec\.method: "barman" is not one of/,
        /^ScheduledBackup\.spec\.cluster: required by the CRD$/,
        /^apiVersion: expected postgresql\.cnpg\.io\/v1, got postgresql\.cnpg\.io\/v1beta1$/,
      ],
    );
  });

  it("installs the operator beside cert-manager, the plugin after both, the database objects after the plugin", async () => {
    const recording = await recordDatabase(VARIANTS[0]?.[1] as Settings);
    const release = (chart: string): RecordedResource => {
      const found = ofType(recording, RELEASE).filter((r) => input(r, "chart") === chart);
      assert.equal(found.length, 1, chart);
      return found[0] as RecordedResource;
    };
    const after = (r: RecordedResource, on: RecordedResource): boolean =>
      transitiveDependencies(recording, r).has(on.urn);
    const certManager = release("cert-manager");
    const operator = release("cloudnative-pg");
    const plugin = release("plugin-barman-cloud");
    // The operator makes its own webhook certificate; the plugin's chart asks cert-manager for its certificates.
    assert.ok(!after(operator, certManager), "the operator does not wait for cert-manager");
    // The operator's finalizer on the plugin's Service: the plugin goes first on destroy.
    assert.ok(after(plugin, certManager) && after(plugin, operator), "plugin after cert-manager and the operator");
    assert.equal(input(operator, "namespace"), "cnpg-system");
    assert.equal(
      input(plugin, "namespace"),
      input(operator, "namespace"),
      "the plugin runs in the operator's namespace",
    );
    for (const type of [CLUSTER, OBJECT_STORE, SCHEDULED_BACKUP]) {
      const object = only(recording, type);
      assert.ok(after(object, operator) && after(object, plugin), `${type} after the operator and the plugin`);
    }
    assert.ok(after(only(recording, CLUSTER), only(recording, OBJECT_STORE)), "Cluster after its ObjectStore");
    assert.ok(after(only(recording, SCHEDULED_BACKUP), only(recording, CLUSTER)), "ScheduledBackup after its Cluster");
    assert.equal(named(recording, "orders", CLUSTER).retainOnDelete, false);
  });

  it("prod keeps the Cluster and its ObjectStore when they leave the stack", async () => {
    const recording = await recordDatabase(VARIANTS[0]?.[1] as Settings, "prod");
    assert.equal(only(recording, CLUSTER).retainOnDelete, true);
    assert.equal(only(recording, OBJECT_STORE).retainOnDelete, true);
  });

  it("sets only chart values the pinned charts have, with their types", () => {
    const presets: Record<string, ReturnType<typeof cloudNativePgOperatorArgs>> = {
      "cloudnative-pg": cloudNativePgOperatorArgs(clusterStub()),
      "plugin-barman-cloud": barmanCloudPluginArgs(clusterStub()),
    };
    assert.equal(CNPG_CHART_VALUES.length, 2);
    for (const contract of CNPG_CHART_VALUES) {
      const helm = presets[contract.chart]?.helm;
      assert.equal(helm?.chart, contract.chart);
      assert.equal(helm?.version, contract.version, contract.source);
      const values = (helm?.values ?? {}) as Record<string, unknown>;
      assert.ok(leafPaths(values).length > 0, contract.chart);
      assert.deepEqual(chartValueProblems(contract, values), [], contract.source);
    }
    // The check can fail: a key the chart does not have, and a value of the wrong type.
    assert.deepEqual(
      chartValueProblems(CNPG_CHART_VALUES[0] as ChartValuesContract, {
        crds: { creat: true },
        config: { clusterWide: "yes" },
      }),
      [
        "crds.creat: not a value of the cloudnative-pg chart 0.29.0",
        "config.clusterWide: a boolean in the chart, got string",
      ],
    );
  });
});

/** A cluster handle for calling the presets outside a program (they only carry it). */
function clusterStub(): Parameters<typeof cloudNativePgOperatorArgs>[0] {
  return {} as Parameters<typeof cloudNativePgOperatorArgs>[0];
}
