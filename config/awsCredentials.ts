/**
 * The aws provider's identity keys (`aws:profile`, `aws:assumeRoles`, as `@pulumi/aws` 7.48.0
 * `config/vars.d.ts` names them), checked and turned into the identity the EKS kubeconfig's
 * `aws eks get-token` uses, so that its token is signed by the principal the access entries admit.
 */
import type { EksKubeconfigCredentials } from "../components/cluster/eks/args.ts";
import type { EksProblem } from "./eks.ts";
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

/** `aws:assumeRoles` that the kubeconfig's `aws eks get-token` could not reproduce. */
export function assumeRoleProblems(value: unknown): EksProblem[] {
  const roles = assumeRoles(value);
  const key = "aws:assumeRoles";
  if (value !== undefined && !Array.isArray(value))
    return [
      {
        path: [],
        key,
        value,
        message: 'expected a list of roles such as [{"roleArn": "arn:aws:iam::123456789012:role/deployer"}]',
      },
    ];
  if (roles.length > 1)
    return [
      {
        path: [],
        key,
        value,
        message: `a chain of ${roles.length} roles cannot be reproduced by \`aws eks get-token\`, which assumes one role (--role-arn): define the chain as an AWS CLI profile (role_arn, source_profile) and set aws:profile to it instead`,
      },
    ];
  if (roles[0]?.externalId !== undefined)
    return [
      {
        path: [],
        key,
        value,
        message:
          "`aws eks get-token` cannot pass an external id (it has only --role-arn and --session-name): define the role as an AWS CLI profile (role_arn, external_id, source_profile) and set aws:profile to it instead",
      },
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
