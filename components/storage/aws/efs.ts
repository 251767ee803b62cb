import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup.js";
import { AccessPoint } from "@pulumi/aws/efs/accessPoint.js";
import { FileSystem } from "@pulumi/aws/efs/fileSystem.js";
import { MountTarget } from "@pulumi/aws/efs/mountTarget.js";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule.js";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AwsClusterInfo } from "../../cluster/handle.ts";
import type { EfsFileSystemSpec } from "./args.ts";
import { staticVolume } from "../staticVolume.ts";
import { EFS_CSI_DRIVER } from "./contracts.ts";
import { awsVolumeArgs, type StaticVolumeContext } from "./ebs.ts";
import { previousResourceName, renameAlias } from "../../renames.ts";

/** NFS, the only port the EFS security group opens. */
export const NFS_PORT = 2049;

/** The capacity an EFS volume and claim declare (EFS has no size; Kubernetes requires one). */
export const EFS_NOMINAL_SIZE = "5Gi";

/** The pieces of one EFS file system. */
export interface EfsParts {
  fileSystem: FileSystem;
  securityGroup: SecurityGroup;
  mountTargets: MountTarget[];
  accessPoint: AccessPoint;
  claim: k8s.core.v1.PersistentVolumeClaim;
}

/**
 * An encrypted EFS file system (protected in prod) with a security group admitting NFS only from
 * the cluster's node security group, a mount target per private subnet, an access point, and a
 * ReadWriteMany persistent volume (`fs-…::fsap-…`) with its bound claim. Nothing but the PV and
 * claim waits for the cluster: the node security group is created with the VPC.
 */
export function efsFileSystem(
  name: string,
  spec: EfsFileSystemSpec,
  aws: AwsClusterInfo,
  context: StaticVolumeContext,
): EfsParts {
  const { parent } = context;
  const prod = context.environment === "prod";
  // A renamed file system keeps what follows its name and cannot change in place: the security
  // group's description and the access point's root directory (the data's directory).
  const previous = previousResourceName(name, spec);
  const named = spec.renamedFrom ?? spec.name;
  const fileSystem = new FileSystem(
    name,
    {
      encrypted: true,
      performanceMode: "generalPurpose",
      throughputMode: "elastic",
      tags: { ...context.tags, Name: name, "stateful-stack/volume": spec.name },
    },
    { parent, protect: prod, ...renameAlias(previous) },
  );
  const securityGroup = new SecurityGroup(
    `${name}-nfs`,
    {
      vpcId: aws.vpcId,
      description: `NFS to EFS ${named} from the cluster's nodes only`,
      tags: { ...context.tags, Name: `${name}-nfs` },
    },
    { parent, ...renameAlias(previous, "-nfs") },
  );
  const nfs = new SecurityGroupIngressRule(
    `${name}-nfs`,
    {
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: aws.nodeSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: NFS_PORT,
      toPort: NFS_PORT,
      description: "NFS from the cluster's nodes",
    },
    { parent, ...renameAlias(previous, "-nfs") },
  );
  const mountTargets = aws.privateSubnetIds.map(
    (subnetId, i) =>
      new MountTarget(
        `${name}-mount-${i}`,
        { fileSystemId: fileSystem.id, subnetId, securityGroups: [securityGroup.id] },
        { parent, dependsOn: [nfs], ...renameAlias(previous, `-mount-${i}`) },
      ),
  );
  const uid = spec.uid ?? 1000;
  const gid = spec.gid ?? uid;
  const accessPoint = new AccessPoint(
    `${name}-ap`,
    {
      fileSystemId: fileSystem.id,
      posixUser: { uid, gid },
      rootDirectory: { path: `/${named}`, creationInfo: { ownerUid: uid, ownerGid: gid, permissions: "0770" } },
      tags: { ...context.tags, Name: `${name}-ap` },
    },
    { parent, ...renameAlias(previous, "-ap") },
  );
  // EFS grows on demand; Kubernetes requires a capacity, which the driver ignores. The volume
  // handle `fs-…::fsap-…` mounts the access point over TLS, which the driver adds itself
  // (kubernetes-sigs/aws-efs-csi-driver@v2.3.1:examples/kubernetes/access_points/README.md, `pkg/driver/node.go`).
  const { claim } = staticVolume(
    name,
    {
      ...awsVolumeArgs(name, spec, context),
      accessMode: "ReadWriteMany",
      size: EFS_NOMINAL_SIZE,
      csi: { driver: EFS_CSI_DRIVER, volumeHandle: pulumi.interpolate`${fileSystem.id}::${accessPoint.id}` },
    },
    { parent, dependsOn: [context.driver, ...mountTargets] },
  );
  return { fileSystem, securityGroup, mountTargets, accessPoint, claim };
}
