/**
 * Replacement triggers of the cloud and provider resources the program creates that hold no data
 * themselves: the clusters and resource group that contain every Kubernetes object and volume, node
 * pools, networking, identity and keys. Each path is an input of the Pulumi type whose change the
 * provider answers with a replacement; each rule names where that is decided.
 *
 * - aws: pulumi-aws bridges hashicorp/terraform-provider-aws; a Terraform `ForceNew` (SDK) or
 *   `RequiresReplace` (framework) argument is a replacement trigger, under its Pulumi (camelCase) name,
 *   and so is a path a `CustomizeDiff` or `ModifyPlan` forces new ({@link ReplaceRule.conditional}).
 *   Which terraform-provider-aws tag pulumi-aws v7.48.0 builds is not readable here: pulumi-aws takes it
 *   from its `upstream` git submodule, whose pointer the stored copies of pulumi/pulumi-aws do not hold
 *   (provider/go.mod replaces the module with `../upstream`), the repository is over the snapshot limit,
 *   and no release note of v7.48.0 is stored; the newest upgrade found is pulumi/pulumi-aws#6392
 *   (terraform-provider-aws 6.45.0 to 6.46.0, May 2026). Each rule therefore cites the stored copy of
 *   the upstream file it was read from, by commit, and says so.
 * - azure-native: a change of a path parameter of the REST API (name, resource group, parent's name)
 *   or of a property the generator marks `forceNew` replaces the resource; see {@link azure}.
 * - kubernetes provider: `DiffConfig` in pulumi/pulumi-kubernetes `provider/pkg/provider/provider.go`.
 */
import {
  eksClusterConditionalTriggers,
  ingressRuleConditionalTriggers,
  subnetConditionalTriggers,
} from "./awsConditions.ts";
import type { ReplaceRule, TypeRule } from "./statefulTypes.ts";

/**
 * Where a terraform-provider-aws rule was read: `file` under internal/service at the stored `commit`
 * (the tag pulumi-aws 7.48.0 pins could not be read, see the file header).
 */
const tf = (file: string, commit: string, args: string): string =>
  `hashicorp/terraform-provider-aws@${commit}:internal/service/${file} (a stored copy; the tag pulumi-aws 7.48.0 builds could not be read): ${args}`;
/**
 * pulumi-azure-native replaces a resource when a path parameter of its REST API (its name, resource
 * group, parent's name) changes, and when a property its generator marks `forceNew` changes: the
 * curated `forceNewMap` plus the API's create-only properties (`x-ms-mutability` with `create` and
 * without `update`, provider/pkg/gen/properties.go `forceNew`); provider/pkg/provider/diff.go applies
 * them to top-level inputs and one level into object inputs. Read in a stored copy made after
 * pulumi/pulumi-azure-native#4771 (merged July 2026, before 3.28.0): the 3.28.0 tag could not be read.
 */
const azure = (entries: string): string =>
  `pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go forceNewMap (a stored copy; the 3.28.0 tag could not be read): ${entries}, and the resource's name and resource group (path parameters of its REST API) force a replacement`;

/** A type that holds no data, with its replacement triggers. */
function rule(what: string, paths: string[], source: string, conditional?: ReplaceRule["conditional"]): TypeRule {
  return { what, holdsData: false, replace: { paths, source, ...(conditional ? { conditional } : {}) } };
}

