/**
 * The `eks` key: everything AWS-specific a stack declares (network, control plane, node groups,
 * admins, EBS volumes, EFS file systems), as a shape, and its mapping to the {@link EksCluster} and
 * AWS storage arguments. What values are allowed is the components' own check
 * (`eksClusterProblems`, `awsStorageProblems`), reported at these keys. The region is the provider
 * key `aws:region`, read by `config/load.ts`.
 */
import * as v from "valibot";
import { EksCapacityType, EksLogType, EksSupportType, type EksClusterArgs } from "../components/cluster/eks/args.ts";
import { NatGatewayMode } from "../components/network/aws/natGatewayMode.ts";
import type { AwsStorageSpec } from "../components/storage/aws/args.ts";
import { kubeconfigCredentials } from "./awsCredentials.ts";
import { array, boolean, number, object, record, renamedSize, string, variant } from "./builders.ts";
import type { StackConfig } from "./schema.ts";

const nodeGroupSchema = object(
  {
    name: string("node group name"),
    instanceTypes: array(string("EC2 instance type"), 'EC2 instance types such as ["m7i.large"]'),
    minSize: number("fewest nodes"),
    maxSize: number("most nodes"),
    desiredSize: v.optional(number("nodes at creation")),
    diskSize: v.optional(string('root volume size such as "50Gi"')),
    capacityType: v.optional(variant(EksCapacityType)),
  },
  "a node group",
  { diskSizeGib: renamedSize("diskSize") },
);

const volumeSchema = object(
  {
    name: string("volume name"),
    renamedFrom: v.optional(string("the volume's previous name, whose volume and claim it keeps")),
    zone: string('availability zone such as "eu-west-1a"'),
    size: string('gp3 size such as "100Gi"'),
    iops: v.optional(number("gp3 IOPS")),
    throughput: v.optional(number("gp3 MiB/s")),
  },
  "an EBS volume",
  { sizeGib: renamedSize("size") },
);

const fileSystemSchema = object(
  {
    name: string("file system name"),
    renamedFrom: v.optional(string("the file system's previous name, whose file system, directory and claim it keeps")),
    uid: v.optional(number("POSIX user id of the access point")),
    gid: v.optional(number("POSIX group id of the access point")),
  },
  "an EFS file system",
);

const cidrs = (what: string) => v.optional(array(string(`IPv4 CIDR block (${what})`)));

/** The `stateful-stack:eks` key. */
export const eksConfigSchema = object(
  {
    network: object(
      {
        cidr: v.optional(string('IPv4 CIDR block of a new VPC such as "10.0.0.0/16"')),
        natGateways: v.optional(variant(NatGatewayMode)),
        vpcId: v.optional(string('existing VPC id such as "vpc-0abc12345def67890"')),
        privateSubnetIds: v.optional(array(string('subnet id such as "subnet-0abc12345def67890"'))),
      },
      "the network: cidr for a new VPC, or vpcId and privateSubnetIds",
    ),
    cluster: v.optional(
      object(
        {
          version: v.optional(string('Kubernetes minor version such as "1.35"')),
          supportType: v.optional(variant(EksSupportType)),
          publicEndpoint: v.optional(boolean("serve the API on a public endpoint too")),
          publicAccessCidrs: cidrs("public endpoint allow-list"),
          privateAccessCidrs: cidrs("runner or VPN range admitted to the private endpoint"),
          serviceCidr: v.optional(string('Kubernetes service block such as "172.20.0.0/16"')),
          logTypes: v.optional(array(variant(EksLogType))),
        },
        "the control plane's settings",
      ),
      () => ({}),
    ),
    nodeGroups: array(nodeGroupSchema, "managed node groups, at least one"),
    admins: array(string("IAM role or user ARN"), "IAM role or user ARNs given cluster-admin, at least one"),
    addonVersions: v.optional(record(string("add-on version")), () => ({})),
    volumes: v.optional(array(volumeSchema), () => []),
    fileSystems: v.optional(array(fileSystemSchema), () => []),
    tags: v.optional(record(string("tag value")), () => ({})),
  },
  "the EKS settings",
);

/** A validated `eks` key. */
export type EksConfig = v.InferOutput<typeof eksConfigSchema>;

/** The {@link EksCluster} arguments of an EKS stack (undefined for other clouds). */
export function eksClusterArgs(config: StackConfig): EksClusterArgs | undefined {
  const eks = config.eks;
  if (config.cloud !== "eks" || eks === undefined) return undefined;
  return {
    region: config.awsRegion ?? "",
    zones: config.zones,
    environment: config.environment,
    network: eks.network,
    nodeGroups: eks.nodeGroups,
    admins: eks.admins,
    ...eks.cluster,
    credentials: kubeconfigCredentials(config),
    addonVersions: eks.addonVersions,
    tags: eks.tags,
  };
}

/** The AWS storage (EBS volumes, EFS file systems) an EKS stack declares. */
export function awsStorageSpec(config: StackConfig): AwsStorageSpec {
  if (config.cloud !== "eks" || config.eks === undefined) return {};
  return { volumes: config.eks.volumes, fileSystems: config.eks.fileSystems, tags: config.eks.tags };
}
