/**
 * The `databases` stack key: a good entry maps onto the Platform's `databases` argument; a bad
 * value, generated for each key of an entry in each every-option configuration, is refused at its
 * key (`stateful-stack:databases[i]…`) with a `pulumi config` command that fixes it, before
 * anything is registered.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import { formatPath } from "../components/problems.ts";
import { EXISTING_CLUSTER_STACK, problemsOf } from "./support/config.ts";
import { EVERY_OPTION_CONFIGS, withValue, type ConfigPath } from "./support/everyOptionConfigs.ts";
import { propertyRuns } from "./support/properties.ts";

const S3_STORE = {
  enabled: true,
  destinationPath: "s3://pg-backups/orders",
  endpointURL: "http://minio.minio.svc:9000",
  credentials: { secretName: "minio-keys" },
};

const configs = EVERY_OPTION_CONFIGS;

type Path = ConfigPath;

/** Bad values of the keys of an entry, each from a generator. `recovering`: only an entry that has `recovery`. */
const BAD: { path: Path; value: fc.Arbitrary<unknown>; recovering?: boolean }[] = [
  { path: ["name"], value: fc.stringMatching(/^[a-z][a-z0-9]{50,60}$/) },
  { path: ["name"], value: fc.stringMatching(/^[A-Z0-9_][a-zA-Z0-9]{0,10}$/) },
  { path: ["instances"], value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101, max: 10_000 })) },
  { path: ["instances"], value: fc.double({ min: 1.01, max: 99.99, noNaN: true }).filter((n) => !Number.isInteger(n)) },
  { path: ["image"], value: fc.stringMatching(/^postgres(:latest)?$/) },
  { path: ["storageSize"], value: fc.integer({ min: 1, max: 999 }).map((n) => `${n}GB`) },
  { path: ["walStorage", "size"], value: fc.integer({ min: 1, max: 999 }).map(String) },
  { path: ["spread"], value: fc.string().filter((s) => !["required", "preferred"].includes(s)) },
  { path: ["database"], value: fc.stringMatching(/^[A-Z][A-Za-z]{0,10}$/) },
  { path: ["owner"], value: fc.constantFrom("postgres", "1app", "App") },
  { path: ["resources", "requests", "cpu"], value: fc.constantFrom("lots", "1 core", "-1") },
  { path: ["backup", "retentionPolicy"], value: fc.integer({ min: 1, max: 99 }).map((n) => `${n}y`) },
  { path: ["backup", "schedule"], value: fc.integer({ min: 0, max: 23 }).map((h) => `0 ${h} * * *`) },
  { path: ["snapshots", "schedule"], value: fc.integer({ min: 0, max: 23 }).map((h) => `0 ${h} * * *`) },
  { path: ["recovery", "targetTime"], value: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)), recovering: true }, // prettier-ignore
];