/** Rules for the cloud and provider types, by Pulumi type token. */
export const CLOUD_RULES: Readonly<Record<string, TypeRule>> = {
  "aws:eks/cluster:Cluster": {
    what: "EKS cluster (every Kubernetes object and volume claim inside it)",
    holdsData: false,
    containsData: true,
    replace: {
      paths: [
        "name",
        "roleArn",
        "bootstrapSelfManagedAddons",
        "accessConfig.bootstrapClusterCreatorAdminPermissions",
        "kubernetesNetworkConfig.ipFamily",
        "kubernetesNetworkConfig.serviceIpv4Cidr",
        "outpostConfig",
        "remoteNetworkConfig",
      ],
      source: tf(
        "eks/cluster.go",
        "00555dc5b38f",
        "name, role_arn, bootstrap_self_managed_addons, access_config.bootstrap_cluster_creator_admin_permissions, kubernetes_network_config.ip_family and .service_ipv4_cidr, outpost_config's fields and remote_network_config are ForceNew; CustomizeDiff forces a new cluster when encryption_config that was set is removed",
      ),
      conditional: eksClusterConditionalTriggers,
    },
  },
  "aws:eks/nodeGroup:NodeGroup": rule(
    "EKS node group",
    [
      "clusterName",
      "nodeGroupName",
      "nodeGroupNamePrefix",
      "nodeRoleArn",
      "subnetIds",
      "instanceTypes",
      "capacityType",
      "amiType",
      "diskSize",
      "remoteAccess",
      "launchTemplate.id",
      "launchTemplate.name",
    ],
    tf(
      "eks/node_group.go",
      "012e0a32f068",
      "cluster_name, node_group_name(_prefix), node_role_arn, subnet_ids, instance_types, capacity_type, ami_type, disk_size, remote_access and launch_template's id and name are ForceNew; its nodes are drained and replaced",
    ),
  ),
  "aws:eks/addon:Addon": rule(
    "EKS add-on",
    ["addonName", "clusterName"],
    tf("eks/addon.go", "00a35305dc1b", "addon_name and cluster_name are ForceNew"),
  ),
  "aws:eks/accessEntry:AccessEntry": rule(
    "EKS access entry",
    ["clusterName", "principalArn", "type"],
    tf("eks/access_entry.go", "01f431114674", "cluster_name, principal_arn and type are ForceNew"),
  ),
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": rule(
    "EKS access policy association",
    ["clusterName", "principalArn", "policyArn", "accessScope"],
    tf(
      "eks/access_policy_association.go",
      "01f431114674",
      "every argument is ForceNew (cluster_name, principal_arn, policy_arn, access_scope and its type and namespaces); the resource has no update",
    ),
  ),
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": rule(
    "EKS pod identity association",
    ["clusterName", "namespace", "serviceAccount"],
    tf(
      "eks/pod_identity_association.go",
      "00a35305dc1b",
      "cluster_name, namespace and service_account require replacement (role_arn, target_role_arn and disable_session_tags are updated in place)",
    ),
  ),
  "aws:ec2/vpc:Vpc": rule(
    "VPC",
    ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    tf("ec2/vpc_.go", "00081ce41cc6", "cidr_block, ipv4_ipam_pool_id and ipv4_netmask_length are ForceNew"),
  ),
  "aws:ec2/subnet:Subnet": rule(
    "subnet",
    [
      "vpcId",
      "cidrBlock",
      "availabilityZone",
      "availabilityZoneId",
      "ipv4IpamPoolId",
      "ipv4NetmaskLength",
      "ipv6IpamPoolId",
      "ipv6NetmaskLength",
      "ipv6Native",
      "outpostArn",
    ],
    tf(
      "ec2/vpc_subnet.go",
      "00cda125a19d",
      "vpc_id, cidr_block, availability_zone(_id), ipv4_ipam_pool_id, ipv4_netmask_length, ipv6_ipam_pool_id, ipv6_netmask_length, ipv6_native and outpost_arn are ForceNew; CustomizeDiff forces a new subnet on an ipv6_cidr_block change when the prior assign_ipv6_address_on_creation was true",
    ),
    subnetConditionalTriggers,
  ),
  "aws:ec2/internetGateway:InternetGateway": rule(
    "internet gateway",
    [],
    tf(
      "ec2/vpc_internet_gateway.go",
      "08923b68b5ad",
      "no argument is ForceNew (vpc_id is detached and attached in place)",
    ),
  ),
  "aws:ec2/eip:Eip": rule(
    "Elastic IP",
    ["domain", "address", "networkBorderGroup", "publicIpv4Pool", "ipamPoolId"],
    tf(
      "ec2/ec2_eip.go",
      "01606926a0c0",
      "domain, address, network_border_group, public_ipv4_pool and ipam_pool_id are ForceNew (customer_owned_ipv4_pool is not)",
    ),
  ),
  "aws:ec2/natGateway:NatGateway": rule(
    "NAT gateway",
    ["allocationId", "subnetId", "connectivityType", "privateIp", "secondaryPrivateIpAddressCount"],
    tf(
      "ec2/vpc_nat_gateway.go",
      "04088eaa5494",
      "allocation_id, subnet_id, connectivity_type, private_ip and secondary_private_ip_address_count are ForceNew",
    ),
  ),
  "aws:ec2/routeTable:RouteTable": rule(
    "route table",
    ["vpcId"],
    tf(
      "ec2/vpc_route_table.go",
      "022092419b7c",
      "vpc_id is ForceNew (routes and propagating_vgws are updated in place)",
    ),
  ),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": rule(
    "route table association",
    ["subnetId", "gatewayId"],
    tf(
      "ec2/vpc_route_table_association.go",
      "0be71beb458a",
      "subnet_id and gateway_id are ForceNew (route_table_id is updated in place)",
    ),
  ),
  "aws:ec2/securityGroup:SecurityGroup": rule(
    "security group",
    ["name", "namePrefix", "description", "vpcId"],
    tf(
      "ec2/vpc_security_group.go",
      "01606926a0c0",
      "name, name_prefix, description and vpc_id are ForceNew (ingress and egress are updated in place)",
    ),
  ),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": rule(
    "security group ingress rule",
    ["securityGroupId"],
    tf(
      "ec2/vpc_security_group_ingress_rule.go",
      "00a322094b4b",
      "security_group_id requires replacement, and so does switching the rule's source between cidr_ipv4, cidr_ipv6, prefix_list_id and referenced_security_group_id (ModifyPlan); other changes modify the rule in place",
    ),
    ingressRuleConditionalTriggers,
  ),
  "aws:ec2/launchTemplate:LaunchTemplate": rule(
    "launch template",
    ["name", "namePrefix"],
    tf(
      "ec2/ec2_launch_template.go",
      "025e4f81cab8",
      "name and name_prefix are ForceNew; other changes make a new version",
    ),
  ),
  "aws:efs/mountTarget:MountTarget": rule(
    "EFS mount target",
    ["fileSystemId", "subnetId", "ipAddress"],
    tf(
      "efs/mount_target.go",
      "0593466d96e3",
      "file_system_id, subnet_id and ip_address are ForceNew (security_groups is updated in place)",
    ),
  ),
  "aws:iam/role:Role": rule(
    "IAM role",
    ["name", "namePrefix", "path"],
    tf("iam/role.go", "0040ea6911af", "name, name_prefix and path are ForceNew"),
  ),
  "aws:iam/rolePolicy:RolePolicy": rule(
    "IAM role policy",
    ["name", "namePrefix", "role"],
    tf("iam/role_policy.go", "02f97af85f89", "name, name_prefix and role are ForceNew"),
  ),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": rule(
    "IAM role policy attachment",
    ["role", "policyArn"],
    tf("iam/role_policy_attachment.go", "04c79849dbe7", "role and policy_arn are ForceNew"),
  ),
  "aws:kms/key:Key": rule(
    "KMS key",
    ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    tf(
      "kms/key.go",
      "00a35305dc1b",
      "customer_master_key_spec, key_usage, multi_region, custom_key_store_id and xks_key_id are ForceNew",
    ),
  ),
  "azure-native:resources:ResourceGroup": {
    what: "resource group (every resource in it)",
    holdsData: false,
    containsData: true,
    replace: { paths: ["resourceGroupName", "location"], source: azure("ResourceGroup: location") },
  },
  "azure-native:containerservice:ManagedCluster": {
    what: "AKS cluster (every Kubernetes object and volume claim inside it)",
    holdsData: false,
    containsData: true,
    replace: {
      paths: [
        "resourceGroupName",
        "resourceName",
        "location",
        "diskEncryptionSetID",
        "dnsPrefix",
        "fqdnSubdomain",
        "linuxProfile",
        "nodeResourceGroup",
        "windowsProfile",
        ...[
          "serviceCidr",
          "serviceCidrs",
          "podCidrs",
          "dnsServiceIP",
          "networkMode",
          "networkPlugin",
          "networkPluginMode",
          "podCidr",
          "networkDataplane",
          "networkPolicy",
          "outboundType",
          "ipFamilies",
        ].map((p) => `networkProfile.${p}`),
      ],
      source: azure(
        "ManagedCluster: diskEncryptionSetID, dnsPrefix, fqdnSubdomain, linuxProfile, location, nodeResourceGroup, windowsProfile and networkProfile's service and pod CIDRs, DNS service IP, network mode, plugin, plugin mode, dataplane, policy, outbound type (agentPoolProfiles are updated in place); networkProfile.podCidrs and ipFamilies are listed by the newest stored copy, not by this one, and kept",
      ),
    },
  },
  "azure-native:containerservice:AgentPool": rule(
    "AKS node pool",
    [
      "resourceGroupName",
      "resourceName",
      "agentPoolName",
      "vmSize",
      "gpuInstanceProfile",
      "networkProfile.nodePublicIPTags",
    ],
    azure(
      "AgentPool: vmSize, gpuInstanceProfile and networkProfile.nodePublicIPTags; its nodes are drained and replaced",
    ),
  ),
  "azure-native:authorization:RoleAssignment": rule(
    "role assignment",
    ["scope", "roleAssignmentName", "principalId"],
    azure("RoleAssignment: principalId and scope"),
  ),
  "random:index/randomPassword:RandomPassword": rule(
    "generated password",
    [
      "length",
      "special",
      "upper",
      "lower",
      "numeric",
      "minUpper",
      "minLower",
      "minNumeric",
      "minSpecial",
      "overrideSpecial",
      "keepers",
    ],
    "hashicorp/terraform-provider-random (the upstream of pulumi-random 4.21.2) internal/provider/resource_password.go: every argument requires replacement, which generates a new password",
  ),
  "pulumi:providers:kubernetes": {
    what: "Kubernetes provider (every object it manages, claims and namespaces included)",
    holdsData: false,
    // The engine replaces every resource whose provider is replaced
    // (pulumi/pulumi@v3.259.0:pkg/resource/deploy/step_generator.go, "If the resource's provider
    // reference changed, the resource must be replaced").
    containsData: true,
    replace: {
      paths: ["kubeconfig", "context", "cluster", "clusterIdentifier", "renderYamlToDirectory"],
      source:
        "pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/provider/provider.go DiffConfig (unchanged on main in July 2026): a change of the cluster the kubeconfig, context or cluster selects, of clusterIdentifier or of renderYamlToDirectory replaces the provider; pulumi/pulumi@v3.259.0:pkg/resource/deploy/step_generator.go then replaces every resource it manages",
    },
  },
};
