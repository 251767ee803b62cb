/**
 * The contract between the three Rook charts, checked on the values the production stacks hand to
 * Helm. Each expectation comes from the upstream source at the pinned versions, not from this
 * package's own constants:
 *
 * - rook/rook@v1.20.6:tests/framework/installer/ceph_helm_installer.go pairs Rook v1.20.6 with the
 *   `ceph-csi-drivers` chart 1.0.4;
 * - rook/rook@v1.20.6:deploy/charts/ceph-csi-drivers/values.yaml and
 *   rook/rook@v1.20.6:Documentation/Helm-Charts/csi-drivers-chart.md: driver names
 *   `<operator namespace>.rbd.csi.ceph.com` / `.cephfs.`, `operatorConfig.namespace` the operator
 *   namespace, the image set `rook-csi-operator-image-set-configmap` (created by the operator chart,
 *   rook/rook@v1.20.6:deploy/charts/rook-ceph/templates/configmap.yaml), NFS and NVMe-oF off;
 * - rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/templates/cephblockpool.yaml and
 *   cephfilesystem.yaml: the class provisioner is `<csiDriverNamePrefix or operatorNamespace>.rbd.csi.ceph.com`;
 * - rook/rook@v1.20.6:pkg/operator/ceph/csi/secrets.go: the operator creates `rook-csi-rbd-provisioner`,
 *   `rook-csi-rbd-node`, `rook-csi-cephfs-provisioner`, `rook-csi-cephfs-node` in the cluster's namespace;
 * - rook/rook@v1.20.6:deploy/charts/rook-ceph-cluster/values.yaml: the classes carry provisioner,
 *   controller-expand, controller-publish and node-stage secrets;
 * - rook/rook@v1.20.6:deploy/examples/cluster-on-pvc.yaml: portable OSDs spread over hosts, their
 *   prepare jobs over zones; rook/rook@v1.20.6:pkg/operator/ceph/cluster/osd/osd.go: a portable OSD's
 *   CRUSH host is its claim, so `failureDomain: host` separates claims, not nodes.
 */
import assert from "node:assert/strict";
import type {
  CephCsiDriversValues,
  CephStorageClassValues,
  RookCephClusterValues,
  RookOperatorValues,
} from "../../components/index.ts";
import { recordUnderTest, STACKS_UNDER_TEST, stackValue } from "../support/stacksUnderTest.ts";
import type { RecordedResource, Recording } from "../../tools/recorder/record.ts";
import { input, ofType } from "../support/graph.ts";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const HOSTNAME = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";

/** Every stack with a Rook-Ceph cluster: the prod stacks and the every-option ones, each over three zones. */
const STACKS = STACKS_UNDER_TEST.filter((stack) => stackValue(stack, "rook") !== undefined);

/** The secrets Rook's operator creates for each driver (pkg/operator/ceph/csi/secrets.go). */
const OPERATOR_SECRETS = {
  rbd: { provisioner: "rook-csi-rbd-provisioner", node: "rook-csi-rbd-node" },
  cephfs: { provisioner: "rook-csi-cephfs-provisioner", node: "rook-csi-cephfs-node" },
} as const;

/** The CSI secret parameters a Rook class carries, and which of the operator's secrets each names. */
const SECRET_PARAMETERS = {
  "csi.storage.k8s.io/provisioner-secret": "provisioner",
  "csi.storage.k8s.io/controller-expand-secret": "provisioner",
  "csi.storage.k8s.io/controller-publish-secret": "provisioner",
  "csi.storage.k8s.io/node-stage-secret": "node",
} as const;

interface RookReleases {
  operator: RecordedResource;
  drivers: RecordedResource;
  cluster: RecordedResource;
}

function release(recording: Recording, chart: string): RecordedResource {
  const found = ofType(recording, RELEASE).filter((r) => input(r, "chart") === chart);
  assert.equal(found.length, 1, `one "${chart}" release`);
  return found[0] as RecordedResource;
}