describe("databases stack key", () => {
  it("maps a good entry onto the Platform's databases argument, keys as arguments", () => {
    const entry = {
      name: "orders",
      instances: 3,
      image: "ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie",
      storageClass: "standard",
      storageSize: "20Gi",
      walStorage: { size: "5Gi" },
      spread: "required",
      database: "orders",
      owner: "orders",
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      backup: { ...S3_STORE, schedule: "0 0 1 * * *", retentionPolicy: "14d", serverName: "orders-v1" },
    };
    const copy = { name: "orders-copy", storageClass: "standard", recovery: { from: "orders", targetTime: "2026-11-30T14:00:00Z" } }; // prettier-ignore
    const config = validateStackConfig({ ...EXISTING_CLUSTER_STACK, databases: [entry, copy] });
    assert.deepEqual(toPlatformArgs(config).databases, [entry, copy]);
    assert.deepEqual(toPlatformArgs(validateStackConfig(EXISTING_CLUSTER_STACK)).databases, []);
  });

  it("every every-option configuration has databases, with backups and a recovery among them", () => {
    const entries = configs.flatMap((c) => (c.raw["databases"] as Record<string, unknown>[] | undefined) ?? []);
    assert.equal(configs.length, 3);
    assert.ok(
      configs.every((c) => Array.isArray(c.raw["databases"])),
      "each has databases",
    );
    assert.ok(
      entries.some((e) => e["recovery"] !== undefined),
      "one restores another",
    );
    assert.ok(entries.filter((e) => e["backup"] !== undefined).length >= 3);
  });

  it("refuses a generated bad value at its key, with the pulumi config command that fixes it", () => {
    assert.equal(BAD.length, 15);
    let checked = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (c, b, e) => {
        const config = configs[c % configs.length]!;
        const bad = BAD[b % BAD.length]!;
        const entries = config.raw["databases"] as Record<string, unknown>[];
        const candidates = entries.flatMap((entry, i) =>
          (bad.recovering ? entry["recovery"] !== undefined : entry["backup"] !== undefined) ? [i] : [],
        );
        fc.pre(candidates.length > 0);
        const index = candidates[e % candidates.length]!;
        return fc.assert(
          fc.property(bad.value, (value) => {
            const path = ["databases", index, ...bad.path];
            const raw = withValue(config.raw, path, value);
            let error: unknown;
            try {
              validateStackConfig(raw, undefined, config.provider, config.secretKeys);
            } catch (caught) {
              error = caught;
            }
            assert.ok(error instanceof ConfigError, `${config.name}: ${formatPath(path)} = ${JSON.stringify(value)} accepted`); // prettier-ignore
            const key = `stateful-stack:${formatPath(path)}`;
            assert.ok(
              error.problems.some((p) => p.key === key),
              `${config.name}: expected a problem at ${key}, got ${error.problems.map((p) => p.key).join(", ")}`,
            );
            assert.match(error.message, new RegExp(`pulumi config set --path '${formatPath(path).replace(/[[\].]/g, "\\$&")}'`)); // prettier-ignore
            checked++;
          }),
          { numRuns: propertyRuns(3) },
        );
      }),
      { numRuns: propertyRuns(60) },
    );
    assert.ok(checked >= 60, `checked ${checked} bad values`);
  });

  it("refuses backup keys where the cloud decides them, with a fix that removes them", () => {
    const eks = configs.find((c) => c.name === "prod-every-option-eks")!;
    for (const [key, value] of Object.entries(S3_STORE).filter(([k]) => k !== "enabled")) {
      const raw = withValue(eks.raw, ["databases", 0, "backup", key], value);
      assert.throws(
        () => validateStackConfig(raw, undefined, eks.provider, eks.secretKeys),
        (error: ConfigError) =>
          error.problems.some((p) => p.key === `stateful-stack:databases[0].backup.${key}`) &&
          error.message.includes(`pulumi config rm --path 'databases[0].backup.${key}'`),
      );
    }
    const access = withValue(eks.raw, ["databases", 0, "backup", "access"], "key");
    assert.throws(() => validateStackConfig(access, undefined, eks.provider, eks.secretKeys), /backup\.access/);
    const days = withValue(eks.raw, ["databases", 0, "backup", "retentionDays"], 400);
    assert.throws(() => validateStackConfig(days, undefined, eks.provider, eks.secretKeys), /databases\[0\]\.backup\.retentionDays = 400/); // prettier-ignore
  });

  it("refuses snapshots the stack cannot take and recoveries whose identity cannot read the source, at the key, with the fix", () => {
    const config = (name: string) => configs.find((c) => c.name === name)!;
    const cases: { stack: string; set: [Path, unknown][]; key: string; fix: RegExp; says: RegExp }[] = [
      { stack: "prod-every-option-eks", set: [[["databases", 0, "snapshots"], { className: "mine" }]], key: "databases[0].snapshots.className", fix: /pulumi config rm --path 'databases\[0\]\.snapshots\.className'/, says: /creates the VolumeSnapshotClass "ebs-snapshots"/ }, // prettier-ignore
      { stack: "prod-every-option-aks", set: [[["databases", 1, "snapshots"], {}]], key: "databases[1].storageClass", fix: /pulumi config set --path 'databases\[1\]\.storageClass'/, says: /"azure-disk-snapshots" snapshots only volumes of its CSI driver's class "azure-disk-data"/ }, // prettier-ignore
      { stack: "prod-every-option-eks", set: [[["databases", 0, "walStorage", "storageClass"], "efs-shared"], [["databases", 0, "snapshots"], {}]], key: "databases[0].walStorage.storageClass", fix: /config set --path 'databases\[0\]\.walStorage\.storageClass'/, says: /class "gp3"/ }, // prettier-ignore
      { stack: "every-option-existing", set: [[["databases", 0, "snapshots"], {}]], key: "databases[0].snapshots.className", fix: /config set --path 'databases\[0\]\.snapshots\.className'/, says: /no VolumeSnapshotClass on an existing cluster/ }, // prettier-ignore
      { stack: "every-option-existing", set: [[["databases", 1, "snapshots"], { className: "csi-snap" }]], key: "databases[1].backup.enabled", fix: /config set --path 'databases\[1\]\.backup\.enabled'/, says: /need the WAL archive/ }, // prettier-ignore
      { stack: "prod-every-option-eks", set: [[["databases", 1, "backup"], { enabled: false }]], key: "databases[1].backup.enabled", fix: /config set --path 'databases\[1\]\.backup\.enabled'/, says: /own IRSA role/ }, // prettier-ignore
      { stack: "prod-every-option-aks", set: [[["databases", 2], { name: "billing-copy", storageClass: "azure-disk-data", recovery: { from: "billing" } }]], key: "databases[2].backup.access", fix: /config set --path 'databases\[2\]\.backup\.access'/, says: /set backup\.access to "workloadIdentity"/ }, // prettier-ignore
      { stack: "prod-every-option-aks", set: [[["databases", 2], { name: "billing-copy", storageClass: "azure-disk-data", backup: { access: "key" }, recovery: { from: "billing" } }]], key: "databases[2].backup.access", fix: /config set --path 'databases\[2\]\.backup\.access'/, says: /workload identity/ }, // prettier-ignore
    ];
    assert.equal(cases.length, 8);
    for (const c of cases) {
      const stack = config(c.stack);
      const raw = c.set.reduce((r, [path, value]) => withValue(r, path, value), stack.raw);
      assert.throws(
        () => validateStackConfig(raw, undefined, stack.provider, stack.secretKeys),
        (error: ConfigError) => {
          const found = error.problems.find((p) => p.key === `stateful-stack:${c.key}`);
          assert.ok(found, `${c.stack}: expected ${c.key}, got ${error.problems.map((p) => p.key).join(", ")}`);
          assert.match(error.message, c.fix);
          assert.match(error.message, c.says);
          return true;
        },
      );
    }
    // The good counterparts: a recovery by workload identity from a workload-identity source, and snapshots on the stack's class.
    const aks = config("prod-every-option-aks");
    const good = withValue(
      withValue(aks.raw, ["databases", 2], { name: "billing-copy", storageClass: "azure-disk-data", backup: { access: "workloadIdentity" }, recovery: { from: "billing" } }), // prettier-ignore
      ["databases", 0, "snapshots"],
      { schedule: "0 0 4 * * *" },
    );
    validateStackConfig(good, undefined, aks.provider, aks.secretKeys);
  });

  it("on an existing cluster, asks for the store of a database with backups, or backups off", () => {
    const problems = problemsOf({
      ...EXISTING_CLUSTER_STACK,
      environment: "prod",
      databases: [{ name: "orders", storageClass: "standard" }],
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      ["stateful-stack:databases[0].backup.destinationPath"],
    );
    validateStackConfig({
      ...EXISTING_CLUSTER_STACK,
      environment: "prod",
      databases: [{ name: "orders", storageClass: "standard", backup: { enabled: false } }],
    });
  });

  it("refuses a recovery from no entry with backups, a repeated name, a name a workload has, an unknown class", () => {
    const problems = problemsOf({
      ...EXISTING_CLUSTER_STACK,
      workloads: [{ name: "cache", image: "redis:7.4.2-alpine", port: 6379, storageClass: "standard", storageSize: "1Gi" }], // prettier-ignore
      databases: [
        { name: "orders", storageClass: "standard" },
        { name: "orders", storageClass: "fast" },
        { name: "copy", storageClass: "standard", recovery: { from: "orders" } },
        { name: "cache", storageClass: "standard" },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      [
        "stateful-stack:databases[1].name",
        "stateful-stack:databases[1].storageClass",
        "stateful-stack:databases[2].recovery.from",
        "stateful-stack:databases[3].name",
      ],
    );
  });
});
