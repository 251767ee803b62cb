/**
 * The `eks` key: everything AWS-specific a stack declares (network, control plane, node groups,
 * admins, EBS volumes, EFS file systems), its rules across keys, and its mapping to component args.
 * The region is the provider key `aws:region`, read by `config/load.ts`.
 */
import * as v from "valibot";
import { openToInternet } from "../components/options.ts";
import { DNS_LABEL, array, boolean, length, record, string, int as whole, strictObject as strict } from "./legacy.ts";
import type { EksClusterArgs } from "../components/cluster/eks/args.ts";
import { LOG_TYPES } from "../components/cluster/eks/constants.ts";
import { EKS_KUBERNETES_VERSION, SUPPORT_TYPES } from "../components/cluster/eks/constants.ts";
import {
  AWS_REGION,
  endpointPathProblem,
  IAM_PRINCIPAL_ARN,
  INSTANCE_TYPE,
} from "../components/cluster/eks/validate.ts";
import { cidrsOverlap, parseCidr, VPC_PREFIX_RANGE } from "../components/network/aws/cidr.ts";
import {
  awsVolumeNames,
  GP3_LIMITS,
  gp3ThroughputProblem,
  type AwsStorageSpec,
} from "../components/storage/aws/args.ts";
import { assumeRoleProblems, kubeconfigCredentials } from "./awsCredentials.ts";
import type { StackConfig } from "./schema.ts";

const label = (what: string) =>
  v.pipe(
    // No message of its own: a name that is too long is told what a name must be.
    length(string(`expected a string (${what})`), "max", 63, `expected a string (${what})`),
    v.regex(DNS_LABEL, `must be a DNS label: lowercase letters, digits and "-" (${what})`),
  );

const cidr = (what: string) =>
  v.pipe(
    string(`expected an IPv4 CIDR block such as "10.0.0.0/16" (${what})`),
    v.check(
      (value) => parseCidr(value) !== undefined,
      `expected an IPv4 CIDR block such as "10.0.0.0/16", with host bits zero (${what})`,
    ),
  );

const stringMap = () => v.optional(record(string()), () => ({}));

const nodeGroupSchema = strict({
  name: label("node group name"),
  instanceTypes: length(
    array(
      v.pipe(
        string(),
        v.regex(INSTANCE_TYPE, 'expected an EC2 instance type of the form family.size, e.g. "m7i.large"'),
      ),
    ),
    "min",
    1,
    'give at least one instance type, e.g. ["m7i.large"]',
  ),
  minSize: whole(0, 450, "fewest nodes"),
  maxSize: whole(1, 450, "most nodes"),
  desiredSize: v.optional(whole(0, 450, "nodes at creation")),
  diskSizeGib: v.optional(whole(20, 16384, "root volume GiB"), 50),
  capacityType: v.optional(v.picklist(["ON_DEMAND", "SPOT"], 'expected one of "ON_DEMAND", "SPOT"'), "ON_DEMAND"),
});

const volumeSchema = strict({
  name: label("volume name"),
  zone: string('expected an availability zone such as "eu-west-1a"'),
  sizeGib: whole(GP3_LIMITS.sizeGib.min, GP3_LIMITS.sizeGib.max, "gp3 size in GiB"),
  iops: v.optional(whole(GP3_LIMITS.iops.min, GP3_LIMITS.iops.max, "gp3 IOPS")),
  throughput: v.optional(whole(GP3_LIMITS.throughput.min, GP3_LIMITS.throughput.max, "gp3 MiB/s")),
});

const fileSystemSchema = strict({
  name: label("file system name"),
  uid: v.optional(whole(1, 2147483647, "POSIX user id of the access point"), 1000),
  gid: v.optional(whole(1, 2147483647, "POSIX group id of the access point")),
});

