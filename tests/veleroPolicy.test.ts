/**
 * The policy "production data has a backup" counts a claim only when a schedule really copies its
 * data, as Velero v1.17.2 selects it: namespace filter (included, excluded, `*`, globs), label
 * selector on the claim or a pod that mounts it, and the volume policy (skip, fs-backup with the
 * node agent, a CSI snapshot that needs a storage class). Generated schedules and claims against a
 * model of exact names; the shipped prod stacks, and copies of them that miss a claim.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { CheckedResource } from "../policy/model.ts";
import { checkRecording } from "../policy/offline.ts";
import { productionDataBackedUp, VELERO_SCHEDULE } from "../policy/rules/backup.ts";
import { namespaceIncluded, selectorMatches } from "../policy/rules/veleroScope.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { RUNS } from "./support/names.ts";
import { checkedResource } from "./support/checkedResources.ts";
import { propertyRuns } from "./support/properties.ts";

const POLICY = "production-data-has-a-backup";
const CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";

const res = (type: string, props: Record<string, unknown>) => checkedResource(type, props, "r");
const schedule = (template: Record<string, unknown>) =>
  res(VELERO_SCHEDULE, { metadata: { name: "s", namespace: "velero" }, spec: { schedule: "@daily", template } });
const claim = (namespace: string, labels: Record<string, string>, storageClassName = "fast") =>
  res(CLAIM, { metadata: { name: "data-0", namespace, labels }, spec: { storageClassName } });
const check = (resources: CheckedResource[]) =>
  productionDataBackedUp.check({ stack: "prod", resources }).map((v) => v.message);

const NAMESPACES = ["data", "apps", "cache", "velero"];
const namespace = fc.constantFrom(...NAMESPACES);
const labels = fc.dictionary(fc.constantFrom("app", "tier", "team"), fc.constantFrom("a", "b"), { maxKeys: 3 });

describe("production data has a backup: what a schedule selects", () => {
  it("a namespace is in scope when not excluded and the included list is empty, holds * or names it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NAMESPACES, "*"), { maxLength: 3 }),
        fc.array(namespace, { maxLength: 2 }),
        namespace,
        (included, excluded, ns) => {
          const expected =
            !excluded.includes(ns) && (included.length === 0 || included.includes("*") || included.includes(ns));
          assert.equal(namespaceIncluded(included, excluded, ns), expected);
        },
      ),
      { numRuns: propertyRuns(RUNS) },
    );
    // Velero's items are globs (gobwas/glob).
    assert.equal(namespaceIncluded(["da*"], [], "data"), true);
    assert.equal(namespaceIncluded(["*"], ["d?ta"], "data"), false);
    assert.equal(namespaceIncluded(["{apps,data}"], [], "data"), true);
    assert.equal(namespaceIncluded(["[!d]*"], [], "data"), false);
  });

  it("a selector matches labels holding every matchLabels pair and every expression", () => {
    fc.assert(
      fc.property(labels, labels, (have, want) => {
        const expected = Object.entries(want).every(([k, v]) => have[k] === v);
        assert.equal(selectorMatches({ matchLabels: want }, have), expected);
        for (const [key, value] of Object.entries(want)) {
          assert.equal(
            selectorMatches({ matchExpressions: [{ key, operator: "In", values: [value] }] }, have),
            have[key] === value,
          );
          assert.equal(
            selectorMatches({ matchExpressions: [{ key, operator: "NotIn", values: [value] }] }, have),
            have[key] !== value,
          );
          assert.equal(selectorMatches({ matchExpressions: [{ key, operator: "Exists" }] }, have), key in have);
          assert.equal(
            selectorMatches({ matchExpressions: [{ key, operator: "DoesNotExist" }] }, have),
            !(key in have),
          );
        }
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("counts a claim only when a schedule's namespaces and label selector take it in, naming it otherwise", () => {
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NAMESPACES, "*"), { maxLength: 2 }),
        fc.array(namespace, { maxLength: 2 }),
        fc.option(labels, { nil: undefined }),
        namespace,
        labels,
        (included, excluded, selector, ns, claimLabels) => {
          const template = {
            includedNamespaces: included,
            excludedNamespaces: excluded,
            ...(selector ? { labelSelector: { matchLabels: selector } } : {}),
          };
          const messages = check([schedule(template), claim(ns, claimLabels)]);
          const inScope =
            !excluded.includes(ns) && (included.length === 0 || included.includes("*") || included.includes(ns));
          const selected = Object.entries(selector ?? {}).every(([k, v]) => claimLabels[k] === v);
          assert.equal(messages.length, inScope && selected ? 0 : 1, messages.join("\n"));
          if (messages.length === 1) {
            refused++;
            assert.match(messages[0]!, /persistent volume claim "data-0" in namespace "\w+" has no backup of its data/);
            assert.match(messages[0]!, inScope ? /labelSelector/ : /includedNamespaces/);
          }
        },
      ),
      { numRuns: propertyRuns(RUNS) },
    );
    assert.ok(refused > 0, "some generated claims are refused");
  });

  it("a pod in scope brings its claim in; a paused schedule, a skip, a class-less claim or no node agent copy nothing", () => {
    const sts = (podLabels: Record<string, string>) =>
      res("kubernetes:apps/v1:StatefulSet", {
        metadata: { name: "db", namespace: "data", labels: podLabels },
        spec: {
          replicas: 1,
          selector: { matchLabels: podLabels },
          template: {
            metadata: { labels: podLabels },
            spec: { volumes: [{ name: "v", persistentVolumeClaim: { claimName: "data-0" } }] },
          },
        },
      });
    const selected = schedule({ labelSelector: { matchLabels: { app: "db" } } });
    assert.deepEqual(check([selected, claim("data", {}), sts({ app: "db" })]), []);
    assert.equal(check([selected, claim("data", {}), sts({ app: "web" })]).length, 2);
    const paused = res(VELERO_SCHEDULE, { metadata: { name: "s" }, spec: { paused: true, template: {} } });
    assert.match(check([paused, claim("data", {})])[0]!, /it is paused/);
    assert.match(check([schedule({}), claim("data", {}, "")])[0]!, /without a storage class.*fs-backup/);
    const policy = (action: string) =>
      res("kubernetes:core/v1:ConfigMap", {
        metadata: { name: "p", namespace: "velero" },
        data: {
          "policies.yaml": `version: v1\nvolumePolicies:\n  - conditions:\n      pvcLabels:\n        v: "x"\n    action:\n      type: ${action}\n`,
        },
      });
    const withPolicy = schedule({ resourcePolicy: { kind: "configmap", name: "p" } });
    const staticClaim = claim("data", { v: "x" }, "");
    const agent = res("kubernetes:helm.sh/v3:Release", { chart: "velero", values: { deployNodeAgent: true } });
    assert.match(check([withPolicy, policy("skip"), staticClaim])[0]!, /skips the claim's data/);
    assert.match(
      check([withPolicy, policy("fs-backup"), staticClaim, agent])[0]!,
      /no workload of the stack mounts the claim/,
    );
    assert.deepEqual(check([withPolicy, policy("fs-backup"), staticClaim, sts({ app: "db" }), agent]), []);
    const noAgent = res("kubernetes:helm.sh/v3:Release", { chart: "velero", values: { deployNodeAgent: false } });
    assert.match(check([withPolicy, policy("fs-backup"), staticClaim, sts({ app: "db" }), noAgent])[0]!, /node agent/);
  });
});

describe("production data has a backup: the prod stacks", () => {
  const recordings = new Map<string, Promise<Recording>>();
  const recorded = (stack: string) => {
    if (!recordings.has(stack)) recordings.set(stack, recordStack(stack, false));
    return recordings.get(stack)!;
  };
  const violations = (r: Recording) => checkRecording(r).filter((v) => v.policy === POLICY);
  const edited = async (stack: string, edit: (inputs: Record<string, unknown>, type: string) => void) => {
    const copy = structuredClone(await recorded(stack));
    for (const r of copy.resources) edit(r.inputs, r.type);
    return copy;
  };
  const statics = { "prod-aks": ["data-cache-0", "shared-assets"], "prod-eks": ["data-cache-0", "shared"] };

  for (const [stack, claims] of Object.entries(statics)) {
    describe(stack, () => {
      it("passes: its static volumes' data is copied by a file-system backup with the node agent", async () => {
        assert.deepEqual(violations(await recorded(stack)), []);
      });

      it("fails on a copy whose volume policy skips the static volumes, naming each claim and the fix", async () => {
        const copy = await edited(stack, (inputs, type) => {
          if (type !== "kubernetes:core/v1:ConfigMap") return;
          const data = inputs["data"] as Record<string, string>;
          if (data["policies.yaml"]) data["policies.yaml"] = data["policies.yaml"].replaceAll("fs-backup", "skip");
        });
        const found = violations(copy);
        assert.equal(found.length, claims.length, found.map((v) => v.message).join("\n"));
        for (const name of claims)
          assert.ok(
            found.some(
              (v) =>
                v.message.includes(`claim "${name}"`) &&
                /skips.*fix: back it up with a file-system backup/.test(v.message),
            ),
            name,
          );
      });

      it("fails on a copy without the node agent", async () => {
        const copy = await edited(stack, (inputs, type) => {
          if (type === "kubernetes:helm.sh/v3:Release" && inputs["chart"] === "velero")
            (inputs["values"] as Record<string, unknown>)["deployNodeAgent"] = false;
        });
        assert.equal(violations(copy).length, claims.length);
        assert.match(violations(copy)[0]!.message, /deployNodeAgent: true/);
      });

      it("fails on a copy whose schedule excludes the data namespace", async () => {
        const copy = await edited(stack, (inputs, type) => {
          if (type === VELERO_SCHEDULE)
            ((inputs["spec"] as Record<string, unknown>)["template"] as Record<string, unknown>)["excludedNamespaces"] =
              ["data"];
        });
        const found = violations(copy);
        assert.ok(found.length >= claims.length + 2, `${found.length}`);
        assert.ok(
          found.every((v) => /namespace "data" is outside its namespaces/.test(v.message)),
          found[0]?.message,
        );
      });
    });
  }

  it("fails on a copy whose schedule's label selector misses the claims, naming them and the selector", async () => {
    const copy = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:backups"] = {
        schedules: [{ name: "labelled", cron: "@daily", labelSelector: { team: "payments" } }],
      };
    });
    const found = violations(copy);
    for (const name of statics["prod-eks"])
      assert.ok(
        found.some(
          (v) =>
            v.message.includes(`claim "${name}"`) &&
            /label selector .*"team":"payments".*labelSelector/.test(v.message),
        ),
        found.map((v) => v.message).join("\n"),
      );
  });
});
