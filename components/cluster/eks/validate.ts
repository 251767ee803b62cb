/**
 * The one check of {@link EksCluster}'s arguments, composed of its parts' checks (network, node
 * groups, group members). Pure: it imports no cloud SDK, so the platform and the stack
 * configuration run it before anything is created.
 */
import { cidrsOverlap, parseCidr } from "../../network/aws/cidr.ts";
import { awsNetworkProblems } from "../../network/aws/validate.ts";
import { Environment } from "../../options.ts";
import {
  problem,
  repeatedIndices,
  repeatedNameProblems,
  under,
  variantProblems,
  type Problem,
} from "../../problems.ts";
import { repeatedZoneProblems } from "../../rules.ts";
import { EksLogType, EksSupportType, type EksClusterArgs, type EksNetworkArgs } from "./args.ts";
import { EKS_KUBERNETES_VERSION, DEFAULT_SERVICE_CIDR } from "./constants.ts";
import { endpointProblems } from "./endpoint.ts";
import { groupMemberProblems, iamPrincipalProblems, nodeGroupProblems } from "./parts.ts";

export {
  groupMemberProblems,
  IAM_PRINCIPAL_ARN,
  iamPrincipalProblems,
  INSTANCE_TYPE,
  kubernetesGroupProblems,
  nodeGroupProblems,
  RESERVED_GROUP_PREFIX,
} from "./parts.ts";

/** An AWS region name such as `eu-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** A Kubernetes minor version as EKS takes it: `major.minor`, no patch. */
export const KUBERNETES_MINOR_VERSION = /^1\.\d{2}$/;

const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

/** Problems of the region and zones: a known region, at least two zones, all of that region. */
function placementProblems(args: EksClusterArgs): Problem[] {
  const problems: Problem[] = [];
  const region = typeof args.region === "string" && AWS_REGION.test(args.region) ? args.region : undefined;
  if (region === undefined)
    problems.push(
      args.region === undefined || args.region === ""
        ? problem(["region"], undefined, 'is required: the AWS region, such as "eu-west-1"')
        : problem(["region"], args.region, 'expected an AWS region such as "eu-west-1"'),
    );
  if (args.zones.length < 2)
    problems.push(
      problem(["zones"], args.zones, 'EKS needs at least two availability zones, e.g. ["eu-west-1a", "eu-west-1b"]'),
    );
  args.zones.forEach((zone, i) => {
    if (region !== undefined && !zone.startsWith(region))
      problems.push(problem(["zones", i], zone, `is not in region "${region}"; use zones of it such as "${region}a"`));
  });
  problems.push(...repeatedZoneProblems(["zones"], args.zones));
  return problems;
}

/**
 * Problems of the network: a new VPC (`cidr`, checked by {@link AwsNetwork}'s own check, whose
 * zones are the cluster's) or an existing one (`vpcId` and one private subnet per zone).
 */
function networkProblems(network: EksNetworkArgs, zones: string[]): Problem[] {
  const problems: Problem[] = [];
  const { cidr, vpcId, privateSubnetIds } = network;
  if ((cidr === undefined) === (vpcId === undefined))
    problems.push(
      problem(
        ["network"],
        network,
        "set exactly one of cidr (create a VPC) and vpcId (with privateSubnetIds, use an existing VPC)",
      ),
    );
  if (cidr !== undefined)
    for (const p of awsNetworkProblems({ cidr, zones, natGateways: network.natGateways })) {
      // Fewer than two zones, and each zone once, are the cluster's own rules, with their own messages.
      if (p.path[0] === "zones" && (zones.length < 2 || p.path.length > 1)) continue;
      problems.push(p.path[0] === "zones" ? p : { ...p, path: ["network", ...p.path] });
    }
  if (typeof vpcId === "string" && !VPC_ID.test(vpcId))
    problems.push(problem(["network", "vpcId"], vpcId, 'expected a VPC id such as "vpc-0abc12345def67890"'));
  if (vpcId !== undefined && cidr === undefined && (privateSubnetIds ?? []).length !== zones.length)
    problems.push(
      problem(
        ["network", "privateSubnetIds"],
        privateSubnetIds,
        `give one private subnet per zone (${zones.length}), in the order of zones`,
      ),
    );
  for (const i of repeatedIndices((privateSubnetIds ?? []).map(String)))
    problems.push(
      problem(
        ["network", "privateSubnetIds", i],
        privateSubnetIds?.[i],
        "this subnet is listed earlier, and a subnet lies in one zone; give each zone its own private subnet",
      ),
    );
  (privateSubnetIds ?? []).forEach((id, i) => {
    if (typeof id === "string" && !SUBNET_ID.test(id))
      problems.push(
        problem(["network", "privateSubnetIds", i], id, 'expected a subnet id such as "subnet-0abc12345def67890"'),
      );
  });
  return problems;
}

