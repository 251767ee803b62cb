/**
 * Who a RoleBinding's `Group` subject can match on each kind of cluster, and the EKS access entries
 * that make a group's members known to Kubernetes. Pure functions: the access part of the operator
 * layer's check, and the access entries the Platform adds to an EKS cluster.
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
import { iamPrincipalProblems, kubernetesGroupProblems } from "../cluster/eks/parts.ts";
import { problem, type Problem } from "../problems.ts";

/** How the cluster names the groups of the people who sign in to it. */
export type GroupIdentity = "any" | "entra-id" | "local-accounts" | "aws-iam";

/**
 * An Entra ID object id as tokens carry it in their `groups` claim: a lowercase GUID (RBAC compares
 * group names exactly, so an uppercase spelling would never match).
 */
export const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

/** What the identity rules read of the cluster: its cloud, AKS's Entra ID groups, EKS's access entries. */
export interface GrantCluster {
  cloud: ClusterArgs["cloud"];
  aks?: { adminGroupObjectIds?: string[] | undefined } | undefined;
  eks?: { admins?: string[] | undefined; groupMembers?: EksGroupMember[] | undefined } | undefined;
}

/**
 * The check of one grant on `cluster` (paths relative to the grant): a group the cluster's sign-in
 * can put people in and, on EKS, the principals that become its access entries (IAM ARNs, none
 * with an access entry of its own already: EKS allows one per principal and cluster).
 */
export function groupGrantProblems(grant: GroupGrant, cluster: GrantCluster): Problem[] {
  const identity = groupIdentity(cluster);
  const principals = grant.principals ?? [];
  const problems: Problem[] = [];
  if (identity !== "aws-iam" && principals.length > 0) {
    problems.push(
      problem(
        ["principals"],
        principals,
        'principals apply only to cloud "eks", where each becomes an EKS access entry; remove them (on AKS and existing clusters the group\'s members come from the identity provider)',
      ),
    );
  }
  switch (identity) {
    case "entra-id":
      if (!ENTRA_OBJECT_ID.test(grant.group))
        problems.push(
          problem(
            ["group"],
            grant.group,
            `on AKS with Entra ID, Kubernetes sees a user's groups as Entra ID group object ids, so "${grant.group}" would never match: give the group's object id, a lowercase GUID such as "0b8e2c4d-5f6a-4b7c-9d8e-1f2a3b4c5d6e" (az ad group show --group <name> --query id)`,
          ),
        );
      break;
    case "local-accounts":
      problems.push(
        problem(
          [],
          grant,
          "this AKS cluster has local accounts only (aks.adminGroupObjectIds is empty): nobody but the admin certificate signs in, so no group can match; enable Entra ID by setting aks.adminGroupObjectIds, then name Entra ID group object ids here",
        ),
      );
      break;
    case "aws-iam":
      problems.push(...eksGrantProblems(grant, cluster.eks ?? {}));
      break;
    default:
      break;
  }
  return problems;
}

/** The EKS rules of a grant: a group of the stack's own, principals that can each get an access entry. */
function eksGrantProblems(grant: GroupGrant, eks: NonNullable<GrantCluster["eks"]>): Problem[] {
  const principals = grant.principals ?? [];
  const problems: Problem[] = [];
  problems.push(...kubernetesGroupProblems(["group"], grant.group));
  if (principals.length === 0)
    problems.push(
      problem(
        ["principals"],
        grant.principals,
        `on EKS a group has members only through access entries: list the IAM role or user ARNs whose sessions belong to "${grant.group}", e.g. ["arn:aws:iam::123456789012:role/apps-developer"]; each gets an access entry with kubernetesGroups ["${grant.group}"]`,
      ),
    );
  const admins = eks.admins ?? [];
  const members = (eks.groupMembers ?? []).map((m) => m.principalArn);
  principals.forEach((arn, j) => {
    const path = ["principals", j];
    const arnProblems = iamPrincipalProblems(path, arn);
    problems.push(...arnProblems);
    if (arnProblems.length > 0) return;
    if (admins.includes(arn))
      problems.push(
        problem(
          path,
          arn,
          "is an EKS admin: it already has an access entry (with cluster-admin) and EKS allows one access entry per principal; remove it here",
        ),
      );
    else if (members.includes(arn))
      problems.push(
        problem(
          path,
          arn,
          "already has an access entry in the cluster's groupMembers and EKS allows one access entry per principal; add this group to that entry's kubernetesGroups instead",
        ),
      );
  });
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
