/**
 * Names Kubernetes and Pulumi accept, checked on every name the program derives: generated names
 * that start with a digit, sit at and beyond each length limit, or collide by construction are
 * refused by the components' checks and by the stack configuration, at the key, with the fix.
 * Pure checks only: nothing is recorded in a loop.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { awsNetworkProblems } from "../components/network/aws/validate.ts";
import { eksClusterProblems } from "../components/cluster/eks/index.ts";
import { objectNameProblems } from "../components/objectNames.ts";
import { operatorSourceProblems } from "../components/operators/sources.ts";
import { ArgumentError, describeProblem, refuse } from "../components/problems.ts";
import { DNS_1035_LABEL, DNS_LABEL, MAX_STATEFULSET_NAME, statefulSetNameProblems } from "../components/rules.ts";
import { statefulWorkloadProblems } from "../components/workloads/check.ts";
import { ExistingCluster } from "../components/cluster/existing.ts";
import { EtcdCluster, etcdClusterProblems } from "../components/stateful/etcdCluster.ts";
import { StatefulWorkload } from "../components/workloads/statefulWorkload.ts";
import { validateStackConfig } from "../config/validate.ts";
import { record } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";
import { problemsOf } from "./support/config.ts";
import { stackRaw } from "./support/stackConfig.ts";

const workload = {
  name: "cache",
  image: "redis:7.4.2-alpine",
  port: 6379,
  storageClass: "standard",
  storageSize: "1Gi",
};
const valid = {
  environment: "dev",
  cloud: "existing",
  kubeconfigPath: "~/.kube/config",
  kubeContext: "kind-stateful",
  storageClasses: ["standard"],
  workloads: [workload],
};
const etcd = (name: string) => ({ name, storageClass: "standard" });
const RUNS = 60;

/** A DNS-1035 label of exactly `length` characters (a letter first, a letter or digit last). */
const label = (length: number) =>
  fc
    .tuple(
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
      fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), {
        minLength: Math.max(0, length - 2),
        maxLength: Math.max(0, length - 2),
      }),
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    )
    .map(([first, middle, last]) => (length === 1 ? first : `${first}${middle.join("")}${last}`));
