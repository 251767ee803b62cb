/**
 * What Velero accepts in what the `Velero` component renders, written from the upstream sources at
 * the pinned tags (hand-written; only what is rendered is described, each object lists its other
 * fields so that an unknown one fails):
 *
 * - the `velero` chart 11.4.0's values: vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/values.yaml;
 * - a BackupStorageLocation's plugin `config` keys: vmware-tanzu/velero-plugin-for-aws@v1.13.2:backupstoragelocation.md
 *   and vmware-tanzu/velero-plugin-for-microsoft-azure@v1.13.2:backupstoragelocation.md;
 * - `velero.io/v1` `Schedule`: vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_schedules.yaml;
 * - `velero.io/v1` `Restore`: vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_restores.yaml
 *   (`existingResourcePolicy` values: pkg/apis/velero/v1/restore_types.go `PolicyTypeNone`, `PolicyTypeUpdate`).
 */
import { customResource, STRING_MAP, type ObjectContract } from "./crdContract.ts";

/** A chart value's type: a scalar, a list, or a map of strings (not descended into). */
type ValueType = "boolean" | "string" | "number" | "list" | "map";

/** The `velero` chart's values this package may set, by dotted path. */
export const VELERO_CHART_VALUES = {
  source: "vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/values.yaml",
  chart: "velero",
  version: "11.4.0",
  keys: {
    "image.repository": "string",
    "image.tag": "string",
    initContainers: "list",
    podLabels: "map",
    "configuration.backupStorageLocation": "list",
    "configuration.volumeSnapshotLocation": "list",
    "configuration.features": "string",
    "configuration.defaultSnapshotMoveData": "boolean",
    "configuration.defaultBackupTTL": "string",
    "credentials.useSecret": "boolean",
    "serviceAccount.server.create": "boolean",
    "serviceAccount.server.name": "string",
    "serviceAccount.server.annotations": "map",
    snapshotsEnabled: "boolean",
    deployNodeAgent: "boolean",
    "nodeAgent.podLabels": "map",
    upgradeCRDs: "boolean",
  } satisfies Record<string, ValueType>,
  /** Fields of a `configuration.backupStorageLocation` entry. */
  locationFields: ["name", "provider", "bucket", "caCert", "prefix", "default", "validationFrequency", "accessMode", "credential", "config", "annotations"], // prettier-ignore
} as const;

/** A BackupStorageLocation's `config` keys each plugin reads. */
export const PLUGIN_LOCATION_CONFIG: Readonly<Record<"aws" | "azure", readonly string[]>> = {
  aws: ["region", "s3ForcePathStyle", "s3Url", "publicUrl", "serverSideEncryption", "kmsKeyId", "customerKeyEncryptionFile", "signatureVersion", "profile", "insecureSkipTLSVerify", "enableSharedConfig", "tagging", "checksumAlgorithm"], // prettier-ignore
  azure: ["resourceGroup", "storageAccount", "storageAccountKeyEnvVar", "subscriptionId", "storageAccountURI", "useAAD", "activeDirectoryAuthorityURI", "blockSizeInBytes"], // prettier-ignore
};

/** The problems of chart values against {@link VELERO_CHART_VALUES}. */
export function veleroValueProblems(values: Record<string, unknown>): string[] {
  const keys = VELERO_CHART_VALUES.keys as Record<string, ValueType>;
  const problems: string[] = [];
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      const path = `${prefix}${key}`;
      const type = keys[path];
      const isMap = child !== null && typeof child === "object" && !Array.isArray(child);
      if (type === undefined && isMap) walk(child as Record<string, unknown>, `${path}.`);
      else if (type === undefined) problems.push(`${path}: not a value of the velero chart 11.4.0`);
      else {
        const actual = Array.isArray(child) ? "list" : isMap ? "map" : typeof child;
        if (actual !== type) problems.push(`${path}: a ${type} in the chart, got ${actual}`);
      }
    }
  };
  walk(values, "");
  return problems;
}

const NAMESPACES: ObjectContract["schema"] = { type: "array", items: { type: "string" } };

/** `velero.io/v1` `Schedule` at Velero v1.17.2. */
export const SCHEDULE_CONTRACT: ObjectContract = {
  source: "vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_schedules.yaml",
  apiVersion: "velero.io/v1",
  kind: "Schedule",
  schema: customResource({
    type: "object",
    fields: {
      schedule: { type: "string" },
      paused: { type: "boolean" },
      template: {
        type: "object",
        fields: {
          includedNamespaces: NAMESPACES,
          labelSelector: { type: "object", fields: { matchLabels: STRING_MAP }, others: ["matchExpressions"] },
          ttl: { type: "string" },
          storageLocation: { type: "string" },
          snapshotVolumes: { type: "boolean" },
          snapshotMoveData: { type: "boolean" },
          resourcePolicy: {
            type: "object",
            fields: { apiGroup: { type: "string" }, kind: { type: "string" }, name: { type: "string" } },
            required: ["kind", "name"],
          },
        },
        others: ["csiSnapshotTimeout", "datamover", "defaultVolumesToFsBackup", "defaultVolumesToRestic", "excludedClusterScopedResources", "excludedNamespaceScopedResources", "excludedNamespaces", "excludedResources", "hooks", "includeClusterResources", "includedClusterScopedResources", "includedNamespaceScopedResources", "includedResources", "itemOperationTimeout", "metadata", "orLabelSelectors", "orderedResources", "uploaderConfig", "volumeGroupSnapshotLabelKey", "volumeSnapshotLocations"], // prettier-ignore
      },
    },
    others: ["skipImmediately", "useOwnerReferencesInBackup"],
    required: ["schedule", "template"],
  }),
};

/** `velero.io/v1` `Restore` at Velero v1.17.2. */
export const RESTORE_CONTRACT: ObjectContract = {
  source: "vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_restores.yaml",
  apiVersion: "velero.io/v1",
  kind: "Restore",
  schema: customResource({
    type: "object",
    fields: {
      backupName: { type: "string" },
      scheduleName: { type: "string" },
      includedNamespaces: NAMESPACES,
      includedResources: NAMESPACES,
      restorePVs: { type: "boolean" },
      existingResourcePolicy: { type: "string", enum: ["none", "update"] },
    },
    others: ["excludedNamespaces", "excludedResources", "hooks", "includeClusterResources", "itemOperationTimeout", "labelSelector", "namespaceMapping", "orLabelSelectors", "preserveNodePorts", "resourceModifier", "restoreStatus", "uploaderConfig"], // prettier-ignore
  }),
};