/** Problems of the control plane's settings: version, support type, service block, log types. */
function controlPlaneProblems(args: EksClusterArgs): Problem[] {
  const problems: Problem[] = [];
  if (args.version !== undefined && !(typeof args.version === "string" && KUBERNETES_MINOR_VERSION.test(args.version)))
    problems.push(
      problem(
        ["version"],
        args.version,
        `expected a Kubernetes minor version such as "${EKS_KUBERNETES_VERSION}" (major.minor, no patch)`,
      ),
    );
  problems.push(...variantProblems(["supportType"], args.supportType, EksSupportType));
  (args.logTypes ?? []).forEach((type, i) => problems.push(...variantProblems(["logTypes", i], type, EksLogType)));
  const serviceCidr = args.serviceCidr ?? DEFAULT_SERVICE_CIDR;
  const service = parseCidr(serviceCidr);
  const vpc = args.network.cidr === undefined ? undefined : parseCidr(args.network.cidr);
  if (!service)
    problems.push(
      problem(
        ["serviceCidr"],
        args.serviceCidr,
        'expected an IPv4 CIDR block with host bits zero, such as "172.20.0.0/16" (Kubernetes service block)',
      ),
    );
  else if (vpc && cidrsOverlap(vpc, service))
    problems.push(
      problem(
        ["serviceCidr"],
        serviceCidr,
        `overlaps the VPC block "${args.network.cidr}"; choose disjoint blocks, e.g. a VPC in 10.0.0.0/8 and services in 172.20.0.0/16`,
      ),
    );
  return problems;
}

/** Problems of the principals: at least one admin, each an IAM ARN; group members (see {@link groupMemberProblems}). */
function principalProblems(args: EksClusterArgs): Problem[] {
  const admins = args.admins ?? [];
  const problems: Problem[] = [];
  if (admins.length === 0)
    problems.push(
      problem(
        ["admins"],
        args.admins,
        "give at least one admin ARN, including the principal that runs pulumi up (the creator gets no implicit access)",
      ),
    );
  admins.forEach((admin, i) => problems.push(...iamPrincipalProblems(["admins", i], admin)));
  for (const i of repeatedIndices(admins.map(String)))
    problems.push(
      problem(
        ["admins", i],
        admins[i],
        "this principal is listed earlier, and EKS allows one access entry per principal; list each admin once",
      ),
    );
  problems.push(...under(["groupMembers"], groupMemberProblems(args)));
  return problems;
}

/**
 * Checks {@link EksClusterArgs}; returns the problems found (empty when valid), at paths relative
 * to the arguments: node groups' below `nodeGroups[i]`, group members' below `groupMembers`.
 */
export function eksClusterProblems(args: EksClusterArgs): Problem[] {
  const problems = [
    ...variantProblems(["environment"], args.environment, Environment),
    ...placementProblems(args),
    ...networkProblems(args.network, args.zones),
    ...endpointProblems(args),
    ...controlPlaneProblems(args),
  ];
  if (args.nodeGroups.length === 0)
    problems.push(problem(["nodeGroups"], args.nodeGroups, "give at least one node group"));
  args.nodeGroups.forEach((group, i) => problems.push(...under(["nodeGroups", i], nodeGroupProblems(group))));
  problems.push(
    ...repeatedNameProblems(
      args.nodeGroups.map((group) => group.name),
      (i) => ["nodeGroups", i, "name"],
      "node group",
    ),
  );
  problems.push(...principalProblems(args));
  return problems;
}
