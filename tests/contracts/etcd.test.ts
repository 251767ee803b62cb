/**
 * The etcd clusters the stack renders, in every TLS mode, against what etcd-io/etcd-operator v0.2.0
 * and cert-manager accept: the EtcdCluster spec (CRD fields, required fields, enums, controller
 * rules), the cert-manager chart and objects (schema, issuer references), and the order that lets
 * the operator see cert-manager at start-up.
 */
import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createOperatorLayer, Platform, type PlatformEtcdCluster } from "../../components/index.ts";
import { toPlatformArgs, validateStackConfig } from "../../config/index.ts";
import { checkRecording } from "../../policy/offline.ts";
import { record, type RecordedResource, type Recording } from "../../tools/recorder/record.ts";
import { problemsOf } from "../support/config.ts";
import { etcdClusterContractProblems } from "../support/etcdContract.ts";
import { input, named, ofType, transitiveDependencies } from "../support/graph.ts";
import { isCertManagerObject, kubernetesSchemaProblems } from "../support/kubernetesSchema.ts";
import { clusterWithNodes } from "../support/operators.ts";
import { recordUnderTest, STACKS_UNDER_TEST, stackValue } from "../support/stacksUnderTest.ts";

const ETCD_CLUSTER = "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CLUSTER_ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";
const CERTIFICATE = "kubernetes:cert-manager.io/v1:Certificate";

/** The operator layer for these etcd clusters, on a cluster with a node pool and a disk class. */
function recordLayer(etcdClusters: PlatformEtcdCluster[], environment: "dev" | "prod" = "dev"): Promise<Recording> {
  return record(
    () => {
      const cluster = clusterWithNodes();
      const parent = new pulumi.ComponentResource("test:index:Parent", "p");
      const ns = new k8s.core.v1.Namespace(
        "data",
        { metadata: { name: "data" } },
        { provider: cluster.provider, parent },
      );
      const storage = { classes: ["disk"], claims: {}, classReadiness: {}, claimReadiness: {} };
      createOperatorLayer(
        "p",
        { cluster, environment, dataNamespace: ns, dataNamespaceName: "data", storage, spec: { etcdClusters } },
        parent,
      );
    },
    { project: "proj", stack: "test" },
  );
}

/** The cert-manager Helm release, if the recording has one. */
function certManagerRelease(recording: Recording): RecordedResource | undefined {
  const releases = ofType(recording, RELEASE).filter((r) => input(r, "chart") === "cert-manager");
  assert.ok(releases.length <= 1, "at most one cert-manager release");
  return releases[0];
}

/** The issuers the stack renders that an EtcdCluster's `certManagerCfg` names (same kind and name; Issuer in its namespace). */
function renderedIssuers(recording: Recording, etcd: RecordedResource): RecordedResource[] {
  const kind = input(etcd, "spec.tls.providerCfg.certManagerCfg.issuerKind");
  const name = input(etcd, "spec.tls.providerCfg.certManagerCfg.issuerName");
  return ofType(recording, `kubernetes:cert-manager.io/v1:${String(kind)}`).filter(
    (issuer) =>
      input(issuer, "metadata.name") === name &&
      (kind === "ClusterIssuer" || input(issuer, "metadata.namespace") === input(etcd, "metadata.namespace")),
  );
}

function dependsOn(recording: Recording, resource: RecordedResource, on: RecordedResource): boolean {
  return transitiveDependencies(recording, resource).has(on.urn);
}

const MODES: [string, PlatformEtcdCluster][] = [
  ["none", { name: "a", storageClass: "disk" }],
  ["auto", { name: "a", storageClass: "disk", tls: "auto" }],
  ["cert-manager with the default issuer", { name: "a", storageClass: "disk", tls: "cert-manager" }],
  [
    "cert-manager with a named ClusterIssuer",
    {
      name: "a",
      storageClass: "disk",
      tls: "cert-manager",
      certManager: { issuerKind: "ClusterIssuer", issuerName: "corp-ca" },
    },
  ],
  [
    "cert-manager with a named Issuer",
    {
      name: "a",
      storageClass: "disk",
      tls: "cert-manager",
      certManager: { issuerKind: "Issuer", issuerName: "team-ca" },
    },
  ],
];

