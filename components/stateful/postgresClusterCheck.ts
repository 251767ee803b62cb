/**
 * The one check of a {@link PostgresCluster}'s arguments, {@link postgresClusterProblems}, and the
 * upstream limits it enforces.
 */
import { problem, variantProblems, type Problem } from "../problems.ts";
import {
  DNS_1035_LABEL,
  dnsLabelProblems,
  dnsSubdomainProblems,
  quantityProblems,
  storageSizeProblems,
  wholeNumberProblems,
} from "../rules.ts";
import { imageReferenceProblems } from "../workloads/images.ts";
import { cronScheduleProblems } from "./cronSchedule.ts";
import { postgresImportProblems } from "./postgresImportCheck.ts";
import {
  PostgresSpread,
  type PostgresBackup,
  type PostgresClusterCheckArgs,
  type PostgresResources,
} from "./postgresClusterArgs.ts";

/**
 * Longest Cluster name CloudNativePG 1.30 accepts, which must also be a DNS-1035 label (it names
 * Services): cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/cluster_webhook.go `validateName`.
 */
export const MAX_CNPG_CLUSTER_NAME = 50;

/** The retention forms the ObjectStore CRD allows (`spec.retentionPolicy` pattern). */
const RETENTION = /^[1-9][0-9]*[dwm]$/;
/** PostgreSQL names this package creates: lowercase, so they need no quoting. */
const PG_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** RFC 3339 with an explicit zone. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const S3_PATH = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const AZURE_PATH = /^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9](\/.*)?$/;

/** The object store kind a destination path names, or none. */
export function backupProvider(destinationPath: unknown): "s3" | "azure" | undefined {
  if (typeof destinationPath !== "string") return undefined;
  return S3_PATH.test(destinationPath) ? "s3" : AZURE_PATH.test(destinationPath) ? "azure" : undefined;
}

function clusterNameProblems(name: unknown): Problem[] {
  if (typeof name === "string" && DNS_1035_LABEL.test(name) && name.length <= MAX_CNPG_CLUSTER_NAME) return [];
  return [
    problem(
      ["clusterName"],
      name,
      `must be a DNS-1035 label of at most ${MAX_CNPG_CLUSTER_NAME} characters (lowercase letters, digits and "-", starting with a letter), as CloudNativePG requires of a Cluster's name, e.g. "orders-db"`,
    ),
  ];
}

function identifierProblems(path: readonly PropertyKey[], value: unknown, what: string): Problem[] {
  if (typeof value === "string" && PG_IDENTIFIER.test(value) && value !== "postgres") return [];
  return [
    problem(
      path,
      value,
      `expected a PostgreSQL name of lowercase letters, digits and "_" (not starting with a digit, at most 63, not "postgres") for the ${what}, e.g. "app"`,
    ),
  ];
}

function backupProblems(backup: PostgresBackup | undefined): Problem[] {
  if (backup === undefined) return [];
  if (backup === null || typeof backup !== "object")
    return [
      problem(["backup"], backup, 'expected { destinationPath: "s3://…" or "https://….blob.core.windows.net/…" }'),
    ];
  const problems: Problem[] = [];
  const provider = backupProvider(backup.destinationPath);
  if (provider === undefined)
    problems.push(
      problem(
        ["backup", "destinationPath"],
        backup.destinationPath,
        'expected "s3://<bucket>[/<path>]" or "https://<account>.blob.core.windows.net/<container>[/<path>]"',
      ),
    );
  const credentials = backup.credentials ?? "inherit";
  if (credentials !== "inherit") {
    if (typeof credentials !== "object" || credentials === null)
      problems.push(
        problem(["backup", "credentials"], credentials, 'expected "inherit" or { secretName: "<Secret name>" }'),
      );
    else
      problems.push(
        ...dnsSubdomainProblems(["backup", "credentials", "secretName"], credentials.secretName, "Secret name"),
      );
  }
  if (backup.endpointURL !== undefined && (provider !== "s3" || !/^https?:\/\/[^\s/]+/.test(backup.endpointURL)))
    problems.push(
      problem(
        ["backup", "endpointURL"],
        backup.endpointURL,
        'applies only to an "s3://" destination and must be an http(s) URL such as "https://minio.example.com"; remove it for AWS S3 or Azure',
      ),
    );
  const retention = backup.retentionPolicy ?? "30d";
  if (typeof retention !== "string" || !RETENTION.test(retention))
    problems.push(
      problem(
        ["backup", "retentionPolicy"],
        retention,
        'expected a whole number of days, weeks or months such as "30d", "4w" or "6m"',
      ),
    );
  problems.push(...cronScheduleProblems(["backup", "schedule"], backup.schedule ?? "0 0 2 * * *"));
  if (backup.serverName !== undefined)
    problems.push(...dnsLabelProblems(["backup", "serverName"], backup.serverName, "folder of the backups"));
  return problems;
}

