/**
 * The checks of an EKS cluster's parts: one managed node group, and the principals given
 * Kubernetes groups. Pure; {@link eksClusterProblems} composes them at their paths.
 */
import { problem, variantProblems, type Problem } from "../../problems.ts";
import { dnsLabelProblems, gibSizeProblems, wholeNumberProblems } from "../../rules.ts";
import { EksCapacityType, type EksClusterArgs, type EksNodeGroupArgs } from "./args.ts";

/** An EC2 instance type of the `family.size` form (`m7i.large`, `m7i-flex.xlarge`, `c7gn.16xlarge`). */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** An IAM role or user ARN, the principals EKS access entries accept. */
export const IAM_PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Most nodes of a managed node group (the EKS service quota "Nodes per managed node group"). */
/** The one rule of an IAM principal an access entry is made for: a role or user ARN. */
export function iamPrincipalProblems(path: readonly PropertyKey[], arn: unknown): Problem[] {
  return typeof arn === "string" && IAM_PRINCIPAL_ARN.test(arn)
    ? []
    : [problem(path, arn, 'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"')];
}

/** Kubernetes reserves the `system:` prefix for its own users and groups. */
export const RESERVED_GROUP_PREFIX = "system:";

/** The one rule of a Kubernetes group a stack names: not one of Kubernetes' own. */
export function kubernetesGroupProblems(path: readonly PropertyKey[], group: string): Problem[] {
  return group.startsWith(RESERVED_GROUP_PREFIX)
    ? [
        problem(
          path,
          group,
          `group names starting with "${RESERVED_GROUP_PREFIX}" are reserved for Kubernetes itself; use a group name of your own such as "apps-developers"`,
        ),
      ]
    : [];
}

export const MAX_NODES_PER_GROUP = 450;

/** Sizes of a node's gp3 root volume, in GiB: enough for Amazon Linux 2023 and images, up to gp3's limit. */
export const NODE_DISK_GIB = { min: 20, max: 16384 } as const;

/** Checks one managed node group; returns the problems found, at paths relative to the group. */
export function nodeGroupProblems(group: EksNodeGroupArgs): Problem[] {
  const problems = dnsLabelProblems(["name"], group.name, "node group name");
  if (group.instanceTypes.length === 0)
    problems.push(
      problem(["instanceTypes"], group.instanceTypes, 'give at least one instance type, e.g. ["m7i.large"]'),
    );
  group.instanceTypes.forEach((type, i) => {
    if (!(typeof type === "string" && INSTANCE_TYPE.test(type)))
      problems.push(
        problem(["instanceTypes", i], type, 'expected an EC2 instance type of the form family.size, e.g. "m7i.large"'),
      );
  });
  const sizes = [
    ...wholeNumberProblems(["minSize"], group.minSize, 0, MAX_NODES_PER_GROUP, "fewest nodes"),
    ...wholeNumberProblems(["maxSize"], group.maxSize, 1, MAX_NODES_PER_GROUP, "most nodes"),
    ...(group.desiredSize === undefined
      ? []
      : wholeNumberProblems(["desiredSize"], group.desiredSize, 0, MAX_NODES_PER_GROUP, "nodes at creation")),
  ];
  problems.push(...sizes);
  const { minSize, maxSize, desiredSize } = group;
  if (sizes.length === 0 && minSize > maxSize)
    problems.push(problem(["minSize"], minSize, `is greater than maxSize ${maxSize}; lower minSize or raise maxSize`));
  else if (sizes.length === 0 && desiredSize !== undefined && (desiredSize < minSize || desiredSize > maxSize))
    problems.push(problem(["desiredSize"], desiredSize, `must be between minSize ${minSize} and maxSize ${maxSize}`));
  if (group.diskSize !== undefined)
    problems.push(
      ...gibSizeProblems(["diskSize"], group.diskSize, NODE_DISK_GIB.min, NODE_DISK_GIB.max, "root volume"),
    );
  problems.push(...variantProblems(["capacityType"], group.capacityType, EksCapacityType));
  return problems;
}

/**
 * Checks the principals given Kubernetes groups: IAM ARNs, not already given an access entry (as an
 * admin or an earlier member: EKS allows one per principal), each with at least one group of its
 * own name. Paths are relative to `groupMembers`.
 */
export function groupMemberProblems(args: Pick<EksClusterArgs, "admins" | "groupMembers">): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>(args.admins ?? []);
  (args.groupMembers ?? []).forEach(({ principalArn, kubernetesGroups }, i) => {
    const arnProblems = iamPrincipalProblems([i, "principalArn"], principalArn);
    problems.push(...arnProblems);
    if (arnProblems.length === 0 && seen.has(principalArn))
      problems.push(
        problem(
          [i, "principalArn"],
          principalArn,
          "already has an access entry (as an admin or an earlier member) and EKS allows one per principal; list each principal once, with all its groups",
        ),
      );
    seen.add(principalArn);
    if (kubernetesGroups.length === 0)
      problems.push(problem([i, "kubernetesGroups"], kubernetesGroups, "give at least one group"));
    kubernetesGroups.forEach((group, j) =>
      problems.push(...kubernetesGroupProblems([i, "kubernetesGroups", j], group)),
    );
  });
  return problems;
}
