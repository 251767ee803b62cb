/**
 * Replacement triggers of the cloud and provider resources the program creates that hold no data
 * themselves: the clusters and resource group that contain every Kubernetes object and volume, node
 * pools, networking, identity and keys. Each path is an input of the Pulumi type whose change the
 * provider answers with a replacement; each rule names where that is decided.
 *
 * - aws: pulumi-aws bridges hashicorp/terraform-provider-aws; a Terraform `ForceNew` (SDK) or
 *   `RequiresReplace` (framework) argument is a replacement trigger, under its Pulumi (camelCase) name.
 * - azure-native: a change of a path parameter of the REST API (name, resource group, parent's name)
 *   or of a property the generator marks `forceNew` replaces the resource.
 * - kubernetes provider: `DiffConfig` in pulumi/pulumi-kubernetes `provider/pkg/provider/provider.go`.
 */
import type { ReplaceRule, TypeRule } from "./statefulTypes.ts";

const TF = "hashicorp/terraform-provider-aws (the upstream of pulumi-aws 7.48.0)";
const tf = (file: string, args: string): string => `${TF} internal/service/${file}: ${args}`;
/**
 * pulumi-azure-native replaces a resource when a path parameter of its REST API (its name, resource
 * group, parent's name) changes, and when a property its generator marks `forceNew` changes: the
 * curated `forceNewMap` plus the API's create-only (`x-ms-mutability`) properties.
 */
const azure = (entries: string): string =>
  `pulumi/pulumi-azure-native provider/pkg/gen forceNewMap (the stored copy; the 3.28.0 tag could not be fetched): ${entries}, and the resource's name and resource group (path parameters of its REST API) force a replacement`;

/** A type that holds no data, with its replacement triggers. */
function rule(what: string, paths: string[], source: string, conditional?: ReplaceRule["conditional"]): TypeRule {
  return { what, holdsData: false, replace: { paths, source, ...(conditional ? { conditional } : {}) } };
}

