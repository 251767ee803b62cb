/**
 * Storage CSI drivers get their own identities, never storage permissions on the node role.
 */
import { prop, UNKNOWN, type CheckedResource, type StackPolicy } from "../model.ts";

const STORAGE_POLICIES = ["AmazonEBSCSIDriverPolicy", "AmazonEFSCSIDriverPolicy"];
const STORAGE_ADDONS = ["aws-ebs-csi-driver", "aws-efs-csi-driver"];

function trustedServices(role: CheckedResource | undefined): string[] {
  const policy = role ? prop(role, "assumeRolePolicy") : undefined;
  if (typeof policy !== "string" || policy === UNKNOWN) return [];
  try {
    const doc = JSON.parse(policy) as { Statement?: { Principal?: { Service?: string | string[] } }[] };
    return (doc.Statement ?? []).flatMap((s) => {
      const service = s.Principal?.Service;
      return service === undefined ? [] : Array.isArray(service) ? service : [service];
    });
  } catch {
    return [];
  }
}

/** CSI driver policies go to roles only EKS Pod Identity can assume; the storage add-ons use such roles. */
export const csiDriverIdentity: StackPolicy = {
  name: "csi-driver-own-identity",
  description:
    "The EBS and EFS CSI drivers get their own IAM roles trusted by pods.eks.amazonaws.com (Pod Identity); the node role never gets storage permissions.",
  enforcement: "mandatory",
  check: ({ resources }) => {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const found: { resource: CheckedResource; message: string }[] = [];
    for (const r of resources) {
      if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
        const arn = prop(r, "policyArn");
        const policy = STORAGE_POLICIES.find((p) => typeof arn === "string" && arn.endsWith(`/${p}`));
        if (!policy) continue;
        const role = (r.propertyDependencies["role"] ?? [])
          .map((u) => byUrn.get(u))
          .find((d) => d?.type === "aws:iam/role:Role");
        const services = trustedServices(role);
        if (!services.includes("pods.eks.amazonaws.com") || services.some((s) => s !== "pods.eks.amazonaws.com")) {
          found.push({
            resource: r,
            message: `${policy} is attached to role "${role?.name ?? "unknown"}", trusted by ${services.join(", ") || "nothing known"}: storage permissions belong to a role trusted only by pods.eks.amazonaws.com`,
          });
        }
      }
      if (r.type === "aws:eks/addon:Addon" && STORAGE_ADDONS.includes(String(prop(r, "addonName")))) {
        const associations = prop(r, "podIdentityAssociations");
        const hasOwn =
          (Array.isArray(associations) && associations.length > 0) || prop(r, "serviceAccountRoleArn") !== undefined;
        const separate = resources.some(
          (p) =>
            p.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" &&
            String(prop(p, "serviceAccount")).startsWith(
              String(prop(r, "addonName")).replace("aws-", "").replace("-driver", ""),
            ),
        );
        if (!hasOwn && !separate)
          found.push({
            resource: r,
            message: `add-on ${String(prop(r, "addonName"))} has no identity of its own: give it a Pod Identity association`,
          });
      }
    }
    return found;
  },
};
