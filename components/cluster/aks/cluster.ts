import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig.js";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment.js";
import { AgentPool } from "@pulumi/azure-native/containerservice/agentPool.js";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster.js";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup.js";
import type * as k8s from "@pulumi/kubernetes";
import { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";
import type { AzureClusterInfo, ClusterHandle } from "../handle.ts";
import { AksUpgradeChannel, type AksClusterArgs } from "./args.ts";
import {
  AKS_CHANNEL_OWNED_CLUSTER_FIELDS,
  AKS_KUBERNETES_VERSION,
  AKS_POD_CIDR,
  AKS_SYSTEM_VM_SIZE,
  AKS_USER_VM_SIZE,
  channelOwnsVersion,
} from "./defaults.ts";
import { aksKubeconfig } from "./kubeconfig.ts";
import { AKS_RBAC_CLUSTER_ADMIN, builtInRoleDefinitionId } from "./roles.ts";
import { refuse } from "../../problems.ts";
import { aksClusterProblems, aksClusterZones } from "./validation.ts";

/** A DNS prefix AKS accepts (letters, digits, hyphens; at most 54), derived from the component name. */
export function dnsPrefixFor(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "");
  return (/^[a-z]/.test(cleaned) ? cleaned : `k${cleaned}`).slice(0, 54).replace(/-+$/, "");
}

/**
 * An AKS cluster ready for stateful workloads: resource group (or an existing one), a
 * `ManagedCluster` with a small tainted system pool, Azure CNI overlay, OIDC issuer and workload
 * identity, the Azure Disk and Azure Files CSI drivers and the snapshot controller; one autoscaled
 * `AgentPool` per user pool; with Entra ID, the deployer's "Azure Kubernetes Service RBAC Cluster
 * Admin" role assignment on the cluster; the kubeconfig (secret) and the explicit Kubernetes
 * provider, which waits for the cluster and that assignment.
 *
 * The resource group is created independently of the cluster, so disks and storage accounts in it
 * are created while the control plane comes up. Kubernetes workloads wait for `readiness` (the
 * user pools).
 *
 * @example
 * ```ts
 * const cluster = new AksCluster("prod", {
 *   environment: "prod",
 *   location: "westeurope",
 *   nodePools: [{ name: "data", vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6, zones: ["1", "2", "3"] }],
 * });
 * new k8s.core.v1.Namespace("data", {}, { provider: cluster.provider, dependsOn: cluster.readiness });
 * ```
 */
export class AksCluster extends pulumi.ComponentResource implements ClusterHandle {
  readonly cloud = "aks" as const;
  readonly provider: k8s.Provider;
  readonly kubeconfig: pulumi.Output<string>;
  readonly zones: string[];
  readonly readiness: pulumi.Resource[];
  readonly azure: AzureClusterInfo;
  /** The AKS cluster resource. */
  readonly cluster: ManagedCluster;
  /** The resource group created for the stack (undefined when an existing one is used). */
  readonly resourceGroup: ResourceGroup | undefined;
  /** The user node pools, by name. */
  readonly nodePools: Record<string, AgentPool>;
  /** The deployer's Kubernetes rights (Entra ID with `grantDeployerAdmin`), else undefined. */
  readonly deployerAdmin: RoleAssignment | undefined;

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AksCluster", name, {}, opts);
    refuse(`AksCluster "${name}"`, aksClusterProblems(args));

    const prod = args.environment === "prod";
    const version = args.kubernetesVersion ?? AKS_KUBERNETES_VERSION;
    const localAccounts = (args.adminGroupObjectIds ?? []).length === 0;
    const pools = args.nodePools;
    const system = args.systemPool ?? {};
    const upgradeChannel = args.upgradeChannel ?? AksUpgradeChannel.Patch;
    // One owner of the version: a channel that upgrades Kubernetes, or the stack (see the arg's TSDoc).
    const ownedByChannel = channelOwnsVersion(upgradeChannel, version);
    this.zones = aksClusterZones(args);

    this.resourceGroup =
      args.resourceGroupName === undefined
        ? new ResourceGroup(`${name}-rg`, { location: args.location }, { parent: this, protect: prod })
        : undefined;
    const resourceGroupName = this.resourceGroup?.name ?? pulumi.output(args.resourceGroupName ?? "");

