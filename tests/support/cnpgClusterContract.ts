/**
 * What CloudNativePG 1.30.0 accepts in the `postgresql.cnpg.io/v1` `Cluster` PostgresCluster renders,
 * written from cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_clusters.yaml
 * (fields, types, required fields, bounds, the CEL rule on `spec`) and the checks of
 * cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/cluster_webhook.go that apply to the
 * fields rendered (named after their functions). Only rendered fields are described; each object
 * lists its other CRD fields, so that an unknown one fails.
 */
import {
  customResource,
  has,
  LABEL_SELECTOR,
  STRING_MAP,
  type ContractNode,
  type ObjectContract,
} from "./crdContract.ts";

/** `resource.Quantity` pattern of the CRDs (`resources.limits`, `resources.requests`). */
const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** `validationutil.IsDNS1035Label` (k8s.io/apimachinery). */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `StorageConfiguration` (`spec.storage`, `spec.walStorage`), with the webhook's
 * `validateStorageConfigurationSize`: a `size` that parses as a quantity, or a pvcTemplate's request.
 */
const STORAGE: ContractNode = {
  type: "object",
  fields: { storageClass: { type: "string" }, size: { type: "string", pattern: QUANTITY } },
  others: ["pvcTemplate", "resizeInUseVolumes"],
  rules: [
    {
      rule: "webhook validateStorageConfigurationSize",
      message: "Size not configured. Please add it, or a storage request in the pvcTemplate.",
      broken: (self) => !has(self, "size") && !has(self, "pvcTemplate"),
    },
  ],
};

/** `PodAntiAffinity` (core/v1, as the Cluster CRD embeds it): the preferred terms rendered. */
const POD_ANTI_AFFINITY: ContractNode = {
  type: "object",
  fields: {
    preferredDuringSchedulingIgnoredDuringExecution: {
      type: "array",
      items: {
        type: "object",
        fields: {
          weight: { type: "integer" },
          podAffinityTerm: {
            type: "object",
            fields: {
              topologyKey: { type: "string" },
              labelSelector: LABEL_SELECTOR,
            },
            others: ["matchLabelKeys", "mismatchLabelKeys", "namespaceSelector", "namespaces"],
            required: ["topologyKey"],
          },
        },
        required: ["podAffinityTerm", "weight"],
      },
    },
  },
  others: ["requiredDuringSchedulingIgnoredDuringExecution"],
};

/** `PluginConfiguration` (`spec.plugins[]`, `spec.externalClusters[].plugin`). */
const PLUGIN: ContractNode = {
  type: "object",
  fields: { name: { type: "string" }, isWALArchiver: { type: "boolean" }, parameters: STRING_MAP },
  others: ["enabled"],
  required: ["name"],
};

/** `EmbeddedObjectMetadata` (`spec.inheritedMetadata`, `spec.serviceAccountTemplate.metadata`). */
const EMBEDDED_METADATA: ContractNode = { type: "object", fields: { labels: STRING_MAP, annotations: STRING_MAP } };

/**
 * `Import` (`spec.bootstrap.initdb.import`): `type`, `databases` and `source` required, `type` an
 * enum; the webhook's `validateImport` / `validateMicroservice` (one database, no roles, no wildcard).
 */
const IMPORT: ContractNode = {
  type: "object",
  fields: {
    type: { type: "string", enum: ["microservice", "monolith"] },
    databases: { type: "array", items: { type: "string" } },
    source: {
      type: "object",
      fields: { externalCluster: { type: "string" } },
      required: ["externalCluster"],
    },
  },
  others: [
    "pgDumpExtraOptions",
    "pgRestoreDataOptions",
    "pgRestoreExtraOptions",
    "pgRestorePostdataOptions",
    "pgRestorePredataOptions",
    "postImportApplicationSQL",
    "roles",
    "schemaOnly",
  ],
  required: ["databases", "source", "type"],
  rules: [
    {
      rule: "webhook validateMicroservice",
      message: "You need to specify a single database for the `microservice` import type",
      broken: (self) => self["type"] === "microservice" && (self["databases"] as unknown[] | undefined)?.length !== 1,
    },
    {
      rule: "webhook validateMicroservice",
      message: "You cannot specify any wildcard for the `microservice` import type",
      broken: (self) =>
        self["type"] === "microservice" && ((self["databases"] ?? []) as string[]).some((d) => d.includes("*")),
    },
    {
      rule: "webhook validateMicroservice",
      message: "You cannot specify roles to import for the `microservice` import type",
      broken: (self) => self["type"] === "microservice" && ((self["roles"] ?? []) as unknown[]).length > 0,
    },
  ],
};

