import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup.js";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule.js";
import { AccessEntry } from "@pulumi/aws/eks/accessEntry.js";
import { AccessPolicyAssociation } from "@pulumi/aws/eks/accessPolicyAssociation.js";
import { Cluster } from "@pulumi/aws/eks/cluster.js";
import type { NodeGroup } from "@pulumi/aws/eks/nodeGroup.js";
import { PodIdentityAssociation } from "@pulumi/aws/eks/podIdentityAssociation.js";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy.js";
import { Key as KmsKey } from "@pulumi/aws/kms/key.js";
import type * as k8s from "@pulumi/kubernetes";
import { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { AwsNetwork } from "../../network/aws/vpc.ts";
import type { AwsClusterInfo, ClusterHandle } from "../handle.ts";
import { clusterAddons, type ClusterAddons } from "./addons.ts";
import type { EksClusterArgs } from "./args.ts";
import {
  ADMIN_ACCESS_POLICY,
  API_PORT,
  DEFAULT_LOG_TYPES,
  DEFAULT_SUPPORT_TYPE,
  DEFAULT_SERVICE_CIDR,
  DRIVER_SERVICE_ACCOUNTS,
  EKS_KUBERNETES_VERSION,
  MANAGED_POLICIES,
} from "./constants.ts";
import { partitionOf, serviceRole } from "./iam.ts";
import { eksKubeconfig } from "./kubeconfig.ts";
import { nodeGroup } from "./nodeGroups.ts";
import { eksClusterProblems } from "./validate.ts";
import { refuse } from "../../problems.ts";

/**
 * An EKS cluster and everything it needs to run stateful workloads: the network (or an existing
 * VPC), least-privilege IAM roles, a KMS key for secrets, the control plane (API authentication
 * mode, private endpoint and, when asked, a public one limited to listed ranges; or 443 opened to
 * runner/VPN ranges on the cluster security group), access entries for the admins, managed node
 * groups on Amazon Linux 2023, the EKS add-ons including the EBS and EFS CSI drivers with pod
 * identity, and the explicit Kubernetes provider. IAM roles, the key and the network start in the
 * first waves.
 *
 * @example
 * ```ts
 * const cluster = new EksCluster("prod", {
 *   region: "eu-west-1",
 *   zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
 *   environment: "prod",
 *   network: { cidr: "10.20.0.0/16" },
 *   nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 3, maxSize: 6 }],
 *   admins: ["arn:aws:iam::123456789012:role/platform-admin"],
 *   publicEndpoint: true,
 *   publicAccessCidrs: ["203.0.113.0/24"], // where pulumi up runs: a new VPC has no route from it
 * });
 * new k8s.core.v1.Namespace("data", {}, { provider: cluster.provider, dependsOn: cluster.readiness });
 * ```
 */
export class EksCluster extends pulumi.ComponentResource implements ClusterHandle {
  readonly cloud = "eks" as const;
  readonly provider: k8s.Provider;
  readonly kubeconfig: pulumi.Output<string>;
  readonly zones: string[];
  readonly readiness: pulumi.Resource[];
  readonly aws: AwsClusterInfo;
  /** The EKS cluster resource. */
  readonly cluster: Cluster;
  /** The managed node groups, by name. */
  readonly nodeGroups: Record<string, NodeGroup>;
  /** The EKS add-ons. */
  readonly addons: ClusterAddons;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:EksCluster", name, {}, opts);
    refuse(`EksCluster "${name}"`, eksClusterProblems(args));
    const tags = args.tags ?? {};
    const partition = partitionOf(args.region);
    const prod = args.environment === "prod";
    this.zones = [...args.zones];

    // Network: a new VPC, or the given one (whose private subnets already have egress).
    let vpcId: pulumi.Output<string>;
    let privateSubnetIds: pulumi.Output<string>[];
    let egress: pulumi.Resource[] = [];
    if (args.network.cidr !== undefined) {
      const network = new AwsNetwork(
        `${name}-network`,
        {
          cidr: args.network.cidr,
          zones: args.zones,
          natGateways: args.network.natGateways ?? (prod ? "perZone" : "single"),
          tags,
        },
        { parent: this },
      );
      vpcId = network.vpcId;
      privateSubnetIds = network.privateSubnetIds;
      egress = network.egress;
    } else {
      vpcId = pulumi.output(args.network.vpcId as pulumi.Input<string>);
      privateSubnetIds = (args.network.privateSubnetIds ?? []).map((id) => pulumi.output(id));
    }

    // IAM: created in the first waves, nothing broader than the managed policies EKS documents.
    const clusterRole = serviceRole(
      `${name}-cluster-role`,
      "eks.amazonaws.com",
      MANAGED_POLICIES.cluster,
      partition,
      this,
    );
    const nodeRole = serviceRole(`${name}-node-role`, "ec2.amazonaws.com", MANAGED_POLICIES.node, partition, this);
    const podsService = "pods.eks.amazonaws.com";
    const ebsRole = serviceRole(
      `${name}-ebs-csi-role`,
      podsService,
      MANAGED_POLICIES.ebsCsiDriver,
      partition,
      this,
      true,
    );
    const efsRole = serviceRole(
      `${name}-efs-csi-role`,
      podsService,
      MANAGED_POLICIES.efsCsiDriver,
      partition,
      this,
      true,
    );

    // Secrets encryption: a customer key the cluster role may use, and only that key.
    const key = new KmsKey(
      `${name}-secrets`,
      { description: `EKS secrets encryption for ${name}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
      { parent: this, protect: prod },
    );
    const keyUse = new RolePolicy(
      `${name}-cluster-role-kms`,
      {
        role: clusterRole.role.name,
        policy: key.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
                Resource: arn,
              },
            ],
          }),
        ),
      },
      { parent: this },
    );

    // Node security group. EFS must accept NFS only from the nodes, but the security group EKS creates
    // for the cluster exists only once the control plane is up (~10 min). So the platform owns this
    // group, created with the VPC: every node carries it (through the node groups' launch template,
    // next to the cluster group), and the EFS security group admits 2049 from it alone. File systems
    // and mount targets then start in the first waves instead of waiting for the control plane.
    const nodeSecurityGroup = new SecurityGroup(
      `${name}-nodes`,
      {
        vpcId,
        description: `Nodes of EKS cluster ${name}: the identity storage security groups admit`,
        tags: { ...tags, Name: `${name}-nodes` },
      },
      { parent: this },
    );

    const publicEndpoint = args.publicEndpoint ?? !prod;
    this.cluster = new Cluster(
      `${name}-cluster`,
      {
        version: args.version ?? EKS_KUBERNETES_VERSION,
        upgradePolicy: { supportType: args.supportType ?? DEFAULT_SUPPORT_TYPE },
        roleArn: clusterRole.role.arn,
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        vpcConfig: {
          subnetIds: privateSubnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: publicEndpoint,
          publicAccessCidrs: publicEndpoint ? (args.publicAccessCidrs ?? ["0.0.0.0/0"]) : undefined,
        },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
        enabledClusterLogTypes: args.logTypes ?? [...DEFAULT_LOG_TYPES],
        kubernetesNetworkConfig: { serviceIpv4Cidr: args.serviceCidr ?? DEFAULT_SERVICE_CIDR, ipFamily: "ipv4" },
        deletionProtection: prod,
        tags,
      },
      { parent: this, dependsOn: [...clusterRole.attachments, keyUse] },
    );
    const cluster = this.cluster;

    // Access entries: cluster-admin for each admin principal, and nothing implicit for the creator.
    const access = args.admins.map((principalArn, i) => {
      const entry = new AccessEntry(
        `${name}-admin-${i}`,
        { clusterName: cluster.name, principalArn, type: "STANDARD", tags },
        { parent: this },
      );
      return new AccessPolicyAssociation(
        `${name}-admin-${i}`,
        {
          clusterName: cluster.name,
          principalArn,
          policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${ADMIN_ACCESS_POLICY}`,
          accessScope: { type: "cluster" },
        },
        { parent: this, dependsOn: [entry] },
      );
    });

    // Access entries that only make principals members of Kubernetes groups (RoleBindings decide the rest).
    for (const [i, { principalArn, kubernetesGroups }] of (args.groupMembers ?? []).entries()) {
      new AccessEntry(
        `${name}-member-${i}`,
        { clusterName: cluster.name, principalArn, type: "STANDARD", kubernetesGroups, tags },
        { parent: this },
      );
    }

    this.nodeGroups = {};
    const groups = args.nodeGroups.map((group) => {
      const created = nodeGroup(name, group, {
        cluster,
        nodeRoleArn: nodeRole.role.arn,
        subnetIds: privateSubnetIds,
        securityGroupIds: [cluster.vpcConfig.clusterSecurityGroupId, nodeSecurityGroup.id],
        dependsOn: [...nodeRole.attachments, ...egress],
        tags,
        parent: this,
      });
      this.nodeGroups[group.name] = created;
      return created;
    });

    const identity = (driver: "ebs" | "efs", roleArn: pulumi.Output<string>, dependsOn: pulumi.Resource[]) =>
      new PodIdentityAssociation(
        `${name}-${driver}-csi`,
        { clusterName: cluster.name, ...DRIVER_SERVICE_ACCOUNTS[driver], roleArn, tags },
        { parent: this, dependsOn },
      );
    this.addons = clusterAddons(name, {
      cluster,
      nodeGroups: groups,
      ebsIdentity: identity("ebs", ebsRole.role.arn, ebsRole.attachments),
      efsIdentity: identity("efs", efsRole.role.arn, efsRole.attachments),
      versions: args.addonVersions ?? {},
      tags,
      parent: this,
    });

    // The deployer's path to the private endpoint: HTTPS from the runner/VPN ranges on the security
    // group EKS creates for the control plane. The provider waits for it, or its first call times out.
    const apiAccess = (args.privateAccessCidrs ?? []).map(
      (cidrIpv4, i) =>
        new SecurityGroupIngressRule(
          `${name}-api-${i}`,
          {
            securityGroupId: cluster.vpcConfig.clusterSecurityGroupId,
            cidrIpv4,
            ipProtocol: "tcp",
            fromPort: API_PORT,
            toPort: API_PORT,
            description: `Kubernetes API of ${name} from a runner or VPN range`,
            tags,
          },
          // Named: the group id is an output of the cluster (the offline plan sees no value to track).
          { parent: this, dependsOn: [cluster] },
        ),
    );

    this.kubeconfig = eksKubeconfig(
      cluster.name,
      cluster.endpoint,
      cluster.certificateAuthority.data,
      args.region,
      args.credentials,
    );
    this.provider = new Provider(
      `${name}-provider`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this, dependsOn: [...access, ...apiAccess] },
    );
    this.readiness = [
      ...groups,
      ...access,
      this.addons.coreDns,
      this.addons.ebsCsiDriver,
      this.addons.efsCsiDriver,
      this.addons.snapshotController,
    ];
    this.aws = {
      region: pulumi.output(args.region),
      vpcId,
      privateSubnetIds,
      nodeSecurityGroupId: nodeSecurityGroup.id,
      ebsCsiDriver: this.addons.ebsCsiDriver,
      efsCsiDriver: this.addons.efsCsiDriver,
      snapshotController: this.addons.snapshotController,
    };
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
