/**
 * Operator: one operator from exactly one source, on the cluster's provider, after what it is
 * told to wait for; `ready` is what its custom resources wait on.
 */
import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import {
  Operator,
  OperatorLifecycleManager,
  cephCsiDriversArgs,
  etcdOperatorArgs,
  isPinnedUrl,
  isPinnedVersion,
  helmReleaseNameProblems,
  operatorLifecycleManagerProblems,
  operatorProblems,
  rookOperatorArgs,
} from "../components/index.ts";
import { ConfigError, validateStackConfig, type ConfigProblem } from "../config/index.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { record } from "../tools/recorder/record.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";
import { clusterWithNodes } from "./support/operators.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CONFIG_FILE = "kubernetes:yaml/v2:ConfigFile";
const helm = { repository: "https://charts.example.com", chart: "thing-operator", version: "1.4.2" };

describe("Operator", () => {
  it("installs a Helm chart as a helm.v3 Release with the pinned chart, repository, values and namespace, after the nodes", async () => {
    const recording = await record(
      () => {
        const cluster = clusterWithNodes();
        const op = new Operator(
          "thing",
          { cluster, namespace: "thing-system", helm: { ...helm, values: { replicas: 2 } } },
          { dependsOn: cluster.readiness },
        );
        new k8s.apiextensions.CustomResource(
          "instance",
          { apiVersion: "example.com/v1", kind: "Thing" },
          { provider: cluster.provider, dependsOn: op.ready },
        );
      },
      { project: "proj", stack: "test" },
    );
    const release = named(recording, "thing", RELEASE);
    assert.equal(release.custom, true);
    assert.equal(release.remote, false);
    assert.equal(input(release, "chart"), "thing-operator");
    assert.equal(input(release, "version"), "1.4.2");
    assert.equal(input(release, "repositoryOpts.repo"), "https://charts.example.com");
    assert.equal(input(release, "namespace"), "thing-system");
    assert.equal(input(release, "createNamespace"), true);
    assert.deepEqual(input(release, "values"), { replicas: 2 });
    assert.equal(input(release, "skipAwait"), undefined, "the release waits for the operator to be ready");
    assert.equal(release.provider, named(recording, "c-provider").urn);
    assert.ok(release.dependencies.includes(named(recording, "nodes").urn), "the operator waits for the nodes");
    const instance = named(recording, "instance");
    assert.ok(transitiveDependencies(recording, instance).has(release.urn), "its custom resources wait for it");
  });

  it("applies a manifest bundle by its pinned URL as a YAML v2 ConfigFile on the cluster's provider", async () => {
    const recording = await record(
      () => {
        const cluster = clusterWithNodes();
        new Operator("etcd", etcdOperatorArgs(cluster), { dependsOn: cluster.readiness });
      },
      { project: "proj", stack: "test" },
    );
    const bundle = named(recording, "etcd", CONFIG_FILE);
    assert.equal(bundle.remote, true);
    assert.equal(
      input(bundle, "file"),
      "https://raw.githubusercontent.com/etcd-io/etcd-operator/v0.2.0/dist/install-v0.2.0.yaml",
    );
    assert.equal(bundle.provider, named(recording, "c-provider").urn);
    assert.ok(bundle.dependencies.includes(named(recording, "nodes").urn));
    assert.deepEqual(ofType(recording, RELEASE), []);
  });

  it("subscribes through OLM: a namespace, an OperatorGroup, then a Subscription, after OLM itself", async () => {
    const recording = await record(
      () => {
        const cluster = clusterWithNodes();
        const olm = new OperatorLifecycleManager("olm", { cluster }, { dependsOn: cluster.readiness });
        new Operator(
          "pg",
          {
            cluster,
            namespace: "pg-operator",
            olm: { package: "postgresql", channel: "v5", targetNamespaces: ["apps"] },
          },
          { dependsOn: olm.ready },
        );
      },
      { project: "proj", stack: "test" },
    );
    const crds = named(recording, "olm-crds", CONFIG_FILE);
    const olm = named(recording, "olm-olm", CONFIG_FILE);
    assert.ok(olm.dependencies.includes(crds.urn), "OLM waits for its CRDs");
    assert.match(String(input(crds, "file")), /\/download\/v0\.46\.0\/crds\.yaml$/);
    const group = named(recording, "pg-group");
    const subscription = named(recording, "pg-subscription");
    assert.equal(group.type, "kubernetes:operators.coreos.com/v1:OperatorGroup");
    assert.deepEqual(input(group, "spec"), { targetNamespaces: ["apps"] });
    assert.equal(subscription.type, "kubernetes:operators.coreos.com/v1alpha1:Subscription");
    assert.deepEqual(input(subscription, "spec"), {
      name: "postgresql",
      channel: "v5",
      source: "operatorhubio-catalog",
      sourceNamespace: "olm",
      installPlanApproval: "Automatic",
    });
    assert.ok(subscription.dependencies.includes(group.urn));
    assert.ok(transitiveDependencies(recording, subscription).has(olm.urn), "the subscription waits for OLM");
    assert.equal(input(named(recording, "pg-namespace"), "metadata.name"), "pg-operator");
  });

  it("keeps Rook's CRDs managed by the chart and installs the CSI drivers chart of the same release line", () => {
    const cluster = { provider: undefined } as unknown as Parameters<typeof rookOperatorArgs>[0];
    const rook = rookOperatorArgs(cluster).helm;
    assert.deepEqual(
      { chart: rook?.chart, version: rook?.version, repo: rook?.repository },
      { chart: "rook-ceph", version: "v1.20.6", repo: "https://charts.rook.io/release" },
    );
    assert.deepEqual((rook?.values as { crds: unknown }).crds, { enabled: true });
    const csi = cephCsiDriversArgs(cluster).helm;
    assert.equal(csi?.chart, "ceph-csi-drivers");
    assert.equal(csi?.repository, "https://ceph.github.io/ceph-csi-operator");
    assert.equal(csi?.version, "1.0.4");
  });

  it("refuses zero or two sources, an unpinned chart version and an unpinned bundle URL, before registering anything", async () => {
    const manifest = { url: "https://example.com/v1.0.0/a.yaml" };
    assert.deepEqual(operatorProblems({ namespace: "n" }), [
      {
        path: [],
        value: {},
        message: "an operator needs exactly one install source, found none; keep one of helm, manifest, olm or olmV1",
      },
    ]);
    assert.deepEqual(operatorProblems({ namespace: "n", helm, manifest }), [
      {
        path: [],
        value: { helm, manifest },
        message:
          "an operator needs exactly one install source, found helm and manifest; keep one of helm, manifest, olm or olmV1",
      },
    ]);
    assert.deepEqual(operatorProblems({ namespace: "n", helm: { ...helm, version: "^1.4" } }), [
      {
        path: ["helm", "version"],
        value: "^1.4",
        message:
          'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
      },
    ]);
    const branch = "https://raw.githubusercontent.com/o/r/main/install.yaml";
    assert.deepEqual(operatorProblems({ namespace: "n", manifest: { url: branch } }), [
      {
        path: ["manifest", "url"],
        value: branch,
        message:
          "expected an https:// URL that names an exact release, not a branch, such as .../v0.2.0/dist/install-v0.2.0.yaml",
      },
    ]);
    const recording = record(
      () => {
        const cluster = clusterWithNodes();
        new Operator("x", { cluster, namespace: "n" });
      },
      { project: "proj", stack: "test" },
    );
    await assert.rejects(recording, /Operator "x": an operator needs exactly one install source/);
  });

  it("refuses an empty chart, package or channel, an empty starting CSV and a target namespace Kubernetes rejects", () => {
    assert.deepEqual(
      operatorProblems({ namespace: "n", helm: { ...helm, repository: "http://charts.example.com", chart: "" } }).map(
        (p) => p.path,
      ),
      [
        ["helm", "repository"],
        ["helm", "chart"],
      ],
    );
    assert.deepEqual(
      operatorProblems({
        namespace: "Bad_NS",
        olm: { package: "", channel: "", startingCSV: "", targetNamespaces: ["ok", "Not OK"] },
      }).map((p) => p.path),
      [["namespace"], ["olm", "package"], ["olm", "channel"], ["olm", "startingCSV"], ["olm", "targetNamespaces", 1]],
    );
  });

  it("refuses a Helm operator whose release name Helm would reject", async () => {
    const name = "x".repeat(54);
    assert.deepEqual(helmReleaseNameProblems([], name), [
      {
        path: [],
        value: name,
        message:
          "the Helm release is named after the operator and Helm allows at most 53 characters; use a shorter name",
      },
    ]);
    await assert.rejects(
      record(() => new Operator(name, { cluster: clusterWithNodes(), namespace: "n", helm }), {
        project: "proj",
        stack: "test",
      }),
      /Helm allows at most 53 characters/,
    );
  });

  it("refuses OLM release URLs that are not pinned", async () => {
    const latest = "https://github.com/o/r/releases/latest/download/olm.yaml";
    assert.deepEqual(
      operatorLifecycleManagerProblems({ crdsUrl: latest }).map((p) => [p.path, p.value]),
      [[["crdsUrl"], latest]],
    );
    assert.deepEqual(operatorLifecycleManagerProblems({}), []);
    await assert.rejects(
      record(() => new OperatorLifecycleManager("olm", { cluster: clusterWithNodes(), manifestUrl: latest }), {
        project: "proj",
        stack: "test",
      }),
      /OperatorLifecycleManager "olm": manifestUrl = "https:\/\/github.com\/o\/r\/releases\/latest\/download\/olm.yaml": expected an https:\/\/ URL/,
    );
  });

  it("tells pinned versions and URLs from moving ones", () => {
    for (const v of ["1.2.3", "v1.20.0", "0.5.0-rc.1"]) assert.ok(isPinnedVersion(v), v);
    for (const v of ["", "latest", "1.2", "^1.2.3", "~1.2.3", "1.x", ">=1.0.0"]) assert.ok(!isPinnedVersion(v), v);
    assert.ok(isPinnedUrl("https://github.com/o/r/releases/download/v0.46.0/olm.yaml"));
    assert.ok(!isPinnedUrl("http://github.com/o/r/releases/download/v0.46.0/olm.yaml"), "plain http");
    assert.ok(!isPinnedUrl("https://github.com/o/r/releases/latest/download/olm.yaml"), "moving release");
    assert.ok(!isPinnedUrl("https://raw.githubusercontent.com/o/r/master/v1.2.3/a.yaml"), "moving branch");
  });
});

