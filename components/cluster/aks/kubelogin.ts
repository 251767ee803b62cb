/**
 * The exec contract of kubelogin, the credential plugin AKS kubeconfigs call when local accounts
 * are off: which `get-token` arguments each login mode needs, and which environment variables it
 * reads when the Kubernetes provider runs it. Read from Azure/kubelogin@v0.2.19:
 * `pkg/internal/converter/convert.go` (the arguments `convert-kubeconfig` writes per mode),
 * `pkg/internal/token/options.go` (flags, `UpdateFromEnv`), `pkg/internal/env/variables.go`
 * (variable names), `pkg/internal/token/provider.go` and the credential files (what each mode
 * requires). The kubeconfig fields follow kubernetes/client-go `tools/clientcmd/api/v1/types.go`
 * (`ExecConfig`).
 */

/** Non-interactive kubelogin login modes, usable while `pulumi up` runs. */
export const AksKubeloginMode = {
  /** The Azure CLI's login (`az login` by a person, or `azure/login` in CI). */
  AzureCli: "azurecli",
  /** A service principal with a client secret or certificate from the environment. */
  ServicePrincipal: "spn",
  /** Federated tokens: Kubernetes workload identity, or GitHub Actions OIDC. */
  WorkloadIdentity: "workloadidentity",
  /** The managed identity of the Azure VM or runner that runs Pulumi. */
  ManagedIdentity: "msi",
} as const;
/** A non-interactive kubelogin login mode: `"azurecli"`, `"spn"`, `"workloadidentity"` or `"msi"`. */
export type AksKubeloginMode = (typeof AksKubeloginMode)[keyof typeof AksKubeloginMode];

/** Every login mode kubelogin v0.2.19 accepts (`supportedLogin` in `pkg/internal/token/options.go`). */
export const KUBELOGIN_LOGIN_METHODS = [
  "devicecode",
  "interactive",
  "spn",
  "ropc",
  "msi",
  "azurecli",
  "azd",
  "workloadidentity",
  "azurepipelines",
] as const;

/** `get-token` flags this package writes (`argServerID`, `argClientID`, … in `convert.go`). */
export type KubeloginFlag = "--login" | "--server-id" | "--client-id" | "--tenant-id" | "--environment";

/** What one login mode needs, at render time (arguments) and at get-token time (environment). */
export interface KubeloginModeContract {
  /**
   * Flags after `get-token --login <mode> --server-id <id>`, in the order `convert.go` writes them.
   * `--client-id` and `--tenant-id` name the deploying identity; `--environment` is the Azure cloud
   * from the AKS kubeconfig.
   */
  flags: readonly Exclude<KubeloginFlag, "--login" | "--server-id">[];
  /** Environment variables `get-token` reads in this mode (`UpdateFromEnv`; later ones win). */
  environment: readonly string[];
  /** What must be true where Pulumi runs. */
  prerequisite: string;
}

/**
 * Per mode, from `convert.go` (`switch o.TokenOptions.LoginMethod`) and `UpdateFromEnv`:
 * - `azurecli` takes only the server id (convert drops the tenant: an Azure CLI logged in with a
 *   managed identity refuses one) and asks `az account get-access-token`.
 * - `spn` requires a client id and tenant id (`newClientSecretCredential`: "client ID / tenant ID /
 *   client secret cannot be empty"); the secret never goes in the kubeconfig.
 * - `workloadidentity` requires client id, tenant id and a federated token file, or on GitHub
 *   Actions (`ACTIONS_ID_TOKEN_REQUEST_TOKEN` and `_URL` set) client id and tenant id only.
 * - `msi` takes an optional client id of a user-assigned identity (`AZURE_CLIENT_ID`).
 */
