import { cidrsOverlap, parseCidr, VPC_PREFIX_RANGE } from "../../network/aws/cidr.ts";
import type { EksClusterArgs, EksNodeGroupArgs } from "./args.ts";
import { DEFAULT_SERVICE_CIDR, LOG_TYPES, SUPPORT_TYPES } from "./constants.ts";

/** An EC2 instance type of the `family.size` form (`m7i.large`, `m7i-flex.xlarge`, `c7gn.16xlarge`). */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** An IAM role or user ARN, the principals EKS access entries accept. */
export const IAM_PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** An AWS region name such as `eu-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** What decides whether the deployer can reach the API server. */
export interface EndpointAccess {
  /** The public endpoint is on. */
  publicEndpoint: boolean;
  /** Ranges allowed to the public endpoint (`undefined`: EKS opens it to 0.0.0.0/0). */
  publicAccessCidrs?: readonly string[];
  /** Runner/VPN ranges admitted to the private endpoint on 443. */
  privateAccessCidrs?: readonly string[];
  /** The VPC is created with the cluster: nothing outside it routes there on the first `up`. */
  newVpc: boolean;
}

const BOTH_FIXES =
  'either set publicEndpoint true with publicAccessCidrs listing the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or keep it private, deploy into a VPC your runner or VPN routes to (network.vpcId) and list those ranges in privateAccessCidrs (port 443 is then opened to them on the cluster security group)';

/**
 * Why whoever runs `pulumi up` could not reach the API server, or `undefined` when they can: the
 * Kubernetes provider talks to the endpoint from the deployer's machine, so without a path every
 * Kubernetes resource fails after the cloud resources are created. One rule for config and component.
 */
export function endpointPathProblem(access: EndpointAccess): string | undefined {
  if (access.publicEndpoint) {
    if (access.publicAccessCidrs !== undefined && access.publicAccessCidrs.length === 0)
      return 'publicAccessCidrs is empty, so no address may reach the public endpoint: list the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or turn the public endpoint off and use privateAccessCidrs';
    return undefined;
  }
  if ((access.privateAccessCidrs ?? []).length === 0)
    return `the API endpoint is private-only (publicEndpoint false, the default in prod) and privateAccessCidrs is empty, so nothing where pulumi up runs can reach the API server and every Kubernetes resource would fail: ${BOTH_FIXES}`;
  if (access.newVpc)
    return `the API endpoint is private-only in a VPC this stack creates (network.cidr): no runner or VPN routes into that VPC on the first up, so privateAccessCidrs cannot reach it: ${BOTH_FIXES}`;
  return undefined;
}

/** Problems of one node group's sizes and instance types. */
export function nodeGroupProblems(group: EksNodeGroupArgs): string[] {
  const problems: string[] = [];
  const where = `node group "${group.name}"`;
  if (group.instanceTypes.length === 0)
    problems.push(`${where}: instanceTypes is empty; give at least one, e.g. "m7i.large"`);
  for (const type of group.instanceTypes) {
    if (!INSTANCE_TYPE.test(type))
      problems.push(`${where}: instance type "${type}" is not of the family.size form, e.g. "m7i.large"`);
  }
  const desired = group.desiredSize ?? group.minSize;
  if (group.minSize > group.maxSize)
    problems.push(
      `${where}: minSize ${group.minSize} is greater than maxSize ${group.maxSize}; lower minSize or raise maxSize`,
    );
  else if (desired < group.minSize || desired > group.maxSize)
    problems.push(`${where}: desiredSize ${desired} is outside minSize..maxSize (${group.minSize}..${group.maxSize})`);
  return problems;
}

/** Checks {@link EksClusterArgs}; returns the problems found (empty when valid). */
export function eksClusterProblems(args: EksClusterArgs): string[] {
  const problems: string[] = [];
  if (!AWS_REGION.test(args.region))
    problems.push(`EksCluster: region "${args.region}" is not an AWS region such as "eu-west-1"`);
  if (args.zones.length < 2)
    problems.push(
      `EksCluster: zones has ${args.zones.length} zone(s); EKS needs at least two, e.g. ["eu-west-1a", "eu-west-1b"]`,
    );
  for (const zone of args.zones) {
    if (!zone.startsWith(args.region))
      problems.push(
        `EksCluster: zone "${zone}" is not in region "${args.region}"; use zones such as "${args.region}a"`,
      );
  }
  const { cidr, vpcId, privateSubnetIds } = args.network;
  if ((cidr === undefined) === (vpcId === undefined))
    problems.push("EksCluster: network needs exactly one of cidr (a new VPC) and vpcId (an existing VPC)");
  if (vpcId !== undefined && (privateSubnetIds ?? []).length !== args.zones.length)
    problems.push("EksCluster: an existing VPC needs privateSubnetIds, one per zone, in the order of zones");
  const service = parseCidr(args.serviceCidr ?? DEFAULT_SERVICE_CIDR);
  if (!service)
    problems.push(`EksCluster: serviceCidr "${args.serviceCidr}" is not an IPv4 CIDR block such as "172.20.0.0/16"`);
  if (cidr !== undefined) {
    const vpc = parseCidr(cidr);
    if (!vpc || vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max)
      problems.push(`EksCluster: network cidr "${cidr}" is not an IPv4 block from /16 to /24 such as "10.0.0.0/16"`);
    else if (service && cidrsOverlap(vpc, service))
      problems.push(
        `EksCluster: serviceCidr "${args.serviceCidr ?? DEFAULT_SERVICE_CIDR}" overlaps the VPC "${cidr}"; choose disjoint blocks`,
      );
    if (args.zones.length > 4) problems.push("EksCluster: a new VPC spans at most four zones");
  }
  for (const block of args.publicAccessCidrs ?? []) {
    if (!parseCidr(block)) problems.push(`EksCluster: publicAccessCidrs entry "${block}" is not an IPv4 CIDR block`);
  }
  for (const block of args.privateAccessCidrs ?? []) {
    if (!parseCidr(block)) problems.push(`EksCluster: privateAccessCidrs entry "${block}" is not an IPv4 CIDR block`);
  }
  const path = endpointPathProblem({
    publicEndpoint: args.publicEndpoint ?? args.environment !== "prod",
    publicAccessCidrs: args.publicAccessCidrs,
    privateAccessCidrs: args.privateAccessCidrs,
    newVpc: cidr !== undefined,
  });
  if (path) problems.push(`EksCluster: ${path}`);
  if (args.supportType !== undefined && !(SUPPORT_TYPES as readonly string[]).includes(args.supportType))
    problems.push(
      `EksCluster: supportType "${args.supportType}" is not one of ${SUPPORT_TYPES.map((t) => `"${t}"`).join(", ")}`,
    );
  for (const type of args.logTypes ?? []) {
    if (!(LOG_TYPES as readonly string[]).includes(type))
      problems.push(`EksCluster: log type "${type}" is not one of ${LOG_TYPES.join(", ")}`);
  }
  if (args.nodeGroups.length === 0) problems.push("EksCluster: nodeGroups is empty; give at least one node group");
  for (const group of args.nodeGroups) problems.push(...nodeGroupProblems(group).map((p) => `EksCluster: ${p}`));
  for (const admin of args.admins ?? []) {
    if (!IAM_PRINCIPAL_ARN.test(admin))
      problems.push(
        `EksCluster: admin "${admin}" is not an IAM role or user ARN such as "arn:aws:iam::123456789012:role/admin"`,
      );
  }
  problems.push(...groupMemberProblems(args));
  return problems;
}

/** Problems of `groupMembers`: ARNs, reserved group names, and one access entry per principal. */
export function groupMemberProblems(args: Pick<EksClusterArgs, "admins" | "groupMembers">): string[] {
  const problems: string[] = [];
  const seen = new Set<string>(args.admins ?? []);
  for (const { principalArn, kubernetesGroups } of args.groupMembers ?? []) {
    const where = `EksCluster: groupMembers entry "${principalArn}"`;
    if (!IAM_PRINCIPAL_ARN.test(principalArn))
      problems.push(`${where} is not an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"`);
    if (seen.has(principalArn))
      problems.push(
        `${where} already has an access entry (as an admin or an earlier member) and EKS allows one per principal; list each principal once, with all its groups`,
      );
    seen.add(principalArn);
    if (kubernetesGroups.length === 0) problems.push(`${where} has no kubernetesGroups; give at least one group`);
    for (const group of kubernetesGroups) {
      if (group.startsWith("system:"))
        problems.push(
          `${where}: group "${group}" starts with "system:", which Kubernetes reserves; use a name of your own`,
        );
    }
  }
  return problems;
}
