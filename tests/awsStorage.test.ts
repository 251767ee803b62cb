/**
 * AwsStorage: storage classes on their driver add-ons, static EBS volumes and EFS file systems
 * created in parallel with the cluster, bound claims, NFS limited to the nodes, and data protection
 * in prod.
 */
import assert from "node:assert/strict";
import { EksCluster } from "../components/cluster/eks/index.ts";
import {
  AwsStorage,
  awsStorageClassNames,
  awsStorageProblems,
  awsVolumeNames,
} from "../components/storage/aws/index.ts";
import type { Environment } from "../components/options.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";
import { eksArgs } from "./support/eks.ts";

const options = { project: "proj", stack: "test" };

function storageProgram(environment: Environment) {
  return () => {
    const cluster = new EksCluster("c", eksArgs({ environment }));
    new AwsStorage("s", {
      cluster,
      environment,
      namespace: "data",
      volumes: [{ name: "journal", zone: "eu-west-1b", sizeGib: 100, iops: 6000 }],
      fileSystems: [{ name: "shared", uid: 999 }],
    });
  };
}

describe("AwsStorage", () => {
  let prod: Recording;
  let dev: Recording;
  before(async () => {
    prod = await record(storageProgram("prod"), options);
    dev = await record(storageProgram("dev"), options);
  });

  it("offers a default, encrypted, late-binding, expandable gp3 class that waits for the EBS driver; Retain in prod", () => {
    const gp3 = named(prod, "s-gp3");
    assert.equal(input(gp3, "provisioner"), "ebs.csi.aws.com");
    assert.deepEqual(input(gp3, "parameters"), { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" });
    assert.equal(input(gp3, "volumeBindingMode"), "WaitForFirstConsumer");
    assert.equal(input(gp3, "allowVolumeExpansion"), true);
    assert.equal(
      (input(gp3, "metadata.annotations") as Record<string, string>)["storageclass.kubernetes.io/is-default-class"],
      "true",
    );
    assert.equal(input(gp3, "reclaimPolicy"), "Retain");
    assert.equal(input(named(dev, "s-gp3"), "reclaimPolicy"), "Delete");
    assert.ok(gp3.dependencies.includes(named(prod, "c-aws-ebs-csi-driver").urn));
  });

  it("offers an EFS access-point class per file system on the EFS driver, and a snapshot class on the snapshot controller", () => {
    const efs = named(prod, "s-class-efs-shared");
    assert.equal(input(efs, "provisioner"), "efs.csi.aws.com");
    assert.equal(input(efs, "parameters.provisioningMode"), "efs-ap");
    assert.ok(efs.dependencies.includes(named(prod, "c-aws-efs-csi-driver").urn));
    const snapshots = named(prod, "s-ebs-snapshots");
    assert.equal(snapshots.type, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
    assert.equal(input(snapshots, "driver"), "ebs.csi.aws.com");
    assert.ok(snapshots.dependencies.includes(named(prod, "c-snapshot-controller").urn));
    for (const r of prod.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      assert.equal(r.provider, named(prod, "c-provider").urn, `${r.name} must use the cluster's provider`);
    }
  });

  it("creates encrypted gp3 EBS volumes and the whole EFS side in parallel with the cluster", () => {
    const controlPlane = named(prod, "c-cluster", "aws:eks/cluster:Cluster").urn;
    const volume = named(prod, "s-ebs-journal", "aws:ebs/volume:Volume");
    assert.deepEqual(
      [
        input(volume, "availabilityZone"),
        input(volume, "size"),
        input(volume, "type"),
        input(volume, "encrypted"),
        input(volume, "iops"),
      ],
      ["eu-west-1b", 100, "gp3", true, 6000],
    );
    const cloudSide = prod.resources.filter((r) => r.custom && r.type.startsWith("aws:") && r.name.startsWith("s-"));
    assert.deepEqual([...new Set(cloudSide.map((r) => r.type))].sort(), [
      "aws:ebs/volume:Volume",
      "aws:ec2/securityGroup:SecurityGroup",
      "aws:efs/accessPoint:AccessPoint",
      "aws:efs/fileSystem:FileSystem",
      "aws:efs/mountTarget:MountTarget",
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    ]);
    for (const r of cloudSide)
      assert.ok(!transitiveDependencies(prod, r).has(controlPlane), `${r.name} waits for the cluster`);
    assert.equal(input(named(prod, "s-efs-shared", "aws:efs/fileSystem:FileSystem"), "encrypted"), true);
  });

  it("admits NFS (2049) to EFS only from the nodes' security group, with a mount target per private subnet", () => {
    const rule = named(prod, "s-efs-shared-nfs", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.deepEqual([input(rule, "ipProtocol"), input(rule, "fromPort"), input(rule, "toPort")], ["tcp", 2049, 2049]);
    assert.equal(input(rule, "cidrIpv4"), undefined, "no address range: only members of the node group");
    assert.deepEqual(rule.propertyDependencies["referencedSecurityGroupId"], [named(prod, "c-nodes").urn]);
    const targets = ofType(prod, "aws:efs/mountTarget:MountTarget");
    assert.equal(targets.length, 3);
    const subnets = ofType(prod, "aws:ec2/subnet:Subnet")
      .filter((s) => s.name.includes("-private-"))
      .map((s) => s.urn);
    assert.deepEqual(targets.map((t) => t.propertyDependencies["subnetId"]?.[0]).sort(), subnets.sort());
  });

  it("binds a claim of each volume's name to a Retain persistent volume: EBS in its zone, EFS as fs::fsap ReadWriteMany", async () => {
    const deployed = await record(storageProgram("prod"), { ...options, preview: false });
    const ebsPv = named(deployed, "s-ebs-journal-pv");
    assert.equal(input(ebsPv, "spec.csi.volumeHandle"), "s-ebs-journal-id");
    assert.equal(input(ebsPv, "spec.persistentVolumeReclaimPolicy"), "Retain");
    assert.deepEqual(input(ebsPv, "spec.nodeAffinity.required.nodeSelectorTerms.0.matchExpressions.0.values"), [
      "eu-west-1b",
    ]);
    const efsPv = named(deployed, "s-efs-shared-pv");
    assert.equal(input(efsPv, "spec.csi.volumeHandle"), "s-efs-shared-id::s-efs-shared-ap-id");
    assert.deepEqual(input(efsPv, "spec.accessModes"), ["ReadWriteMany"]);
    const claim = named(deployed, "s-efs-shared-claim");
    assert.equal(input(claim, "metadata.name"), "shared");
    assert.equal(input(claim, "spec.volumeName"), input(efsPv, "metadata.name"));
    for (const t of ofType(deployed, "aws:efs/mountTarget:MountTarget")) assert.ok(efsPv.dependencies.includes(t.urn));
  });

  it("names an EBS volume's claim and its volume's claimRef as asked, so a StatefulSet replica can adopt it", async () => {
    const recording = await record(() => {
      const cluster = new EksCluster("c", eksArgs({ environment: "prod" }));
      new AwsStorage("s", {
        cluster,
        environment: "prod",
        namespace: "data",
        volumes: [{ name: "journal", zone: "eu-west-1b", sizeGib: 100 }],
        claimNames: { journal: "data-cache-0" },
      });
    }, options);
    const claim = named(recording, "s-ebs-journal-claim");
    assert.equal(input(claim, "metadata.name"), "data-cache-0");
    const pv = named(recording, "s-ebs-journal-pv");
    assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: "data-cache-0" });
    assert.equal(input(claim, "spec.volumeName"), input(pv, "metadata.name"));
  });

  it("protects volumes and file systems and retains volumes and claims in prod, not in dev", () => {
    const data = ["s-ebs-journal", "s-efs-shared"].map((n) =>
      prod.resources.find((r) => r.name === n && r.type.startsWith("aws:"))!,
    );
    for (const r of data) assert.equal(r.protect, true, `${r.name} must be protected`);
    for (const r of [
      ...ofType(prod, "kubernetes:core/v1:PersistentVolume"),
      ...ofType(prod, "kubernetes:core/v1:PersistentVolumeClaim"),
    ])
      assert.equal(r.retainOnDelete, true, `${r.name} must be retained`);
    assert.equal(dev.resources.filter((r) => r.protect).length, 0);
    assert.equal(dev.resources.filter((r) => r.retainOnDelete).length, 0);
  });

  it("knows its class and volume names before anything is created, and rejects bad volumes", () => {
    const spec = { volumes: [{ name: "journal", zone: "eu-west-1a", sizeGib: 10 }], fileSystems: [{ name: "shared" }] };
    assert.deepEqual(awsStorageClassNames(spec), ["gp3", "efs-shared"]);
    assert.deepEqual(awsVolumeNames(spec), ["journal", "shared"]);
    const zones = ["eu-west-1a", "eu-west-1b"];
    assert.deepEqual(awsStorageProblems({ volumes: [{ name: "big", zone: "eu-west-1a", sizeGib: 16385 }] }, zones), [
      'AwsStorage: EBS volume "big": sizeGib 16385 is outside gp3 limits 1..16384',
    ]);
    assert.deepEqual(awsStorageProblems({ volumes: [{ name: "far", zone: "eu-west-1c", sizeGib: 10 }] }, zones), [
      'AwsStorage: EBS volume "far": zone "eu-west-1c" is not a zone of the cluster (eu-west-1a, eu-west-1b)',
    ]);
    assert.deepEqual(
      awsStorageProblems(
        { volumes: [{ name: "x", zone: "eu-west-1a", sizeGib: 1 }], fileSystems: [{ name: "x" }] },
        zones,
      ),
      ['AwsStorage: volume name "x" is used twice; names must be unique'],
    );
  });

  it("refuses gp3 throughput above 0.25 MiB/s per provisioned IOPS, with the numbers and the fix", () => {
    const zones = ["eu-west-1a"];
    assert.deepEqual(
      awsStorageProblems({ volumes: [{ name: "fast", zone: "eu-west-1a", sizeGib: 100, throughput: 1000 }] }, zones),
      [
        'AwsStorage: EBS volume "fast": throughput: gp3 allows at most 0.25 MiB/s per provisioned IOPS: 3000 IOPS (the default) allow 750 MiB/s, not 1000; lower throughput to 750 or raise iops to at least 4000',
      ],
    );
    assert.deepEqual(
      awsStorageProblems(
        { volumes: [{ name: "fast", zone: "eu-west-1a", sizeGib: 100, iops: 3200, throughput: 801 }] },
        zones,
      ),
      [
        'AwsStorage: EBS volume "fast": throughput: gp3 allows at most 0.25 MiB/s per provisioned IOPS: 3200 IOPS allow 800 MiB/s, not 801; lower throughput to 800 or raise iops to at least 3204',
      ],
    );
    assert.deepEqual(
      awsStorageProblems(
        { volumes: [{ name: "fast", zone: "eu-west-1a", sizeGib: 100, iops: 4000, throughput: 1000 }] },
        zones,
      ),
      [],
    );
  });
});
