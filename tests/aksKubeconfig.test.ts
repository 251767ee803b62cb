/**
 * Reading the kubeconfig AKS returns: the base64 answer, and the server, CA and Entra ID server
 * application a kubelogin kubeconfig is rendered from.
 */
import assert from "node:assert/strict";
import { aksKubeconfigFacts, decodeKubeconfig } from "../components/cluster/aks/kubeconfig.ts";

/** The Entra ID server application of AKS-managed Entra ID, as AKS writes it in user kubeconfigs. */
const AKS_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

describe("AKS kubeconfig", () => {
  it("decodes the base64 kubeconfig AKS returns, and fails loudly when there is none", () => {
    const value = Buffer.from("apiVersion: v1\n").toString("base64");
    assert.equal(decodeKubeconfig({ kubeconfigs: [{ value }] }), "apiVersion: v1\n");
    assert.throws(() => decodeKubeconfig({ kubeconfigs: [] }), /no kubeconfig/);
  });

  it("reads the server, CA and Entra ID server application from the kubeconfig AKS returns, block or flow style", () => {
    const block = [
      "clusters:",
      "- cluster:",
      "    certificate-authority-data: Q0E=",
      "    server: https://x.hcp.westeurope.azmk8s.io:443",
      "  name: x",
      "users:",
      "- name: u",
      "  user:",
      "    exec:",
      "      args:",
      "      - get-token",
      "      - --environment",
      "      - AzurePublicCloud",
      "      - --server-id",
      `      - ${AKS_SERVER_ID}`,
      "      - --login",
      "      - devicecode",
      "      command: kubelogin",
    ].join("\n");
    const facts = {
      server: "https://x.hcp.westeurope.azmk8s.io:443",
      certificateAuthorityData: "Q0E=",
      serverId: AKS_SERVER_ID,
      environment: "AzurePublicCloud",
    };
    assert.deepEqual(aksKubeconfigFacts(block), facts);
    const flow = `clusters: [{cluster: {certificate-authority-data: "Q0E=", server: "https://x.hcp.westeurope.azmk8s.io:443"}}]\nusers: [{user: {exec: {args: ["get-token", "--environment", "AzurePublicCloud", "--server-id", "${AKS_SERVER_ID}"]}}}]`;
    assert.deepEqual(aksKubeconfigFacts(flow), facts);
    assert.throws(() => aksKubeconfigFacts("users: [{user: {token: abc}}]"), /no API server address/);
  });
});
