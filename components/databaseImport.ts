/**
 * A database entry's `import`: the PostgreSQL workload of the same platform whose data the new
 * CloudNativePG cluster imports at creation. The connection is read from the workload's own spec,
 * as the official image's entrypoint sets the server up
 * (docker-library/postgres@6edb0a8c4def40c371514b34aef9037ec82d9110:17/alpine3.22/docker-entrypoint.sh):
 * `POSTGRES_USER` defaults to `postgres` and `POSTGRES_DB` to `$POSTGRES_USER` (`docker_setup_env`),
 * and `pg_hba.conf` ends with `host all all all scram-sha-256` (`pg_setup_hba_conf`, the
 * `password_encryption` default), so the superuser can connect over the network with its password.
 */
import { problem, type Problem } from "./problems.ts";
import type { PostgresImport } from "./stateful/postgresClusterArgs.ts";
import { imageRepository, IMAGE_REQUIREMENTS } from "./workloads/images.ts";
import { generatedSecretName } from "./workloads/secrets.ts";
import type { StatefulWorkloadSpec } from "./workloads/spec.ts";

/** Where a database entry's data comes from: a PostgreSQL workload of the same stack. */
export interface PlatformDatabaseImport {
  /** Name of the workload (running the official `postgres` image) whose database is imported. */
  workload: string;
  /**
   * The workload's database to import.
   * @default its `POSTGRES_DB`, else its `POSTGRES_USER`, else "postgres" (the image's defaults)
   */
  database?: string;
}

/** What an import reads of a workload: its name, objects' name, image, port and environment. */
export interface ImportableWorkload extends Pick<
  StatefulWorkloadSpec,
  "image" | "port" | "env" | "secretEnv" | "appName"
> {
  /** Name of the workload in the stack. */
  name: string;
  /** Its previous name, which its objects keep. */
  renamedFrom?: string;
}

/** Whether a workload runs the official PostgreSQL image (its family in `IMAGE_REQUIREMENTS`). */
function runsPostgres(workload: ImportableWorkload): boolean {
  return (
    typeof workload.image === "string" &&
    (IMAGE_REQUIREMENTS["postgres"]?.repositories ?? []).includes(imageRepository(workload.image))
  );
}

/** The name of a workload's objects (its Service among them), as the platform gives it. */
function appNameOf(workload: ImportableWorkload): string {
  return workload.appName ?? workload.renamedFrom ?? workload.name;
}

/**
 * The connection to a workload's server: host its client Service (same namespace), its `port`, user
 * `POSTGRES_USER` or "postgres", database `database` or `POSTGRES_DB` or the user, password from
 * the Secret its `POSTGRES_PASSWORD` is read from (generated: `<appName>-secrets`). Undefined
 * when the workload cannot be read ({@link databaseImportProblems} says why).
 */
export function workloadImport(
  spec: PlatformDatabaseImport,
  workloads: readonly ImportableWorkload[],
): PostgresImport | undefined {
  const workload = workloads.find((w) => w.name === spec.workload);
  if (workload === undefined || databaseImportProblems({ import: spec }, workloads).length > 0) return undefined;
  const env = workload.env ?? {};
  const source = workload.secretEnv?.["POSTGRES_PASSWORD"] ?? {};
  const appName = appNameOf(workload);
  const user = env["POSTGRES_USER"] ?? "postgres";
  return {
    host: appName,
    port: workload.port,
    user,
    database: spec.database ?? env["POSTGRES_DB"] ?? user,
    password:
      source.generate === true
        ? { name: generatedSecretName(appName), key: "POSTGRES_PASSWORD" }
        : { name: source.secretName ?? "", key: source.key ?? "" },
    sourceImage: workload.image,
  };
}

/**
 * The import the cluster's check sees: the workload's, or a readable stand-in when the workload
 * cannot be read (its own problem), so the cluster's rules on `import` (not with `recovery`) still apply.
 */
export function checkedImport(spec: PlatformDatabaseImport, workloads: readonly ImportableWorkload[]): PostgresImport {
  return (
    workloadImport(spec, workloads) ?? {
      host: "source",
      user: "postgres",
      database: "postgres",
      password: { name: "source", key: "POSTGRES_PASSWORD" },
    }
  );
}

/**
 * The rules of an entry's `import` (paths relative to the entry): a workload of the platform, running
 * the official PostgreSQL image, with a `POSTGRES_PASSWORD` the import can read (from `secretEnv`:
 * a generated one or a key of an existing Secret), a user and database it can name, and no
 * `recovery` beside it (reported by the cluster's own check, at `import`).
 */
export function databaseImportProblems(
  db: { import?: PlatformDatabaseImport },
  workloads: readonly ImportableWorkload[],
): Problem[] {
  const spec = db.import;
  if (spec === undefined) return [];
  const name = spec.workload;
  const postgres = workloads.filter(runsPostgres).map((w) => `"${w.name}"`);
  const known = postgres.length > 0 ? postgres.join(", ") : "none";
  const workload = workloads.find((w) => w.name === name);
  if (workload === undefined)
    return [
      problem(
        ["import", "workload"],
        name,
        `expected the name of a workload of this stack running the official PostgreSQL image (PostgreSQL workloads: ${known})`,
      ),
    ];
  if (!runsPostgres(workload))
    return [
      problem(
        ["import", "workload"],
        name,
        `runs "${workload.image}", not the official PostgreSQL image ("postgres:<version>"), so the import cannot know its user, database and password; name a PostgreSQL workload (PostgreSQL workloads: ${known})`,
      ),
    ];
  const problems: Problem[] = [];
  const env = workload.env ?? {};
  const secretEnv = workload.secretEnv ?? {};
  const password = secretEnv["POSTGRES_PASSWORD"];
  if (password === undefined)
    problems.push(
      problem(
        ["import", "workload"],
        name,
        `has no secretEnv.POSTGRES_PASSWORD the import can read (${"POSTGRES_PASSWORD_FILE" in env ? "a password file is not readable from a Secret" : "it sets none"}); give the workload secretEnv.POSTGRES_PASSWORD (generate: true, or secretName and key) and apply that first`,
      ),
    );
  for (const variable of ["POSTGRES_USER", "POSTGRES_DB"] as const) {
    if (variable === "POSTGRES_DB" && spec.database !== undefined) continue;
    if (variable in secretEnv || `${variable}_FILE` in env || `${variable}_FILE` in secretEnv)
      problems.push(
        problem(
          ["import", "workload"],
          name,
          `sets ${variable} from a Secret or file, which the import cannot read as a connection parameter; set it in the workload's env${variable === "POSTGRES_DB" ? ", or give import.database" : ""}`,
        ),
      );
  }
  return problems;
}
