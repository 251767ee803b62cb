import { listManagedClusterAdminCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterAdminCredentials.js";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials.js";
import * as pulumi from "@pulumi/pulumi";

/** Where to read the cluster's credentials from. */
export interface AksCredentialsArgs {
  resourceGroupName: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  /** Local accounts on: admin credentials; off (Entra ID): user credentials in kubelogin exec format. */
  localAccounts: boolean;
}

/** Decodes the first base64 kubeconfig of a credentials answer. */
export function decodeKubeconfig(result: { kubeconfigs: readonly { value?: string }[] }): string {
  const value = result.kubeconfigs[0]?.value;
  if (!value) throw new Error("AKS returned no kubeconfig for the cluster");
  return Buffer.from(value, "base64").toString("utf8");
}

/**
 * AKS returns Entra ID kubeconfigs with `kubelogin get-token --login devicecode`, which waits for
 * someone to type a code in a browser: `pulumi up` would hang. Switches the login to `azurecli`,
 * which reuses the `az login` of the person or pipeline running Pulumi (as
 * `kubelogin convert-kubeconfig -l azurecli` does).
 */
export function useAzureCliLogin(kubeconfig: string): string {
  return kubeconfig.replace(/(["']?--login["']?\s*(?:\n\s*-\s*|,\s*))(["']?)devicecode\2/g, "$1$2azurecli$2");
}

/** The cluster's kubeconfig, always a secret. */
export function aksKubeconfig(args: AksCredentialsArgs, parent: pulumi.Resource): pulumi.Output<string> {
  const query = { resourceGroupName: args.resourceGroupName, resourceName: args.clusterName };
  const credentials = args.localAccounts
    ? listManagedClusterAdminCredentialsOutput(query, { parent })
    : listManagedClusterUserCredentialsOutput({ ...query, format: "exec" }, { parent });
  const kubeconfig = credentials.apply(decodeKubeconfig);
  return pulumi.secret(args.localAccounts ? kubeconfig : kubeconfig.apply(useAzureCliLogin));
}
