import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate.js";
import type { Cluster } from "@pulumi/aws/eks/cluster.js";
import { NodeGroup } from "@pulumi/aws/eks/nodeGroup.js";
import * as pulumi from "@pulumi/pulumi";
import type { EksNodeGroupArgs } from "./args.ts";
import { sizeInGib } from "../../rules.ts";
import { DEFAULT_CAPACITY_TYPE, DEFAULT_NODE_DISK_SIZE, NODE_AMI_TYPES } from "./constants.ts";

/** Graviton families end their generation with `g` (`m7g`, `c7gn`, `r8gd`): they need the ARM AMI. */
export function amiTypeFor(instanceTypes: readonly string[]): string {
  const family = (instanceTypes[0] ?? "").split(".")[0] ?? "";
  return /^[a-z]+\d+g[a-z]*$/.test(family) ? NODE_AMI_TYPES.arm : NODE_AMI_TYPES.x86;
}

/** What every node group of a cluster shares. */
export interface NodeGroupContext {
  cluster: Cluster;
  nodeRoleArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  /** Security groups of every node: the cluster's own plus the platform's node group (see EksCluster). */
  securityGroupIds: pulumi.Input<string>[];
  /** Node role policies and private egress: nodes cannot join without them. */
  dependsOn: pulumi.Input<pulumi.Resource>[];
  tags: Record<string, string>;
  parent: pulumi.Resource;
}

/**
 * One managed node group with its launch template: IMDSv2 only, an encrypted gp3 root volume, and
 * the node security groups. The desired size is ignored on update so the autoscaler owns it.
 */
export function nodeGroup(name: string, group: EksNodeGroupArgs, context: NodeGroupContext): NodeGroup {
  const { parent } = context;
  const template = new LaunchTemplate(
    `${name}-${group.name}`,
    {
      vpcSecurityGroupIds: context.securityGroupIds,
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2 },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: sizeInGib(group.diskSize ?? DEFAULT_NODE_DISK_SIZE),
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { ...context.tags, "node-group": group.name } }],
      tags: context.tags,
    },
    { parent },
  );
  return new NodeGroup(
    `${name}-${group.name}`,
    {
      clusterName: context.cluster.name,
      // The nodes follow the control plane: without it a version bump upgrades the cluster only,
      // and EKS refuses the next control-plane upgrade while nodes lag a minor version behind.
      version: context.cluster.version,
      nodeRoleArn: context.nodeRoleArn,
      subnetIds: context.subnetIds,
      amiType: amiTypeFor(group.instanceTypes),
      instanceTypes: group.instanceTypes,
      capacityType: group.capacityType ?? DEFAULT_CAPACITY_TYPE,
      scalingConfig: {
        minSize: group.minSize,
        maxSize: group.maxSize,
        desiredSize: group.desiredSize ?? group.minSize,
      },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
      labels: { "node-group": group.name },
      tags: context.tags,
    },
    { parent, dependsOn: context.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] },
  );
}