function rookReleases(recording: Recording): RookReleases {
  return {
    operator: release(recording, "rook-ceph"),
    drivers: release(recording, "ceph-csi-drivers"),
    cluster: release(recording, "rook-ceph-cluster"),
  };
}

/** The provisioner the cluster chart renders for a class of `kind` (cephblockpool.yaml, cephfilesystem.yaml). */
function provisioner(values: RookCephClusterValues, kind: "rbd" | "cephfs"): string {
  return `${values.csiDriverNamePrefix || values.operatorNamespace}.${kind}.csi.ceph.com`;
}

/** Every class the cluster release creates, with its driver kind. */
function classes(values: RookCephClusterValues): [CephStorageClassValues, "rbd" | "cephfs"][] {
  const all: [CephStorageClassValues, "rbd" | "cephfs"][] = [
    ...values.cephBlockPools.map((p) => [p.storageClass, "rbd"] as [CephStorageClassValues, "rbd"]),
    ...values.cephFileSystems.map((f) => [f.storageClass, "cephfs"] as [CephStorageClassValues, "cephfs"]),
  ];
  assert.equal(all.length, 2, "a block class and a file-system class");
  return all;
}

describe("contract: the Rook operator, Ceph-CSI drivers and Ceph cluster charts", () => {
  const recordings = new Map<string, Recording>();
  before(async function () {
    this.timeout(120_000);
    assert.ok(STACKS.length >= 2, "the prod stacks run Rook-Ceph");
    for (const stack of STACKS) recordings.set(stack.name, await recordUnderTest(stack));
  });
  const releasesOf = (stack: string) => rookReleases(recordings.get(stack) as Recording);

  for (const { name: stack } of STACKS) {
    describe(stack, () => {
      it("pins Rook v1.20.6 for both Rook charts and the drivers chart Rook's own tests use with it (1.0.4)", () => {
        const { operator, drivers, cluster } = releasesOf(stack);
        assert.deepEqual(
          [operator, drivers, cluster].map((r) => [input(r, "chart"), input(r, "version")]),
          [
            ["rook-ceph", "v1.20.6"],
            ["ceph-csi-drivers", "1.0.4"],
            ["rook-ceph-cluster", "v1.20.6"],
          ],
        );
        assert.equal(input(drivers, "repositoryOpts.repo"), "https://ceph.github.io/ceph-csi-operator");
      });

      it("uses one namespace for the operator, the drivers and the cluster", () => {
        const { operator, drivers, cluster } = releasesOf(stack);
        const namespace = input(operator, "namespace");
        assert.equal(typeof namespace, "string");
        const driverValues = input(drivers, "values") as CephCsiDriversValues;
        const clusterValues = input(cluster, "values") as RookCephClusterValues;
        assert.deepEqual(
          [input(drivers, "namespace"), input(cluster, "namespace"), driverValues.operatorConfig.namespace],
          [namespace, namespace, namespace],
        );
        assert.equal(clusterValues.operatorNamespace, namespace);
      });

      it("keeps the operator chart's CRDs and its Ceph-CSI operator on, and the discovery daemon off", () => {
        const values = input(releasesOf(stack).operator, "values") as RookOperatorValues;
        assert.deepEqual(values.crds, { enabled: true });
        assert.deepEqual(values.csi, { installCsiOperator: true });
        assert.equal(values.enableDiscoveryDaemon, false);
      });

      it("names the drivers after the operator namespace, with Rook's image set, and NFS and NVMe-oF off", () => {
        const { operator, drivers } = releasesOf(stack);
        const namespace = input(operator, "namespace") as string;
        const values = input(drivers, "values") as CephCsiDriversValues | undefined;
        assert.ok(values?.drivers, "the drivers chart gets values (its defaults do not work with Rook)");
        assert.deepEqual(
          [values.drivers.rbd, values.drivers.cephfs].map((d) => [d.enabled, d.name]),
          [
            [true, `${namespace}.rbd.csi.ceph.com`],
            [true, `${namespace}.cephfs.csi.ceph.com`],
          ],
        );
        assert.equal(values.drivers.nfs.enabled, false);
        assert.equal(values.drivers.nvmeof.enabled, false);
        assert.equal(values.operatorConfig.driverSpecDefaults.imageSet.name, "rook-csi-operator-image-set-configmap");
      });

      it("gives every class a provisioner that an enabled driver of the drivers release serves", () => {
        const { drivers, cluster } = releasesOf(stack);
        const driverValues = input(drivers, "values") as CephCsiDriversValues;
        const served = Object.values(driverValues.drivers ?? {})
          .filter((d) => d.enabled)
          .map((d) => d.name);
        const values = input(cluster, "values") as RookCephClusterValues;
        for (const [storageClass, kind] of classes(values)) {
          assert.ok(
            served.includes(provisioner(values, kind)),
            `class ${storageClass.name}: provisioner ${provisioner(values, kind)} is served by ${served.join(", ")}`,
          );
        }
      });

      it("names in every class the secrets the operator creates, in the namespace it creates them in", () => {
        const cluster = releasesOf(stack).cluster;
        const values = input(cluster, "values") as RookCephClusterValues;
        const namespace = input(cluster, "namespace");
        for (const [storageClass, kind] of classes(values)) {
          const parameters = storageClass.parameters as unknown as Record<string, string>;
          for (const [parameter, secret] of Object.entries(SECRET_PARAMETERS)) {
            assert.equal(
              parameters[`${parameter}-name`],
              OPERATOR_SECRETS[kind][secret],
              `${storageClass.name}: ${parameter}-name`,
            );
            const secretNamespace = parameters[`${parameter}-namespace`];
            assert.ok(
              secretNamespace === namespace || secretNamespace === "{{ .Release.Namespace }}",
              `${storageClass.name}: ${parameter}-namespace is ${secretNamespace}, not the cluster's namespace ${String(namespace)}`,
            );
          }
        }
      });

      it("spreads OSDs over hosts and their prepare jobs over zones", () => {
        const values = input(releasesOf(stack).cluster, "values") as RookCephClusterValues;
        const sets = values.cephClusterSpec.storage.storageClassDeviceSets;
        assert.ok(sets.length > 0, "the cluster has device sets");
        for (const set of sets) {
          assert.equal(set.portable, true);
          const osd = set.placement?.topologySpreadConstraints ?? [];
          assert.deepEqual(
            osd.map((c) => [c.topologyKey, c.labelSelector.matchExpressions?.[0]?.values]),
            [[HOSTNAME, ["rook-ceph-osd"]]],
            `${set.name}: OSDs spread over hosts`,
          );
          const prepare = set.preparePlacement?.topologySpreadConstraints ?? [];
          assert.deepEqual(
            prepare.map((c) => [c.topologyKey, c.whenUnsatisfiable, c.labelSelector.matchExpressions?.[0]?.values]),
            [[ZONE, "DoNotSchedule", ["rook-ceph-osd-prepare"]]],
            `${set.name}: prepare jobs (and so the zonal disks) spread over zones`,
          );
        }
      });

      it("uses zones as the failure domain of every pool and spreads the monitors over zones", () => {
        const values = input(releasesOf(stack).cluster, "values") as RookCephClusterValues;
        const domains = [
          ...values.cephBlockPools.map((p) => p.spec.failureDomain),
          ...values.cephFileSystems.flatMap((f) => [
            f.spec.metadataPool.failureDomain,
            ...f.spec.dataPools.map((d) => d.failureDomain),
          ]),
        ];
        assert.deepEqual(domains, ["zone", "zone", "zone"]);
        const mon = values.cephClusterSpec.placement?.mon?.topologySpreadConstraints ?? [];
        assert.deepEqual(
          mon.map((c) => [c.topologyKey, c.whenUnsatisfiable, c.labelSelector.matchExpressions?.[0]?.values]),
          [[ZONE, "DoNotSchedule", ["rook-ceph-mon"]]],
        );
      });
    });
  }
});
