/**
 * Names Kubernetes and Pulumi accept, checked on every name the program derives: generated names
 * that start with a digit or sit at and beyond each length limit are refused by the components'
 * checks and by the stack configuration, at the key, with the fix; so are volumes mounted at one
 * path. Pure checks only: nothing is recorded in a loop.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ExistingCluster } from "../components/cluster/existing.ts";
import { operatorSourceProblems } from "../components/operators/sources.ts";
import { describeProblem } from "../components/problems.ts";
import { DNS_1035_LABEL, DNS_LABEL, MAX_STATEFULSET_NAME, statefulSetNameProblems } from "../components/rules.ts";
import { EtcdCluster, etcdClusterProblems } from "../components/stateful/etcdCluster.ts";
import { statefulWorkloadProblems } from "../components/workloads/check.ts";
import { StatefulWorkload } from "../components/workloads/statefulWorkload.ts";
import { validateStackConfig } from "../config/validate.ts";
import { record } from "../tools/recorder/record.ts";
import { problemsOf } from "./support/config.ts";
import { digitFirst, etcd, label, labelUpTo, RUNS, valid, workload } from "./support/names.ts";
import { propertyRuns } from "./support/properties.ts";

/** Where each kind of name sits: in a component's arguments, and in a stack's configuration. */
const places = [
  {
    what: "a workload's name",
    component: (name: string) => statefulWorkloadProblems({ ...workload, appName: name }),
    path: "appName",
    config: (name: string) => ({ ...valid, workloads: [{ ...workload, name }] }),
    key: "stateful-stack:workloads[0].name",
  },
  {
    what: "an etcd cluster's name",
    component: (name: string) => etcdClusterProblems({ clusterName: name, storageClass: "standard" }),
    path: "clusterName",
    config: (name: string) => ({ ...valid, etcdClusters: [etcd(name)] }),
    key: "stateful-stack:etcdClusters[0].name",
  },
];

describe("names Kubernetes accepts", () => {
  for (const place of places) {
    describe(place.what, () => {
      it("is refused when it starts with a digit: it names a Service, a DNS-1035 label", () => {
        fc.assert(
          fc.property(digitFirst, (name) => {
            assert.ok(DNS_LABEL.test(name) && !DNS_1035_LABEL.test(name));
            const [own] = place.component(name);
            assert.equal(own?.path.join("."), place.path);
            assert.match(
              own?.message ?? "",
              /must start with a letter \(a DNS-1035 label\); rename it, e\.g\. "([^"]+)"/,
            );
            const example = /e\.g\. "([^"]+)"/.exec(own?.message ?? "")?.[1] ?? "";
            assert.deepEqual(place.component(example), [], `the example "${example}" is accepted`);
            const problems = problemsOf(place.config(name));
            assert.deepEqual(
              problems.map((p) => [p.key, p.message]),
              [[place.key, own?.message]],
            );
          }),
          { numRuns: propertyRuns(RUNS) },
        );
      });

      it(`is accepted up to ${MAX_STATEFULSET_NAME} characters and refused beyond, where its StatefulSet's pods could not be labelled`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 80 }).chain(label), (name) => {
            const own = place.component(name);
            if (name.length <= MAX_STATEFULSET_NAME) {
              assert.deepEqual(own, []);
              assert.doesNotThrow(() => validateStackConfig(place.config(name)));
              // What Kubernetes derives from it is within its limits.
              for (const derived of [`${name}-headless`, `${name}-${"9".repeat(10)}`, `${name}-98`])
                assert.ok(derived.length <= 63, derived);
            } else {
              assert.equal(own.length, 1);
              assert.match(
                own[0]?.message ?? "",
                /more than 52 .*controller-revision-hash.*shorten it, e\.g\. "([a-z0-9-]+)"/,
              );
              const example = /e\.g\. "([^"]+)"/.exec(own[0]?.message ?? "")?.[1] ?? "";
              assert.ok(example.length <= MAX_STATEFULSET_NAME && place.component(example).length === 0, example);
              assert.deepEqual(
                problemsOf(place.config(name)).map((p) => p.key),
                [place.key],
              );
            }
          }),
          { numRuns: propertyRuns(RUNS) },
        );
      });
    });
  }

  it("holds at the limit exactly, and gives an example that follows it", () => {
    assert.deepEqual(statefulSetNameProblems(["n"], "x".repeat(MAX_STATEFULSET_NAME), "n", "app"), []);
    assert.equal(statefulSetNameProblems(["n"], "x".repeat(MAX_STATEFULSET_NAME + 1), "n", "app").length, 1);
    assert.match(statefulSetNameProblems(["n"], "My_App", "n", "app")[0]?.message ?? "", /e\.g\. "my-app"/);
  });

  it("refuses an OLM package that cannot name the Subscription, in the component and at the key", () => {
    const bad = fc.oneof(
      fc.constantFrom("Postgres", "my_operator", "-pkg", "pkg.", "a".repeat(254)),
      fc.tuple(labelUpTo(20), fc.constantFrom("_", " ", "A", "/")).map(([name, bad]) => `${name}${bad}x`),
    );
    fc.assert(
      fc.property(bad, (pkg) => {
        const olm = { package: pkg, channel: "stable" };
        const [own, ...rest] = operatorSourceProblems({ olm });
        assert.equal(rest.length, 0);
        assert.equal(own?.path.join("."), "olm.package");
        assert.match(own?.message ?? "", /the Subscription is named after the package.*e\.g\. "postgresql"/);
        const raw = { ...valid, installOlm: true, operators: [{ name: "pg", namespace: "pg-operator", olm }] };
        assert.deepEqual(
          problemsOf(raw).map((p) => p.key),
          ["stateful-stack:operators[0].olm.package"],
        );
      }),
      { numRuns: propertyRuns(RUNS) },
    );
    fc.assert(
      fc.property(labelUpTo(60), (pkg) =>
        assert.deepEqual(operatorSourceProblems({ olm: { package: pkg, channel: "stable" } }), []),
      ),
      { numRuns: propertyRuns(RUNS) },
    );
  });
});

