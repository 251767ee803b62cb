/**
 * The rules of a {@link PostgresCluster}'s `import` (part of `postgresClusterProblems`): what
 * CloudNativePG accepts of a `microservice` import and a source whose dump the cluster's `pg_dump`
 * can read.
 */
import { CNPG_POSTGRES_IMAGE } from "../operators/versions.ts";
import { problem, type Problem } from "../problems.ts";
import { dnsSubdomainProblems, wholeNumberProblems } from "../rules.ts";
import { parseImageReference } from "../workloads/images.ts";
import type { PostgresClusterCheckArgs } from "./postgresClusterArgs.ts";

/** libpq's `sslmode` values (PostgreSQL docs, "Connection Parameters"). */
export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
/** An IPv4 address. */
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** A PostgreSQL user or database name as a connection parameter: no blank, quote or backslash, at most 63. */
const PG_NAME = /^[^\s'"\\]{1,63}$/;
/** A Secret key name. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
/** A release tag's major: `17.2-alpine` → 17, `18.4-system-trixie` → 18, `17` → 17 (not a date). */
const MAJOR_TAG = /^v?(\d{1,2})(?:\.\d+)*(?:[-_].*)?$/;

/** The PostgreSQL major version an image's tag names, when it names one (not with a digest alone). */
export function postgresMajorVersion(image: string): number | undefined {
  const parsed = parseImageReference(image);
  if (typeof parsed === "string" || parsed.tag === undefined) return undefined;
  const match = MAJOR_TAG.exec(parsed.tag);
  return match ? Number(match[1]) : undefined;
}

/**
 * The rules of `import`: not with `recovery` (both are bootstrap methods and CloudNativePG takes
 * one, cloudnative-pg/cloudnative-pg@v1.30.0:internal/webhook/v1/cluster_webhook.go
 * `validateBootstrapMethod`; the import lives under `initdb`), exactly one database without a
 * wildcard (`validateMicroservice`), a host, port, user and Secret key a connection can use, a
 * libpq `sslmode`; and a source major no newer than the cluster's image, since the import runs the
 * cluster's `pg_dump`, which "must be a supported one, and equal or greater than the source one"
 * (docs/src/database_import.md at the same tag), when both images name their major.
 */
export function postgresImportProblems(args: PostgresClusterCheckArgs): Problem[] {
  const source = args.import;
  if (source === undefined) return [];
  if (source === null || typeof source !== "object")
    return [problem(["import"], source, "expected { host, user, database, password: { name, key } }")];
  const problems: Problem[] = [];
  if (args.recovery !== undefined)
    problems.push(
      problem(
        ["import"],
        source,
        "cannot be combined with recovery: a new cluster starts from another database's backups or from an import (CloudNativePG takes one bootstrap method): give recovery or import, not both",
      ),
    );
  if (
    typeof source.host !== "string" ||
    (!IPV4.test(source.host) && dnsSubdomainProblems([], source.host, "").length > 0)
  )
    problems.push(
      problem(
        ["import", "host"],
        source.host,
        'expected a host name or IPv4 address of the source server, e.g. "orders"',
      ),
    );
  problems.push(...wholeNumberProblems(["import", "port"], source.port ?? 5432, 1, 65535, "port of the source server"));
  for (const key of ["user", "database"] as const)
    if (typeof source[key] !== "string" || !PG_NAME.test(source[key]) || source[key].includes("*"))
      problems.push(
        problem(
          ["import", key],
          source[key],
          `expected one PostgreSQL ${key === "user" ? "user" : "database"} name of the source (no blank, quote, backslash or "*"), e.g. "postgres"`,
        ),
      );
  const password = source.password as { name?: unknown; key?: unknown } | undefined;
  problems.push(...dnsSubdomainProblems(["import", "password", "name"], password?.name, "Secret name"));
  if (typeof password?.key !== "string" || !SECRET_KEY.test(password.key))
    problems.push(
      problem(["import", "password", "key"], password?.key, 'expected a Secret key: letters, digits, "-", "_" and "."'),
    );
  if (source.sslMode !== undefined && !(SSL_MODES as readonly unknown[]).includes(source.sslMode))
    problems.push(problem(["import", "sslMode"], source.sslMode, `expected one of ${SSL_MODES.join(", ")}`));
  const image = args.image ?? CNPG_POSTGRES_IMAGE;
  const from = typeof source.sourceImage === "string" ? postgresMajorVersion(source.sourceImage) : undefined;
  const to = typeof image === "string" ? postgresMajorVersion(image) : undefined;
  if (from !== undefined && to !== undefined && from > to)
    problems.push(
      problem(
        ["image"],
        image,
        `runs PostgreSQL ${to}, older than the import's source (${source.sourceImage}, PostgreSQL ${from}): the import runs this image's pg_dump, which must be at least the source's major; set image to a PostgreSQL ${from} or newer image pinned by full version`,
      ),
    );
  return problems;
}
