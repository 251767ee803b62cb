/**
 * How a {@link PostgresCluster}'s `import` is rendered: `bootstrap.initdb.import` of type
 * `microservice` and the external cluster it reads (cloudnative-pg/cloudnative-pg@v1.30.0:
 * api/v1/cluster_types.go `Import`, `ImportSource`, `ExternalCluster`; docs/src/database_import.md).
 */
import type { CnpgClusterSpec } from "./cnpgTypes.ts";
import type { PostgresImport } from "./postgresClusterArgs.ts";

/**
 * The external cluster an import reads from: another name than the recovery's `origin` (the
 * webhook's `validateExternalClusters` refuses duplicate names).
 */
export const IMPORT_SOURCE = "import-source";

/**
 * `bootstrap` and `externalClusters` of a cluster importing `source`'s one database into its
 * application database `database`, owned by `owner` (initdb creates both, then `pg_restore
 * --no-acl --no-owner` fills it).
 */
export function importBootstrap(
  source: PostgresImport,
  database: string,
  owner: string,
): Pick<CnpgClusterSpec, "bootstrap" | "externalClusters"> {
  return {
    bootstrap: {
      initdb: {
        database,
        owner,
        import: { type: "microservice", databases: [source.database], source: { externalCluster: IMPORT_SOURCE } },
      },
    },
    externalClusters: [
      {
        name: IMPORT_SOURCE,
        connectionParameters: {
          host: source.host,
          port: String(source.port ?? 5432),
          user: source.user,
          dbname: source.database,
          ...(source.sslMode === undefined ? {} : { sslmode: source.sslMode }),
        },
        password: { name: source.password.name, key: source.password.key },
      },
    ],
  };
}
