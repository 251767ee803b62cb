/**
 * A PostgresCluster's `import`: one database of a running server imported into the application
 * database at creation, refused with recovery, for a source newer than the cluster's image, and for
 * connection values CloudNativePG or libpq cannot use.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { CNPG_POSTGRES_IMAGE } from "../components/operators/versions.ts";
import {
  postgresClusterProblems,
  postgresClusterSpec,
  postgresMajorVersion,
  type PostgresClusterCheckArgs,
  type PostgresImport,
} from "../components/index.ts";

const SOURCE: PostgresImport = {
  host: "orders",
  user: "postgres",
  database: "postgres",
  password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
};
const VALID: PostgresClusterCheckArgs = { clusterName: "orders-pg", storageClass: "managed-csi", import: SOURCE };

/** The problems of `args` as `path: message`. */
function found(args: PostgresClusterCheckArgs): string[] {
  return postgresClusterProblems(args).map((p) => `${p.path.map(String).join(".")}: ${p.message}`);
}

describe("PostgresCluster import", () => {
  it("renders an initdb import of the one database into the app database, through external cluster import-source", () => {
    assert.deepEqual(found(VALID), []);
    const spec = postgresClusterSpec({
      ...VALID,
      database: "orders",
      owner: "orders",
      import: { ...SOURCE, port: 6432, sslMode: "require" },
    });
    assert.deepEqual(spec.bootstrap, {
      initdb: {
        database: "orders",
        owner: "orders",
        import: { type: "microservice", databases: ["postgres"], source: { externalCluster: "import-source" } },
      },
    });
    assert.deepEqual(spec.externalClusters, [
      {
        name: "import-source",
        connectionParameters: {
          host: "orders",
          port: "6432",
          user: "postgres",
          dbname: "postgres",
          sslmode: "require",
        },
        password: { name: "orders-secrets", key: "POSTGRES_PASSWORD" },
      },
    ]);
  });

  it("refuses import with recovery, at import, with the fix", () => {
    const problems = found({ ...VALID, recovery: { objectStoreName: "old-backups", serverName: "old" } });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^import: cannot be combined with recovery: .*, not both$/);
  });

  it("table: refuses each bad connection value at its path", () => {
    const cases: [Partial<PostgresImport>, string][] = [
      [{ host: "Orders DB" }, "import.host"],
      [{ host: "" }, "import.host"],
      [{ port: 0 }, "import.port"],
      [{ port: 65536 }, "import.port"],
      [{ port: 5432.5 }, "import.port"],
      [{ user: "" }, "import.user"],
      [{ user: "post gres" }, "import.user"],
      [{ database: "*" }, "import.database"],
      [{ database: "a'b" }, "import.database"],
      [{ password: { name: "Orders_Secrets", key: "POSTGRES_PASSWORD" } }, "import.password.name"],
      [{ password: { name: "orders-secrets", key: "a/b" } }, "import.password.key"],
      [{ sslMode: "on" }, "import.sslMode"],
    ];
    assert.equal(cases.length, 12);
    for (const [change, path] of cases) {
      const problems = found({ ...VALID, import: { ...SOURCE, ...change } });
      assert.equal(problems.length, 1, `${JSON.stringify(change)}: ${problems.join("\n")}`);
      assert.ok(problems[0]!.startsWith(`${path}: `), problems[0]);
    }
  });

  it("reads the major of official and CloudNativePG tags, none from a digest or a date", () => {
    assert.equal(postgresMajorVersion("postgres:17.2-alpine"), 17);
    assert.equal(postgresMajorVersion(CNPG_POSTGRES_IMAGE), 18);
    assert.equal(postgresMajorVersion("ghcr.io/cloudnative-pg/postgresql:16.10-system-trixie"), 16);
    assert.equal(postgresMajorVersion(`postgres@sha256:${"a".repeat(64)}`), undefined);
    assert.equal(postgresMajorVersion("postgres:20241201"), undefined);
  });

  it("property: a source major newer than the cluster's image is refused at image, older or equal accepted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 40 }), fc.integer({ min: 9, max: 40 }), fc.nat(20), (from, to, minor) => {
        const args: PostgresClusterCheckArgs = {
          ...VALID,
          image: `ghcr.io/cloudnative-pg/postgresql:${to}.${minor}-system-trixie`,
          import: { ...SOURCE, sourceImage: `postgres:${from}.${minor}-alpine` },
        };
        const problems = found(args);
        if (from > to) {
          assert.equal(problems.length, 1);
          assert.match(problems[0]!, new RegExp(`^image: runs PostgreSQL ${to}, older than .*PostgreSQL ${from}\\)`));
        } else assert.deepEqual(problems, []);
      }),
    );
    // The default image is the destination when none is given.
    assert.equal(found({ ...VALID, import: { ...SOURCE, sourceImage: "postgres:19.1" } }).length, 1);
    assert.deepEqual(found({ ...VALID, import: { ...SOURCE, sourceImage: "postgres:17.2-alpine" } }), []);
  });

  it("property: a database name with a wildcard is refused (microservice imports exactly one database)", () => {
    const withStar = fc
      .tuple(fc.stringMatching(/^[a-z]{0,5}$/), fc.stringMatching(/^[a-z]{0,5}$/))
      .map(([a, b]) => `${a}*${b}`);
    fc.assert(
      fc.property(withStar, (database) => {
        assert.deepEqual(
          postgresClusterProblems({ ...VALID, import: { ...SOURCE, database } }).map((p) => p.path.join(".")),
          ["import.database"],
        );
      }),
    );
  });
});
