/**
 * Static volumes: Azure disks, Azure Files shares, EBS volumes and EFS file systems are all offered
 * to Kubernetes as one PersistentVolume + PersistentVolumeClaim pair, bound and kept alike.
 */
import assert from "node:assert/strict";
import { AksCluster } from "../components/azure.ts";
import { EksCluster } from "../components/cluster/eks/index.ts";
import type { Environment } from "../components/options.ts";
import { AwsStorage } from "../components/storage/aws/index.ts";
import { AzureStorage } from "../components/storage/azure/storage.ts";
import { record, type RecordedResource, type Recording } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";
import { input, named, ofType } from "./support/graph.ts";

const PV = "kubernetes:core/v1:PersistentVolume";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";

/** Every kind of static volume, on both clouds, zonal where the kind can be. */
function allKinds(environment: Environment) {
  return () => {
    const aks = new AksCluster("a", {
      environment,
      location: "westeurope",
      nodePools: [{ name: "data", zones: ["1", "2", "3"] }],
      authorizedIpRanges: ["203.0.113.0/24"],
    });
    new AzureStorage("az", {
      cluster: aks,
      environment,
      namespace: "data",
      disks: [{ name: "db", size: "128Gi", sku: "Premium_LRS", zone: "2" }],
      shares: [{ name: "files", size: "100Gi" }],
      claimNames: { db: "data-orders-0" },
    });
    const eks = new EksCluster("e", eksArgs({ environment }));
    new AwsStorage("aw", {
      cluster: eks,
      environment,
      namespace: "data",
      volumes: [{ name: "journal", zone: "eu-west-1b", size: "100Gi" }],
      fileSystems: [{ name: "shared" }],
      claimNames: { journal: "data-cache-0" },
    });
  };
}

interface Pair {
  volume: string;
  pv: RecordedResource;
  pvc: RecordedResource;
}

/** Each PersistentVolume with the claim of the same volume (by the `stateful-stack/volume` label). */
function pairs(recording: Recording): Pair[] {
  const volumeOf = (r: RecordedResource) => input(r, "metadata.labels.stateful-stack/volume");
  return ofType(recording, PV).map((pv) => {
    const claims = ofType(recording, PVC).filter((c) => c.parent === pv.parent && c.dependencies.includes(pv.urn));
    assert.equal(claims.length, 1, `${pv.name}: one claim waits for it`);
    return { volume: String(volumeOf(pv)), pv, pvc: claims[0]! };
  });
}

