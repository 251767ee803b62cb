import { listManagedClusterAdminCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterAdminCredentials.js";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials.js";
import * as pulumi from "@pulumi/pulumi";
import {
  kubeloginArgs,
  type AksKubeconfigFacts,
  type AksKubeloginMode,
  type DeployerIdentity,
  type KubeloginKubeconfig,
} from "./kubelogin.ts";

/** Where to read the cluster's credentials from, and how the kubeconfig logs in. */
export interface AksCredentialsArgs {
  resourceGroupName: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  /** Local accounts on: admin credentials; off (Entra ID): user credentials, rendered for kubelogin. */
  localAccounts: boolean;
  /** The kubelogin login mode (Entra ID only). */
  login: AksKubeloginMode;
  /** The deploying identity (Entra ID only): names the client and tenant in `spn` and `workloadidentity`. */
  deployer?: pulumi.Input<DeployerIdentity>;
}

/** Decodes the first base64 kubeconfig of a credentials answer. */
export function decodeKubeconfig(result: { kubeconfigs: readonly { value?: string }[] }): string {
  const value = result.kubeconfigs[0]?.value;
  if (!value) throw new Error("AKS returned no kubeconfig for the cluster");
  return Buffer.from(value, "base64").toString("utf8");
}

/** The scalar after `key:` (block or flow style), unquoted. */
function scalar(text: string, key: string): string | undefined {
  return new RegExp(`(?<![\\w-])${key}["']?:\\s*["']?([^\\s"',}]+)`).exec(text)?.[1];
}

/** The exec argument after `flag` (a block list item on the next line, or the next flow item). */
function execArg(text: string, flag: string): string | undefined {
  return new RegExp(`["']?${flag}["']?\\s*(?:\\n\\s*-\\s*|,\\s*)["']?([^\\s"',\\]]+)`).exec(text)?.[1];
}

/**
 * Reads what a kubelogin kubeconfig needs from the Entra ID kubeconfig AKS returns (whose login
 * is `devicecode`, which waits for someone to type a code in a browser: `pulumi up` would hang).
 */
export function aksKubeconfigFacts(kubeconfig: string): AksKubeconfigFacts {
  const server = scalar(kubeconfig, "server");
  const certificateAuthorityData = scalar(kubeconfig, "certificate-authority-data");
  const serverId = execArg(kubeconfig, "--server-id");
  if (!server) throw new Error("the AKS kubeconfig has no API server address (clusters[0].cluster.server)");
  if (!certificateAuthorityData) throw new Error("the AKS kubeconfig has no certificate-authority-data");
  if (!serverId) throw new Error("the AKS kubeconfig has no kubelogin --server-id: is Entra ID integration on?");
  const environment = execArg(kubeconfig, "--environment");
  return { server, certificateAuthorityData, serverId, ...(environment ? { environment } : {}) };
}

/**
 * A kubeconfig whose user runs `kubelogin get-token` in `login` mode, never interactively
 * (rendered as JSON, which every YAML reader of kubeconfigs accepts).
 */
export function kubeloginKubeconfig(
  facts: AksKubeconfigFacts,
  login: AksKubeloginMode,
  deployer: DeployerIdentity,
  clusterName: string,
): string {
  const user = `${clusterName}-${login}`;
  const config: KubeloginKubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: clusterName,
        cluster: { server: facts.server, "certificate-authority-data": facts.certificateAuthorityData },
      },
    ],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user } }],
    "current-context": clusterName,
    users: [
      {
        name: user,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "kubelogin",
            args: kubeloginArgs(login, facts, deployer),
            interactiveMode: "Never",
            installHint: "kubelogin is required for Entra ID clusters: https://azure.github.io/kubelogin/install.html",
            provideClusterInfo: false,
          },
        },
      },
    ],
  };
  return JSON.stringify(config, undefined, 2);
}

/** The cluster's kubeconfig, always a secret. */
export function aksKubeconfig(args: AksCredentialsArgs, parent: pulumi.Resource): pulumi.Output<string> {
  const query = { resourceGroupName: args.resourceGroupName, resourceName: args.clusterName };
  if (args.localAccounts) {
    return pulumi.secret(listManagedClusterAdminCredentialsOutput(query, { parent }).apply(decodeKubeconfig));
  }
  const credentials = listManagedClusterUserCredentialsOutput({ ...query, format: "exec" }, { parent });
  const deployer = pulumi.output(args.deployer ?? { clientId: "", tenantId: "" });
  return pulumi.secret(
    pulumi
      .all([credentials, deployer, args.clusterName])
      .apply(([answer, identity, name]) =>
        kubeloginKubeconfig(aksKubeconfigFacts(decodeKubeconfig(answer)), args.login, identity, name),
      ),
  );
}
