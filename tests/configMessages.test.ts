/**
 * The messages of the stack configuration, for every key of its schema: a misspelt key, top-level
 * or nested, is told the key it means and fixed by moving its value there; a bad value of any
 * type never shows the schema library's own wording; two clashing keys are named together.
 * The keys come from the schema (config/schema.ts) walked over the every-option configurations.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type * as v from "valibot";
import { keyArg } from "../config/fixes.ts";
import { fullKey } from "../config/keys.ts";
import { providerSettings, rawProjectConfig } from "../config/load.ts";
import { stackConfigSchema } from "../config/schema.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import { formatPath } from "../components/problems.ts";
import { EVERY_OPTION_STACKS } from "./support/stacksUnderTest.ts";
import { propertyRuns } from "./support/properties.ts";

type Path = (string | number)[];
type Schema = v.GenericSchema & { type: string; pipe?: Schema[]; wrapped?: Schema; entries?: Record<string, Schema>; item?: Schema; value?: Schema }; // prettier-ignore

/** An object of the schema found in a configuration: where it is and the keys it knows. */
interface ObjectAt {
  stack: number;
  path: Path;
  known: string[];
  value: Record<string, unknown>;
}

/** The schema a wrapper (optional, pipe) stands for. */
function unwrap(schema: Schema): Schema {
  if (schema.wrapped) return unwrap(schema.wrapped);
  const inner = schema.pipe?.find((s) => ["loose_object", "array", "record"].includes(s.type));
  return inner ?? schema;
}

/** Every schema object in `value`, with its path and known keys; records' own keys are free. */
function objectsIn(schema: Schema, value: unknown, path: Path, stack: number, out: ObjectAt[]): ObjectAt[] {
  const s = unwrap(schema);
  if (s.type === "loose_object" && s.entries && value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    out.push({ stack, path, known: Object.keys(s.entries), value: record });
    for (const [key, entry] of Object.entries(s.entries))
      if (key in record) objectsIn(entry, record[key], [...path, key], stack, out);
  } else if (s.type === "array" && s.item && Array.isArray(value)) {
    value.forEach((item, i) => objectsIn(s.item!, item, [...path, i], stack, out));
  } else if (s.type === "record" && s.value && value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) objectsIn(s.value, item, [...path, key], stack, out);
  }
  return out;
}

const configs = EVERY_OPTION_STACKS.map((stack) => ({
  name: stack.name,
  raw: rawProjectConfig(stack.settings.config),
  provider: providerSettings(stack.settings.config),
  secretKeys: stack.settings.secretKeys,
}));
const objects = configs.flatMap((config, i) =>
  objectsIn(stackConfigSchema as unknown as Schema, config.raw, [], i, []),
);

/** The configuration of stack `i` with `edit` applied to a copy of the object at `path`. */
function edited(i: number, path: Path, edit: (object: Record<string, unknown>) => void): Record<string, unknown> {
  const raw = structuredClone(configs[i]!.raw);
  let at: unknown = raw;
  for (const part of path) at = (at as Record<string | number, unknown>)[part];
  edit(at as Record<string, unknown>);
  return raw;
}

/** The configuration error of stack `i`'s configuration `raw` (undefined when it is accepted). */
function errorOf(i: number, raw: Record<string, unknown>): ConfigError | undefined {
  const { name, provider, secretKeys } = configs[i]!;
  try {
    validateStackConfig(raw, name, provider, secretKeys);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `not a configuration error: ${String(error)}`);
    return error;
  }
  return undefined;
}

/** Levenshtein distance, case-insensitive: how far a typo is from each known key. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++)
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[y.length]!;
}

/** How many scalar values `value` holds. */
function leafCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + leafCount(item), 0);
  if (value !== null && typeof value === "object") return leafCount(Object.values(value));
  return value === undefined || value === null ? 0 : 1;
}

/** A typo of `key`: a letter left out, two swapped, or a letter's case changed. */
function typo(key: string, kind: number, at: number): string {
  const i = at % key.length;
  if (kind === 0) return key.slice(0, i) + key.slice(i + 1);
  if (kind === 1 && i < key.length - 1) return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
  const c = key[i]!;
  return key.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + key.slice(i + 1);
}

