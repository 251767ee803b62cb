import type { SnapshotClassInfo } from "../handle.ts";
import { problem, repeatedNameProblems, under, type Problem } from "../../problems.ts";
import { renamedFromProblems, type Renamable } from "../../renames.ts";
import { dnsLabelProblems, gibSizeProblems, wholeNumberProblems } from "../../rules.ts";

/**
 * One statically provisioned EBS volume and its claim.
 *
 * Renaming (`renamedFrom`): the volume, its persistent volume and claim are taken over under
 * aliases. An EBS volume has no name of its own (its `Name` tag is updated in place); the persistent
 * volume keeps `<namespace>-<previous name>` and the claim its previous name (or the replica claim
 * that adopts it): nothing is replaced, the data stays attached.
 */
export interface EbsVolumeSpec extends Renamable {
  /** Name of the volume in the stack; also the name of its claim (unless renamed: `renamedFrom`). A DNS label. */
  name: string;
  /** Availability zone of the volume; pods using it are scheduled there. One of the cluster's zones. */
  zone: string;
  /** Size in whole GiB, `"1Gi"` to `"16384Gi"` (gp3 limits), e.g. `"100Gi"`. */
  size: string;
  /**
   * Provisioned IOPS, 3000 to 16000.
   * @default 3000 (gp3 baseline)
   */
  iops?: number;
  /**
   * Provisioned throughput in MiB/s, 125 to 1000.
   * @default 125 (gp3 baseline)
   */
  throughput?: number;
}

/**
 * One EFS file system, shared read-write by every pod that mounts its claim.
 *
 * Renaming (`renamedFrom`): the file system, security group, ingress rule, mount targets, access
 * point, persistent volume and claim are taken over under aliases. What follows the name keeps the
 * previous one: the access point's root directory `/<previous>` (where the data is), the security
 * group's description, the persistent volume `<namespace>-<previous>` and the claim. The storage
 * class `efs-<name>` follows the new name: it is created anew and the old one deleted (a class holds
 * no data; volumes it provisioned stay, and workloads naming it must name the new one).
 */
export interface EfsFileSystemSpec extends Renamable {
  /** Name of the file system in the stack; also the name of its claim (unless renamed: `renamedFrom`). A DNS label. */
  name: string;
  /**
   * POSIX user and group id the access point maps every client to, and owner of its root directory;
   * 1 to 2147483647 (not root).
   * @default 1000
   */
  uid?: number;
  /**
   * POSIX group id of the access point, 1 to 2147483647.
   * @default `uid`
   */
  gid?: number;
}

/** The AWS storage a stack declares besides its storage classes. */
export interface AwsStorageSpec {
  /**
   * Static EBS volumes, created in parallel with the cluster.
   * @default []
   */
  volumes?: EbsVolumeSpec[];
  /**
   * EFS file systems, created in parallel with the cluster; each also gets a storage class `efs-<name>`.
   * @default []
   */
  fileSystems?: EfsFileSystemSpec[];
  /**
   * Tags on every AWS storage resource (volumes, file systems, security groups, access points).
   * @default {}
   */
  tags?: Record<string, string>;
}

/** gp3 limits: size (GiB), IOPS, throughput (MiB/s). */
export const GP3_LIMITS = {
  sizeGib: { min: 1, max: 16384 },
  iops: { min: 3000, max: 16000 },
  throughput: { min: 125, max: 1000 },
} as const;

/**
 * gp3 throughput per provisioned IOPS: at most 0.25 MiB/s per IOPS, so 1,000 MiB/s needs 4,000 IOPS
 * (Amazon EBS User Guide, "General Purpose SSD volumes", gp3 throughput performance,
 * docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html). CreateVolume refuses more.
 */
export const GP3_MIB_PER_IOPS = 0.25;

/** gp3 baseline IOPS, what a volume without `iops` gets. */
export const GP3_BASELINE_IOPS = 3000;

/**
 * The problem of a gp3 volume whose throughput exceeds what its IOPS allow, with the numbers and
 * both fixes; paths relative to the volume.
 */
function gp3ThroughputProblems(volume: EbsVolumeSpec): Problem[] {
  if (volume.throughput === undefined) return [];
  const iops = volume.iops ?? GP3_BASELINE_IOPS;
  const allowed = Math.floor(iops * GP3_MIB_PER_IOPS);
  if (volume.throughput <= allowed) return [];
  const needed = Math.ceil(volume.throughput / GP3_MIB_PER_IOPS);
  const which = volume.iops === undefined ? `${iops} IOPS (the default)` : `${iops} IOPS`;
  return [
    problem(
      ["throughput"],
      volume.throughput,
      `gp3 allows at most ${GP3_MIB_PER_IOPS} MiB/s per provisioned IOPS: ${which} allow ${allowed} MiB/s, not ${volume.throughput}; lower throughput to ${allowed} or raise iops to at least ${needed}`,
    ),
  ];
}