describe("EtcdCluster contract (etcd-io/etcd-operator v0.2.0)", () => {
  for (const [mode, etcd] of MODES) {
    it(`TLS ${mode}: renders a spec the CRD and the controller accept`, async () => {
      const recording = await recordLayer([etcd]);
      const clusters = ofType(recording, ETCD_CLUSTER);
      assert.equal(clusters.length, 1);
      for (const cr of clusters) assert.deepEqual(etcdClusterContractProblems(input(cr, "spec")), []);
    });
  }

  it("auto: asks the operator for its own certificates with autoCfg (without it, none is created)", async () => {
    const cr = named(await recordLayer([{ name: "a", storageClass: "disk", tls: "auto" }]), "p-etcd-a", ETCD_CLUSTER);
    assert.deepEqual(input(cr, "spec.tls"), { provider: "auto", providerCfg: { autoCfg: { commonName: "a" } } });
  });

  it("none and auto: install no cert-manager and render no issuer", async () => {
    for (const tls of ["none", "auto"] as const) {
      const recording = await recordLayer([{ name: "a", storageClass: "disk", tls }]);
      assert.equal(certManagerRelease(recording), undefined, tls);
      assert.deepEqual(recording.resources.filter(isCertManagerObject), [], tls);
    }
  });

  it("refuses a spec that breaks the contract (the check can fail)", () => {
    assert.deepEqual(
      etcdClusterContractProblems({
        size: 0,
        version: "v3.5.21",
        storageSpec: { accesModes: "ReadWriteOnce" },
        tls: { provider: "cert-manager", providerCfg: { certManagerCfg: { caBundle: "x", issuerKind: "Foo" } } },
      }),
      [
        "spec.size is required and must be a whole number of at least 1, got 0",
        "spec.storageSpec.accesModes is not a field of the CRD (allowed: accessModes, storageClassName, pvcName, volumeSizeRequest, volumeSizeLimit)",
        "spec.storageSpec.volumeSizeRequest is required and must be a quantity, got undefined",
        "spec.tls.providerCfg.certManagerCfg.caBundle is not a field of the CRD (allowed: commonName, organizations, altNames, validityDuration, caBundleSecret, issuerKind, issuerName)",
        "spec.tls.providerCfg.certManagerCfg.issuerKind is required and must be one of ClusterIssuer, Issuer, got Foo",
        "spec.tls.providerCfg.certManagerCfg.issuerName is required",
      ],
    );
  });
});

