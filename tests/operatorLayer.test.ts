/**
 * The operator layer's order, in every stack and on a cluster with node pools: each operator waits
 * for the cluster's readiness, each custom resource for its operator (directly or through parents).
 */
import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createOperatorLayer, type OperatorLayerSpec } from "../components/index.ts";
import { loadProject, listStacks } from "../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { named, ofType, transitiveDependencies } from "./support/graph.ts";
import { clusterWithNodes } from "./support/operators.ts";

const OPERATOR = "stateful-stack:index:Operator";

/** The resources that install each operator (its Release, ConfigFile or Subscription), by operator name. */
function operatorInstalls(recording: Recording): Map<string, RecordedResource[]> {
  const installs = new Map<string, RecordedResource[]>();
  for (const op of ofType(recording, OPERATOR)) {
    installs.set(
      op.name,
      recording.resources.filter((r) => r.parent === op.urn && (r.custom || r.remote)),
    );
  }
  return installs;
}

function assertOrdered(recording: Recording, readiness: RecordedResource[]): number {
  const installs = operatorInstalls(recording);
  let checked = 0;
  for (const [name, resources] of installs) {
    assert.ok(resources.length > 0, `operator ${name} installs something`);
    for (const install of resources) {
      const deps = transitiveDependencies(recording, install);
      for (const ready of readiness) assert.ok(deps.has(ready.urn), `${install.name} waits for ${ready.name}`);
    }
  }
  const waitsFor = (resource: RecordedResource, suffix: string) => {
    const entry = [...installs].find(([name]) => name.endsWith(suffix));
    assert.ok(entry, `no operator named *${suffix}`);
    const deps = transitiveDependencies(recording, resource);
    for (const install of entry[1]) assert.ok(deps.has(install.urn), `${resource.name} waits for ${install.name}`);
    checked++;
  };
  for (const cr of recording.resources) {
    if (cr.type === "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster") waitsFor(cr, "-etcd-operator");
    if (cr.type === "kubernetes:helm.sh/v3:Release" && cr.name.endsWith("-rook-ceph-cluster")) {
      waitsFor(cr, "-rook-ceph");
      waitsFor(cr, "-ceph-csi-drivers");
    }
    if (cr.type === "kubernetes:operators.coreos.com/v1alpha1:Subscription") {
      const olm = recording.resources.find((r) => r.name.endsWith("-olm-olm"));
      if (olm) assert.ok(transitiveDependencies(recording, cr).has(olm.urn), `${cr.name} waits for OLM`);
    }
  }
  return checked;
}

describe("operator layer order", () => {
  it("on a cluster with node pools: operators wait for the nodes, etcd and Rook clusters for their operators and storage", async () => {
    const spec: OperatorLayerSpec = {
      installOlm: true,
      operators: [{ name: "pg", namespace: "pg", olm: { package: "postgresql", channel: "v5" } }],
      etcdClusters: [{ name: "a", storageClass: "disk" }],
      rook: { storageClass: "disk" },
      access: [{ namespace: "team", group: "devs", operator: "etcd" }],
    };
    const recording = await record(
      () => {
        const cluster = clusterWithNodes();
        const parent = new pulumi.ComponentResource("test:index:Parent", "p");
        const ns = new k8s.core.v1.Namespace("data", {}, { provider: cluster.provider, parent });
        const diskClass = new k8s.storage.v1.StorageClass(
          "disk",
          { provisioner: "disk.csi.azure.com" },
          { provider: cluster.provider, parent },
        );
        const storage = { classes: ["disk"], claims: {}, classReadiness: { disk: [diskClass] }, claimReadiness: {} };
        createOperatorLayer(
          "p",
          { cluster, environment: "prod", dataNamespace: ns, dataNamespaceName: "data", storage, spec },
          parent,
        );
      },
      { project: "proj", stack: "test" },
    );
    const checked = assertOrdered(recording, [named(recording, "nodes")]);
    assert.equal(checked, 3, "the etcd cluster and the Rook cluster (operator and CSI drivers) were checked");
    const installs = [...operatorInstalls(recording).values()].flat();
    assert.equal(
      installs.length,
      6,
      "etcd bundle, Rook chart, CSI drivers chart, OLM namespace, OperatorGroup, Subscription",
    );
    for (const install of [...installs, named(recording, "p-olm-crds"), named(recording, "p-olm-olm")]) {
      assert.equal(install.retainOnDelete, true, `${install.name}: in prod, removing it must not delete its CRDs`);
    }
    for (const r of [
      named(recording, "p-etcd-a", "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster"),
      named(recording, "p-rook-ceph-cluster", "kubernetes:helm.sh/v3:Release"),
    ]) {
      assert.ok(
        transitiveDependencies(recording, r).has(named(recording, "disk").urn),
        `${r.name} waits for its storage`,
      );
    }
    assert.ok(
      transitiveDependencies(recording, named(recording, "p-access-team-etcd-devs-role")).has(
        named(recording, "p-app-team").urn,
      ),
    );
  });

  for (const stack of listStacks(loadProject(PROJECT_ROOT))) {
    it(`in stack ${stack}: each custom resource waits for its operator, each operator for what the data namespace waits for`, async () => {
      const recording = await recordStack(stack);
      const data = recording.resources.find(
        (r) => r.type === "kubernetes:core/v1:Namespace" && r.name.endsWith("-data"),
      );
      assert.ok(data, "the stack has a data namespace");
      const readiness = [...transitiveDependencies(recording, data)]
        .map((urn) => recording.resources.find((r) => r.urn === urn))
        .filter((r): r is RecordedResource => r !== undefined);
      const checked = assertOrdered(recording, readiness);
      const etcdClusters = ofType(recording, "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster").length;
      assert.ok(checked >= etcdClusters, "every etcd cluster was checked");
    });
  }
});
