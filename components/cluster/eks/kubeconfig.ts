import * as pulumi from "@pulumi/pulumi";

/**
 * A kubeconfig for an EKS cluster whose user runs `aws eks get-token`: no credential is stored in
 * it, yet it is returned as a secret (it names the endpoint and is handed to every Kubernetes call).
 */
export function eksKubeconfig(
  clusterName: pulumi.Input<string>,
  endpoint: pulumi.Input<string>,
  certificateAuthority: pulumi.Input<string>,
  region: string,
): pulumi.Output<string> {
  const text = pulumi.all([clusterName, endpoint, certificateAuthority]).apply(([name, server, ca]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
      users: [
        {
          name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", name, "--region", region, "--output", "json"],
              interactiveMode: "Never",
            },
          },
        },
      ],
    }),
  );
  return pulumi.secret(text);
}