describe("cert-manager for etcd TLS", () => {
  it("installs the pinned cert-manager chart with its CRDs, before the etcd operator (which detects it only at start-up)", async () => {
    const recording = await recordLayer([{ name: "a", storageClass: "disk", tls: "cert-manager" }]);
    const release = certManagerRelease(recording);
    assert.ok(release, "a cert-manager release");
    assert.equal(input(release, "repositoryOpts.repo"), "https://charts.jetstack.io");
    assert.match(String(input(release, "version")), /^v1\.[0-9]+\.[0-9]+$/);
    assert.equal(input(release, "namespace"), "cert-manager");
    assert.deepEqual(input(release, "values.crds"), { enabled: true, keep: true });
    assert.equal(
      input(release, "values.installCRDs"),
      undefined,
      "installCRDs is deprecated: crds.enabled replaces it",
    );
    assert.ok(dependsOn(recording, release, named(recording, "nodes")), "cert-manager waits for the nodes");
    const bundle = named(recording, "p-etcd-operator", "kubernetes:yaml/v2:ConfigFile");
    assert.ok(dependsOn(recording, bundle, release), "the etcd operator starts after cert-manager is ready");
  });

  it("default issuer: a self-signed ClusterIssuer bootstraps a CA Certificate, whose CA ClusterIssuer the EtcdCluster names", async () => {
    const recording = await recordLayer([
      { name: "a", storageClass: "disk", tls: "cert-manager" },
      { name: "b", storageClass: "disk", tls: "cert-manager" },
    ]);
    const release = certManagerRelease(recording);
    assert.ok(release);
    const objects = recording.resources.filter(isCertManagerObject);
    assert.equal(objects.length, 3, "one self-signed ClusterIssuer, one CA Certificate, one CA ClusterIssuer");
    for (const object of objects) {
      assert.deepEqual(await kubernetesSchemaProblems(object), [], object.name);
      assert.ok(dependsOn(recording, object, release), `${object.name} is created after cert-manager`);
      assert.equal(object.provider, named(recording, "c-provider").urn, `${object.name} uses the cluster's provider`);
    }
    const clusters = ofType(recording, ETCD_CLUSTER);
    assert.equal(clusters.length, 2);
    for (const etcd of clusters) {
      assert.equal(input(etcd, "spec.tls.provider"), "cert-manager");
      const [issuer, ...more] = renderedIssuers(recording, etcd);
      assert.ok(issuer && more.length === 0, `${etcd.name} names exactly one issuer the stack renders`);
      assert.equal(issuer.type, CLUSTER_ISSUER);
      assert.ok(dependsOn(recording, etcd, issuer), `${etcd.name} is created after its issuer`);
      // The CA issuer signs with the secret of a CA Certificate in cert-manager's cluster resource namespace.
      const secretName = input(issuer, "spec.ca.secretName");
      const [ca, ...others] = ofType(recording, CERTIFICATE).filter((c) => input(c, "spec.secretName") === secretName);
      assert.ok(ca && others.length === 0, "one Certificate holds the CA issuer's secret");
      assert.equal(input(ca, "metadata.namespace"), input(release, "namespace"));
      assert.equal(input(ca, "spec.isCA"), true);
      assert.ok(dependsOn(recording, issuer, ca), "the CA issuer is created after its CA certificate");
      const root = ofType(recording, CLUSTER_ISSUER).filter(
        (i) =>
          input(i, "metadata.name") === input(ca, "spec.issuerRef.name") &&
          input(ca, "spec.issuerRef.kind") === "ClusterIssuer",
      );
      assert.equal(root.length, 1, "the CA Certificate names a rendered ClusterIssuer");
      assert.deepEqual(input(root[0] as RecordedResource, "spec"), { selfSigned: {} });
      assert.ok(dependsOn(recording, ca, root[0] as RecordedResource));
    }
  });

  it("named issuer: renders no issuer of its own, passes the kind and name through, and still installs cert-manager first", async () => {
    for (const [kind, name] of [
      ["ClusterIssuer", "corp-ca"],
      ["Issuer", "team-ca"],
    ] as const) {
      const recording = await recordLayer([
        { name: "a", storageClass: "disk", tls: "cert-manager", certManager: { issuerKind: kind, issuerName: name } },
      ]);
      assert.deepEqual(recording.resources.filter(isCertManagerObject), [], kind);
      const etcd = named(recording, "p-etcd-a", ETCD_CLUSTER);
      assert.equal(input(etcd, "spec.tls.providerCfg.certManagerCfg.issuerKind"), kind);
      assert.equal(input(etcd, "spec.tls.providerCfg.certManagerCfg.issuerName"), name);
      const release = certManagerRelease(recording);
      assert.ok(release);
      assert.ok(dependsOn(recording, etcd, release), "the EtcdCluster is created after cert-manager");
      assert.ok(dependsOn(recording, named(recording, "p-etcd-operator", "kubernetes:yaml/v2:ConfigFile"), release));
    }
  });

  it("judges cert-manager objects by cert-manager's schema (the check can fail)", async () => {
    const broken = {
      name: "broken",
      type: CERTIFICATE,
      custom: true,
      inputs: {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: "broken", namespace: "cert-manager" },
        spec: { issuerRef: { kind: "ClusterIssuer" }, privateKey: { algorithm: "DSA" } },
      },
    } as unknown as RecordedResource;
    assert.ok(isCertManagerObject(broken));
    assert.deepEqual(await kubernetesSchemaProblems(broken), [
      "broken (cert-manager.io/v1 Certificate): /spec must have required property secretName",
      "broken (cert-manager.io/v1 Certificate): /spec/issuerRef must have required property name",
      "broken (cert-manager.io/v1 Certificate): /spec/privateKey/algorithm must be equal to one of the allowed values",
    ]);
  });

  it("refuses, in a Platform, an issuer kind without a name rather than replacing it with the default issuer", async () => {
    await assert.rejects(
      recordLayer([{ name: "a", storageClass: "disk", tls: "cert-manager", certManager: { issuerKind: "Issuer" } }]),
      /EtcdCluster "p-etcd-a": certManager\.issuerName = \(not set\): tls "cert-manager" needs the issuer/,
    );
  });

  it("keeps cert-manager and the CA in the cluster when removed from a prod stack", async () => {
    const recording = await recordLayer([{ name: "a", storageClass: "disk", tls: "cert-manager" }], "prod");
    const kept = [certManagerRelease(recording), ...recording.resources.filter(isCertManagerObject)];
    assert.equal(kept.length, 4);
    for (const r of kept) assert.equal(r?.retainOnDelete, true, r?.name);
  });
});

