/**
 * EtcdCluster and the `etcdClusters` configuration: the rendered `operator.etcd.io/v1alpha1` spec,
 * persistent storage on the platform's disk class, ordering after the operator, and bad input.
 */
import { problemsOf } from "./support/config.ts";
import assert from "node:assert/strict";
import {
  EtcdCluster,
  Operator,
  Platform,
  platformProblems,
  etcdClusterProblems,
  etcdOperatorArgs,
  type EtcdClusterArgs,
} from "../components/index.ts";
import { validateStackConfig } from "../config/index.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { input, named, transitiveDependencies } from "./support/graph.ts";
import { clusterWithNodes } from "./support/operators.ts";

type Spec = Omit<EtcdClusterArgs, "cluster" | "namespace">;
const TYPE = "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster";
const ODD_SIZE = "etcd needs an odd number of members, at least 1 (1, 3, 5, …), so a majority survives a failure";

async function recordEtcd(spec: Partial<Spec> = {}): Promise<Recording> {
  return record(
    () => {
      const cluster = clusterWithNodes();
      const operator = new Operator("etcd-operator", etcdOperatorArgs(cluster), { dependsOn: cluster.readiness });
      new EtcdCluster(
        "store",
        { environment: "dev", storageClass: "managed-csi", ...spec, cluster, namespace: "data" },
        { dependsOn: operator.ready },
      );
    },
    { project: "proj", stack: "test" },
  );
}

const base = {
  environment: "dev",
  cloud: "existing",
  kubeconfigPath: "~/.kube/config",
  kubeContext: "kind-stateful",
  storageClasses: ["standard"],
};

describe("EtcdCluster", () => {
  it("renders an EtcdCluster with 3 members, the pinned etcd version and a claim per member on the disk class", async () => {
    const recording = await recordEtcd();
    const cr = named(recording, "store", TYPE);
    assert.equal(input(cr, "apiVersion"), "operator.etcd.io/v1alpha1");
    assert.equal(input(cr, "kind"), "EtcdCluster");
    assert.equal(input(cr, "metadata.namespace"), "data");
    assert.deepEqual(input(cr, "spec"), {
      size: 3,
      version: "v3.5.21",
      storageSpec: { accessModes: "ReadWriteOnce", storageClassName: "managed-csi", volumeSizeRequest: "10Gi" },
    });
    assert.equal(cr.provider, named(recording, "c-provider").urn);
  });

  it("is created after the etcd operator's bundle, which waits for the nodes", async () => {
    const recording = await recordEtcd();
    const deps = transitiveDependencies(recording, named(recording, "store", TYPE));
    assert.ok(deps.has(named(recording, "etcd-operator", "kubernetes:yaml/v2:ConfigFile").urn));
    assert.ok(deps.has(named(recording, "nodes").urn));
  });

  it("renders TLS through the operator's auto or cert-manager provider when asked", async () => {
    const auto = named(await recordEtcd({ tls: "auto" }), "store", TYPE);
    assert.deepEqual(input(auto, "spec.tls"), { provider: "auto", providerCfg: { autoCfg: { commonName: "store" } } });
    const cm = named(
      await recordEtcd({ tls: "cert-manager", clusterName: "cfg", certManager: { issuerName: "corp-ca" } }),
      "store",
      TYPE,
    );
    assert.deepEqual(input(cm, "spec.tls"), {
      provider: "cert-manager",
      providerCfg: { certManagerCfg: { commonName: "cfg", issuerKind: "ClusterIssuer", issuerName: "corp-ca" } },
    });
    assert.equal(input(cm, "metadata.name"), "cfg");
  });

  it("refuses cert-manager TLS without an issuer, a bad issuer, and an issuer without cert-manager TLS", async () => {
    const args = { storageClass: "a" } as const;
    assert.deepEqual(etcdClusterProblems({ ...args, tls: "cert-manager" }), [
      {
        path: ["certManager", "issuerName"],
        value: undefined,
        message:
          "tls \"cert-manager\" needs the issuer that signs the certificates: give issuerName (a ClusterIssuer, or an Issuer in the etcd cluster's namespace); in a Platform, leave certManager out to use the stack's own CA issuer",
      },
    ]);
    assert.deepEqual(
      etcdClusterProblems({
        ...args,
        tls: "cert-manager",
        certManager: { issuerKind: "CAIssuer" as "Issuer", issuerName: "Corp_CA" },
      }).map((p) => [p.path, p.value, p.message]),
      [
        [["certManager", "issuerKind"], "CAIssuer", 'expected one of "ClusterIssuer", "Issuer"'],
        [
          ["certManager", "issuerName"],
          "Corp_CA",
          'must be a DNS subdomain: lowercase letters, digits, "-" and "." (cert-manager issuer name), e.g. "my-name"',
        ],
      ],
    );
    assert.deepEqual(etcdClusterProblems({ ...args, tls: "auto", certManager: { issuerName: "corp-ca" } }), [
      {
        path: ["certManager"],
        value: { issuerName: "corp-ca" },
        message:
          'applies only with tls "cert-manager" (tls is "auto"); set tls to "cert-manager" or remove certManager',
      },
    ]);
    await assert.rejects(
      recordEtcd({ tls: "cert-manager" }),
      /EtcdCluster "store": certManager\.issuerName = \(not set\): tls "cert-manager" needs the issuer/,
    );
  });

  it("keeps the EtcdCluster on delete in prod, and runs on ephemeral storage only when asked explicitly", async () => {
    assert.equal(named(await recordEtcd({ environment: "prod" }), "store", TYPE).retainOnDelete, true);
    assert.equal(named(await recordEtcd(), "store", TYPE).retainOnDelete, false);
    const ephemeral = named(await recordEtcd({ ephemeral: true, storageClass: undefined }), "store", TYPE);
    assert.equal(input(ephemeral, "spec.storageSpec"), undefined);
  });

  it("refuses an even or zero size, a version that is not vX.Y.Z and a missing storage class, each with its one message", () => {
    assert.deepEqual(etcdClusterProblems({ size: 2, version: "3.5", storageClass: undefined }), [
      { path: ["size"], value: 2, message: ODD_SIZE },
      { path: ["version"], value: "3.5", message: 'expected an etcd release "vX.Y.Z" such as "v3.5.21"' },
      {
        path: ["storageClass"],
        value: undefined,
        message:
          "is required so members keep their data: name the platform's disk class (ephemeral: true only for throw-away clusters)",
      },
    ]);
    for (const size of [0, -1, 1.5])
      assert.deepEqual(
        etcdClusterProblems({ size, storageClass: "a" }).map((p) => p.message),
        [ODD_SIZE],
        String(size),
      );
  });
});

