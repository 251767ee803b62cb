/**
 * Rook-Ceph: operator chart → CSI drivers chart → cluster chart, a CephCluster on block claims of
 * the cloud disk class, a block pool and a shared file system with their storage classes, and
 * defaults that never wipe data.
 */
import { problemsOf } from "./support/config.ts";
import assert from "node:assert/strict";
import {
  Platform,
  operatorLayerProblems,
  rookCephClusterProblems,
  rookCephClusterValues,
  type CephCsiDriversValues,
  type PlatformRook,
} from "../components/index.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { input, named, transitiveDependencies } from "./support/graph.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";

async function recordRook(
  environment: "dev" | "prod",
  rook: PlatformRook = { storageClass: "managed-csi" },
  zones: string[] = [],
): Promise<Recording> {
  return record(
    () =>
      new Platform("p", {
        environment,
        cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx", zones } },
        storageClasses: ["managed-csi"],
        operators: { rook },
      }),
    { project: "proj", stack: "test" },
  );
}

type ClusterValues = ReturnType<typeof rookCephClusterValues>;

/** Failure domains of every pool: block pool, file-system metadata pool, file-system data pools. */
function failureDomains(values: ClusterValues): string[] {
  return [
    ...values.cephBlockPools.map((p) => p.spec.failureDomain),
    ...values.cephFileSystems.flatMap((f) => [
      f.spec.metadataPool.failureDomain,
      ...f.spec.dataPools.map((d) => d.failureDomain),
    ]),
  ];
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
        ["rook-ceph", "v1.20.6", "rook-ceph"],
        ["ceph-csi-drivers", "1.0.4", "rook-ceph"],
        ["rook-ceph-cluster", "v1.20.6", "rook-ceph"],
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
    const sets = spec.storage.storageClassDeviceSets.map(({ placement, preparePlacement, ...set }) => {
      assert.ok(placement && preparePlacement, "OSDs and their prepare jobs are placed");
      return set;
    });
    assert.deepEqual(sets, [
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

  it("installs the operator, the drivers and the cluster in one namespace, and names the drivers after it", async () => {
    const recording = await recordRook("dev", { storageClass: "managed-csi", namespace: "storage" });
    const releases = ["p-rook-ceph", "p-ceph-csi-drivers", "p-rook-ceph-cluster"].map((n) =>
      named(recording, n, RELEASE),
    );
    assert.deepEqual(
      releases.map((r) => input(r, "namespace")),
      ["storage", "storage", "storage"],
    );
    const drivers = input(releases[1] as RecordedResource, "values") as CephCsiDriversValues;
    assert.equal(drivers.operatorConfig.namespace, "storage");
    assert.deepEqual(
      (["rbd", "cephfs", "nfs", "nvmeof"] as const).map((kind) => [
        kind,
        drivers.drivers[kind].enabled,
        drivers.drivers[kind].name,
      ]),
      [
        ["rbd", true, "storage.rbd.csi.ceph.com"],
        ["cephfs", true, "storage.cephfs.csi.ceph.com"],
        ["nfs", false, "storage.nfs.csi.ceph.com"],
        ["nvmeof", false, "storage.nvmeof.csi.ceph.com"],
      ],
    );
    const cluster = input(releases[2] as RecordedResource, "values") as ClusterValues;
    assert.equal(cluster.operatorNamespace, "storage");
    assert.equal(
      cluster.cephBlockPools[0]?.storageClass.parameters["csi.storage.k8s.io/node-stage-secret-namespace"],
      "storage",
    );
  });

  it("without known zones: pools by host, new disks spread over nodes, monitors placed by Rook alone", async () => {
    const values = input(named(await recordRook("dev"), "p-rook-ceph-cluster", RELEASE), "values") as ClusterValues;
    assert.deepEqual(failureDomains(values), ["host", "host", "host"]);
    assert.equal(values.cephClusterSpec.placement, undefined);
    const set = values.cephClusterSpec.storage.storageClassDeviceSets[0];
    assert.deepEqual(
      set?.preparePlacement?.topologySpreadConstraints?.map((c) => [c.topologyKey, c.whenUnsatisfiable]),
      [["kubernetes.io/hostname", "DoNotSchedule"]],
    );
    assert.deepEqual(
      set?.placement?.topologySpreadConstraints?.map((c) => [c.topologyKey, c.whenUnsatisfiable]),
      [["kubernetes.io/hostname", "ScheduleAnyway"]],
    );
  });

  it("with two zones: new disks spread over zones, pools still by host; with three: pools and monitors by zone", async () => {
    const two = input(
      named(await recordRook("dev", undefined, ["a", "b"]), "p-rook-ceph-cluster", RELEASE),
      "values",
    ) as ClusterValues;
    assert.deepEqual(failureDomains(two), ["host", "host", "host"]);
    assert.equal(two.cephClusterSpec.placement, undefined);
    assert.equal(
      two.cephClusterSpec.storage.storageClassDeviceSets[0]?.preparePlacement?.topologySpreadConstraints?.[0]
        ?.topologyKey,
      "topology.kubernetes.io/zone",
    );
    const three = input(
      named(await recordRook("dev", undefined, ["a", "b", "c"]), "p-rook-ceph-cluster", RELEASE),
      "values",
    ) as ClusterValues;
    assert.deepEqual(failureDomains(three), ["zone", "zone", "zone"]);
    assert.equal(
      three.cephClusterSpec.placement?.mon?.topologySpreadConstraints?.[0]?.topologyKey,
      "topology.kubernetes.io/zone",
    );
  });

  it("refuses more replicas than zones once copies are kept per zone, and a namespace no driver name fits", () => {
    assert.deepEqual(
      rookCephClusterProblems({
        storageClass: "x",
        osdCount: 5,
        replicas: 4,
        zones: ["a", "b", "c"],
        namespace: "Rook_Ceph",
      }),
      [
        {
          path: ["replicas"],
          value: 4,
          message: "with 3 or more zones each copy is kept in its own zone: use at most 3 replicas (one per zone)",
        },
        {
          path: ["namespace"],
          value: "Rook_Ceph",
          message:
            'must be a lowercase DNS label of at most 43 characters, so that the CSI driver names (such as "Rook_Ceph.cephfs.csi.ceph.com") are valid; use a name such as "rook-ceph"',
        },
      ],
    );
    assert.deepEqual(rookCephClusterProblems({ storageClass: "x", zones: ["a", "b", "c"] }), []);
  });

  it("in the operator layer, checks replicas against the cluster's zones before anything is registered", () => {
    const spec = { rook: { storageClass: "disk", osdCount: 5, replicas: 4 } };
    const cluster = { cloud: "existing" as const, existing: { kubeconfigPath: "/k", zones: ["a", "b", "c"] } };
    assert.deepEqual(
      operatorLayerProblems(spec, ["disk"], cluster).map((p) => [p.path, p.value]),
      [[["rook", "replicas"], 4]],
    );
    assert.deepEqual(operatorLayerProblems(spec, ["disk"], { cloud: "existing" }), []);
  });

  it("refuses more replicas than OSDs, a size that is not whole GiB and an unpinned chart version", () => {
    assert.deepEqual(
      rookCephClusterProblems({ storageClass: "x", osdCount: 2, osdSize: "500Mi", chartVersion: "latest" }).map((p) => [
        p.path,
        p.message,
      ]),
      [
        [["replicas"], "each copy needs its own OSD: use at most osdCount (2) replicas"],
        [["osdSize"], 'expected a size in whole GiB from 1Gi to 65536Gi such as "100Gi" (each OSD\'s cloud disk)'],
        [
          ["chartVersion"],
          'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
        ],
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

  it("refuses an OSD size that is not whole GiB, as the Rook-Ceph cluster does", () => {
    assert.deepEqual(problemsOf({ ...base, rook: { storageClass: "managed-csi", osdSize: "500Mi" } }), [
      {
        key: "stateful-stack:rook.osdSize",
        value: "500Mi",
        message: 'expected a size in whole GiB from 1Gi to 65536Gi such as "100Gi" (each OSD\'s cloud disk)',
      },
    ]);
  });

  it("refuses a disk class the stack does not define and more replicas than OSDs", () => {
    assert.deepEqual(problemsOf({ ...base, rook: { storageClass: "gp3", osdCount: 1 } }), [
      {
        key: "stateful-stack:rook.replicas",
        value: 3,
        message: "each copy needs its own OSD: use at most osdCount (1) replicas",
      },
      {
        key: "stateful-stack:rook.storageClass",
        value: "gp3",
        message:
          'the stack defines no storage class "gp3" (defined: "managed-csi", "ceph-block", "ceph-filesystem"); add it to storageClasses or use a defined one',
      },
    ]);
  });
});
