/**
 * Offline answers to the provider functions (invokes) the program may call. Anything not listed
 * here fails the run loudly: a plan must never silently invent cloud data.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Credentials the offline answers contain; none may ever appear in plaintext in a plan. */
export const OFFLINE_CREDENTIALS = ["offline-fake-token", "offline-fake-storage-account-key"] as const;

/** The cluster CA in the offline AKS kubeconfigs (base64 of a clearly fake text, not a certificate). */
export const OFFLINE_AKS_CA = Buffer.from("offline-fake-cluster-ca").toString("base64");

/** The offline answer of azure-native's `getClientConfig`: the identity running Pulumi, clearly fake. */
export const OFFLINE_CLIENT_CONFIG = {
  clientId: "00000000-0000-0000-0000-00000000c11e",
  objectId: "00000000-0000-0000-0000-0000000000b1",
  subscriptionId: "00000000-0000-0000-0000-00000000005b",
  tenantId: "00000000-0000-0000-0000-00000000007e",
} as const;

/** A plausible AKS kubeconfig (base64, as AKS returns it), clearly fake: it reaches no cluster. */
function fakeAksKubeconfig(user: string[]): string {
  return Buffer.from(
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: offline-fake-aks",
      "  cluster:",
      `    certificate-authority-data: ${OFFLINE_AKS_CA}`,
      "    server: https://offline-fake-aks.hcp.invalid:443",
      "contexts:",
      "- name: offline-fake-aks",
      "  context: {cluster: offline-fake-aks, user: offline-fake-user}",
      "current-context: offline-fake-aks",
      "users:",
      "- name: offline-fake-user",
      ...user,
      "",
    ].join("\n"),
  ).toString("base64");
}

/** Admin credentials: a static token. */
const FAKE_AKS_KUBECONFIG = fakeAksKubeconfig([`  user: {token: ${OFFLINE_CREDENTIALS[0]}}`]);

/**
 * The Entra ID (exec format) variant AKS returns when local accounts are disabled: the AKS server
 * application, the Azure CLI's public client, the (fake) tenant, and an interactive device-code login.
 */
const FAKE_AKS_EXEC_KUBECONFIG = fakeAksKubeconfig([
  "  user:",
  "    exec:",
  "      apiVersion: client.authentication.k8s.io/v1beta1",
  "      args:",
  "      - get-token",
  "      - --environment",
  "      - AzurePublicCloud",
  "      - --server-id",
  "      - 6dae42f8-4368-4678-94ff-3960e28e3630",
  "      - --client-id",
  "      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a",
  "      - --tenant-id",
  `      - ${OFFLINE_CLIENT_CONFIG.tenantId}`,
  "      - --login",
  "      - devicecode",
  "      command: kubelogin",
  "      env: null",
  "      provideClusterInfo: false",
]);

/** An offline answer to one invoke token. */
export type InvokeAnswer = (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;

/** Invoke tokens the recorder can answer offline, with their answers. */
export const OFFLINE_INVOKES: Readonly<Record<string, InvokeAnswer>> = {
  "azure-native:authorization:getClientConfig": () => ({ ...OFFLINE_CLIENT_CONFIG }),
  "azure-native:containerservice:listManagedClusterAdminCredentials": () => ({
    kubeconfigs: [{ name: "clusterAdmin", value: FAKE_AKS_KUBECONFIG }],
  }),
  "azure-native:containerservice:listManagedClusterUserCredentials": () => ({
    kubeconfigs: [{ name: "clusterUser", value: FAKE_AKS_EXEC_KUBECONFIG }],
  }),
  "azure-native:storage:listStorageAccountKeys": () => ({
    keys: [
      {
        keyName: "key1",
        permissions: "FULL",
        value: Buffer.from(OFFLINE_CREDENTIALS[1]).toString("base64"),
      },
    ],
  }),
};

/** Raised when the program calls an invoke the recorder has no offline answer for. */
export class UnknownInvokeError extends Error {
  /** The SDK reports an invoke failure by this gRPC field, as the engine would send it. */
  readonly details: string;

  constructor(token: string) {
    super(
      `the program called the provider function "${token}", which has no offline answer; ` +
        `add one to tools/recorder/invokes.ts (known: ${Object.keys(OFFLINE_INVOKES).join(", ") || "none"})`,
    );
    this.name = "UnknownInvokeError";
    this.details = this.message;
  }
}

/** Answers an invoke from {@link OFFLINE_INVOKES}, or throws {@link UnknownInvokeError}. */
export function answerInvoke(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const answer = OFFLINE_INVOKES[args.token];
  if (!answer) throw new UnknownInvokeError(args.token);
  return answer(args);
}