/** The `stateful-stack:eks` key. */
export const eksConfigSchema = strict({
  network: strict({
    cidr: v.optional(cidr("VPC block")),
    natGateways: v.optional(v.picklist(["single", "perZone"], 'expected one of "single", "perZone"')),
    vpcId: v.optional(
      v.pipe(string(), v.regex(/^vpc-[0-9a-f]{8,17}$/, 'expected a VPC id such as "vpc-0abc12345def67890"')),
    ),
    privateSubnetIds: v.optional(
      array(
        v.pipe(string(), v.regex(/^subnet-[0-9a-f]{8,17}$/, 'expected a subnet id such as "subnet-0abc12345def67890"')),
      ),
      () => [],
    ),
  }),
  cluster: v.optional(
    strict({
      version: v.optional(
        v.pipe(
          string(),
          v.regex(
            /^1\.\d{2}$/,
            `expected a Kubernetes minor version such as "${EKS_KUBERNETES_VERSION}" (major.minor, no patch)`,
          ),
        ),
      ),
      supportType: v.optional(
        v.picklist(SUPPORT_TYPES, `expected one of ${SUPPORT_TYPES.map((t) => `"${t}"`).join(", ")}`),
      ),
      publicEndpoint: v.optional(boolean()),
      publicAccessCidrs: v.optional(array(cidr("public endpoint allow-list"))),
      privateAccessCidrs: v.optional(array(cidr("runner or VPN range admitted to the private endpoint"))),
      serviceCidr: v.optional(cidr("Kubernetes service block"), "172.20.0.0/16"),
      logTypes: v.optional(
        array(v.picklist(LOG_TYPES, `expected one of ${LOG_TYPES.map((t) => `"${t}"`).join(", ")}`)),
      ),
    }),
    () => ({ serviceCidr: "172.20.0.0/16" }),
  ),
  nodeGroups: length(array(nodeGroupSchema), "min", 1, "give at least one node group"),
  admins: length(
    array(
      v.pipe(
        string(),
        v.regex(
          IAM_PRINCIPAL_ARN,
          'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admin"',
        ),
      ),
    ),
    "min",
    1,
    "give at least one admin ARN, including the principal that runs pulumi up (the creator gets no implicit access)",
  ),
  addonVersions: stringMap(),
  volumes: v.optional(array(volumeSchema), () => []),
  fileSystems: v.optional(array(fileSystemSchema), () => []),
  tags: stringMap(),
});

/** A validated `eks` key. */
export type EksConfig = v.InferOutput<typeof eksConfigSchema>;

/** A problem at a path under the stack's keys (e.g. `["eks", "nodeGroups", 0, "minSize"]`). */
export interface EksProblem {
  path: PropertyKey[];
  /** The full key when it is not a `stateful-stack:` key (e.g. `aws:assumeRoles`). */
  key?: string;
  value: unknown;
  message: string;
}

