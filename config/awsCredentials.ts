/**
 * The aws provider's identity keys (`aws:profile`, `aws:assumeRoles`, as `@pulumi/aws` 7.48.0
 * `config/vars.d.ts` names them), checked and turned into the identity the EKS kubeconfig's
 * `aws eks get-token` uses, so that its token is signed by the principal the access entries admit.
 */
import type { EksKubeconfigCredentials } from "../components/cluster/eks/args.ts";
import { problem, type Problem } from "../components/problems.ts";
import type { ProviderSettings } from "./schema.ts";

/** One entry of the aws provider's `aws:assumeRoles` (`@pulumi/aws` 7.48.0 `types/output.d.ts`, `config.AssumeRoles`). */
interface AssumeRole {
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
}

/** The roles of `aws:assumeRoles` as a list (the provider reads it as JSON). */
function assumeRoles(value: unknown): AssumeRole[] {
  return Array.isArray(value) ? (value as AssumeRole[]) : [];
}

/**
 * `aws:assumeRoles` that the kubeconfig's `aws eks get-token` could not reproduce; paths relative
 * to that provider key (a stack-level rule: the roles are not an argument of any component).
 */
export function assumeRoleProblems(value: unknown): Problem[] {
  const roles = assumeRoles(value);
  if (value !== undefined && !Array.isArray(value))
    return [
      problem([], value, 'expected a list of roles such as [{"roleArn": "arn:aws:iam::123456789012:role/deployer"}]'),
    ];
  if (roles.length > 1)
    return [
      problem(
        [],
        value,
        `a chain of ${roles.length} roles cannot be reproduced by \`aws eks get-token\`, which assumes one role (--role-arn): define the chain as an AWS CLI profile (role_arn, source_profile) and set aws:profile to it instead`,
      ),
    ];
  if (roles[0]?.externalId !== undefined)
    return [
      problem(
        [],
        value,
        "`aws eks get-token` cannot pass an external id (it has only --role-arn and --session-name): define the role as an AWS CLI profile (role_arn, external_id, source_profile) and set aws:profile to it instead",
      ),
    ];
  return [];
}

/** The kubeconfig identity of a stack: the provider's profile and the role it assumes. */
export function kubeconfigCredentials(settings: ProviderSettings): EksKubeconfigCredentials {
  const credentials: EksKubeconfigCredentials = {};
  if (settings.awsProfile !== undefined) credentials.profile = settings.awsProfile;
  const roleArn = assumeRoles(settings.awsAssumeRoles)[0]?.roleArn;
  if (roleArn !== undefined) credentials.roleArn = roleArn;
  return credentials;
}
