/** One statically provisioned EBS volume and its claim. */
export interface EbsVolumeSpec {
  /** Name of the volume in the stack; also the name of its claim. A DNS label. */
  name: string;
  /** Availability zone of the volume; pods using it are scheduled there. One of the cluster's zones. */
  zone: string;
  /** Size in GiB, 1 to 16384 (gp3 limits). */
  sizeGib: number;
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

/** One EFS file system, shared read-write by every pod that mounts its claim. */
export interface EfsFileSystemSpec {
  /** Name of the file system in the stack; also the name of its claim. A DNS label. */
  name: string;
  /**
   * POSIX user and group id the access point maps every client to, and owner of its root directory.
   * @default 1000
   */
  uid?: number;
  /**
   * POSIX group id of the access point.
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
 * Why a gp3 volume's throughput exceeds what its IOPS allow, or `undefined` when it does not. The
 * message gives the numbers and both fixes; config and component share it.
 */
export function gp3ThroughputProblem(volume: { iops?: number; throughput?: number }): string | undefined {
  if (volume.throughput === undefined) return undefined;
  const iops = volume.iops ?? GP3_BASELINE_IOPS;
  const allowed = Math.floor(iops * GP3_MIB_PER_IOPS);
  if (volume.throughput <= allowed) return undefined;
  const needed = Math.ceil(volume.throughput / GP3_MIB_PER_IOPS);
  const which = volume.iops === undefined ? `${iops} IOPS (the default)` : `${iops} IOPS`;
  return `gp3 allows at most ${GP3_MIB_PER_IOPS} MiB/s per provisioned IOPS: ${which} allow ${allowed} MiB/s, not ${volume.throughput}; lower throughput to ${allowed} or raise iops to at least ${needed}`;
}

/** Names of the storage classes the AWS storage layer creates (known before anything is created). */
export const AWS_STORAGE_CLASSES = { gp3: "gp3" } as const;

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

/** Checks an {@link AwsStorageSpec} against the cluster's zones; returns the problems found. */
export function awsStorageProblems(spec: AwsStorageSpec, zones: readonly string[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const name of awsVolumeNames(spec)) {
    if (names.has(name)) problems.push(`AwsStorage: volume name "${name}" is used twice; names must be unique`);
    names.add(name);
  }
  const within = (value: number | undefined, range: { min: number; max: number }) =>
    value === undefined || (Number.isInteger(value) && value >= range.min && value <= range.max);
  for (const volume of spec.volumes ?? []) {
    const where = `AwsStorage: EBS volume "${volume.name}"`;
    if (!zones.includes(volume.zone))
      problems.push(`${where}: zone "${volume.zone}" is not a zone of the cluster (${zones.join(", ")})`);
    if (!within(volume.sizeGib, GP3_LIMITS.sizeGib))
      problems.push(`${where}: sizeGib ${volume.sizeGib} is outside gp3 limits 1..16384`);
    if (!within(volume.iops, GP3_LIMITS.iops))
      problems.push(`${where}: iops ${volume.iops} is outside gp3 limits 3000..16000`);
    if (!within(volume.throughput, GP3_LIMITS.throughput))
      problems.push(`${where}: throughput ${volume.throughput} is outside gp3 limits 125..1000`);
    else {
      const ratio = gp3ThroughputProblem(volume);
      if (ratio !== undefined) problems.push(`${where}: throughput: ${ratio}`);
    }
  }
  return problems;
}