describe("configuration messages", () => {
  it("walks the every-option configurations into the schema's objects, top-level and nested", () => {
    assert.equal(configs.length, 3);
    for (const [i, config] of configs.entries()) assert.equal(errorOf(i, config.raw), undefined, config.name);
    const where = new Set(objects.map((o) => formatPath(o.path.map((p) => (typeof p === "number" ? 0 : p)))));
    for (const path of ["", "workloads[0]", "workloads[0].secretEnv.REDIS_PASSWORD", "etcdClusters[0]", "aks", "eks"])
      assert.ok(where.has(path), `no object at "${path}" among ${[...where].join(", ")}`);
    assert.ok(objects.length > 40, `${objects.length} objects`);
  });

  it("tells the key a generated misspelling means, and fixes it by moving the value", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(2), fc.nat(), (o, k, kind, at) => {
        const object = objects[o % objects.length]!;
        const present = object.known.filter((key) => key in object.value && key.length > 3);
        fc.pre(present.length > 0);
        const key = present[k % present.length]!;
        const wrong = typo(key, kind, at);
        const near = Math.max(2, Math.floor(wrong.length / 3));
        // Only typos nearer to their key than to any other, and not a known key themselves.
        fc.pre(wrong !== key && object.known.every((other) => other === key || distance(wrong, other) > near));
        fc.pre(distance(wrong, key) <= near && !object.known.includes(wrong));
        const raw = edited(object.stack, object.path, (o2) => {
          o2[wrong] = o2[key];
          delete o2[key];
        });
        const error = errorOf(object.stack, raw);
        assert.ok(error, `${wrong} for ${key} accepted`);
        const wrongPath = formatPath([...object.path, wrong]);
        const problem = error.problems.find((p) => p.key === fullKey([...object.path, wrong]));
        assert.equal(problem?.message, `unknown key "${wrong}"; did you mean "${key}"?`);
        const fix = `pulumi config rm ${keyArg(wrongPath)}`;
        const rightPath = formatPath([...object.path, key]);
        const value = object.value[key];
        if (leafCount(value) > 4) {
          // Too large to set again in one line: renamed in the file, never removed by a command.
          assert.ok(error.message.includes(`rename the key "${wrong}" to "${key}", keeping its value`), error.message);
          assert.ok(!error.message.includes(fix), error.message);
          return;
        }
        assert.ok(error.message.includes(`\`${fix}`), `${fix} in:\n${error.message}`);
        const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        if (scalar)
          assert.ok(error.message.includes(`${fix} && pulumi config set ${keyArg(rightPath)} `), error.message);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it("fixes the misspellings a newcomer makes, top-level and nested, at the right key", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ enviroment: "dev" }, "`pulumi config rm enviroment && pulumi config set environment dev`"],
      [{ workload: [] }, "`pulumi config rm workload`"],
      [
        { storageClas: ["standard"] },
        "`pulumi config rm storageClas && pulumi config set --path 'storageClasses[0]' standard`",
      ],
      [
        { workloads: [{ ...(configs[0]!.raw["workloads"] as object[])[0], storageClas: "standard" }] },
        "`pulumi config rm --path 'workloads[0].storageClas' && pulumi config set --path 'workloads[0].storageClass' standard`",
      ],
      [
        { workloads: [{ ...(configs[0]!.raw["workloads"] as object[])[0], enviroment: { LOG: "1" } }] },
        "`pulumi config rm --path 'workloads[0].enviroment' && pulumi config set --path 'workloads[0].env.LOG' --type string 1`",
      ],
    ];
    cases.push([{ env: "dev" }, "`pulumi config rm env && pulumi config set environment dev`"]);
    // One class written where a list is taken: set as the list's first item.
    cases.push([
      { storageClas: "standard" },
      "`pulumi config rm storageClas && pulumi config set --path 'storageClasses[0]' standard`",
    ]);
    for (const [edit, fix] of cases) {
      const error = errorOf(0, { ...configs[0]!.raw, ...edit });
      assert.ok(error?.message.includes(fix), `${fix} in:\n${error?.message}`);
      assert.match(error?.message ?? "", /did you mean "/);
    }
  });

  it("never fixes a misspelt key by removing a value too large to set again: it is renamed in the file", () => {
    const workloads = configs[0]!.raw["workloads"];
    assert.ok(Array.isArray(workloads) && workloads.length > 0);
    const error = errorOf(0, { ...configs[0]!.raw, workload: workloads });
    const file = `stacks/Pulumi.${configs[0]!.name}.yaml`;
    assert.ok(
      error?.message.includes(`Fix: in ${file}, rename the key "workload" to "workloads", keeping its value.`),
      error?.message,
    );
    assert.ok(!error?.message.includes("pulumi config rm workload"), error?.message);
  });

  it("never shows the schema library's wording, for bad values of every type at every key", () => {
    // One value of each type: a string, a number that is no whole number, a boolean, null, a list, an object.
    const bad: unknown[] = ["x", 1.5, true, null, ["x"], { x: 1 }];
    const library = /Invalid (type|key|length|value|format)|Expected [a-z"]|but received|Received /;
    let checked = 0;
    // One object of each place in any stack (one workload stands for the others).
    const places = new Map(objects.map((o) => [formatPath(o.path.map((p) => (typeof p === "number" ? 0 : p))), o]));
    for (const object of places.values()) {
      for (const key of [...object.known, "unknownKey"]) {
        for (const value of bad) {
          const error = errorOf(
            object.stack,
            edited(object.stack, object.path, (o) => void (o[key] = value)),
          );
          checked++;
          if (error === undefined) continue;
          for (const p of error.problems) assert.doesNotMatch(p.message, library, `${p.key}: ${p.message}`);
          assert.match(error.message, /Fix: edit /);
        }
      }
    }
    assert.ok(checked > 400, `${checked} values`);
  });

  it("names both of two clashing keys, and removes one", () => {
    const sharing = configs.flatMap((config, i) =>
      ((config.raw["workloads"] ?? []) as Record<string, unknown>[]).flatMap((w, j) => (w["share"] ? [[i, j]] : [])),
    );
    assert.ok(sharing.length >= 2, "every-option stacks share volumes");
    for (const [i, j] of sharing as [number, number][]) {
      const error = errorOf(
        i,
        edited(i, ["workloads", j], (w) => void (w["sharedClaim"] = "team-share")),
      );
      assert.deepEqual(
        error?.problems.map((p) => [p.key, p.message]),
        [
          [
            `stateful-stack:workloads[${j}].sharedClaim`,
            "set either share (a volume the stack declares) or sharedClaim (a claim that exists outside the stack), not both",
          ],
        ],
      );
      assert.ok(error?.message.includes(`\`pulumi config rm --path 'workloads[${j}].sharedClaim'\``), error?.message);
    }
    const both = errorOf(0, { ...configs[0]!.raw, kubeconfig: "apiVersion: v1" });
    assert.ok(both?.message.includes("set either kubeconfig (secret contents) or kubeconfigPath, not both"));
    assert.ok(both?.message.includes("`pulumi config rm kubeconfigPath`"), both?.message);
  });
});