describe("etcdClusters configuration with tls: cert-manager", () => {
  const base = {
    environment: "dev",
    cloud: "existing",
    kubeconfigPath: "~/.kube/config",
    kubeContext: "kind-stateful",
    storageClasses: ["standard"],
  };
  const etcd = { name: "config-store", storageClass: "standard", tls: "cert-manager" };

  it("is accepted and plans cert-manager, the default CA issuer and an EtcdCluster that names it, in order", async () => {
    const config = validateStackConfig({ ...base, etcdClusters: [etcd] });
    const recording = await record(() => new Platform("p", toPlatformArgs(config)), { project: "proj", stack: "test" });
    const release = certManagerRelease(recording);
    assert.ok(release);
    const cr = named(recording, "p-etcd-config-store", ETCD_CLUSTER);
    assert.deepEqual(etcdClusterContractProblems(input(cr, "spec")), []);
    const [issuer] = renderedIssuers(recording, cr);
    assert.ok(issuer, "the EtcdCluster names the stack's CA issuer");
    assert.ok(dependsOn(recording, cr, issuer));
    assert.ok(dependsOn(recording, issuer, release));
    assert.ok(dependsOn(recording, named(recording, "p-etcd-operator", "kubernetes:yaml/v2:ConfigFile"), release));
    const objects = recording.resources.filter(isCertManagerObject);
    assert.equal(objects.length, 3);
    for (const object of objects) assert.deepEqual(await kubernetesSchemaProblems(object), []);
    assert.deepEqual(
      checkRecording(recording).map((v) => v.message),
      [],
      "the stack's policies pass",
    );
  });

  it("refuses a catalog operator named cert-manager next to the cert-manager the stack installs", async () => {
    const certManager = {
      name: "cert-manager",
      namespace: "cert-manager",
      helm: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.1" },
    };
    assert.deepEqual(problemsOf({ ...base, etcdClusters: [etcd], operators: [certManager] }), [
      {
        key: "stateful-stack:operators[0].name",
        value: "cert-manager",
        message:
          'the stack installs cert-manager itself for etcd clusters with tls "cert-manager"; remove this operator (one cert-manager serves every issuer)',
      },
    ]);
    assert.doesNotThrow(() =>
      validateStackConfig({ ...base, etcdClusters: [{ ...etcd, tls: "auto" }], operators: [certManager] }),
    );
    const args = toPlatformArgs(validateStackConfig({ ...base, etcdClusters: [{ ...etcd, tls: "auto" }] }));
    const spec = {
      ...args.operators,
      etcdClusters: [{ name: "e", storageClass: "standard", tls: "cert-manager" as const }],
      operators: [certManager],
    };
    await assert.rejects(
      record(() => new Platform("p", { ...args, operators: spec }), { project: "proj", stack: "test" }),
      /operators\.operators\[0\]\.name = "cert-manager": the stack installs cert-manager itself/,
    );
  });

  it("accepts a named issuer", () => {
    const named = { ...etcd, certManager: { issuerKind: "Issuer", issuerName: "team-ca" } };
    const config = validateStackConfig({ ...base, etcdClusters: [named] });
    assert.deepEqual(config.etcdClusters[0]?.certManager, { issuerKind: "Issuer", issuerName: "team-ca" });
  });

  it("refuses a bad issuer kind or name, an issuer kind without a name, and an issuer without tls: cert-manager", () => {
    assert.deepEqual(
      problemsOf({
        ...base,
        etcdClusters: [{ ...etcd, certManager: { issuerKind: "CAIssuer", issuerName: "Team_CA" } }],
      }),
      [
        {
          key: "stateful-stack:etcdClusters[0].certManager.issuerKind",
          value: "CAIssuer",
          message: 'expected one of "ClusterIssuer", "Issuer"',
        },
        {
          key: "stateful-stack:etcdClusters[0].certManager.issuerName",
          value: "Team_CA",
          message:
            'must be a DNS subdomain: lowercase letters, digits, "-" and "." (cert-manager issuer name), e.g. "my-name"',
        },
      ],
    );
    assert.deepEqual(problemsOf({ ...base, etcdClusters: [{ ...etcd, certManager: { issuerKind: "Issuer" } }] }), [
      {
        key: "stateful-stack:etcdClusters[0].certManager.issuerName",
        value: undefined,
        message:
          "tls \"cert-manager\" needs the issuer that signs the certificates: give issuerName (a ClusterIssuer, or an Issuer in the etcd cluster's namespace); in a Platform, leave certManager out to use the stack's own CA issuer",
      },
    ]);
    assert.deepEqual(
      problemsOf({ ...base, etcdClusters: [{ ...etcd, tls: "auto", certManager: { issuerName: "corp-ca" } }] }),
      [
        {
          key: "stateful-stack:etcdClusters[0].certManager",
          value: { issuerName: "corp-ca" },
          message:
            'applies only with tls "cert-manager" (tls is "auto"); set tls to "cert-manager" or remove certManager',
        },
      ],
    );
  });
});

