/**
 * Kubernetes API endpoints are not open to the whole internet in production.
 */
import { openToInternet } from "../../components/options.ts";
import { isProduction, prop, UNKNOWN, type CheckedResource, type StackPolicy } from "../model.ts";

function eksProblem(r: CheckedResource): string | undefined {
  if (prop(r, "vpcConfig.endpointPublicAccess") === false) return undefined;
  const cidrs = prop(r, "vpcConfig.publicAccessCidrs");
  if (cidrs === UNKNOWN) return undefined;
  if (!Array.isArray(cidrs) || cidrs.length === 0)
    return "the public endpoint is on with no publicAccessCidrs, which EKS opens to 0.0.0.0/0";
  const open = openToInternet(cidrs);
  return open.length > 0 ? `publicAccessCidrs includes ${open.join(", ")}` : undefined;
}

function aksProblem(r: CheckedResource): string | undefined {
  if (prop(r, "apiServerAccessProfile.enablePrivateCluster") === true) return undefined;
  const ranges = prop(r, "apiServerAccessProfile.authorizedIPRanges");
  if (ranges === UNKNOWN) return undefined;
  if (!Array.isArray(ranges) || ranges.length === 0)
    return "the API server is public with no authorizedIPRanges: set them or enablePrivateCluster";
  const open = openToInternet(ranges);
  return open.length > 0 ? `authorizedIPRanges includes ${open.join(", ")}` : undefined;
}

/** Production clusters' API endpoints are private or limited to known address ranges. */
export const apiEndpointNotPublic: StackPolicy = {
  name: "api-endpoint-not-public-in-production",
  description:
    "In production stacks, the Kubernetes API endpoint is private or limited to known address ranges (EKS publicAccessCidrs, AKS authorizedIPRanges or private cluster).",
  enforcement: "mandatory",
  check: ({ stack, resources }) =>
    isProduction(stack)
      ? resources.flatMap((r) => {
          const problem =
            r.type === "aws:eks/cluster:Cluster"
              ? eksProblem(r)
              : r.type === "azure-native:containerservice:ManagedCluster"
                ? aksProblem(r)
                : undefined;
          return problem
            ? [
                {
                  resource: r,
                  message: `cluster "${r.name}" exposes its API endpoint to the internet in production: ${problem}`,
                },
              ]
            : [];
        })
      : [],
};