function recoveryProblems(args: PostgresClusterCheckArgs): Problem[] {
  const recovery = args.recovery;
  if (recovery === undefined) return [];
  const problems = [
    ...dnsSubdomainProblems(["recovery", "objectStoreName"], recovery.objectStoreName, "ObjectStore name"),
    ...dnsLabelProblems(["recovery", "serverName"], recovery.serverName, "the source's folder of backups"),
  ];
  if (
    recovery.targetTime !== undefined &&
    (typeof recovery.targetTime !== "string" || !RFC3339.test(recovery.targetTime))
  )
    problems.push(
      problem(
        ["recovery", "targetTime"],
        recovery.targetTime,
        'expected an RFC 3339 time with a zone such as "2026-11-30T14:00:00Z"',
      ),
    );
  // The plugin archives to <destinationPath>/<serverName> and reads the source from
  // <its destinationPath>/<its serverName>: the same serverName could write into the source's
  // archive (cloudnative-pg/plugin-barman-cloud@v0.13.0:internal/cnpgi/operator/config/config.go).
  const serverName = args.backup?.serverName ?? args.clusterName;
  if (args.backup !== undefined && serverName === recovery.serverName)
    problems.push(
      problem(
        ["backup", "serverName"],
        serverName,
        `archives under the serverName "${serverName}" the recovery reads from, so the new cluster could write into its source's archive; set backup.serverName to a new name, e.g. "${serverName}-2"`,
      ),
    );
  return problems;
}

function resourcesProblems(resources: PostgresResources | undefined): Problem[] {
  if (resources === undefined) return [];
  return (["requests", "limits"] as const).flatMap((kind) =>
    (["cpu", "memory"] as const).flatMap((resource) => {
      const value = resources[kind]?.[resource];
      return value === undefined ? [] : quantityProblems(["resources", kind, resource], value, resource);
    }),
  );
}

/**
 * The check of a {@link PostgresCluster}'s arguments (paths relative to them): names CloudNativePG
 * accepts, at least one instance, a pinned image, persistent storage, a backup destination the
 * plugin reads, a six-field schedule, a recovery that never archives into its own source, and an
 * import CloudNativePG can run (`postgresImportProblems`).
 */
export function postgresClusterProblems(args: PostgresClusterCheckArgs): Problem[] {
  const problems = clusterNameProblems(args.clusterName);
  problems.push(...wholeNumberProblems(["instances"], args.instances ?? 3, 1, 100, "PostgreSQL instances"));
  if (args.image !== undefined) problems.push(...imageReferenceProblems(["image"], args.image));
  problems.push(...dnsSubdomainProblems(["storageClass"], args.storageClass, "storage class of the data volumes"));
  problems.push(...storageSizeProblems(["storageSize"], args.storageSize ?? "10Gi", "10Gi"));
  if (args.walStorage !== undefined) {
    problems.push(...storageSizeProblems(["walStorage", "size"], args.walStorage.size, "5Gi"));
    if (args.walStorage.storageClass !== undefined)
      problems.push(
        ...dnsSubdomainProblems(
          ["walStorage", "storageClass"],
          args.walStorage.storageClass,
          "storage class of the WAL volumes",
        ),
      );
  }
  problems.push(...variantProblems(["spread"], args.spread, PostgresSpread));
  problems.push(...identifierProblems(["database"], args.database ?? "app", "application database"));
  problems.push(...identifierProblems(["owner"], args.owner ?? "app", "owner of the application database"));
  problems.push(...resourcesProblems(args.resources));
  problems.push(...backupProblems(args.backup));
  problems.push(...recoveryProblems(args));
  problems.push(...postgresImportProblems(args));
  if (args.snapshots !== undefined) {
    problems.push(
      ...dnsSubdomainProblems(["snapshots", "className"], args.snapshots.className, "VolumeSnapshotClass name"),
    );
    problems.push(...cronScheduleProblems(["snapshots", "schedule"], args.snapshots.schedule ?? "0 0 3 * * *"));
  }
  return problems;
}