describe("static volumes (Azure disks, Azure Files, EBS, EFS)", () => {
  let prod: Recording;
  let dev: Recording;
  let found: Pair[];
  before(async () => {
    prod = await record(allKinds("prod"), { project: "proj", stack: "test", preview: false });
    dev = await record(allKinds("dev"), { project: "proj", stack: "test", preview: false });
    found = pairs(prod);
  });

  it("renders one volume and one claim per disk, share, EBS volume and EFS file system", () => {
    assert.deepEqual(found.map((p) => p.volume).sort(), ["db", "files", "journal", "shared"]);
    assert.equal(ofType(prod, PVC).length, 4);
  });

  it("reserves each volume for its claim and the claim for its volume, with no storage class", () => {
    assert.equal(found.length, 4);
    const claimNames: Record<string, string> = {
      db: "data-orders-0",
      files: "files",
      journal: "data-cache-0",
      shared: "shared",
    };
    for (const { volume, pv, pvc } of found) {
      assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: claimNames[volume] }, volume);
      assert.equal(input(pvc, "metadata.name"), claimNames[volume], volume);
      assert.equal(input(pvc, "metadata.namespace"), "data", volume);
      assert.ok(pvc.propertyDependencies["spec"]?.includes(pv.urn), `${volume}: the claim names its volume`);
      assert.equal(input(pvc, "spec.volumeName"), input(pv, "metadata.name"), volume);
      assert.equal(input(pv, "spec.storageClassName"), "", volume);
      assert.equal(input(pvc, "spec.storageClassName"), "", volume);
    }
  });

  it("keeps every cloud volume when its claim goes: Retain, and retained objects in prod only", () => {
    assert.equal(found.length, 4);
    for (const { volume, pv, pvc } of found) {
      assert.equal(input(pv, "spec.persistentVolumeReclaimPolicy"), "Retain", volume);
      assert.equal(pv.retainOnDelete, true, volume);
      assert.equal(pvc.retainOnDelete, true, volume);
    }
    const devObjects = [...ofType(dev, PV), ...ofType(dev, PVC)];
    assert.equal(devObjects.length, 8);
    for (const r of devObjects) assert.equal(r.retainOnDelete, false, r.name);
  });

  it("labels both objects with the stack and the volume's name", () => {
    assert.equal(found.length, 4);
    for (const { volume, pv, pvc } of found) {
      const labels = { "app.kubernetes.io/part-of": "stateful-stack", "stateful-stack/volume": volume };
      assert.deepEqual(input(pv, "metadata.labels"), labels, `${volume}'s volume`);
      assert.deepEqual(input(pvc, "metadata.labels"), labels, `${volume}'s claim`);
    }
  });

  it("gives disks ReadWriteOnce and shares ReadWriteMany, the claim asking for the volume's capacity", () => {
    const modes = Object.fromEntries(found.map(({ volume, pv }) => [volume, input(pv, "spec.accessModes")]));
    assert.deepEqual(modes, {
      db: ["ReadWriteOnce"],
      files: ["ReadWriteMany"],
      journal: ["ReadWriteOnce"],
      shared: ["ReadWriteMany"],
    });
    for (const { volume, pv, pvc } of found) {
      assert.deepEqual(input(pvc, "spec.accessModes"), input(pv, "spec.accessModes"), volume);
      assert.equal(input(pvc, "spec.resources.requests.storage"), input(pv, "spec.capacity.storage"), volume);
    }
  });

  it("gives each volume what its CSI driver needs to mount a volume it did not provision", () => {
    assert.equal(found.length, 4);
    const csi = Object.fromEntries(found.map(({ volume, pv }) => [volume, input(pv, "spec.csi")]));
    assert.deepEqual(csi["db"], {
      driver: "disk.csi.azure.com",
      volumeHandle: "az-db-disk-id",
      fsType: "ext4",
    });
    // The share's attributes and secret name are outputs of the account, share and secret (which
    // have no offline values): the volume takes them from those resources.
    assert.equal((csi["files"] as Record<string, unknown>)["driver"], "file.csi.azure.com");
    const filesPv = found.find((p) => p.volume === "files")!.pv;
    for (const source of ["az-files-account", "az-files-share", "az-files-credentials"])
      assert.ok(filesPv.propertyDependencies["spec"]?.includes(named(prod, source).urn), `files: from ${source}`);
    assert.deepEqual(csi["journal"], { driver: "ebs.csi.aws.com", volumeHandle: "aw-ebs-journal-id", fsType: "ext4" });
    assert.deepEqual(csi["shared"], {
      driver: "efs.csi.aws.com",
      volumeHandle: "aw-efs-shared-id::aw-efs-shared-ap-id",
    });
  });

  it("pins zonal disks to their zone by their driver's topology key, and leaves shares unpinned", () => {
    const affinity = Object.fromEntries(
      found.map(({ volume, pv }) => [
        volume,
        input(pv, "spec.nodeAffinity.required.nodeSelectorTerms.0.matchExpressions.0") ?? null,
      ]),
    );
    assert.deepEqual(affinity, {
      db: { key: "topology.disk.csi.azure.com/zone", operator: "In", values: ["westeurope-2"] },
      files: null,
      journal: { key: "topology.kubernetes.io/zone", operator: "In", values: ["eu-west-1b"] },
      shared: null,
    });
  });
});
