/**
 * A database entry's `import: { workload, database? }`: the connection read from the PostgreSQL
 * workload's own spec (the official image's defaults), refused at the stack key with a fix when the
 * workload is unknown, not PostgreSQL, has no readable password, or the entry also recovers; and
 * the Cluster waits for the workload.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import { Platform, type PlatformArgs } from "../components/index.ts";
import { workloadImport, type ImportableWorkload } from "../components/databaseImport.ts";
import { record } from "../tools/recorder/record.ts";
import { EXISTING_CLUSTER_STACK, problemsOf } from "./support/config.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";
import { propertyRuns } from "./support/properties.ts";

const POSTGRES = {
  name: "orders",
  image: "postgres:17.2-alpine",
  port: 5432,
  storageClass: "standard",
  storageSize: "8Gi",
  secretEnv: { POSTGRES_PASSWORD: { generate: true } },
};
const REDIS = { name: "cache", image: "redis:7.4.2-alpine", port: 6379, storageClass: "standard", storageSize: "1Gi" };
const ENTRY = { name: "orders-pg", storageClass: "standard", import: { workload: "orders" } };
const STACK = { ...EXISTING_CLUSTER_STACK, workloads: [POSTGRES, REDIS], databases: [ENTRY] };

/** The message of the configuration error of `raw`. */
function errorOf(raw: Record<string, unknown>): string {
  try {
    validateStackConfig(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail("accepted");
}

describe("databases[].import", () => {
  it("maps onto the Platform's databases argument and resolves the workload's Service, port, user, database and Secret", () => {
    const args = toPlatformArgs(validateStackConfig(STACK));
    assert.deepEqual(args.databases, [ENTRY]);
    assert.deepEqual(workloadImport(ENTRY.import, args.workloads ?? []), {
      host: "orders",
      port: 5432,
      user: "postgres",
      database: "postgres",
      password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
      sourceImage: "postgres:17.2-alpine",
    });
  });

  it("table: POSTGRES_USER and POSTGRES_DB, import.database, appName, renamedFrom and an existing Secret", () => {
    const base: ImportableWorkload = { name: "orders", image: "postgres:16.4", port: 6543 };
    const cases: [Partial<ImportableWorkload>, string | undefined, Record<string, unknown>][] = [
      [{ secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, undefined, { host: "orders", user: "postgres", database: "postgres", password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" } }], // prettier-ignore
      [{ env: { POSTGRES_USER: "shop" }, secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, undefined, { user: "shop", database: "shop" }], // prettier-ignore
      [{ env: { POSTGRES_USER: "shop", POSTGRES_DB: "sales" }, secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, undefined, { user: "shop", database: "sales" }], // prettier-ignore
      [{ env: { POSTGRES_DB: "sales" }, secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, "ledger", { user: "postgres", database: "ledger" }], // prettier-ignore
      [{ appName: "db", secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, undefined, { host: "db", password: { name: "db-secrets", key: "POSTGRES_PASSWORD" } }], // prettier-ignore
      [{ renamedFrom: "old", secretEnv: { POSTGRES_PASSWORD: { generate: true } } }, undefined, { host: "old", password: { name: "old-secrets", key: "POSTGRES_PASSWORD" } }], // prettier-ignore
      [{ secretEnv: { POSTGRES_PASSWORD: { secretName: "pg-admin", key: "pw" } } }, undefined, { password: { name: "pg-admin", key: "pw" } }], // prettier-ignore
    ];
    assert.equal(cases.length, 7);
    for (const [change, database, expected] of cases) {
      const resolved = workloadImport({ workload: "orders", ...(database ? { database } : {}) }, [
        { ...base, ...change },
      ]) as unknown as Record<string, unknown>;
      assert.ok(resolved, JSON.stringify(change));
      assert.equal(resolved["port"], 6543);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(resolved[key], value, `${JSON.stringify(change)}: ${key}`); // prettier-ignore
    }
  });

  it("refuses an unknown workload, a workload that is not PostgreSQL, one without a readable password, import with recovery — at the key, with a fix", () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ import: { workload: "ordres" } }, "import.workload", /PostgreSQL workloads: "orders"/],
      [
        { import: { workload: "cache" } },
        "import.workload",
        /runs "redis:7.4.2-alpine", not the official PostgreSQL image/,
      ],
      [
        { recovery: { from: "other" } },
        "import",
        /cannot be combined with recovery.*give recovery or import, not both$/,
      ],
    ];
    for (const [change, key, message] of cases) {
      const other = {
        name: "other",
        storageClass: "standard",
        backup: { enabled: true, destinationPath: "s3://pg-backups" },
      };
      const raw = { ...STACK, databases: [other, { ...ENTRY, ...change }] };
      const problems = problemsOf(raw);
      assert.deepEqual(
        problems.map((p) => p.key),
        [`stateful-stack:databases[1].${key}`],
        JSON.stringify(change),
      );
      assert.match(problems[0]!.message, message);
      assert.match(errorOf(raw), /pulumi config (set|rm) --path 'databases\[1\]\.import/);
    }
    const noPassword = { ...STACK, workloads: [{ ...POSTGRES, secretEnv: undefined, env: { POSTGRES_PASSWORD_FILE: "/run/secrets/pw" } }] }; // prettier-ignore
    const problems = problemsOf(noPassword);
    assert.deepEqual(
      problems.map((p) => p.key),
      ["stateful-stack:databases[0].import.workload"],
    );
    assert.match(problems[0]!.message, /has no secretEnv\.POSTGRES_PASSWORD the import can read .*give the workload secretEnv\.POSTGRES_PASSWORD/); // prettier-ignore
  });

  it("refuses a source newer than the database's image at image", () => {
    const raw = { ...STACK, databases: [{ ...ENTRY, image: "ghcr.io/cloudnative-pg/postgresql:16.10-system-trixie" }] };
    const problems = problemsOf(raw);
    assert.deepEqual(
      problems.map((p) => p.key),
      ["stateful-stack:databases[0].image"],
    );
    assert.match(problems[0]!.message, /runs PostgreSQL 16, older than the import's source \(postgres:17\.2-alpine/);
  });

  it("property: a workload name the stack does not have is refused at import.workload", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((n) => n !== "orders" && n !== "cache");
    fc.assert(
      fc.property(name, (workload) => {
        const problems = problemsOf({ ...STACK, databases: [{ ...ENTRY, import: { workload } }] });
        assert.deepEqual(
          problems.map((p) => p.key),
          ["stateful-stack:databases[0].import.workload"],
        );
      }),
      { numRuns: propertyRuns(30) },
    );
  });

  it("the Cluster renders the import and waits for the workload's StatefulSet, Service and Secret", async () => {
    const args: PlatformArgs = toPlatformArgs(validateStackConfig(STACK));
    const recording = await record(() => void new Platform("p", args), { project: "proj", stack: "test" });
    const clusters = ofType(recording, "kubernetes:postgresql.cnpg.io/v1:Cluster");
    assert.equal(clusters.length, 1);
    const cluster = clusters[0]!;
    assert.deepEqual(input(cluster, "spec.externalClusters"), [
      {
        name: "import-source",
        connectionParameters: { host: "orders", port: "5432", user: "postgres", dbname: "postgres" },
        password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
      },
    ]);
    const deps = transitiveDependencies(recording, cluster);
    const waited: [string, string][] = [
      ["p-orders", "kubernetes:apps/v1:StatefulSet"],
      ["p-orders-client", "kubernetes:core/v1:Service"],
      ["p-orders-secrets", "kubernetes:core/v1:Secret"],
    ];
    for (const [child, type] of waited)
      assert.ok(deps.has(named(recording, child, type).urn), `the Cluster waits for ${child}`);
    const cache = named(recording, "p-cache", "kubernetes:apps/v1:StatefulSet");
    assert.ok(!deps.has(cache.urn), "and not for the other workload");
  });
});
