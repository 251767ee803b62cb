/**
 * Arguments of a valid prod EKS cluster, for tests to vary.
 */
import type { EksClusterArgs } from "../../components/cluster/eks/index.ts";

/** A valid prod cluster over three zones of eu-west-1, with `overrides` applied. */
export const eksArgs = (overrides: Partial<EksClusterArgs> = {}): EksClusterArgs => ({
  region: "eu-west-1",
  zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  environment: "prod",
  network: { cidr: "10.20.0.0/16" },
  nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 3, maxSize: 6 }],
  admins: ["arn:aws:iam::123456789012:role/platform-admin"],
  ...overrides,
});