describe("volumes mounted at one path", () => {
  const paths = fc.constantFrom(undefined, "/data", "/data/", "/shared", "/tmp", "/tmp/", "/srv");
  it("are refused at the later mount's key, naming the earlier one, in the component and at the key", () => {
    fc.assert(
      fc.property(paths, paths, fc.boolean(), fc.boolean(), (mountPath, sharedMountPath, readOnly, shared) => {
        const spec = {
          ...workload,
          mountPath,
          sharedMountPath,
          readOnlyRootFilesystem: readOnly,
          sharedClaim: shared ? "files" : undefined,
        };
        const normal = (p: string) => p.replace(/\/$/, "");
        const mounts = [
          normal(mountPath ?? "/data"),
          ...(readOnly ? ["/tmp"] : []),
          ...(shared ? [normal(sharedMountPath ?? "/shared")] : []),
        ];
        const clashing = new Set(mounts).size !== mounts.length;
        const own = statefulWorkloadProblems(spec).filter((p) =>
          /a container mounts one volume per path/.test(p.message),
        );
        assert.equal(own.length > 0, clashing, JSON.stringify(spec));
        for (const p of own) {
          const key = String(p.path[0]);
          assert.ok(["mountPath", "sharedMountPath"].includes(key));
          const other = /where (\w+)/.exec(p.message)?.[1];
          assert.ok(other !== undefined && other !== key, p.message);
          const example = /e\.g\. "([^"]+)"/.exec(p.message)?.[1] ?? "";
          assert.ok(!mounts.includes(example), `${example} is free`);
        }
        if (!clashing) return;
        const keys = problemsOf({ ...valid, workloads: [{ ...spec, name: "cache" }] }).map((p) => p.key);
        assert.deepEqual(
          keys,
          own.map((p) => `stateful-stack:workloads[0].${String(p.path[0])}`),
        );
      }),
      { numRuns: propertyRuns(120) },
    );
  });
});

describe("components named without a name argument", () => {
  const options = { project: "proj", stack: "test" };
  it("refuse a StatefulWorkload or EtcdCluster whose own name their objects could not have", async () => {
    await assert.rejects(
      record(() => {
        const cluster = new ExistingCluster("c", { kubeconfigPath: "/k", context: "ctx" });
        new StatefulWorkload("1cache", { ...workload, cluster, namespace: "data" });
      }, options),
      /StatefulWorkload "1cache": appName = "1cache": names the Service "1cache" .* e\.g\. "app-1cache"/,
    );
    await assert.rejects(
      record(() => {
        const cluster = new ExistingCluster("c", { kubeconfigPath: "/k", context: "ctx" });
        new EtcdCluster("e".repeat(53), { cluster, namespace: "data", environment: "dev", storageClass: "standard" });
      }, options),
      /EtcdCluster "e{53}": clusterName = "e{53}": has 53 characters, more than 52/,
    );
  });

  it("refuse two generated variables whose passwords would be one Pulumi resource, naming both", () => {
    const secretEnv = { DB_PASS: { generate: true }, db_pass: { generate: true }, other: { generate: true } };
    assert.deepEqual(statefulWorkloadProblems({ ...workload, secretEnv }).map(describeProblem), [
      'secretEnv.db_pass = {"generate":true}: secretEnv.db_pass and secretEnv.DB_PASS would both generate the password resource "<workload>-db-pass", and Pulumi refuses two resources of one name; rename one of them (the other: secretEnv.DB_PASS)',
    ]);
  });
});
