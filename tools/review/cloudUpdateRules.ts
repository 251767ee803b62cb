/**
 * Update rules of the clusters and cloud storage: what the cloud refuses (a disk shrunk or moved, a
 * pool resized inside its cluster, a cluster moved to another VPC, a version skipped or downgraded)
 * and what rolls nodes. Each finding names its source.
 */
import { both, changed, shrunk, valueAt, type UpdateFinding, type UpdateRule } from "./updateContext.ts";

/** `[major, minor]` of a Kubernetes version string (`1.33`, `1.33.2`). */
function minorVersion(value: unknown): [number, number] | undefined {
  const match = typeof value === "string" ? /^v?(\d+)\.(\d+)/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * A cluster's Kubernetes version: a downgrade (and for EKS a jump of more than one minor version) is
 * refused; an upgrade upgrades the control plane and then drains and replaces every node.
 */
function clusterVersionRule(path: string, cloud: "EKS" | "AKS", source: string): UpdateRule {
  return (update) => {
    const pair = both(update, path);
    const [from, to] = (pair ?? []).map(minorVersion);
    if (!pair || !from || !to) return [];
    const steps = (to[0] - from[0]) * 100 + (to[1] - from[1]);
    if (steps < 0 || (cloud === "EKS" && steps > 1)) {
      return [
        {
          verdict: "refused",
          reason: `${path} changes from ${String(pair[0])} to ${String(pair[1])}: ${cloud} ${steps < 0 ? "does not downgrade a cluster" : "upgrades one minor version at a time"}`,
          source,
          advice: steps < 0 ? undefined : "upgrade one minor version per deployment",
        },
      ];
    }
    if (steps === 0) return [];
    return [
      {
        verdict: "disruption",
        reason: `${path} changes from ${String(pair[0])} to ${String(pair[1])}: the control plane is upgraded, then nodes are drained and replaced (pods restart where their budgets allow)`,
        source,
      },
    ];
  };
}

/** Node versions and VM sizes of node pools. */
function nodeRollRule(paths: string[], what: string, source: string): UpdateRule {
  return (update) =>
    paths
      .filter((p) => changed(update, p))
      .map((p) => ({
        verdict: "disruption",
        reason: `${p} changes: ${what}`,
        source,
      }));
}

const AKS_ZONES =
  'https://learn.microsoft.com/azure/aks/reliability-availability-zones-configure ("You can\'t change the number of availability zones after you create a node pool")';
const NEW_POOL = "add a pool with the new setting, move the workloads to it, then remove the old pool";

/** A node pool's zones: fixed when the pool is created; the provider sends a change as an update. */
function poolZonesFinding(path: string): UpdateFinding {
  return {
    verdict: "refused",
    reason: `${path} changes: AKS fixes a node pool's zones when it creates the pool, and pulumi-azure-native sends the change as an update`,
    source: `${AKS_ZONES}; pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go does not list availabilityZones`,
    advice: NEW_POOL,
  };
}

/** An AKS pool defined inside the cluster: its VM size and zones cannot change in place. */
const aksProfilesRule: UpdateRule = (update) => {
  const pools = valueAt(update.head, "agentPoolProfiles");
  if (!Array.isArray(pools)) return [];
  return pools.flatMap((_, i) => {
    const findings: UpdateFinding[] = [];
    const pair = both(update, `agentPoolProfiles[${i}].vmSize`);
    if (pair && pair[0] !== pair[1]) {
      findings.push({
        verdict: "refused",
        reason: `agentPoolProfiles[${i}].vmSize changes from ${String(pair[0])} to ${String(pair[1])}: AKS cannot resize an existing node pool, and pulumi-azure-native updates a cluster's pools in place`,
        source:
          "https://learn.microsoft.com/azure/aks/resize-node-pool (add a pool of the new size and move the workloads); pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go lists vmSize for AgentPool, not for ManagedCluster's agentPoolProfiles",
        advice: NEW_POOL,
      });
    }
    const zones = `agentPoolProfiles[${i}].availabilityZones`;
    if (changed(update, zones)) findings.push(poolZonesFinding(zones));
    return findings;
  });
};

const DISK_SPEC =
  "Azure/azure-rest-api-specs@99d32dba25b3 Microsoft.Compute DiskRP 2024-03-02 disk.json (the API version pulumi-azure-native 3.28.0's compute.Disk uses)";
const NO_COMPUTE_FORCE_NEW =
  "pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go has no Compute entry and the spec marks none of them create-only, so the provider sends an update";

/**
 * An Azure managed disk: it cannot shrink, and its zone, creation source and location are fixed at
 * creation, yet the provider sends changes to them as updates.
 */
const azureDiskRule: UpdateRule = (update) => {
  const findings: UpdateFinding[] = [];
  const smaller = shrunk(update, "diskSizeGB");
  if (smaller) {
    findings.push({
      verdict: "refused",
      reason: `diskSizeGB shrinks from ${String(smaller[0])} to ${String(smaller[1])}: Azure only grows a managed disk ("Reducing disk/snapshot size is not supported in Azure to prevent data loss")`,
      source: `${DISK_SPEC} DiskProperties.diskSizeGB ("can only increase the disk's size")`,
      advice: "keep the size; copy the data to a new, smaller disk instead",
    });
  }
  const fixed: [string, string][] = [
    ["zones", '"Availability zone must not be changed on existing resource"'],
    ["creationData", '"Changing property … is not allowed for existing disk"'],
    ["location", '"InvalidResourceLocation": a resource with the same name cannot be created in another location'],
    ["extendedLocation", "the edge zone is fixed when the disk is created"],
  ];
  for (const [field, answer] of fixed.filter(([field]) => changed(update, field))) {
    findings.push({
      verdict: "refused",
      reason: `${field} changes: it is fixed when the disk is created, and Azure refuses the update (${answer})`,
      source: `${DISK_SPEC}; ${NO_COMPUTE_FORCE_NEW}`,
      advice:
        "snapshot the disk and create a new disk from the snapshot where it should be (a new stack entry), then move the workload to it",
    });
  }
  return findings;
};

/** An EBS volume: it cannot shrink. */
const ebsRule: UpdateRule = (update) => {
  const smaller = shrunk(update, "size");
  return smaller
    ? [
        {
          verdict: "refused",
          reason: `size shrinks from ${String(smaller[0])} to ${String(smaller[1])} GiB: EC2 ModifyVolume only grows a volume ("New size cannot be smaller than existing size")`,
          source:
            "hashicorp/terraform-provider-aws@0073593e7d69:internal/service/ec2/ebs_volume.go (size is not ForceNew, so the change goes to ModifyVolume); https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html",
          advice: "keep the size; copy the data to a new, smaller volume instead",
        },
      ]
    : [];
};

const NODE_ROLL = "every node is drained and replaced, one batch at a time (pods move where their budgets allow)";
const EKS_VERSION =
  "https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html (one minor version at a time; no downgrade)";
const AKS_VERSION =
  "https://learn.microsoft.com/azure/aks/upgrade-aks-cluster (no downgrade; nodes are upgraded by surge: cordoned, drained and replaced)";

/** Update rules of the cloud types, by Pulumi type token. */
export const CLOUD_UPDATE_RULES: Readonly<Record<string, UpdateRule>> = {
  "azure-native:compute:Disk": azureDiskRule,
  "aws:ebs/volume:Volume": ebsRule,
  "aws:eks/cluster:Cluster": (update) => [
    ...clusterVersionRule("version", "EKS", EKS_VERSION)(update),
    ...(changed(update, "vpcConfig") && update.upstream.has("aws:ec2/vpc:Vpc")
      ? [
          {
            verdict: "refused" as const,
            reason:
              "vpcConfig takes its subnets and security groups from a VPC that is replaced: the cluster would move to another VPC, which EKS refuses (a cluster's subnets must stay in the VPC it was created in)",
            source:
              'awsdocs/amazon-eks-user-guide@4d52b4d0:latest/ug/networking/network-reqs.adoc ("the subnets must be in the same VPC as the original subnets"); hashicorp/terraform-provider-aws internal/service/eks/cluster.go updates vpc_config.subnet_ids in place',
            advice: "keep the VPC; a new network means a new cluster (a new stack, with the data moved to it)",
          },
        ]
      : []),
  ],
  "aws:eks/nodeGroup:NodeGroup": nodeRollRule(
    ["version", "releaseVersion", "launchTemplate.version"],
    NODE_ROLL,
    "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html",
  ),
  "azure-native:containerservice:ManagedCluster": (update) => [
    ...clusterVersionRule("kubernetesVersion", "AKS", AKS_VERSION)(update),
    ...aksProfilesRule(update),
  ],
  "azure-native:containerservice:AgentPool": (update) => [
    ...nodeRollRule(["orchestratorVersion"], NODE_ROLL, AKS_VERSION)(update),
    ...(changed(update, "availabilityZones") ? [poolZonesFinding("availabilityZones")] : []),
  ],
};
