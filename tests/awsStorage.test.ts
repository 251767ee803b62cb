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
  type AwsStorageSpec,
  type EbsVolumeSpec,
} from "../components/storage/aws/index.ts";
import { problem, type Problem } from "../components/problems.ts";
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
      volumes: [{ name: "journal", zone: "eu-west-1b", size: "100Gi", iops: 6000 }],
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
        volumes: [{ name: "journal", zone: "eu-west-1b", size: "1Ti" }],
        claimNames: { journal: "data-cache-0" },
      });
    }, options);
    const claim = named(recording, "s-ebs-journal-claim");
    assert.equal(input(claim, "metadata.name"), "data-cache-0");
    const pv = named(recording, "s-ebs-journal-pv");
    assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: "data-cache-0" });
    assert.equal(input(claim, "spec.volumeName"), input(pv, "metadata.name"));
    assert.equal(input(named(recording, "s-ebs-journal", "aws:ebs/volume:Volume"), "size"), 1024, "EBS takes GiB");
    assert.equal(input(pv, "spec.capacity.storage"), "1Ti");
    assert.equal(input(claim, "spec.resources.requests.storage"), "1Ti");
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

  it("knows its class and volume names before anything is created", () => {
    const spec = {
      volumes: [{ name: "journal", zone: "eu-west-1a", size: "10Gi" }],
      fileSystems: [{ name: "shared" }],
    };
    assert.deepEqual(awsStorageClassNames(spec), ["gp3", "efs-shared"]);
    assert.deepEqual(awsVolumeNames(spec), ["journal", "shared"]);
  });

  it("refuses bad storage before registering anything, naming the component", async () => {
    await assert.rejects(
      record(() => {
        const cluster = new EksCluster("c", eksArgs());
        new AwsStorage("s", {
          cluster,
          environment: "prod",
          namespace: "data",
          volumes: [{ name: "journal", zone: "eu-west-1a", size: "100" }],
        });
      }, options),
      {
        name: "ArgumentError",
        message:
          'AwsStorage "s": volumes[0].size = "100": expected a size in whole GiB from 1Gi to 16384Gi such as "100Gi" (gp3 volume)',
      },
    );
  });
});

describe("awsStorageProblems", () => {
  const zones = ["eu-west-1a", "eu-west-1b"];
  const volume = (patch: Partial<EbsVolumeSpec>): EbsVolumeSpec => ({
    name: "journal",
    zone: "eu-west-1a",
    size: "100Gi",
    ...patch,
  });
  const GIB = 'expected a size in whole GiB from 1Gi to 16384Gi such as "100Gi" (gp3 volume)';
  const RATIO = (which: string, allowed: number, found: number, needed: number) =>
    `gp3 allows at most 0.25 MiB/s per provisioned IOPS: ${which} allow ${allowed} MiB/s, not ${found}; lower throughput to ${allowed} or raise iops to at least ${needed}`;
  // One row per rule: the storage that breaks it, and the one problem reported.
  const cases: [string, AwsStorageSpec, Problem][] = [
    [
      "a volume name that is not a DNS label",
      { volumes: [volume({ name: "Journal" })] },
      problem(
        ["volumes", 0, "name"],
        "Journal",
        'must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (volume name, also its claim\'s)',
      ),
    ],
    [
      "a size beyond gp3's",
      { volumes: [volume({ size: "16385Gi" })] },
      problem(["volumes", 0, "size"], "16385Gi", GIB),
    ],
    [
      "a size in GiB as a number, as sizeGib took it",
      { volumes: [volume({ size: 100 as unknown as string })] },
      problem(["volumes", 0, "size"], 100, GIB),
    ],
    [
      "a size not in whole GiB",
      { volumes: [volume({ size: "1536Mi" })] },
      problem(["volumes", 0, "size"], "1536Mi", GIB),
    ],
    [
      "a zone that is not the cluster's",
      { volumes: [volume({ zone: "eu-west-1c" })] },
      problem(
        ["volumes", 0, "zone"],
        "eu-west-1c",
        "is not one of the cluster's zones (eu-west-1a, eu-west-1b); nodes there could never mount it",
      ),
    ],
    [
      "IOPS beyond gp3's",
      { volumes: [volume({ iops: 20000 })] },
      problem(["volumes", 0, "iops"], 20000, "expected a whole number from 3000 to 16000 (gp3 IOPS)"),
    ],
    [
      "throughput beyond gp3's",
      { volumes: [volume({ throughput: 2000, iops: 16000 })] },
      problem(["volumes", 0, "throughput"], 2000, "expected a whole number from 125 to 1000 (gp3 MiB/s)"),
    ],
    [
      "throughput above what the default IOPS allow",
      { volumes: [volume({ throughput: 1000 })] },
      problem(["volumes", 0, "throughput"], 1000, RATIO("3000 IOPS (the default)", 750, 1000, 4000)),
    ],
    [
      "throughput above what the given IOPS allow",
      { volumes: [volume({ iops: 3200, throughput: 801 })] },
      problem(["volumes", 0, "throughput"], 801, RATIO("3200 IOPS", 800, 801, 3204)),
    ],
    [
      "a file system name that is not a DNS label",
      { fileSystems: [{ name: "shared_files" }] },
      problem(
        ["fileSystems", 0, "name"],
        "shared_files",
        'must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (file system name, also its claim\'s)',
      ),
    ],
    [
      "root as the access point's user",
      { fileSystems: [{ name: "shared", uid: 0 }] },
      problem(
        ["fileSystems", 0, "uid"],
        0,
        "expected a whole number from 1 to 2147483647 (POSIX user id of the access point)",
      ),
    ],
    [
      "a group id that is not a whole number",
      { fileSystems: [{ name: "shared", gid: 1.5 }] },
      problem(
        ["fileSystems", 0, "gid"],
        1.5,
        "expected a whole number from 1 to 2147483647 (POSIX group id of the access point)",
      ),
    ],
    [
      "a volume and a file system of one name",
      { volumes: [volume({ name: "x" })], fileSystems: [{ name: "x" }] },
      problem(
        ["fileSystems", 0, "name"],
        "x",
        "volume and file system names must be unique; this name is used earlier, rename one of them",
      ),
    ],
  ];
  for (const [what, spec, expected] of cases) {
    it(`rejects ${what}`, () => {
      assert.deepEqual(awsStorageProblems(spec, zones), [expected]);
    });
  }

  it("accepts gp3 volumes within limits, throughput balanced by IOPS, and file systems", () => {
    const spec: AwsStorageSpec = {
      volumes: [volume({ size: "1Ti", iops: 4000, throughput: 1000 }), volume({ name: "small", size: "1Gi" })],
      fileSystems: [{ name: "shared", uid: 999, gid: 999 }],
    };
    assert.deepEqual(awsStorageProblems(spec, zones), []);
  });
});
