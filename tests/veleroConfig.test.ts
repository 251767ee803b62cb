/**
 * The `backups` and `restore` stack keys and their one check (`platformBackupsProblems`): good
 * values map onto the Platform's arguments; generated bad cron lines, TTLs, names and restores are
 * refused at their key with a `pulumi config set --path` fix, before anything is registered.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import {
  backupSchedules,
  DEFAULT_SCHEDULE,
  defaultSnapshotMoveData,
  platformBackupsProblems,
  RESTORED_DATA_KINDS,
  ttlProblems,
  veleroCronProblems,
} from "../components/backups/veleroArgs.ts";
import { formatPath } from "../components/problems.ts";
import { EVERY_OPTION_CONFIGS, withValue, type ConfigPath } from "./support/everyOptionConfigs.ts";
import { propertyRuns } from "./support/properties.ts";

const prodConfigs = EVERY_OPTION_CONFIGS.filter((s) => s.name.startsWith("prod-"));

type Path = ConfigPath;

const minute = fc.integer({ min: 0, max: 59 });
const hour = fc.integer({ min: 0, max: 23 });
/** Five valid cron fields. */
const goodCron = fc
  .tuple(minute, hour, fc.constantFrom("*", "1", "1-15", "*/2"), fc.constantFrom("*", "1-12", "jan"), fc.constantFrom("*", "0", "mon-fri", "1,3,5"))
  .map((f) => f.join(" ")); // prettier-ignore
/** Go durations Velero reads. */
const goodTtl = fc
  .tuple(fc.integer({ min: 1, max: 9000 }), fc.constantFrom("h", "m", "s"))
  .map(([n, unit]) => `${n}${unit}`);

/** Bad values of the keys, each from a generator. */
const BAD: { path: Path; value: fc.Arbitrary<unknown>; at?: Path }[] = [
  // Six fields (CloudNativePG's form, seconds first) are not Velero's.
  { path: ["backups", "schedules", 0, "cron"], value: goodCron.map((c) => `0 ${c}`) },
  { path: ["backups", "schedules", 0, "cron"], value: fc.tuple(fc.integer({ min: 60, max: 999 }), hour).map(([m, h]) => `${m} ${h} * * *`) }, // prettier-ignore
  { path: ["backups", "schedules", 0, "cron"], value: fc.tuple(minute, fc.integer({ min: 24, max: 99 })).map(([m, h]) => `${m} ${h} * * *`) }, // prettier-ignore
  { path: ["backups", "schedules", 0, "ttl"], value: fc.integer({ min: 1, max: 999 }).map((n) => `${n}d`) },
  { path: ["backups", "schedules", 0, "ttl"], value: fc.integer({ min: 1, max: 999 }).map(String) },
  { path: ["backups", "schedules", 0, "name"], value: fc.stringMatching(/^[A-Z_][A-Za-z_]{0,10}$/) },
  { path: ["backups", "schedules", 0, "includedNamespaces"], value: fc.stringMatching(/^[A-Z][A-Za-z_]{0,10}$/).map((n) => [n]), at: [0] }, // prettier-ignore
  { path: ["backups", "retentionDays"], value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 366, max: 99_999 })) }, // prettier-ignore
  { path: ["restore", "name"], value: fc.stringMatching(/^[A-Z_][A-Za-z_]{0,10}$/) },
  { path: ["restore", "scheduleName"], value: fc.stringMatching(/^zz[a-z]{1,10}$/) },
  { path: ["backups", "schedules", 0, "cron"], value: fc.stringMatching(/^[a-z]{1,8}$/).map((d) => `@every ${d}`) },
  { path: ["restore", "includedResources"], value: fc.constantFrom("statefulsets.apps", "pods", "secrets", "clusters.postgresql.cnpg.io").map((k) => [k]), at: [0] }, // prettier-ignore
];

