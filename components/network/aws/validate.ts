/**
 * The one check of {@link AwsNetwork}'s arguments. Pure: it imports no cloud SDK, so the EKS
 * cluster's check and the stack configuration run it before anything is created.
 */
import { problem, variantProblems, type Problem } from "../../problems.ts";
import { repeatedZoneProblems } from "../../rules.ts";
import { parseCidr, VPC_PREFIX_RANGE } from "./cidr.ts";
import { NatGatewayMode } from "./natGatewayMode.ts";
import type { AwsNetworkArgs } from "./vpc.ts";

/** Most zones a VPC's layout holds: its block is cut in eighths, a private and a public subnet per zone. */
export const MAX_VPC_ZONES = 4;

/** The problem of a VPC block: an IPv4 CIDR block from /16 to /24 with host bits zero. */
export function vpcCidrProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  const vpc = typeof value === "string" ? parseCidr(value) : undefined;
  if (vpc && vpc.prefix >= VPC_PREFIX_RANGE.min && vpc.prefix <= VPC_PREFIX_RANGE.max) return [];
  return [
    problem(
      path,
      value,
      `expected an IPv4 CIDR block from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} with host bits zero, such as "10.0.0.0/16" (VPC block)`,
    ),
  ];
}

/** Checks {@link AwsNetworkArgs}; returns the problems found, at paths relative to the arguments. */
export function awsNetworkProblems(args: AwsNetworkArgs): Problem[] {
  const problems = vpcCidrProblems(["cidr"], args.cidr);
  if (args.zones.length < 1 || args.zones.length > MAX_VPC_ZONES)
    problems.push(
      problem(
        ["zones"],
        args.zones,
        `a new VPC spans one to ${MAX_VPC_ZONES} zones: its block is cut in eighths, a private and a public subnet per zone`,
      ),
    );
  // Subnets and NAT gateways are named after their zone.
  problems.push(...repeatedZoneProblems(["zones"], args.zones));
  problems.push(...variantProblems(["natGateways"], args.natGateways, NatGatewayMode));
  return problems;
}
