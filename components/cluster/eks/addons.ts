import { Addon } from "@pulumi/aws/eks/addon.js";
import type { Cluster } from "@pulumi/aws/eks/cluster.js";
import type * as pulumi from "@pulumi/pulumi";
import { ADDONS } from "./constants.ts";

/** The add-ons of a cluster, by role. */
export interface ClusterAddons {
  vpcCni: Addon;
  kubeProxy: Addon;
  podIdentityAgent: Addon;
  coreDns: Addon;
  snapshotController: Addon;
  ebsCsiDriver: Addon;
  efsCsiDriver: Addon;
}

/** What the add-ons are installed on and wait for. */
export interface AddonContext {
  cluster: Cluster;
  /** Node groups: add-ons that run Deployments wait for nodes to schedule on. */
  nodeGroups: pulumi.Resource[];
  /** Pod identity associations of the EBS and EFS drivers' controllers. */
  ebsIdentity: pulumi.Resource;
  efsIdentity: pulumi.Resource;
  versions: Record<string, string>;
  tags: Record<string, string>;
  parent: pulumi.Resource;
}

/**
 * Installs the EKS add-ons. The DaemonSet add-ons (VPC CNI, kube-proxy, pod identity agent) start
 * with the control plane; the ones that run Deployments (CoreDNS, snapshot controller, storage
 * drivers) wait for the node groups, and the storage drivers also for the pod identity agent and
 * their pod identity association, so their controllers start with credentials.
 */
export function clusterAddons(name: string, context: AddonContext): ClusterAddons {
  const { cluster, parent } = context;
  const addon = (addonName: string, dependsOn: pulumi.Resource[]) =>
    new Addon(
      `${name}-${addonName}`,
      {
        clusterName: cluster.name,
        addonName,
        addonVersion: context.versions[addonName],
        // EKS installs self-managed VPC CNI, kube-proxy and CoreDNS with the cluster; the managed add-ons take them over.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        tags: context.tags,
      },
      { parent, dependsOn },
    );
  const vpcCni = addon(ADDONS.vpcCni, []);
  const kubeProxy = addon(ADDONS.kubeProxy, []);
  const podIdentityAgent = addon(ADDONS.podIdentityAgent, []);
  const coreDns = addon(ADDONS.coreDns, context.nodeGroups);
  const snapshotController = addon(ADDONS.snapshotController, context.nodeGroups);
  const ebsCsiDriver = addon(ADDONS.ebsCsiDriver, [...context.nodeGroups, podIdentityAgent, context.ebsIdentity]);
  const efsCsiDriver = addon(ADDONS.efsCsiDriver, [...context.nodeGroups, podIdentityAgent, context.efsIdentity]);
  return { vpcCni, kubeProxy, podIdentityAgent, coreDns, snapshotController, ebsCsiDriver, efsCsiDriver };
}
