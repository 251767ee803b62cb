import type * as pulumi from "@pulumi/pulumi";
import type { EksClusterArgs } from "./eks/args.ts";
import type { AksClusterArgs } from "./aks/args.ts";
import { aksClusterModule, eksClusterModule } from "../cloudModules.ts";
import { problem, under, type Problem } from "../problems.ts";
import { aksClusterProblems, aksClusterZones } from "./aks/validation.ts";
import { eksClusterProblems } from "./eks/validate.ts";
import { ExistingCluster, existingClusterProblems, type ExistingClusterArgs } from "./existing.ts";
import type { Cloud, ClusterHandle } from "./handle.ts";

/** Which cluster to use, as a cloud plus that cloud's settings. */
export interface ClusterArgs {
  /** Where the cluster comes from. */
  cloud: Cloud;
  /** Settings when `cloud` is `"existing"`. */
  existing?: ExistingClusterArgs;
  /** Settings when `cloud` is `"eks"`. */
  eks?: EksClusterArgs;
  /** Settings when `cloud` is `"aks"`. */
  aks?: AksClusterArgs;
}

/**
 * The check of the cluster arguments: the chosen cloud's settings must be there, and pass that
 * cluster component's own check (paths below `existing`, `aks` or `eks`).
 */
export function clusterProblems(args: ClusterArgs): Problem[] {
  switch (args.cloud) {
    case "existing":
      if (!args.existing) return [problem(["existing"], undefined, 'cloud "existing" needs the existing settings')];
      return under(["existing"], existingClusterProblems(args.existing));
    case "aks":
      if (!args.aks) return [problem(["aks"], undefined, 'cloud "aks" needs the aks settings (at least nodePools)')];
      return under(["aks"], aksClusterProblems(args.aks));
    case "eks":
      if (!args.eks)
        return [
          problem(["eks"], undefined, 'cloud "eks" needs the eks settings: network, nodeGroups and admins at least'),
        ];
      return under(["eks"], eksClusterProblems(args.eks));
    default:
      return [];
  }
}

/** The availability zones the cluster's workloads run in, known before anything is created. */
export function clusterZones(args: ClusterArgs): string[] {
  switch (args.cloud) {
    case "aks":
      return args.aks ? aksClusterZones(args.aks) : [];
    case "eks":
      return args.eks?.zones ?? [];
    default:
      return args.existing?.zones ?? [];
  }
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
      if (!args.aks) throw new Error(`cluster "${name}": cloud "aks" needs the aks settings (location, node pools)`);
      return new (aksClusterModule().AksCluster)(name, args.aks, opts);
    case "eks":
      if (!args.eks) throw new Error(`cluster "${name}": cloud "eks" needs the eks settings`);
      return new (eksClusterModule().EksCluster)(name, args.eks, opts);
    default: {
      const unreachable: never = cloud;
      throw new Error(`cluster "${name}": unknown cloud "${String(unreachable)}"; expected "existing", "aks" or "eks"`);
    }
  }
}