/** Checks one EBS volume against the cluster's zones; paths relative to the volume. */
function ebsVolumeProblems(volume: EbsVolumeSpec, zones: readonly string[]): Problem[] {
  const { sizeGib, iops, throughput } = GP3_LIMITS;
  const rates = [
    ...(volume.iops === undefined ? [] : wholeNumberProblems(["iops"], volume.iops, iops.min, iops.max, "gp3 IOPS")),
    ...(volume.throughput === undefined
      ? []
      : wholeNumberProblems(["throughput"], volume.throughput, throughput.min, throughput.max, "gp3 MiB/s")),
  ];
  const problems = [
    ...dnsLabelProblems(["name"], volume.name, "volume name, also its claim's"),
    ...gibSizeProblems(["size"], volume.size, sizeGib.min, sizeGib.max, "gp3 volume"),
    ...rates,
    ...(rates.length === 0 ? gp3ThroughputProblems(volume) : []),
  ];
  // Without zones the cluster's own check has said so; a volume's zone is judged against them.
  if (zones.length > 0 && !zones.includes(volume.zone))
    problems.push(
      problem(
        ["zone"],
        volume.zone,
        `is not one of the cluster's zones (${zones.join(", ")}); nodes there could never mount it`,
      ),
    );
  return problems;
}

/** Checks one EFS file system; paths relative to the file system. */
function efsFileSystemProblems(fileSystem: EfsFileSystemSpec): Problem[] {
  return [
    ...dnsLabelProblems(["name"], fileSystem.name, "file system name, also its claim's"),
    ...(fileSystem.uid === undefined
      ? []
      : wholeNumberProblems(["uid"], fileSystem.uid, 1, POSIX_ID_MAX, "POSIX user id of the access point")),
    ...(fileSystem.gid === undefined
      ? []
      : wholeNumberProblems(["gid"], fileSystem.gid, 1, POSIX_ID_MAX, "POSIX group id of the access point")),
  ];
}

/** Largest POSIX user or group id an EFS access point takes. */
const POSIX_ID_MAX = 2147483647;

/** Names of the storage classes the AWS storage layer creates (known before anything is created). */
export const AWS_STORAGE_CLASSES = { gp3: "gp3" } as const;

/** The VolumeSnapshotClass for EBS volumes (`snapshot.storage.k8s.io/v1`). */
export const EBS_SNAPSHOT_CLASS = "ebs-snapshots";

/** The EBS VolumeSnapshotClass and the class it snapshots (gp3: the only EBS class the layer creates; EFS has no snapshots). */
export function awsSnapshotClass(): SnapshotClassInfo {
  return { name: EBS_SNAPSHOT_CLASS, storageClasses: [AWS_STORAGE_CLASSES.gp3] };
}

/** Name of the EFS storage class of one file system. */
export function efsClassName(fileSystem: string): string {
  return `efs-${fileSystem}`;
}

/** Every storage class the AWS storage layer creates for `spec`. */
export function awsStorageClassNames(spec: AwsStorageSpec): string[] {
  return [AWS_STORAGE_CLASSES.gp3, ...(spec.fileSystems ?? []).map((fs) => efsClassName(fs.name))];
}

/** Every volume the AWS storage layer creates a claim for (EBS volumes, then EFS file systems). */
export function awsVolumeNames(spec: AwsStorageSpec): string[] {
  return [...(spec.volumes ?? []).map((v) => v.name), ...(spec.fileSystems ?? []).map((fs) => fs.name)];
}

/**
 * Checks an {@link AwsStorageSpec} against the cluster's `zones`; returns the problems found, at
 * paths relative to the spec (`volumes[i].size`, `fileSystems[i].name`, …).
 */
export function awsStorageProblems(spec: AwsStorageSpec, zones: readonly string[]): Problem[] {
  const volumes = spec.volumes ?? [];
  const fileSystems = spec.fileSystems ?? [];
  const problems = [
    ...volumes.flatMap((volume, i) => under(["volumes", i], ebsVolumeProblems(volume, zones))),
    ...fileSystems.flatMap((fileSystem, i) => under(["fileSystems", i], efsFileSystemProblems(fileSystem))),
  ];
  // Each names its claim, so an EBS volume and an EFS file system share one set of names.
  const at = (i: number) => (i < volumes.length ? ["volumes", i, "name"] : ["fileSystems", i - volumes.length, "name"]);
  problems.push(...repeatedNameProblems(awsVolumeNames(spec), at, "volume and file system"));
  problems.push(
    ...renamedFromProblems(
      volumes,
      (i) => ["volumes", i],
      (path, value) => dnsLabelProblems(path, value, "the volume's previous name"),
      "volume",
    ),
    ...renamedFromProblems(
      fileSystems,
      (i) => ["fileSystems", i],
      (path, value) => dnsLabelProblems(path, value, "the file system's previous name"),
      "file system",
    ),
  );
  return problems;
}
