/**
 * Arguments of a valid prod EKS cluster, for tests to vary.
 */
import type { EksClusterArgs } from "../../components/cluster/eks/index.ts";

/**
 * A valid prod cluster over three zones of eu-west-1, with `overrides` applied. The deployer reaches
 * its API through a public endpoint limited to one runner range (a private-only endpoint in a new
 * VPC is refused: nothing routes into it on the first up).
 */
export const eksArgs = (overrides: Partial<EksClusterArgs> = {}): EksClusterArgs => ({
  region: "eu-west-1",
  zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  environment: "prod",
  network: { cidr: "10.20.0.0/16" },
  nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 3, maxSize: 6 }],
  admins: ["arn:aws:iam::123456789012:role/platform-admin"],
  publicEndpoint: true,
  publicAccessCidrs: ["198.51.100.0/24"],
  ...overrides,
});

/** An existing VPC over two zones of eu-west-1, reached by the deployer through its private endpoint. */
export const privateEksArgs = (overrides: Partial<EksClusterArgs> = {}): EksClusterArgs =>
  eksArgs({
    zones: ["eu-west-1a", "eu-west-1b"],
    network: { vpcId: "vpc-0abc12345def67890", privateSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] },
    publicEndpoint: false,
    publicAccessCidrs: undefined,
    privateAccessCidrs: ["10.8.0.0/16", "192.168.10.0/24"],
    ...overrides,
  });