export const KUBELOGIN_MODES: Readonly<Record<AksKubeloginMode, KubeloginModeContract>> = {
  azurecli: {
    flags: [],
    environment: ["AZURE_CONFIG_DIR", "AZURE_CLI_TIMEOUT"],
    prerequisite: "`az login` (or the azure/login action) as an identity with rights on the cluster",
  },
  spn: {
    flags: ["--client-id", "--tenant-id", "--environment"],
    environment: [
      "AAD_SERVICE_PRINCIPAL_CLIENT_ID",
      "AZURE_CLIENT_ID",
      "AAD_SERVICE_PRINCIPAL_CLIENT_SECRET",
      "AZURE_CLIENT_SECRET",
      "AAD_SERVICE_PRINCIPAL_CLIENT_CERTIFICATE",
      "AZURE_CLIENT_CERTIFICATE_PATH",
      "AAD_SERVICE_PRINCIPAL_CLIENT_CERTIFICATE_PASSWORD",
      "AZURE_CLIENT_CERTIFICATE_PASSWORD",
      "AZURE_TENANT_ID",
    ],
    prerequisite: "AZURE_CLIENT_SECRET (or AAD_SERVICE_PRINCIPAL_CLIENT_SECRET, or a certificate) in the environment",
  },
  workloadidentity: {
    flags: ["--client-id", "--tenant-id"],
    environment: [
      "AZURE_CLIENT_ID",
      "AZURE_TENANT_ID",
      "AZURE_FEDERATED_TOKEN_FILE",
      "AZURE_AUTHORITY_HOST",
      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
      "ACTIONS_ID_TOKEN_REQUEST_URL",
    ],
    prerequisite:
      "AZURE_FEDERATED_TOKEN_FILE (workload identity), or GitHub Actions with `permissions: id-token: write`",
  },
  msi: {
    flags: [],
    environment: ["AZURE_CLIENT_ID"],
    prerequisite: "an Azure VM or runner with a managed identity (AZURE_CLIENT_ID picks a user-assigned one)",
  },
};

/** An exec credential plugin entry (`ExecConfig`, kubernetes/client-go `tools/clientcmd/api/v1/types.go`). */
export interface KubeloginExec {
  apiVersion: "client.authentication.k8s.io/v1beta1";
  command: "kubelogin";
  /** `get-token`, `--login <mode>`, `--server-id <id>`, then the mode's flags. */
  args: string[];
  /** `Never`: the plugin never reads standard input, so it runs without a terminal (`pulumi up` in CI). */
  interactiveMode: "Never";
  /** Shown by the client when `kubelogin` is not on the PATH. */
  installHint: string;
  provideClusterInfo: false;
}

/** The kubeconfig this package renders for an Entra ID cluster (a `v1` `Config`). */
export interface KubeloginKubeconfig {
  apiVersion: "v1";
  kind: "Config";
  clusters: { name: string; cluster: { server: string; "certificate-authority-data": string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  "current-context": string;
  users: { name: string; user: { exec: KubeloginExec } }[];
}

/** The deploying identity, from azure-native's `getClientConfig`. */
export interface DeployerIdentity {
  /** Application (client) id of the service principal or managed identity. */
  clientId: string;
  /** Entra ID tenant. */
  tenantId: string;
}

/** Values read from the kubeconfig AKS returns. */
export interface AksKubeconfigFacts {
  /** API server URL. */
  server: string;
  /** Base64 PEM of the cluster CA. */
  certificateAuthorityData: string;
  /** The Entra ID application of the AKS API server (`--server-id`). */
  serverId: string;
  /** Azure cloud name (`--environment`), when AKS wrote one. */
  environment?: string;
}

/** `get-token` arguments of one mode, in the order `convert.go` writes them. */
export function kubeloginArgs(mode: AksKubeloginMode, facts: AksKubeconfigFacts, identity: DeployerIdentity): string[] {
  const value: Record<Exclude<KubeloginFlag, "--login" | "--server-id">, string | undefined> = {
    "--client-id": identity.clientId,
    "--tenant-id": identity.tenantId,
    "--environment": facts.environment,
  };
  const args = ["get-token", "--login", mode, "--server-id", facts.serverId];
  for (const flag of KUBELOGIN_MODES[mode].flags) {
    const given = value[flag];
    if (given) args.push(flag, given);
  }
  return args;
}
