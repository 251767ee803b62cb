/**
 * Typical creation times, in seconds, used to estimate time to environment. They are typical
 * figures for a first `pulumi up` (see DESIGN.md "Time to environment"), not measurements of a
 * given cloud region; the first pattern that matches a resource type wins.
 */
export const TYPICAL_SECONDS: readonly (readonly [RegExp, number])[] = [
  [/^pulumi:providers:/, 0],
  [/^azure-native:containerservice:ManagedCluster$/, 600],
  [/^azure-native:containerservice:AgentPool$/, 240],
  [/^aws:eks\/cluster:Cluster$/, 600],
  [/^aws:eks\/nodeGroup:NodeGroup$/, 240],
  [/^aws:eks\/addon:Addon$/, 60],
  [/^aws:ec2\/natGateway:NatGateway$/, 120],
  [/^aws:efs\/mountTarget:MountTarget$/, 90],
  [/^aws:efs\/fileSystem:FileSystem$/, 30],
  [/^azure-native:storage:StorageAccount$/, 30],
  [/^azure-native:storage:FileShare$/, 5],
  [/^azure-native:authorization:RoleAssignment$/, 20],
  [/^azure-native:resources:ResourceGroup$/, 5],
  [/^azure-native:compute:Disk$/, 15],
  [/^aws:ebs\/volume:Volume$/, 15],
  [/^kubernetes:helm\.sh\/v3:Release$/, 90],
  [/^kubernetes:helm\.sh\/v4:Chart$/, 90],
  [/^kubernetes:yaml\/v2:ConfigFile$/, 60],
  [/^kubernetes:apps\/v1:(StatefulSet|Deployment|DaemonSet)$/, 60],
  [/^kubernetes:core\/v1:PersistentVolumeClaim$/, 5],
  // A CloudNativePG Cluster is awaited until Ready: initdb on the primary, then each replica cloned.
  [/^kubernetes:postgresql\.cnpg\.io\/v1:Cluster$/, 180],
  [/^kubernetes:/, 2],
  [/^(aws|azure-native):/, 10],
];

/** Typical seconds to create a resource of `type` (components take none). */
export function typicalSeconds(type: string, custom: boolean): number {
  if (!custom) return 0;
  for (const [pattern, seconds] of TYPICAL_SECONDS) if (pattern.test(type)) return seconds;
  return 5;
}