const labelUpTo = (max: number) => fc.integer({ min: 1, max }).chain(label);
/** A DNS label that starts with a digit (accepted by DNS-1123, refused for a Service). */
const digitFirst = fc.tuple(fc.constantFrom(..."0123456789"), labelUpTo(30)).map(([digit, rest]) => `${digit}${rest}`);

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
          { numRuns: RUNS },
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
          { numRuns: RUNS },
        );
      });
    });
  }

  it("is refused for a workload or etcd cluster component named beyond the limits when no name argument is given", () => {
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
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(labelUpTo(60), (pkg) =>
        assert.deepEqual(operatorSourceProblems({ olm: { package: pkg, channel: "stable" } }), []),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("objects two entries would both create", () => {
  /** The stack keys a configuration is refused at, with the other key each names. */
  const clashes = (raw: Record<string, unknown>) =>
    problemsOf(raw).map((p) => [p.key, /\(the other: ([^)]+)\)$/.exec(p.message)?.[1]]);

  it("refuses a workload and an etcd cluster of one name, naming both keys", () => {
    fc.assert(
      fc.property(labelUpTo(MAX_STATEFULSET_NAME), (name) => {
        const raw = { ...valid, workloads: [{ ...workload, name }], etcdClusters: [etcd(name)] };
        assert.deepEqual(clashes(raw), [["stateful-stack:etcdClusters[0].name", "stateful-stack:workloads[0].name"]]);
        const [message] = problemsOf(raw).map((p) => p.message);
        assert.match(
          message ?? "",
          new RegExp(`would both create the StatefulSet "${name}" in the data namespace; rename one`),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses a workload named like another's headless Service, in either order", () => {
    fc.assert(
      fc.property(labelUpTo(MAX_STATEFULSET_NAME - "-headless".length), fc.boolean(), (name, reversed) => {
        const names = reversed ? [`${name}-headless`, name] : [name, `${name}-headless`];
        const raw = { ...valid, workloads: names.map((n) => ({ ...workload, name: n })) };
        assert.deepEqual(clashes(raw), [["stateful-stack:workloads[1].name", "stateful-stack:workloads[0].name"]]);
        // The component's own message names both argument paths.
        const problems = objectNameProblems({ cloud: "existing", namespace: "data", workloads: raw.workloads });
        assert.throws(
          () => refuse("Platform", problems),
          (error: ArgumentError) =>
            error.message.includes(`workloads[1].name = "${names[1]}"`) &&
            error.message.includes("(the other: workloads[0].name)"),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses an etcd cluster named like a workload's headless Service, and a volume named like a replica's claim", () => {
    const raw = { ...valid, etcdClusters: [etcd("cache-headless")] };
    assert.deepEqual(clashes(raw), [["stateful-stack:etcdClusters[0].name", "stateful-stack:workloads[0].name"]]);
    fc.assert(
      fc.property(labelUpTo(40), fc.integer({ min: 1, max: 3 }), (name, replicas) => {
        const claim = `data-${name}-${replicas - 1}`;
        const problems = objectNameProblems({
          cloud: "eks",
          namespace: "data",
          storage: { aws: { volumes: [{ name: claim, zone: "eu-west-1a", size: "10Gi" }] } },
          workloads: [{ ...workload, name, replicas, clustering: "self" }],
        });
        assert.deepEqual(
          problems.map((p) => describeProblem(p)),
          [
            `storage.aws.volumes[0].name = "${claim}": volume "${claim}" and workload "${name}" would both create the PersistentVolumeClaim "${claim}" in the data namespace; rename one of them (the other: workloads[0].name)`,
          ],
        );
        // Adopted, the volume is the replica's claim on purpose.
        const adopted = objectNameProblems({
          cloud: "eks",
          namespace: "data",
          storage: { aws: { volumes: [{ name: claim, zone: "eu-west-1a", size: "10Gi" }] } },
          workloads: [{ ...workload, name, replicas: 1, volumes: [claim] }],
        });
        assert.deepEqual(adopted, []);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses two generated passwords whose Pulumi resources would share a name, within and across workloads", () => {
    const within = { ...workload, secretEnv: { DB_PASS: { generate: true }, db_pass: { generate: true } } };
    assert.deepEqual(clashes({ ...valid, workloads: [within] }), [
      ["stateful-stack:workloads[0].secretEnv.db_pass", "stateful-stack:workloads[0].secretEnv.DB_PASS"],
    ]);
    const across = [
      { ...workload, name: "a", secretEnv: { B_PASSWORD: { generate: true } } },
      { ...workload, name: "a-b", secretEnv: { PASSWORD: { generate: true } } },
    ];
    assert.deepEqual(clashes({ ...valid, workloads: across }), [
      ["stateful-stack:workloads[1].secretEnv.PASSWORD", "stateful-stack:workloads[0].secretEnv.B_PASSWORD"],
    ]);
  });

  it("leaves entries of one list under one name to that list's own rule", () => {
    const problems = problemsOf({ ...valid, workloads: [workload, workload], etcdClusters: [etcd("x"), etcd("x")] });
    assert.deepEqual(
      problems.map((p) => p.key),
      ["stateful-stack:workloads[1].name", "stateful-stack:etcdClusters[1].name"],
    );
    assert.ok(problems.every((p) => /names must be unique/.test(p.message)));
  });

  it("refuses two resources of one Namespace, which removing either would delete", () => {
    const olm = (name: string, namespace: string) => ({
      name,
      namespace,
      olm: { package: name, channel: "stable" },
    });
    fc.assert(
      fc.property(labelUpTo(40), (namespace) => {
        fc.pre(!["olm", "operators", "default"].includes(namespace) && !namespace.startsWith("kube-"));
        const base = { ...valid, installOlm: true, namespace: "data" };
        // Two subscriptions in one namespace.
        assert.deepEqual(clashes({ ...base, operators: [olm("a", namespace), olm("b", namespace)] }), [
          ["stateful-stack:operators[1].namespace", "stateful-stack:operators[0].namespace"],
        ]);
        // A subscription in the data namespace.
        assert.deepEqual(clashes({ ...base, namespace, operators: [olm("a", namespace)] }), [
          ["stateful-stack:operators[0].namespace", "stateful-stack:namespace"],
        ]);
      }),
      { numRuns: 30 },
    );
    const [message] = problemsOf({ ...valid, installOlm: true, operators: [olm("a", "data")] }).map((p) => p.message);
    assert.match(
      message ?? "",
      /operator "a" and the data namespace would both create the Namespace "data", and removing either would delete it with all in it; rename one of them/,
    );
    // The etcd operator's bundle makes its own namespace.
    assert.deepEqual(clashes({ ...valid, namespace: "etcd-operator-system", etcdClusters: [etcd("store")] }), [
      ["stateful-stack:etcdClusters", "stateful-stack:namespace"],
    ]);
  });

  it("refuses an operator named like one the stack installs itself", () => {
    const operator = (name: string) => ({
      name,
      namespace: "tools",
      manifest: { url: "https://github.com/etcd-io/etcd-operator/releases/download/v0.2.0/install-v0.2.0.yaml" },
    });
    const raw = { ...valid, operators: [operator("etcd-operator")], etcdClusters: [etcd("store")] };
    assert.deepEqual(
      problemsOf(raw).map((p) => p.key),
      ["stateful-stack:operators[0].name"],
    );
    assert.doesNotThrow(() => validateStackConfig({ ...valid, operators: [operator("etcd-operator")] }));
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
      { numRuns: 120 },
    );
  });
});

describe("zones listed twice", () => {
  it("are refused once, at the repeated zone, by the EKS cluster and its new VPC", () => {
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1a"];
    assert.deepEqual(
      eksClusterProblems(eksArgs({ zones })).map((p) => [p.path.join("."), p.message]),
      [["zones.2", "this zone is listed earlier; list each zone once"]],
    );
    assert.deepEqual(
      awsNetworkProblems({ cidr: "10.0.0.0/16", zones: ["eu-west-1a", "eu-west-1a"] }).map((p) => p.path.join(".")),
      ["zones.1"],
    );
  });
});

describe("an item listed twice", () => {
  /**
   * Lists whose items name no resource, so a repeated item changes nothing that is created twice:
   * container arguments (repeating one is legitimate), address ranges, instance types, log types,
   * group ids and namespaces an operator watches, storage classes that already exist, and a
   * grant's principals (merged into one access entry per principal: `eksGroupMembers`).
   */
  const NAMES_NO_RESOURCE =
    /(\.args|storageClasses|Cidrs|authorizedIpRanges|instanceTypes|logTypes|adminGroupObjectIds|targetNamespaces|principals)$/;

  /** Every list in a stack's configuration, as its key path, with at least one item. */
  function lists(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value))
      return [...(value.length > 0 ? [at] : []), ...value.flatMap((item, i) => lists(item, [...at, i]))];
    if (value !== null && typeof value === "object")
      return Object.entries(value).flatMap(([key, item]) => lists(item, [...at, key]));
    return [];
  }
  const keyOf = (path: (string | number)[]) =>
    path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${part}`)).join("");

  it("is refused by the configuration, at that list, for every list whose items name resources", () => {
    const checked: string[] = [];
    const harmless: string[] = [];
    for (const stack of ["local", "dev-aks", "prod-aks", "dev-eks", "prod-eks"]) {
      const { raw, provider } = stackRaw(stack);
      assert.doesNotThrow(() => validateStackConfig(raw, undefined, provider), stack);
      for (const path of lists(raw)) {
        const key = keyOf(path);
        if (NAMES_NO_RESOURCE.test(key)) {
          harmless.push(key);
          continue;
        }
        const edited = structuredClone(raw);
        let list: unknown = edited;
        for (const part of path) list = (list as Record<string | number, unknown>)[part];
        (list as unknown[]).push(structuredClone((list as unknown[])[0]));
        const keys = problemsOf(edited, provider).map((p) => p.key);
        assert.ok(
          keys.some((k) => k.startsWith(`stateful-stack:${key}`)),
          `${stack}: ${key} listed twice is refused at that list, not only at ${keys.join(", ")}`,
        );
        checked.push(`${stack}:${key}`);
      }
    }
    // Zones, workloads and their volumes, etcd clusters, node groups and pools, admins, disks,
    // shares, EBS volumes and file systems of the shipped stacks.
    assert.ok(checked.length >= 20, checked.join(" "));
    assert.ok(harmless.length > 0);
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
