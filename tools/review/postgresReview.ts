/**
 * What the review says of a CloudNativePG `Cluster` beyond its data: where a new one's data comes
 * from (an import from a running server, or a recovery from another database's backups), and that
 * a later change to its bootstrap does nothing. CloudNativePG reads `spec.bootstrap` only when it
 * creates the cluster, and its webhook's checks of an update do not look at it
 * (cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/cluster_webhook.go `validateClusterChanges`:
 * image, configuration, storage, WAL storage, tablespaces, unix identifiers, replication slots, WAL
 * level, replica cluster).
 */
import { changed, valueAt, type Inputs, type UpdateRule } from "./updateContext.ts";

/** The Pulumi type of a CloudNativePG `Cluster`. */
export const CNPG_CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";

const WEBHOOK = "cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/cluster_webhook.go validateClusterChanges";

interface External {
  name?: unknown;
  connectionParameters?: Record<string, unknown>;
  plugin?: { parameters?: Record<string, unknown> };
}

/** A value as text in a description (a string as it is, anything else as JSON). */
function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The `spec.externalClusters` entry named `name`. */
function external(inputs: Inputs | undefined, name: unknown): External | undefined {
  const entries = valueAt(inputs, "spec.externalClusters");
  return Array.isArray(entries) ? (entries as External[]).find((e) => e.name === name) : undefined;
}

/**
 * Where a `Cluster`'s data comes from when it is created, in words: `imported from <host>/<db>`
 * (`bootstrap.initdb.import`), `restored from <source>'s backups[, up to <targetTime>]`
 * (`bootstrap.recovery` through the Barman Cloud plugin, the source's `serverName`), or undefined
 * for a new, empty database.
 */
export function clusterOrigin(inputs: Inputs | undefined): string | undefined {
  const imported = valueAt(inputs, "spec.bootstrap.initdb.import") as
    { databases?: unknown[]; source?: { externalCluster?: unknown } } | undefined;
  if (imported) {
    const from = external(inputs, imported.source?.externalCluster)?.connectionParameters ?? {};
    return `imported from ${text(from["host"] ?? "an external server")}/${text(imported.databases?.[0] ?? from["dbname"])}`;
  }
  const recovery = valueAt(inputs, "spec.bootstrap.recovery") as
    { source?: unknown; recoveryTarget?: { targetTime?: unknown } } | undefined;
  if (recovery) {
    const source = external(inputs, recovery.source);
    const name = source?.plugin?.parameters?.["serverName"] ?? source?.name ?? recovery.source;
    const until = recovery.recoveryTarget?.targetTime;
    return `restored from ${text(name)}'s backups${until === undefined ? "" : `, up to ${text(until)}`}`;
  }
  return undefined;
}

/** A Cluster's bootstrap or external clusters changed: read only at creation, so nothing happens to the data. */
export const clusterBootstrapRule: UpdateRule = (update) => {
  if (!changed(update, "spec.bootstrap") && !changed(update, "spec.externalClusters")) return [];
  const before = clusterOrigin(update.base);
  const after = clusterOrigin(update.head);
  const what =
    before !== undefined && after === undefined
      ? `the bootstrap (${before}) is removed`
      : after !== undefined && before !== after
        ? `a bootstrap (${after}) is added to a cluster that exists: it is never run, the data is NOT ${after.split(" ")[0]}`
        : "spec.bootstrap or spec.externalClusters change";
  return [
    {
      verdict: "safe",
      reason: `${what}; CloudNativePG reads the bootstrap only when it creates the cluster, and does not check it on update, so the running database is unchanged`,
      source: WEBHOOK,
      ...(after !== undefined && before !== after
        ? { advice: "to start from that data, add a new database entry with it and move clients to it" }
        : {}),
    },
  ];
};
