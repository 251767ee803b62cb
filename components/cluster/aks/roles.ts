/**
 * Azure built-in roles the AKS layer assigns, with what each grants. Role definitions and their
 * permissions from Microsoft's built-in roles reference
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles, sections "Containers" and
 * "Privileged"); role assignments take up to five minutes to reach the AKS authorization webhook
 * (learn.microsoft.com/azure/aks/manage-azure-rbac).
 */

/** A built-in Azure role: its fixed definition id and what it grants. */
export interface AzureBuiltInRole {
  /** Name in the Azure portal and CLI. */
  name: string;
  /** The role definition's GUID (the same in every subscription). */
  id: string;
  /** Control-plane actions it allows. */
  actions: readonly string[];
  /** Data-plane actions it allows (for AKS: Kubernetes API requests under Azure RBAC). */
  dataActions: readonly string[];
}

/**
 * "Azure Kubernetes Service RBAC Cluster Admin": "Lets you manage all resources in the cluster."
 * With Azure RBAC for Kubernetes authorization, every Kubernetes API request of any group, kind
 * and namespace (data action `Microsoft.ContainerService/managedClusters/*`), plus reading the
 * cluster's user credentials. It does not include the admin (local account) credentials.
 */
export const AKS_RBAC_CLUSTER_ADMIN: AzureBuiltInRole = {
  name: "Azure Kubernetes Service RBAC Cluster Admin",
  id: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
  actions: [
    "Microsoft.Authorization/*/read",
    "Microsoft.Resources/subscriptions/operationresults/read",
    "Microsoft.Resources/subscriptions/read",
    "Microsoft.Resources/subscriptions/resourceGroups/read",
    "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
  ],
  dataActions: ["Microsoft.ContainerService/managedClusters/*"],
};

/**
 * "Contributor": full access to manage all resources, but not to assign roles
 * (`notActions`: `Microsoft.Authorization/*\/Delete`, `*\/Write`, `elevateAccess/Action`, …).
 * The cluster identity gets it on a static disk to attach and detach it.
 */
export const CONTRIBUTOR: AzureBuiltInRole = {
  name: "Contributor",
  id: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  actions: ["*"],
  dataActions: [],
};

/** The full id of a built-in role definition in a subscription, as a role assignment names it. */
export function builtInRoleDefinitionId(subscriptionId: string, role: AzureBuiltInRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;
}
