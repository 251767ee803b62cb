import { Role } from "@pulumi/aws/iam/role.js";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment.js";
import * as pulumi from "@pulumi/pulumi";

/** The AWS partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`): ARNs are built from it without an invoke. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** ARN of an AWS managed IAM policy, e.g. `managedPolicyArn("aws", "AmazonEKSClusterPolicy")`. */
export function managedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/${policy}`;
}

/** A trust policy letting one AWS service principal assume the role (with session tags when asked). */
export function trustPolicy(service: string, tagSession = false): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: tagSession ? ["sts:AssumeRole", "sts:TagSession"] : "sts:AssumeRole",
      },
    ],
  });
}

/**
 * An IAM role assumable by `service`, with exactly the given AWS managed policies attached (one
 * attachment each, named after the policy). Needs nothing from the cluster, so it is created in
 * the first waves.
 */
export function serviceRole(
  name: string,
  service: string,
  policies: readonly string[],
  partition: string,
  parent: pulumi.Resource,
  tagSession = false,
): { role: Role; attachments: RolePolicyAttachment[] } {
  const role = new Role(name, { assumeRolePolicy: trustPolicy(service, tagSession) }, { parent });
  const attachments = policies.map(
    (policy) =>
      new RolePolicyAttachment(
        `${name}-${policy.split("/").pop()}`,
        { role: role.name, policyArn: managedPolicyArn(partition, policy) },
        { parent },
      ),
  );
  return { role, attachments };
}
