/**
 * Rook-Ceph: operator chart → CSI drivers chart → cluster chart, a CephCluster on block claims of
 * the cloud disk class, a block pool and a shared file system with their storage classes, and
 * defaults that never wipe data.
 */
import { problemsOf } from "./support/config.ts";
import assert from "node:assert/strict";
import { Platform, rookCephClusterProblems, rookCephClusterValues } from "../components/index.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { input, named, transitiveDependencies } from "./support/graph.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";

async function recordRook(environment: "dev" | "prod"): Promise<Recording> {
  return record(
    () =>
      new Platform("p", {
        environment,
        cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
        storageClasses: ["managed-csi"],
        operators: { rook: { storageClass: "managed-csi" } },
      }),
    { project: "proj", stack: "test" },
  );
}

describe("Rook-Ceph", () => {
  it("installs the operator chart, then the CSI drivers chart, then the cluster chart", async () => {
    const recording = await recordRook("dev");
    const operator = named(recording, "p-rook-ceph", RELEASE);
    const csi = named(recording, "p-ceph-csi-drivers", RELEASE);
    const cluster = named(recording, "p-rook-ceph-cluster", RELEASE);
    assert.deepEqual(
      [operator, csi, cluster].map((r) => [input(r, "chart"), input(r, "version"), input(r, "namespace")]),
      [
        ["rook-ceph", "v1.20.1", "rook-ceph"],
        ["ceph-csi-drivers", "1.0.1", "rook-ceph"],
        ["rook-ceph-cluster", "v1.20.1", "rook-ceph"],
      ],
    );
    assert.deepEqual(input(operator, "values.crds"), { enabled: true });
    assert.ok(transitiveDependencies(recording, csi).has(operator.urn), "CSI drivers after the operator");
    const clusterDeps = transitiveDependencies(recording, cluster);
    assert.ok(clusterDeps.has(operator.urn) && clusterDeps.has(csi.urn), "cluster after operator and drivers");
  });

  it("puts monitors and OSDs on claims of the cloud disk class, OSDs as raw block volumes", async () => {
    const cluster = named(await recordRook("dev"), "p-rook-ceph-cluster", RELEASE);
    const spec = input(cluster, "values.cephClusterSpec") as ReturnType<
      typeof rookCephClusterValues
    >["cephClusterSpec"];
    assert.deepEqual(spec.storage.storageClassDeviceSets, [
      {
        name: "set1",
        count: 3,
        portable: true,
        encrypted: false,
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: {
              storageClassName: "managed-csi",
              volumeMode: "Block",
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: "100Gi" } },
            },
          },
        ],
      },
    ]);
    assert.equal(spec.storage.useAllDevices, false);
    assert.equal(spec.mon.volumeClaimTemplate.spec.storageClassName, "managed-csi");
    assert.deepEqual(spec.cleanupPolicy, { confirmation: "", allowUninstallWithVolumes: false });
  });

  it("offers a replicated block pool and a shared file system with storage classes, retained in prod", async () => {
    const prod = named(await recordRook("prod"), "p-rook-ceph-cluster", RELEASE);
    const values = input(prod, "values") as ReturnType<typeof rookCephClusterValues>;
    assert.deepEqual(
      values.cephBlockPools.map((p) => [
        p.name,
        p.spec.replicated.size,
        p.storageClass.name,
        p.storageClass.reclaimPolicy,
      ]),
      [["replicapool", 3, "ceph-block", "Retain"]],
    );
    assert.deepEqual(
      values.cephFileSystems.map((f) => [
        f.name,
        f.storageClass.name,
        f.storageClass.pool,
        f.storageClass.reclaimPolicy,
      ]),
      [["cephfs", "ceph-filesystem", "data0", "Retain"]],
    );
    assert.deepEqual(values.cephObjectStores, []);
    assert.equal(prod.retainOnDelete, true);
    const dev = named(await recordRook("dev"), "p-rook-ceph-cluster", RELEASE);
    assert.equal(input(dev, "values.cephBlockPools.0.storageClass.reclaimPolicy"), "Delete");
    assert.equal(dev.retainOnDelete, false);
  });

  it("offers its classes to workloads and etcd clusters, which then wait for the Ceph cluster", async () => {
    const recording = await record(
      () =>
        new Platform("p", {
          environment: "dev",
          cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
          storageClasses: ["managed-csi"],
          workloads: [
            { name: "files", image: "nginx:1.27.3", port: 80, storageClass: "ceph-block", storageSize: "1Gi" },
          ],
          operators: {
            rook: { storageClass: "managed-csi" },
            etcdClusters: [{ name: "e", storageClass: "ceph-block" }],
          },
        }),
      { project: "proj", stack: "test" },
    );
    const ceph = named(recording, "p-rook-ceph-cluster", RELEASE).urn;
    assert.ok(
      transitiveDependencies(recording, named(recording, "p-files", "kubernetes:apps/v1:StatefulSet")).has(ceph),
    );
    assert.ok(
      transitiveDependencies(
        recording,
        named(recording, "p-etcd-e", "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster"),
      ).has(ceph),
    );
  });

  it("refuses more replicas than OSDs and a bad OSD size", () => {
    assert.deepEqual(
      rookCephClusterProblems("r", { environment: "dev", storageClass: "x", osdCount: 2, osdSize: "1TB" }),
      [
        'RookCephCluster "r": replicas 3 must be from 1 to osdCount (2); each copy needs its own OSD',
        'RookCephCluster "r": osdSize "1TB" must be a size in Gi or Ti such as "100Gi"',
      ],
    );
  });
});

describe("rook configuration", () => {
  const base = {
    environment: "prod",
    cloud: "existing",
    kubeconfigPath: "~/.kube/config",
    kubeContext: "kind-stateful",
    storageClasses: ["managed-csi"],
  };

  it("refuses to put Ceph's disks on a class Ceph itself creates", () => {
    assert.deepEqual(problemsOf({ ...base, rook: { storageClass: "ceph-block" } }), [
      {
        key: "stateful-stack:rook.storageClass",
        value: "ceph-block",
        message: "Rook-Ceph cannot put its disks on a storage class it creates; name the cloud disk class",
      },
    ]);
  });

  it("refuses a disk class the stack does not define and more replicas than OSDs", () => {
    assert.deepEqual(problemsOf({ ...base, rook: { storageClass: "gp3", osdCount: 1 } }), [
      {
        key: "stateful-stack:rook.storageClass",
        value: "gp3",
        message:
          'the stack defines no storage class "gp3" (defined: "managed-csi", "ceph-block", "ceph-filesystem"); add it to storageClasses or use a defined one',
      },
      {
        key: "stateful-stack:rook.replicas",
        value: 3,
        message: "each copy needs its own OSD: use at most osdCount (1) replicas",
      },
    ]);
  });
});