/** True when an input is set: present, not null (a value known only after deployment is set). */
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * aws_subnet's `CustomizeDiff` (`customdiff.ForceNewIf("ipv6_cidr_block", …)`): a change of
 * `ipv6_cidr_block` forces a new subnet when the prior state's `assign_ipv6_address_on_creation`
 * (`d.GetChange`'s old value: the base) was true; the head's value does not matter.
 */
export function subnetConditionalTriggers(base: Record<string, unknown>): string[] {
  return base["assignIpv6AddressOnCreation"] === true ? ["ipv6CidrBlock"] : [];
}

/** The rule's source as aws_vpc_security_group_ingress_rule's `sourceAttributeName` picks it: the first set. */
const RULE_SOURCES = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"] as const;

/**
 * The security group rule resource's `ModifyPlan`: when the source attribute (the first set of
 * cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id) differs between prior state
 * and plan, `RequiresReplace` names both the old and the new one.
 */
export function ingressRuleConditionalTriggers(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  const source = (inputs: Record<string, unknown>) => RULE_SOURCES.find((key) => isSet(inputs[key]));
  const [from, to] = [source(base), source(head)];
  return from === to ? [] : [from, to].filter((key) => key !== undefined);
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
        "eks/cluster.go (read at hashicorp/terraform-provider-aws@00555dc5b38f)",
        "name, role_arn, bootstrap_self_managed_addons, access_config.bootstrap_cluster_creator_admin_permissions, kubernetes_network_config.ip_family and .service_ipv4_cidr, outpost_config's fields and remote_network_config are ForceNew (removing encryption_config too)",
      ),
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
      "eks/node_group.go (read at hashicorp/terraform-provider-aws@012e0a32f068)",
      "cluster_name, node_group_name(_prefix), node_role_arn, subnet_ids, instance_types, capacity_type, ami_type, disk_size, remote_access and launch_template's id and name are ForceNew; its nodes are drained and replaced",
    ),
  ),
  "aws:eks/addon:Addon": rule(
    "EKS add-on",
    ["addonName", "clusterName"],
    tf(
      "eks/addon.go (read at hashicorp/terraform-provider-aws@00a35305dc1b)",
      "addon_name and cluster_name are ForceNew",
    ),
  ),
  "aws:eks/accessEntry:AccessEntry": rule(
    "EKS access entry",
    ["clusterName", "principalArn", "type"],
    tf(
      "eks/access_entry.go (read at hashicorp/terraform-provider-aws@01f431114674)",
      "cluster_name, principal_arn and type are ForceNew",
    ),
  ),
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": rule(
    "EKS access policy association",
    ["clusterName", "principalArn", "policyArn", "accessScope"],
    tf(
      "eks/access_policy_association.go (read at hashicorp/terraform-provider-aws@01f431114674)",
      "every argument is ForceNew (cluster_name, principal_arn, policy_arn, access_scope and its type and namespaces); the resource has no update",
    ),
  ),
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": rule(
    "EKS pod identity association",
    ["clusterName", "namespace", "serviceAccount"],
    tf(
      "eks/pod_identity_association.go (read at hashicorp/terraform-provider-aws@00a35305dc1b)",
      "cluster_name, namespace and service_account require replacement (role_arn, target_role_arn and disable_session_tags are updated in place)",
    ),
  ),
  "aws:ec2/vpc:Vpc": rule(
    "VPC",
    ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    tf(
      "ec2/vpc_.go (read at hashicorp/terraform-provider-aws@00081ce41cc6)",
      "cidr_block, ipv4_ipam_pool_id and ipv4_netmask_length are ForceNew",
    ),
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
      "ec2/vpc_subnet.go (read at hashicorp/terraform-provider-aws@00cda125a19d)",
      "vpc_id, cidr_block, availability_zone(_id), ipv4_ipam_pool_id, ipv4_netmask_length, ipv6_ipam_pool_id, ipv6_netmask_length, ipv6_native and outpost_arn are ForceNew; CustomizeDiff forces a new subnet on an ipv6_cidr_block change when the prior assign_ipv6_address_on_creation was true",
    ),
    subnetConditionalTriggers,
  ),
  "aws:ec2/internetGateway:InternetGateway": rule(
    "internet gateway",
    [],
    tf(
      "ec2/vpc_internet_gateway.go (read at hashicorp/terraform-provider-aws@08923b68b5ad)",
      "no argument is ForceNew (vpc_id is detached and attached in place)",
    ),
  ),
  "aws:ec2/eip:Eip": rule(
    "Elastic IP",
    ["domain", "address", "networkBorderGroup", "publicIpv4Pool", "ipamPoolId"],
    tf(
      "ec2/ec2_eip.go (read at hashicorp/terraform-provider-aws@01606926a0c0)",
      "domain, address, network_border_group, public_ipv4_pool and ipam_pool_id are ForceNew (customer_owned_ipv4_pool is not)",
    ),
  ),
  "aws:ec2/natGateway:NatGateway": rule(
    "NAT gateway",
    ["allocationId", "subnetId", "connectivityType", "privateIp", "secondaryPrivateIpAddressCount"],
    tf(
      "ec2/vpc_nat_gateway.go (read at hashicorp/terraform-provider-aws@04088eaa5494)",
      "allocation_id, subnet_id, connectivity_type, private_ip and secondary_private_ip_address_count are ForceNew",
    ),
  ),
  "aws:ec2/routeTable:RouteTable": rule(
    "route table",
    ["vpcId"],
    tf(
      "ec2/vpc_route_table.go (read at hashicorp/terraform-provider-aws@022092419b7c)",
      "vpc_id is ForceNew (routes and propagating_vgws are updated in place)",
    ),
  ),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": rule(
    "route table association",
    ["subnetId", "gatewayId"],
    tf(
      "ec2/vpc_route_table_association.go (read at hashicorp/terraform-provider-aws@0be71beb458a)",
      "subnet_id and gateway_id are ForceNew (route_table_id is updated in place)",
    ),
  ),
  "aws:ec2/securityGroup:SecurityGroup": rule(
    "security group",
    ["name", "namePrefix", "description", "vpcId"],
    tf(
      "ec2/vpc_security_group.go (read at hashicorp/terraform-provider-aws@01606926a0c0)",
      "name, name_prefix, description and vpc_id are ForceNew (ingress and egress are updated in place)",
    ),
  ),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": rule(
    "security group ingress rule",
    ["securityGroupId"],
    tf(
      "ec2/vpc_security_group_ingress_rule.go (read at hashicorp/terraform-provider-aws@00a322094b4b)",
      "security_group_id requires replacement, and so does switching the rule's source between cidr_ipv4, cidr_ipv6, prefix_list_id and referenced_security_group_id (ModifyPlan); other changes modify the rule in place",
    ),
    ingressRuleConditionalTriggers,
  ),
  "aws:ec2/launchTemplate:LaunchTemplate": rule(
    "launch template",
    ["name", "namePrefix"],
    tf(
      "ec2/ec2_launch_template.go (read at hashicorp/terraform-provider-aws@025e4f81cab8)",
      "name and name_prefix are ForceNew; other changes make a new version",
    ),
  ),
  "aws:efs/mountTarget:MountTarget": rule(
    "EFS mount target",
    ["fileSystemId", "subnetId", "ipAddress"],
    tf(
      "efs/mount_target.go (read at hashicorp/terraform-provider-aws@0593466d96e3)",
      "file_system_id, subnet_id and ip_address are ForceNew (security_groups is updated in place)",
    ),
  ),
  "aws:iam/role:Role": rule(
    "IAM role",
    ["name", "namePrefix", "path"],
    tf(
      "iam/role.go (read at hashicorp/terraform-provider-aws@0040ea6911af)",
      "name, name_prefix and path are ForceNew",
    ),
  ),
  "aws:iam/rolePolicy:RolePolicy": rule(
    "IAM role policy",
    ["name", "namePrefix", "role"],
    tf(
      "iam/role_policy.go (read at hashicorp/terraform-provider-aws@02f97af85f89)",
      "name, name_prefix and role are ForceNew",
    ),
  ),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": rule(
    "IAM role policy attachment",
    ["role", "policyArn"],
    tf(
      "iam/role_policy_attachment.go (read at hashicorp/terraform-provider-aws@04c79849dbe7)",
      "role and policy_arn are ForceNew",
    ),
  ),
  "aws:kms/key:Key": rule(
    "KMS key",
    ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    tf(
      "kms/key.go (read at hashicorp/terraform-provider-aws@00a35305dc1b)",
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
        "ManagedCluster: diskEncryptionSetID, dnsPrefix, fqdnSubdomain, linuxProfile, location, nodeResourceGroup, windowsProfile and networkProfile's service and pod CIDRs, DNS service IP, network mode, plugin, plugin mode, dataplane, policy, outbound type and IP families (agentPoolProfiles are updated in place)",
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
  "pulumi:providers:kubernetes": rule(
    "Kubernetes provider (a replacement replaces every object it manages)",
    ["kubeconfig", "context", "cluster", "clusterIdentifier", "renderYamlToDirectory"],
    "pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/provider/provider.go DiffConfig (unchanged on main in July 2026): a change of the cluster the kubeconfig, context or cluster selects, of clusterIdentifier or of renderYamlToDirectory replaces the provider",
  ),
};