describe("backups and restore stack keys", () => {
  it("map onto the Platform's backups and restore arguments, keys as arguments", () => {
    assert.equal(prodConfigs.length, 2);
    for (const config of prodConfigs) {
      const args = toPlatformArgs(validateStackConfig(config.raw, undefined, config.provider, config.secretKeys));
      assert.deepEqual(args.backups, config.raw["backups"]);
      assert.deepEqual(args.restore, config.raw["restore"]);
    }
  });

  it("default to a daily schedule kept 720h in prod and to nothing in dev, which can turn them on", () => {
    assert.deepEqual(backupSchedules(undefined, "prod"), [DEFAULT_SCHEDULE]);
    assert.equal(DEFAULT_SCHEDULE.ttl, "720h");
    assert.deepEqual(backupSchedules(undefined, "dev"), []);
    assert.deepEqual(backupSchedules({ enabled: false }, "prod"), []);
    assert.deepEqual(backupSchedules({ enabled: true }, "dev"), [DEFAULT_SCHEDULE]);
  });

  it("accept generated five-field cron lines, descriptors and Go durations", () => {
    fc.assert(fc.property(goodCron, (cron) => assert.deepEqual(veleroCronProblems(["cron"], cron), [])));
    fc.assert(fc.property(goodTtl, (ttl) => assert.deepEqual(ttlProblems(["ttl"], ttl), [])));
    for (const d of ["@daily", "@hourly", "@weekly", "@every 6h"]) assert.deepEqual(veleroCronProblems([], d), []);
    for (const bad of ["0h", "", "720", "30d", "1.5"]) assert.equal(ttlProblems([], bad).length, 1, bad);
  });

  it("check @every with robfig/cron's one space and a Go duration of at least a minute, around blanks", () => {
    for (const d of ["@every 6h", "@every 1h30m", "@every 90m", " @every 1m ", "\t@daily\n", " 0 3 * * * "])
      assert.deepEqual(veleroCronProblems([], d), [], JSON.stringify(d));
    for (const bad of ["@every banana", "@every 1d", "@every", "@every  6h", "@every -1h", "@every 6"]) {
      const problems = veleroCronProblems(["cron"], bad);
      assert.equal(problems.length, 1, bad);
      assert.match(problems[0]!.message, /"@every" followed by one space and a Go duration/, bad);
    }
    for (const often of ["@every 30s", "@every 0s", "@every 500ms"])
      assert.match(veleroCronProblems([], often)[0]?.message ?? "", /more often than once a minute/, often);
    assert.match(veleroCronProblems([], "@fortnightly")[0]?.message ?? "", /not a cron descriptor Velero reads/);
  });

  it("move AKS volumes' data into the store by default in prod only, and keep an explicit choice", () => {
    assert.equal(defaultSnapshotMoveData(undefined, { environment: "prod", cloud: "aks" }), true);
    assert.equal(defaultSnapshotMoveData(undefined, { environment: "prod", cloud: "eks" }), false);
    assert.equal(defaultSnapshotMoveData(undefined, { environment: "dev", cloud: "aks" }), false);
    assert.equal(defaultSnapshotMoveData({ snapshotMoveData: false }, { environment: "prod", cloud: "aks" }), false);
    assert.equal(defaultSnapshotMoveData({ snapshotMoveData: true }, { environment: "dev", cloud: "eks" }), true);
  });

  it("refuse a restore of kinds the stack creates itself, which would collide with its workloads", () => {
    const context = { environment: "prod" as const, cloud: "eks" };
    const restore = { name: "r", scheduleName: "daily" };
    assert.deepEqual(
      platformBackupsProblems(undefined, { ...restore, includedResources: [...RESTORED_DATA_KINDS] }, context),
      [],
    );
    const problems = platformBackupsProblems(
      undefined,
      { ...restore, includedResources: ["persistentvolumeclaims", "statefulsets.apps"] },
      context,
    );
    assert.deepEqual(
      problems.map((p) => formatPath(p.path)),
      ["restore.includedResources[1]"],
    );
    assert.match(problems[0]!.message, /brings back volumes' data only/);
    assert.match(problems[0]!.message, /already exists/);
  });

  it("refuse a restore of both or neither source, and one without Velero", () => {
    const context = { environment: "prod" as const, cloud: "eks" };
    const neither = platformBackupsProblems(undefined, { name: "r" }, context);
    assert.deepEqual(
      neither.map((p) => formatPath(p.path)),
      ["restore.backupName"],
    );
    const both = platformBackupsProblems(undefined, { name: "r", backupName: "b", scheduleName: "daily" }, context);
    assert.deepEqual(
      both.map((p) => formatPath(p.path)),
      ["restore.scheduleName"],
    );
    const off = platformBackupsProblems(undefined, { name: "r", backupName: "b" }, { ...context, environment: "dev" });
    assert.match(off[0]?.message ?? "", /set backups\.enabled to true/);
    assert.deepEqual(platformBackupsProblems(undefined, { name: "r", scheduleName: "daily" }, context), []);
    const existing = platformBackupsProblems({ enabled: true }, undefined, { environment: "dev", cloud: "existing" });
    assert.deepEqual(
      existing.map((p) => formatPath(p.path)),
      ["backups.enabled"],
    );
  });

  it("refuse a generated bad value at its key, with the pulumi config command that fixes it", () => {
    assert.equal(BAD.length, 12);
    let checked = 0;
    for (const bad of BAD)
      for (const config of prodConfigs)
        fc.assert(
          fc.property(bad.value, (value) => {
            const raw = withValue(config.raw, bad.path, value);
            let error: unknown;
            try {
              validateStackConfig(raw, undefined, config.provider, config.secretKeys);
            } catch (caught) {
              error = caught;
            }
            assert.ok(error instanceof ConfigError, `${config.name}: ${formatPath(bad.path)} = ${JSON.stringify(value)} accepted`); // prettier-ignore
            const keyPath = [...bad.path, ...(bad.at ?? [])];
            const key = `stateful-stack:${formatPath(keyPath)}`;
            assert.ok(
              error.problems.some((p) => p.key === key),
              `${config.name}: expected a problem at ${key}, got ${error.problems.map((p) => p.key).join(", ")}`,
            );
            assert.match(error.message, new RegExp(`pulumi config set --path '${formatPath(keyPath).replace(/[[\].]/g, "\\$&")}'`)); // prettier-ignore
            checked++;
          }),
          { numRuns: propertyRuns(5) },
        );
    assert.ok(checked >= 100, `${checked} values checked`);
  });
});
