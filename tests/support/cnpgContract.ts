/**
 * What CloudNativePG accepts in the objects PostgresCluster renders, written from the upstream
 * sources at the pinned tags (only the fields rendered are described; each object lists its other
 * CRD fields so that an unknown one fails):
 *
 * - `postgresql.cnpg.io/v1` `Cluster`: in cnpgClusterContract.ts;
 * - `postgresql.cnpg.io/v1` `ScheduledBackup`: cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml;
 * - `barmancloud.cnpg.io/v1` `ObjectStore`: cloudnative-pg/plugin-barman-cloud@v0.13.0:config/crd/bases/barmancloud.cnpg.io_objectstores.yaml;
 * - the chart values the presets set: cloudnative-pg/charts@cloudnative-pg-v0.29.0:charts/cloudnative-pg/values.yaml
 *   and cloudnative-pg/charts@plugin-barman-cloud-v0.7.0:charts/plugin-barman-cloud/values.yaml.
 *
 * Rules judged only on update (the ScheduledBackup's `spec.cluster` CEL `self == oldSelf`) are left
 * out; so is the cron parse of `spec.schedule` by
 * cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/scheduledbackup_webhook.go (PostgresCluster's
 * own check parses it, tests/postgresCluster.test.ts).
 */
import { customResource, has, SECRET_KEY, STRING_MAP, type ObjectContract } from "./crdContract.ts";

export { CLUSTER_CONTRACT } from "./cnpgClusterContract.ts";

/** `postgresql.cnpg.io/v1` `ScheduledBackup` at cloudnative-pg v1.30.0. */
export const SCHEDULED_BACKUP_CONTRACT: ObjectContract = {
  source: "cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml",
  apiVersion: "postgresql.cnpg.io/v1",
  kind: "ScheduledBackup",
  schema: customResource({
    type: "object",
    fields: {
      schedule: { type: "string" },
      cluster: { type: "object", fields: { name: { type: "string" } }, required: ["name"] },
      method: { type: "string", enum: ["barmanObjectStore", "volumeSnapshot", "plugin"] },
      pluginConfiguration: {
        type: "object",
        fields: { name: { type: "string" }, parameters: STRING_MAP },
        required: ["name"],
      },
      backupOwnerReference: { type: "string", enum: ["none", "self", "cluster"] },
      immediate: { type: "boolean" },
    },
    others: ["online", "onlineConfiguration", "suspend", "target"],
    required: ["cluster", "schedule"],
  }),
};

/** `barmancloud.cnpg.io/v1` `ObjectStore` at plugin-barman-cloud v0.13.0. */
export const OBJECT_STORE_CONTRACT: ObjectContract = {
  source: "cloudnative-pg/plugin-barman-cloud@v0.13.0:config/crd/bases/barmancloud.cnpg.io_objectstores.yaml",
  apiVersion: "barmancloud.cnpg.io/v1",
  kind: "ObjectStore",
  schema: customResource({
    type: "object",
    fields: {
      retentionPolicy: { type: "string", pattern: /^[1-9][0-9]*[dwm]$/ },
      configuration: {
        type: "object",
        fields: {
          destinationPath: { type: "string", minLength: 1 },
          endpointURL: { type: "string" },
          s3Credentials: {
            type: "object",
            fields: { inheritFromIAMRole: { type: "boolean" }, accessKeyId: SECRET_KEY, secretAccessKey: SECRET_KEY },
            others: ["region", "sessionToken"],
          },
          azureCredentials: {
            type: "object",
            fields: {
              inheritFromAzureAD: { type: "boolean" },
              useDefaultAzureCredentials: { type: "boolean" },
              connectionString: SECRET_KEY,
              storageAccount: SECRET_KEY,
              storageKey: SECRET_KEY,
            },
            others: ["storageSasToken"],
          },
        },
        others: ["data", "endpointCA", "googleCredentials", "historyTags", "serverName", "tags", "wal"],
        required: ["destinationPath"],
        rules: [
          {
            rule: "CEL !has(self.serverName)",
            message: "use the 'serverName' plugin parameter in the Cluster resource",
            broken: (self) => has(self, "serverName"),
          },
        ],
      },
    },
    others: ["instanceSidecarConfiguration"],
    required: ["configuration"],
  }),
};

/** A chart's value keys (dotted paths) and their types in its values.yaml. */
export interface ChartValuesContract {
  /** `owner/repo@tag:path` of the values.yaml. */
  source: string;
  chart: string;
  version: string;
  keys: Record<string, "boolean" | "string" | "number" | "object">;
}

/** The values the CloudNativePG presets set, as the pinned charts define them. */
export const CNPG_CHART_VALUES: readonly ChartValuesContract[] = [
  {
    source: "cloudnative-pg/charts@cloudnative-pg-v0.29.0:charts/cloudnative-pg/values.yaml",
    chart: "cloudnative-pg",
    version: "0.29.0",
    // values.yaml lines 48-50 (`crds:` `create: true`) and 70-80 (`config:` `clusterWide: true`).
    keys: { "crds.create": "boolean", "config.clusterWide": "boolean" },
  },
  {
    source: "cloudnative-pg/charts@plugin-barman-cloud-v0.7.0:charts/plugin-barman-cloud/values.yaml",
    chart: "plugin-barman-cloud",
    version: "0.7.0",
    // values.yaml lines 64-66 (`crds:` `create: true`).
    keys: { "crds.create": "boolean" },
  },
];

/** The value keys set (dotted paths) that the chart lacks, or sets with another type. */
export function chartValueProblems(contract: ChartValuesContract, values: Record<string, unknown>): string[] {
  return leafPaths(values).flatMap(([key, value]) => {
    const type = contract.keys[key];
    if (type === undefined) return [`${key}: not a value of the ${contract.chart} chart ${contract.version}`];
    return typeof value === type ? [] : [`${key}: a ${type} in the chart, got ${typeof value}`];
  });
}

/** The leaves of a values object, as dotted key paths. */
export function leafPaths(values: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(values).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? leafPaths(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}