/** Rules of an EKS stack that span keys (region, zones, network, node group sizes, volume zones). */
export function eksProblems(config: StackConfig): EksProblem[] {
  const problems: EksProblem[] = [];
  const add = (path: PropertyKey[], value: unknown, message: string) => problems.push({ path, value, message });
  const eks = config.eks;
  if (eks === undefined) {
    add(["eks"], undefined, 'cloud "eks" needs the eks key: network, nodeGroups and admins at least');
    return problems;
  }
  const region = config.awsRegion;
  if (region === undefined || !AWS_REGION.test(region)) {
    add(
      ["cloud"],
      config.cloud,
      `cloud "eks" needs the provider key aws:region set to a region such as "eu-west-1" (found ${JSON.stringify(region ?? "nothing")}); run \`pulumi config set aws:region eu-west-1\``,
    );
  }
  if (config.zones.length < 2)
    add(["zones"], config.zones, 'EKS needs at least two availability zones, e.g. ["eu-west-1a", "eu-west-1b"]');
  config.zones.forEach((zone, i) => {
    if (region !== undefined && !zone.startsWith(region))
      add(
        ["zones", i],
        zone,
        `zone "${zone}" is not in region "${region}" (aws:region); use zones such as "${region}a"`,
      );
  });
  const { network } = eks;
  if ((network.cidr === undefined) === (network.vpcId === undefined))
    add(
      ["eks", "network"],
      network,
      "set exactly one of cidr (create a VPC) and vpcId (with privateSubnetIds, use an existing VPC)",
    );
  if (network.vpcId !== undefined && network.privateSubnetIds.length !== config.zones.length)
    add(
      ["eks", "network", "privateSubnetIds"],
      network.privateSubnetIds,
      `give one private subnet per zone (${config.zones.length}), in the order of zones`,
    );
  const vpc = network.cidr === undefined ? undefined : parseCidr(network.cidr);
  if (vpc && (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max))
    add(
      ["eks", "network", "cidr"],
      network.cidr,
      `a VPC block must be /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`,
    );
  else if (vpc && config.zones.length > 4) add(["zones"], config.zones, "a new VPC spans at most four zones");
  const service = parseCidr(eks.cluster.serviceCidr);
  if (vpc && service && cidrsOverlap(vpc, service))
    add(
      ["eks", "cluster", "serviceCidr"],
      eks.cluster.serviceCidr,
      `overlaps the VPC block "${network.cidr}"; choose disjoint blocks, e.g. a VPC in 10.0.0.0/8 and services in 172.20.0.0/16`,
    );
  if (config.environment === "prod" && eks.cluster.publicEndpoint === true) {
    const cidrs = eks.cluster.publicAccessCidrs ?? [];
    const open = openToInternet(cidrs);
    if (cidrs.length === 0)
      add(
        ["eks", "cluster", "publicAccessCidrs"],
        undefined,
        'a production public endpoint must not be open to the internet (EKS opens it to 0.0.0.0/0 without a list): list the ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set publicEndpoint false',
      );
    else if (open.length > 0)
      add(
        ["eks", "cluster", "publicAccessCidrs"],
        cidrs,
        `${open.join(", ")} lets the whole internet reach a production API endpoint: list narrower ranges, or set publicEndpoint false`,
      );
  }
  const cluster = eks.cluster;
  const publicEndpoint = cluster.publicEndpoint ?? config.environment !== "prod";
  const key = publicEndpoint ? "publicAccessCidrs" : "privateAccessCidrs";
  const path = endpointPathProblem({
    publicEndpoint,
    publicAccessCidrs: cluster.publicAccessCidrs,
    privateAccessCidrs: cluster.privateAccessCidrs,
    newVpc: network.cidr !== undefined,
  });
  // A production public endpoint without ranges is already refused above, with its own message.
  if (path !== undefined && !problems.some((p) => p.path.join(".") === `eks.cluster.${key}`))
    add(["eks", "cluster", key], cluster[key], path);
  problems.push(...assumeRoleProblems(config.awsAssumeRoles));
  eks.nodeGroups.forEach((group, i) => {
    if (group.minSize > group.maxSize)
      add(
        ["eks", "nodeGroups", i, "minSize"],
        group.minSize,
        `is greater than maxSize ${group.maxSize}; lower minSize or raise maxSize`,
      );
    const desired = group.desiredSize;
    if (desired !== undefined && (desired < group.minSize || desired > group.maxSize))
      add(
        ["eks", "nodeGroups", i, "desiredSize"],
        desired,
        `must be between minSize ${group.minSize} and maxSize ${group.maxSize}`,
      );
  });
  eks.volumes.forEach((volume, i) => {
    const throughput = gp3ThroughputProblem(volume);
    if (throughput !== undefined) add(["eks", "volumes", i, "throughput"], volume.throughput, throughput);
    if (!config.zones.includes(volume.zone))
      add(
        ["eks", "volumes", i, "zone"],
        volume.zone,
        `is not one of the stack's zones (${config.zones.join(", ")}); nodes there could never mount it`,
      );
  });
  const seen = new Set<string>();
  awsVolumeNames(awsStorageSpec(config)).forEach((name) => {
    if (seen.has(name)) add(["eks"], name, `volume and file system names must be unique; "${name}" is used twice`);
    seen.add(name);
  });
  return problems;
}

/** The {@link EksCluster} arguments of a validated EKS stack (undefined for other clouds). */
export function eksClusterArgs(config: StackConfig): EksClusterArgs | undefined {
  const eks = config.eks;
  if (config.cloud !== "eks" || eks === undefined) return undefined;
  return {
    region: config.awsRegion ?? "",
    zones: config.zones,
    environment: config.environment,
    network: {
      cidr: eks.network.cidr,
      natGateways: eks.network.natGateways,
      vpcId: eks.network.vpcId,
      privateSubnetIds: eks.network.privateSubnetIds,
    },
    nodeGroups: eks.nodeGroups,
    admins: eks.admins,
    version: eks.cluster.version,
    supportType: eks.cluster.supportType,
    publicEndpoint: eks.cluster.publicEndpoint,
    publicAccessCidrs: eks.cluster.publicAccessCidrs,
    privateAccessCidrs: eks.cluster.privateAccessCidrs,
    credentials: kubeconfigCredentials(config),
    serviceCidr: eks.cluster.serviceCidr,
    logTypes: eks.cluster.logTypes,
    addonVersions: eks.addonVersions,
    tags: eks.tags,
  };
}

/** The AWS storage (EBS volumes, EFS file systems) a stack declares. */
export function awsStorageSpec(config: StackConfig): AwsStorageSpec {
  if (config.cloud !== "eks" || config.eks === undefined) return {};
  return { volumes: config.eks.volumes, fileSystems: config.eks.fileSystems, tags: config.eks.tags };
}
