/**
 * The rules of an EKS cluster's API endpoint: whoever runs `pulumi up` must be able to reach it,
 * and a production public endpoint must not be open to the internet. Pure.
 */
import { parseCidr } from "../../network/aws/cidr.ts";
import { Environment, openToInternet } from "../../options.ts";
import { problem, type Problem } from "../../problems.ts";
import type { EksClusterArgs } from "./args.ts";

/** What decides whether the deployer can reach the API server. */
interface EndpointAccess {
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
 * Kubernetes resource fails after the cloud resources are created.
 */
function endpointPathProblem(access: EndpointAccess): string | undefined {
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

/** The problems of a list of IPv4 CIDR blocks (`what` says what they admit), at their indices. */
function cidrListProblems(path: readonly PropertyKey[], blocks: readonly unknown[] | undefined, what: string) {
  return (blocks ?? []).flatMap((block, i) =>
    typeof block === "string" && parseCidr(block) !== undefined
      ? []
      : [
          problem(
            [...path, i],
            block,
            `expected an IPv4 CIDR block with host bits zero, such as "203.0.113.0/24" (${what})`,
          ),
        ],
  );
}

/**
 * Problems of the API endpoint: a production public endpoint must not be open to the internet,
 * and whoever runs `pulumi up` must have a path to it ({@link endpointPathProblem}).
 */
export function endpointProblems(args: EksClusterArgs): Problem[] {
  const prod = args.environment === Environment.Prod;
  const publicEndpoint = args.publicEndpoint ?? !prod;
  const problems = [
    ...cidrListProblems(["publicAccessCidrs"], args.publicAccessCidrs, "public endpoint allow-list"),
    ...cidrListProblems(["privateAccessCidrs"], args.privateAccessCidrs, "runner or VPN range"),
  ];
  if (prod && publicEndpoint) {
    const cidrs = args.publicAccessCidrs;
    const open = openToInternet(cidrs ?? []);
    if (cidrs === undefined || cidrs.length === 0)
      return [
        ...problems,
        problem(
          ["publicAccessCidrs"],
          cidrs,
          'a production public endpoint must not be open to the internet (EKS opens it to 0.0.0.0/0 without a list): list the ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set publicEndpoint false',
        ),
      ];
    if (open.length > 0)
      problems.push(
        problem(
          ["publicAccessCidrs"],
          cidrs,
          `${open.join(", ")} lets the whole internet reach a production API endpoint: list narrower ranges, or set publicEndpoint false`,
        ),
      );
  }
  const path = endpointPathProblem({
    publicEndpoint,
    publicAccessCidrs: args.publicAccessCidrs,
    privateAccessCidrs: args.privateAccessCidrs,
    newVpc: args.network.cidr !== undefined,
  });
  const key = publicEndpoint ? "publicAccessCidrs" : "privateAccessCidrs";
  if (path !== undefined) problems.push(problem([key], args[key], path));
  return problems;
}
