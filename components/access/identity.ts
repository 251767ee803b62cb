/**
 * Who a RoleBinding's `Group` subject can match on each kind of cluster, and the EKS access entries
 * that make a group's members known to Kubernetes. Pure functions, shared by the component checks
 * and the configuration.
 *
 * - AKS with Entra ID (`adminGroupObjectIds` set): a user's token carries the object ids (GUIDs) of
 *   the user's Entra ID groups, so a group subject must be an object id.
 * - AKS with local accounts only: the only identity is the admin client certificate; no group of a
 *   team can ever sign in.
 * - EKS (`authenticationMode: API`): an IAM principal is in a Kubernetes group only through its
 *   access entry's `kubernetesGroups` (STANDARD entries; one entry per principal and cluster).
 *   awsdocs/amazon-eks-user-guide: doc_source/access-entries.md; `@pulumi/aws` 7.48.0
 *   `eks/accessEntry.d.ts` (`kubernetesGroups`, `principalArn`, `type`).
 * - An existing cluster: its own authentication decides; any group name is taken as given.
 */
import type { ClusterArgs } from "../cluster/factory.ts";
import type { EksGroupMember } from "../cluster/eks/args.ts";
import { IAM_PRINCIPAL_ARN } from "../cluster/eks/validate.ts";

/** How the cluster names the groups of the people who sign in to it. */
export type GroupIdentity = "any" | "entra-id" | "local-accounts" | "aws-iam";

/**
 * An Entra ID object id as tokens carry it in their `groups` claim: a lowercase GUID (RBAC compares
 * group names exactly, so an uppercase spelling would never match).
 */
export const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Kubernetes reserves the `system:` prefix for its own users and groups. */
export const RESERVED_GROUP_PREFIX = "system:";

/** How `cluster` names groups. */
export function groupIdentity(cluster: {
  cloud: ClusterArgs["cloud"];
  aks?: { adminGroupObjectIds?: string[] | undefined } | undefined;
}): GroupIdentity {
  switch (cluster.cloud) {
    case "aks":
      return (cluster.aks?.adminGroupObjectIds ?? []).length > 0 ? "entra-id" : "local-accounts";
    case "eks":
      return "aws-iam";
    default:
      return "any";
  }
}

/** One team's grant, as far as the identity rules see it. */
export interface GroupGrant {
  /** The group named as the RoleBinding's subject. */
  group: string;
  /** IAM role or user ARNs in the group (EKS only). */
  principals?: string[] | undefined;
}

/** Where a grant problem lies: the whole grant, its group, its principals or one principal. */
export interface GrantProblem {
  /** `undefined` for the whole grant; else the field, and the principal's index. */
  field?: "group" | "principals" | undefined;
  index?: number | undefined;
  message: string;
}

/**
 * Problems of one grant on a cluster whose groups are named as `identity`, `admins` being the EKS
 * admin principals (which already have an access entry each).
 */
export function groupGrantProblems(
  grant: GroupGrant,
  identity: GroupIdentity,
  admins: readonly string[] = [],
): GrantProblem[] {
  const principals = grant.principals ?? [];
  const problems: GrantProblem[] = [];
  if (identity !== "aws-iam" && principals.length > 0) {
    problems.push({
      field: "principals",
      message:
        'principals apply only to cloud "eks", where each becomes an EKS access entry; remove them (on AKS and existing clusters the group\'s members come from the identity provider)',
    });
  }
  switch (identity) {
    case "entra-id":
      if (!ENTRA_OBJECT_ID.test(grant.group))
        problems.push({
          field: "group",
          message: `on AKS with Entra ID, Kubernetes sees a user's groups as Entra ID group object ids, so "${grant.group}" would never match: give the group's object id, a lowercase GUID such as "0b8e2c4d-5f6a-4b7c-9d8e-1f2a3b4c5d6e" (az ad group show --group <name> --query id)`,
        });
      break;
    case "local-accounts":
      problems.push({
        message:
          "this AKS cluster has local accounts only (aks.adminGroupObjectIds is empty): nobody but the admin certificate signs in, so no group can match; enable Entra ID by setting aks.adminGroupObjectIds, then name Entra ID group object ids here",
      });
      break;
    case "aws-iam":
      if (grant.group.startsWith(RESERVED_GROUP_PREFIX))
        problems.push({
          field: "group",
          message: `group names starting with "${RESERVED_GROUP_PREFIX}" are reserved for Kubernetes itself; use a group name of your own such as "apps-developers"`,
        });
      if (principals.length === 0)
        problems.push({
          field: "principals",
          message: `on EKS a group has members only through access entries: list the IAM role or user ARNs whose sessions belong to "${grant.group}", e.g. ["arn:aws:iam::123456789012:role/apps-developer"]; each gets an access entry with kubernetesGroups ["${grant.group}"]`,
        });
      principals.forEach((arn, index) => {
        if (!IAM_PRINCIPAL_ARN.test(arn))
          problems.push({
            field: "principals",
            index,
            message: `"${arn}" is not an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"`,
          });
        else if (admins.includes(arn))
          problems.push({
            field: "principals",
            index,
            message: `"${arn}" is an EKS admin: it already has an access entry (with cluster-admin) and EKS allows one access entry per principal; remove it here`,
          });
      });
      break;
    default:
      break;
  }
  return problems;
}

/**
 * The EKS access entries the grants need: one per principal, carrying every group the principal
 * is in (EKS allows one access entry per principal and cluster), in order of first mention.
 */
export function eksGroupMembers(grants: readonly GroupGrant[]): EksGroupMember[] {
  const groups = new Map<string, string[]>();
  for (const grant of grants) {
    for (const principalArn of grant.principals ?? []) {
      const list = groups.get(principalArn) ?? [];
      if (!list.includes(grant.group)) list.push(grant.group);
      groups.set(principalArn, list);
    }
  }
  return [...groups].map(([principalArn, kubernetesGroups]) => ({ principalArn, kubernetesGroups }));
}

/**
 * `cluster` with the EKS access entries that `grants` need added to its `eks.groupMembers`;
 * unchanged on other clouds.
 */
export function withGroupMembers(cluster: ClusterArgs, grants: readonly GroupGrant[]): ClusterArgs {
  const members = eksGroupMembers(grants);
  if (cluster.cloud !== "eks" || !cluster.eks || members.length === 0) return cluster;
  return { ...cluster, eks: { ...cluster.eks, groupMembers: [...(cluster.eks.groupMembers ?? []), ...members] } };
}