describe("EtcdCluster contract on every stack", () => {
  for (const stack of STACKS_UNDER_TEST.filter(
    (s) => ((stackValue(s, "etcdClusters") ?? []) as unknown[]).length > 0,
  )) {
    it(`${stack.name}: every EtcdCluster keeps the v0.2.0 CRD, waits for the etcd operator, and names a reachable issuer`, async () => {
      const recording = await recordUnderTest(stack);
      const clusters = ofType(recording, "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster");
      const declared = stackValue(stack, "etcdClusters") as { name: string; certManager?: { issuerName?: string } }[];
      assert.equal(clusters.length, declared.length);
      const bundle = ofType(recording, "kubernetes:yaml/v2:ConfigFile").find((r) => r.name.endsWith("-etcd-operator"));
      assert.ok(bundle, "the etcd operator bundle");
      for (const etcd of clusters) {
        assert.deepEqual(etcdClusterContractProblems(input(etcd, "spec")), [], etcd.name);
        assert.ok(dependsOn(recording, etcd, bundle), `${etcd.name} waits for the etcd operator`);
        if (input(etcd, "spec.tls.provider") !== "cert-manager") continue;
        const release = certManagerRelease(recording);
        assert.ok(
          release && dependsOn(recording, bundle, release),
          "cert-manager runs before the etcd operator starts",
        );
        const named = declared.find((d) => d.name === input(etcd, "metadata.name"))?.certManager?.issuerName;
        if (named !== undefined) {
          assert.equal(
            input(etcd, "spec.tls.providerCfg.certManagerCfg.issuerName"),
            named,
            "the issuer the stack names",
          );
          continue;
        }
        const issuers = renderedIssuers(recording, etcd);
        assert.equal(issuers.length, 1, `${etcd.name} names the issuer the stack renders`);
        assert.ok(dependsOn(recording, etcd, issuers[0]!), `${etcd.name} waits for its issuer`);
      }
    });
  }
});