describe("Platform with etcd clusters", () => {
  it("refuses a TLS mode the EtcdCluster does not know, at the cluster's entry (as another language could send it)", () => {
    const problems = platformProblems({
      environment: "dev",
      cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
      operators: { etcdClusters: [{ name: "meta", ephemeral: true, tls: "mutual" as "auto" }] },
    });
    assert.deepEqual(problems, [
      {
        path: ["operators", "etcdClusters", 0, "tls"],
        value: "mutual",
        message: 'expected one of "none", "auto", "cert-manager"',
      },
    ]);
  });

  it("refuses an etcd cluster on a class the platform does not define, before registering anything", async () => {
    const args = {
      environment: "dev" as const,
      cluster: { cloud: "existing" as const, existing: { kubeconfigPath: "/k", context: "ctx" } },
      storageClasses: ["standard"],
      operators: { etcdClusters: [{ name: "e", storageClass: "premium" }] },
    };
    assert.deepEqual(platformProblems(args), [
      {
        path: ["operators", "etcdClusters", 0, "storageClass"],
        value: "premium",
        message:
          'the stack defines no storage class "premium" (defined: "standard"); add it to storageClasses or use a defined one',
      },
    ]);
    await assert.rejects(
      record(() => new Platform("p", args), { project: "proj", stack: "test" }),
      /"premium"/,
    );
  });
});

describe("etcdClusters configuration", () => {
  const etcd = { name: "config-store", storageClass: "standard" };

  it("defaults to 3 members, the pinned version, 10Gi and no TLS", () => {
    const config = validateStackConfig({ ...base, etcdClusters: [etcd] });
    assert.deepEqual(config.etcdClusters, [
      { name: "config-store", size: 3, version: "v3.5.21", storageClass: "standard", storageSize: "10Gi", tls: "none" },
    ]);
  });

  it("names the key, the value and the rule for an even size and a bad version", () => {
    assert.deepEqual(problemsOf({ ...base, etcdClusters: [{ ...etcd, size: 4, version: "3.5.0" }] }), [
      {
        key: "stateful-stack:etcdClusters[0].size",
        value: 4,
        message: ODD_SIZE,
      },
      {
        key: "stateful-stack:etcdClusters[0].version",
        value: "3.5.0",
        message: 'expected an etcd release "vX.Y.Z" such as "v3.5.21"',
      },
    ]);
    assert.equal(
      problemsOf({ ...base, etcdClusters: [{ ...etcd, size: -1 }] })[0]?.key,
      "stateful-stack:etcdClusters[0].size",
    );
  });

  it("refuses a storage class the stack does not define", () => {
    assert.deepEqual(problemsOf({ ...base, etcdClusters: [{ ...etcd, storageClass: "premium" }] }), [
      {
        key: "stateful-stack:etcdClusters[0].storageClass",
        value: "premium",
        message:
          'the stack defines no storage class "premium" (defined: "standard"); add it to storageClasses or use a defined one',
      },
    ]);
  });
});
