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
    const args = { environment: "dev", storageClass: "a" } as const;
    assert.deepEqual(etcdClusterProblems("s", { ...args, tls: "cert-manager" }), [
      'EtcdCluster "s": tls "cert-manager" needs certManager.issuerName, the ClusterIssuer (or Issuer in the cluster\'s namespace) that signs its certificates (in a Platform, leave certManager unset to use the CA ClusterIssuer it creates)',
    ]);
    assert.deepEqual(
      etcdClusterProblems("s", {
        ...args,
        tls: "cert-manager",
        certManager: { issuerKind: "CAIssuer" as "Issuer", issuerName: "Corp_CA" },
      }),
      [
        'EtcdCluster "s": certManager.issuerKind "CAIssuer" must be "ClusterIssuer" or "Issuer"',
        'EtcdCluster "s": certManager.issuerName "Corp_CA" must be a Kubernetes object name (lowercase letters, digits, "-" and ".")',
      ],
    );
    assert.deepEqual(etcdClusterProblems("s", { ...args, tls: "auto", certManager: { issuerName: "corp-ca" } }), [
      'EtcdCluster "s": certManager is set but tls is "auto"; set tls "cert-manager" or remove certManager',
    ]);
    await assert.rejects(recordEtcd({ tls: "cert-manager" }), /needs certManager\.issuerName/);
  });

  it("keeps the EtcdCluster on delete in prod, and runs on ephemeral storage only when asked explicitly", async () => {
    assert.equal(named(await recordEtcd({ environment: "prod" }), "store", TYPE).retainOnDelete, true);
    assert.equal(named(await recordEtcd(), "store", TYPE).retainOnDelete, false);
    const ephemeral = named(await recordEtcd({ ephemeral: true, storageClass: undefined }), "store", TYPE);
    assert.equal(input(ephemeral, "spec.storageSpec"), undefined);
  });

  it("refuses an even or zero size, a version that is not vX.Y.Z and a missing storage class", () => {
    assert.deepEqual(
      etcdClusterProblems("s", { environment: "dev", size: 2, version: "3.5", storageClass: undefined }),
      [
        'EtcdCluster "s": size 2 must be an odd whole number of at least 1 (1, 3, 5, …) so a majority of members survives a failure',
        'EtcdCluster "s": version "3.5" must be an etcd release "vX.Y.Z", such as "v3.5.21"',
        'EtcdCluster "s": storageClass is required so members keep their data; set ephemeral: true only for throw-away clusters',
      ],
    );
    assert.equal(etcdClusterProblems("s", { environment: "dev", size: 0, storageClass: "a" }).length, 1);
  });
});

describe("Platform with etcd clusters", () => {
  it("refuses an etcd cluster on a class the platform does not define, before registering anything", async () => {
    const args = {
      environment: "dev" as const,
      cluster: { cloud: "existing" as const, existing: { kubeconfigPath: "/k", context: "ctx" } },
      storageClasses: ["standard"],
      operators: { etcdClusters: [{ name: "e", storageClass: "premium" }] },
    };
    assert.deepEqual(
      platformProblems(args).map((p) => p.message),
      [
        'Platform: etcd cluster "e" uses storage class "premium", which the platform does not define (defined: standard)',
      ],
    );
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
        message: "etcd needs an odd number of members, at least 1 (1, 3, 5, …), so a majority survives a failure",
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