describe("operators configuration", () => {
  const base = {
    environment: "dev",
    cloud: "existing",
    kubeconfigPath: "~/.kube/config",
    kubeContext: "kind-stateful",
  };
  const problemsOf = (operators: unknown[]): ConfigProblem[] => {
    try {
      validateStackConfig({ ...base, operators });
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return [...error.problems];
    }
    assert.fail("expected the configuration to be rejected");
  };

  it("maps a valid entry to the Platform's operators", () => {
    const config = validateStackConfig({ ...base, operators: [{ name: "thing", namespace: "thing-system", helm }] });
    assert.deepEqual(toPlatformArgs(config).operators?.operators, [
      {
        name: "thing",
        namespace: "thing-system",
        helm: { ...helm, values: {} },
        manifest: undefined,
        olm: undefined,
        olmV1: undefined,
        customResources: [],
      },
    ]);
  });

  it("refuses two install sources, and none, naming the entry", () => {
    const url = "https://example.com/releases/download/v1.0.0/install.yaml";
    assert.deepEqual(problemsOf([{ name: "thing", namespace: "t", helm, manifest: { url } }]), [
      {
        key: "stateful-stack:operators[0]",
        value: { helm: { ...helm, values: {} }, manifest: { url } },
        message:
          "an operator needs exactly one install source, found helm and manifest; keep one of helm, manifest, olm or olmV1",
      },
    ]);
    assert.match(problemsOf([{ name: "thing", namespace: "t" }])[0]?.message ?? "", /found none/);
  });

  it("refuses a chart version that is not pinned and a bundle URL on a branch", () => {
    assert.deepEqual(
      problemsOf([
        { name: "a", namespace: "t", helm: { ...helm, version: "latest" } },
        { name: "b", namespace: "t", manifest: { url: "https://raw.githubusercontent.com/o/r/main/install.yaml" } },
      ]),
      [
        {
          key: "stateful-stack:operators[0].helm.version",
          value: "latest",
          message:
            'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
        },
        {
          key: "stateful-stack:operators[1].manifest.url",
          value: "https://raw.githubusercontent.com/o/r/main/install.yaml",
          message:
            "expected an https:// URL that names an exact release, not a branch, such as .../v0.2.0/dist/install-v0.2.0.yaml",
        },
      ],
    );
  });

  it("reads installOlm as Pulumi passes it (the strings true and false) and refuses anything else", () => {
    assert.equal(validateStackConfig({ ...base, installOlm: "true" }).installOlm, true);
    assert.equal(validateStackConfig({ ...base, installOlm: "false" }).installOlm, false);
    assert.equal(validateStackConfig(base).installOlm, false);
    assert.throws(
      () => validateStackConfig({ ...base, installOlm: "yes" }),
      /installOlm = "yes": expected true or false/,
    );
  });

  it("keeps the built-in names for etcdClusters and rook, and refuses a name twice", () => {
    assert.deepEqual(problemsOf([{ name: "etcd", namespace: "t", helm }]), [
      {
        key: "stateful-stack:operators[0].name",
        value: "etcd",
        message:
          '"etcd" and "rook-ceph" are the built-in operators: use etcdClusters or rook for them, or give this operator another name',
      },
    ]);
    assert.deepEqual(
      problemsOf([
        { name: "thing", namespace: "t", helm },
        { name: "thing", namespace: "u", helm },
      ]),
      [
        {
          key: "stateful-stack:operators[1].name",
          value: "thing",
          message: "operator names must be unique; this name is used earlier, rename one of them",
        },
      ],
    );
  });
});
