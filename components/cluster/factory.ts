import type * as pulumi from "@pulumi/pulumi";
import { ExistingCluster, type ExistingClusterArgs } from "./existing.ts";
import type { Cloud, ClusterHandle } from "./handle.ts";

/** Which cluster to use, as a cloud plus that cloud's settings. */
export interface ClusterArgs {
  /** Where the cluster comes from. */
  cloud: Cloud;
  /** Settings when `cloud` is `"existing"`. */
  existing?: ExistingClusterArgs;
}

/** Creates the cluster component for `args.cloud`. */
export function createCluster(name: string, args: ClusterArgs, opts: pulumi.ComponentResourceOptions): ClusterHandle {
  const cloud = args.cloud;
  switch (cloud) {
    case "existing":
      if (!args.existing)
        throw new Error(
          `cluster "${name}": cloud "existing" needs the existing settings (kubeconfig or kubeconfigPath)`,
        );
      return new ExistingCluster(name, args.existing, opts);
    case "aks":
    case "eks":
      throw new Error(`cluster "${name}": cloud "${cloud}" is not available in this version; use "existing"`);
    default: {
      const unreachable: never = cloud;
      throw new Error(`cluster "${name}": unknown cloud "${String(unreachable)}"; expected "existing", "aks" or "eks"`);
    }
  }
}