/** The `ClusterSpec` fields the CRD has besides those rendered. */
const OTHER_CLUSTER_FIELDS = [
  "certificates",
  "description",
  "enableSuperuserAccess",
  "env",
  "envFrom",
  "ephemeralVolumeSource",
  "ephemeralVolumesSizeLimit",
  "failoverDelay",
  "imageCatalogRef",
  "imagePullPolicy",
  "imagePullSecrets",
  "livenessProbeTimeout",
  "logLevel",
  "managed",
  "maxSyncReplicas",
  "minSyncReplicas",
  "monitoring",
  "nodeMaintenanceWindow",
  "podSecurityContext",
  "podSelectorRefs",
  "postgresGID",
  "postgresUID",
  "postgresql",
  "primaryLease",
  "primaryUpdateMethod",
  "primaryUpdateStrategy",
  "priorityClassName",
  "probes",
  "projectedVolumeTemplate",
  "replica",
  "replicationSlots",
  "schedulerName",
  "seccompProfile",
  "securityContext",
  "serviceAccountName",
  "smartShutdownTimeout",
  "startDelay",
  "stopDelay",
  "superuserSecret",
  "switchoverDelay",
  "tablespaces",
  "topologySpreadConstraints",
] as const;

/** `ClusterSpec`: the fields rendered, the CRD's CEL rule on them and the webhook's checks. */
const CLUSTER_SPEC: ContractNode = {
  type: "object",
  fields: {
    instances: { type: "integer", minimum: 1 },
    imageName: { type: "string" },
    storage: STORAGE,
    walStorage: STORAGE,
    affinity: {
      type: "object",
      fields: {
        enablePodAntiAffinity: { type: "boolean" },
        topologyKey: { type: "string" },
        // A plain string in the CRD; the webhook's validateAntiAffinity allows these two.
        podAntiAffinityType: { type: "string", enum: ["preferred", "required"] },
        additionalPodAntiAffinity: POD_ANTI_AFFINITY,
      },
      others: ["additionalPodAffinity", "nodeAffinity", "nodeSelector", "tolerations"],
    },
    enablePDB: { type: "boolean" },
    bootstrap: {
      type: "object",
      fields: {
        initdb: {
          type: "object",
          fields: { database: { type: "string" }, owner: { type: "string" }, import: IMPORT },
          // (Its CEL rules concern the locale fields, which are not rendered.)
          others: [
            "builtinLocale",
            "dataChecksums",
            "encoding",
            "icuLocale",
            "icuRules",
            "locale",
            "localeCType",
            "localeCollate",
            "localeProvider",
            "options",
            "postInitApplicationSQL",
            "postInitApplicationSQLRefs",
            "postInitSQL",
            "postInitSQLRefs",
            "postInitTemplateSQL",
            "postInitTemplateSQLRefs",
            "secret",
            "walSegmentSize",
          ],
        },
        recovery: {
          type: "object",
          fields: {
            source: { type: "string" },
            database: { type: "string" },
            owner: { type: "string" },
            recoveryTarget: {
              type: "object",
              fields: { targetTime: { type: "string" } },
              others: ["backupID", "exclusive", "targetImmediate", "targetLSN", "targetName", "targetTLI", "targetXID"],
            },
          },
          others: ["backup", "secret", "volumeSnapshots"],
        },
      },
      others: ["pg_basebackup"],
      rules: [
        {
          rule: "webhook validateBootstrapMethod",
          message: "Only one bootstrap method can be specified at a time",
          broken: (self) => ["initdb", "recovery", "pg_basebackup"].filter((m) => has(self, m)).length > 1,
        },
      ],
    },
    resources: {
      type: "object",
      fields: {
        limits: { type: "object", values: { type: "int-or-string", pattern: QUANTITY } },
        requests: { type: "object", values: { type: "int-or-string", pattern: QUANTITY } },
      },
      others: ["claims"],
    },
    plugins: { type: "array", items: PLUGIN },
    externalClusters: {
      type: "array",
      items: {
        type: "object",
        fields: {
          name: { type: "string" },
          plugin: PLUGIN,
          connectionParameters: STRING_MAP,
          // core/v1 SecretKeySelector as the CRD embeds it.
          password: {
            type: "object",
            fields: { name: { type: "string" }, key: { type: "string" } },
            others: ["optional"],
            required: ["key"],
          },
        },
        others: ["barmanObjectStore", "sslCert", "sslKey", "sslRootCert"],
        required: ["name"],
        rules: [
          {
            rule: "webhook validateExternalCluster",
            message: "one of connectionParameters, plugin and barmanObjectStore is required",
            broken: (self) => !["connectionParameters", "plugin", "barmanObjectStore"].some((k) => has(self, k)),
          },
        ],
      },
    },
    backup: {
      type: "object",
      fields: {
        volumeSnapshot: {
          type: "object",
          fields: { className: { type: "string" } },
          others: [
            "annotations",
            "labels",
            "online",
            "onlineConfiguration",
            "snapshotOwnerReference",
            "tablespaceClassName",
            "walClassName",
          ],
        },
      },
      others: ["barmanObjectStore", "retentionPolicy", "target"],
    },
    serviceAccountTemplate: {
      type: "object",
      fields: { metadata: { ...EMBEDDED_METADATA, others: ["name"] } },
      required: ["metadata"],
    },
    inheritedMetadata: EMBEDDED_METADATA,
  },
  others: OTHER_CLUSTER_FIELDS,
  required: ["instances"],
  rules: [
    {
      rule: "CEL !(has(self.imageCatalogRef) && has(self.imageName))",
      message: "imageName and imageCatalogRef are mutually exclusive",
      broken: (self) => has(self, "imageCatalogRef") && has(self, "imageName"),
    },
    {
      rule: "webhook validateBootstrapRecoverySource",
      message: "External cluster <source> not found",
      broken: (self) => {
        const source = (self["bootstrap"] as { recovery?: { source?: string } } | undefined)?.recovery?.source;
        const external = (self["externalClusters"] ?? []) as { name?: string }[];
        return source !== undefined && source !== "" && !external.some((e) => e.name === source);
      },
    },
    {
      rule: "webhook validateExternalClusters",
      message: "the list of external clusters contains duplicate values",
      broken: (self) => {
        const names = ((self["externalClusters"] ?? []) as { name?: string }[]).map((e) => e.name);
        return new Set(names).size !== names.length;
      },
    },
    {
      // Not admission: the import job fails (pkg/management/postgres/initdb.go getConnectionPoolerForExternalCluster).
      rule: "instance manager getConnectionPoolerForExternalCluster",
      message: "missing external cluster",
      broken: (self) => {
        const bootstrap = self["bootstrap"] as { initdb?: { import?: { source?: { externalCluster?: string } } } };
        const source = bootstrap?.initdb?.import?.source?.externalCluster;
        const external = (self["externalClusters"] ?? []) as { name?: string }[];
        return source !== undefined && !external.some((e) => e.name === source);
      },
    },
    {
      rule: "webhook validatePluginConfiguration",
      message: "Cannot enable more than one WAL archiver plugin",
      broken: (self) =>
        ((self["plugins"] ?? []) as { isWALArchiver?: boolean; enabled?: boolean }[]).filter(
          (p) => p.isWALArchiver === true && p.enabled !== false,
        ).length > 1,
    },
  ],
};

/** `postgresql.cnpg.io/v1` `Cluster` at cloudnative-pg v1.30.0. */
export const CLUSTER_CONTRACT: ObjectContract = {
  source: "cloudnative-pg/cloudnative-pg@v1.30.0:config/crd/bases/postgresql.cnpg.io_clusters.yaml",
  apiVersion: "postgresql.cnpg.io/v1",
  kind: "Cluster",
  schema: customResource(CLUSTER_SPEC, {
    type: "object",
    open: true,
    // The webhook's validateName: a DNS-1035 label of at most 50 characters.
    fields: { name: { type: "string", pattern: DNS_1035_LABEL, maxLength: 50 } },
  }),
};