    this.cluster = new ManagedCluster(
      `${name}-aks`,
      {
        resourceGroupName,
        location: args.location,
        kubernetesVersion: version,
        dnsPrefix: dnsPrefixFor(name),
        identity: { type: "SystemAssigned" },
        sku: { name: "Base", tier: prod ? "Standard" : "Free" },
        enableRBAC: true,
        disableLocalAccounts: !localAccounts,
        aadProfile: localAccounts
          ? undefined
          : { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds },
        agentPoolProfiles: [
          {
            name: "system",
            mode: "System",
            type: "VirtualMachineScaleSets",
            osType: "Linux",
            osSKU: "AzureLinux",
            vmSize: system.vmSize ?? AKS_SYSTEM_VM_SIZE,
            count: system.count ?? 1,
            availabilityZones: system.zones,
            vnetSubnetID: args.subnetId,
            orchestratorVersion: version,
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
          },
        ],
        networkProfile: {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkDataplane: "cilium",
          networkPolicy: "cilium",
          podCidr: AKS_POD_CIDR,
          loadBalancerSku: "standard",
        },
        apiServerAccessProfile: {
          authorizedIPRanges: args.authorizedIpRanges,
          enablePrivateCluster: args.privateCluster ?? false,
        },
        autoUpgradeProfile: { upgradeChannel, nodeOSUpgradeChannel: "NodeImage" },
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true } },
        storageProfile: {
          diskCSIDriver: { enabled: true },
          fileCSIDriver: { enabled: true },
          snapshotController: { enabled: true },
        },
      },
      { parent: this, ignoreChanges: ownedByChannel ? AKS_CHANNEL_OWNED_CLUSTER_FIELDS : [] },
    );

    this.nodePools = {};
    for (const pool of pools) {
      this.nodePools[pool.name] = new AgentPool(
        `${name}-${pool.name}`,
        {
          resourceGroupName,
          resourceName: this.cluster.name,
          agentPoolName: pool.name,
          mode: "User",
          osType: "Linux",
          osSKU: "AzureLinux",
          vmSize: pool.vmSize ?? AKS_USER_VM_SIZE,
          enableAutoScaling: true,
          minCount: pool.minCount ?? 1,
          maxCount: pool.maxCount ?? 3,
          count: pool.minCount ?? 1,
          availabilityZones: pool.zones,
          orchestratorVersion: version,
          vnetSubnetID: args.subnetId,
        },
        // The autoscaler owns the node count after creation; an upgrading channel owns the version.
        { parent: this, ignoreChanges: ["count", ...(ownedByChannel ? ["orchestratorVersion"] : [])] },
      );
    }
    this.readiness = Object.values(this.nodePools);

    // With Entra ID, the identity running Pulumi needs Kubernetes rights of its own.
    const login = args.kubeloginMode ?? "azurecli";
    const deployer = localAccounts ? undefined : getClientConfigOutput({ parent: this });
    this.deployerAdmin =
      deployer && (args.grantDeployerAdmin ?? true)
        ? new RoleAssignment(
            `${name}-deployer-admin`,
            {
              principalId: deployer.objectId,
              // Always given: azure-native fills "User" when it is missing, which Azure refuses for a
              // service principal (UnmatchedPrincipalType).
              principalType: args.deployerPrincipalType ?? (login === "azurecli" ? "User" : "ServicePrincipal"),
              roleDefinitionId: deployer.subscriptionId.apply((id) =>
                builtInRoleDefinitionId(id, AKS_RBAC_CLUSTER_ADMIN),
              ),
              scope: this.cluster.id,
              description: "The identity that runs pulumi up administers the cluster's Kubernetes API",
            },
            { parent: this },
          )
        : undefined;

    this.kubeconfig = aksKubeconfig(
      {
        resourceGroupName,
        clusterName: this.cluster.name,
        localAccounts,
        login,
        deployer,
      },
      this,
    );
    this.provider = new Provider(
      `${name}-provider`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      // The credentials come from an invoke: name the cluster so deletes are ordered too; and no
      // Kubernetes call before the deployer's rights exist.
      { parent: this, dependsOn: [this.cluster, ...(this.deployerAdmin ? [this.deployerAdmin] : [])] },
    );
    this.azure = {
      resourceGroupName,
      location: pulumi.output(args.location),
      principalId: this.cluster.identity.apply((identity) => identity?.principalId ?? ""),
    };
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
