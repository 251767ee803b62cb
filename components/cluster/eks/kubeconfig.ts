import * as pulumi from "@pulumi/pulumi";
import type { EksKubeconfigCredentials } from "./args.ts";

/**
 * `client.authentication.k8s.io` versions client-go accepts for an exec user
 * (kubernetes/client-go@v0.35.7:plugin/pkg/client/auth/exec/exec.go, `apiVersions`); `aws eks
 * get-token` answers in the version it is asked for (aws/aws-cli@05c1ed9f:awscli/customizations/eks/get_token.py).
 */
export const EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1"] as const;

/** Values of `interactiveMode` (kubernetes/client-go@v0.35.7:tools/clientcmd/api/v1/types.go, `ExecInteractiveMode`). */
export const EXEC_INTERACTIVE_MODES = ["Never", "IfAvailable", "Always"] as const;

/** One environment variable of an exec user (client-go `ExecEnvVar`: both fields required). */
export interface KubeconfigExecEnv {
  name: string;
  value: string;
}

/**
 * The exec block of a kubeconfig user, as client-go reads it
 * (kubernetes/client-go@v0.35.7:tools/clientcmd/api/v1/types.go, `ExecConfig`). client-go refuses
 * one without `command`, `apiVersion` or `interactiveMode`, or with an env entry without a name
 * (kubernetes/client-go@v0.35.7:tools/clientcmd/validation.go).
 */
export interface KubeconfigExec {
  apiVersion: (typeof EXEC_API_VERSIONS)[number];
  command: string;
  args: string[];
  env?: KubeconfigExecEnv[];
  interactiveMode: (typeof EXEC_INTERACTIVE_MODES)[number];
  installHint?: string;
  provideClusterInfo?: boolean;
}

/**
 * The exec user that gets a token from `aws eks get-token` as the given identity. The CLI's own
 * options are `--cluster-name`, `--role-arn`, `--session-name` and `--cluster-id`; `--profile`,
 * `--region` and `--output` are its global options (aws/aws-cli@05c1ed9f:awscli/customizations/eks/get_token.py).
 */
export function getTokenExec(
  clusterName: string,
  region: string,
  credentials: EksKubeconfigCredentials = {},
): KubeconfigExec {
  const args = ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"];
  if (credentials.profile !== undefined) args.push("--profile", credentials.profile);
  if (credentials.roleArn !== undefined) args.push("--role-arn", credentials.roleArn);
  return { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args, interactiveMode: "Never" };
}

/**
 * A kubeconfig for an EKS cluster whose user runs `aws eks get-token` as the aws provider's identity
 * (`credentials`): no credential is stored in it, yet it is returned as a secret (it names the
 * endpoint and is handed to every Kubernetes call).
 */
export function eksKubeconfig(
  clusterName: pulumi.Input<string>,
  endpoint: pulumi.Input<string>,
  certificateAuthority: pulumi.Input<string>,
  region: string,
  credentials: EksKubeconfigCredentials = {},
): pulumi.Output<string> {
  const text = pulumi.all([clusterName, endpoint, certificateAuthority]).apply(([name, server, ca]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
      users: [{ name, user: { exec: getTokenExec(name, region, credentials) } }],
    }),
  );
  return pulumi.secret(text);
}
