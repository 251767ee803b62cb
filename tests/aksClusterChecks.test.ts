/**
 * The one check of the AKS cluster arguments (`aksClusterProblems`): one case per rule with its one
 * message. The stack configuration reports the same problems at its keys (tests/aksConfig.test.ts).
 */
import assert from "node:assert/strict";
import { aksClusterProblems, type AksClusterArgs } from "../components/index.ts";
import { formatPath } from "../components/problems.ts";

const ADMIN_GROUP = "6f1c3d2a-9b7e-4c1f-8a2d-3e5b7c9d1f20";
const base: AksClusterArgs = {
  environment: "dev",
  location: "westeurope",
  nodePools: [{ name: "data", vmSize: "Standard_E4ds_v5", minCount: 2, maxCount: 5, zones: ["1", "2", "3"] }],
};

describe("the check of the AKS cluster arguments", () => {
  it("accepts the arguments of a usable cluster", () => {
    assert.deepEqual(aksClusterProblems(base), []);
    assert.deepEqual(
      aksClusterProblems({
        ...base,
        environment: "prod",
        privateCluster: true,
        kubernetesVersion: "1.35.2",
        subnetId: "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks",
        systemPool: { vmSize: "Standard_D2ds_v5", count: 3, zones: ["1", "2", "3"] },
        adminGroupObjectIds: [ADMIN_GROUP],
        upgradeChannel: "stable",
        kubeloginMode: "workloadidentity",
        deployerPrincipalType: "ServicePrincipal",
      }),
      [],
    );
  });

  const rules: [string, Partial<AksClusterArgs>, [string, unknown, string][]][] = [
    [
      "a missing region",
      { location: "" },
      [["location", undefined, 'is required: the Azure region\'s programmatic name, e.g. "westeurope"']],
    ],
    [
      "an unknown environment",
      { environment: "staging" as never },
      [["environment", "staging", 'expected one of "dev", "prod"']],
    ],
    [
      "an empty resource group name",
      { resourceGroupName: "" },
      [["resourceGroupName", "", "expected the name of an existing resource group, or leave it unset"]],
    ],
    [
      "a version that is not major.minor[.patch]",
      { kubernetesVersion: "v1.35" },
      [["kubernetesVersion", "v1.35", 'expected a Kubernetes version major.minor[.patch], e.g. "1.35" or "1.35.2"']],
    ],
    [
      "a subnet that is not a subnet id",
      { subnetId: "aks-subnet" },
      [
        [
          "subnetId",
          "aks-subnet",
          "expected a subnet id /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
        ],
      ],
    ],
    [
      "a system VM size that is not an Azure VM size",
      { systemPool: { vmSize: "D2ds_v5" } },
      [
        [
          "systemPool.vmSize",
          "D2ds_v5",
          'expected an Azure VM size of the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])',
        ],
      ],
    ],
    [
      "too many system nodes",
      { systemPool: { count: 11 } },
      [["systemPool.count", 11, "expected a whole number from 1 to 10 (system nodes)"]],
    ],
    [
      "a system zone the region does not have",
      { systemPool: { zones: ["4"] } },
      [["systemPool.zones[0]", "4", 'expected one of "1", "2", "3" (an Azure availability zone)']],
    ],
    [
      "no user node pool",
      { nodePools: [] },
      [["nodePools", [], 'add at least one user node pool for the workloads, e.g. [{ name: "data" }]']],
    ],
    [
      "a node pool name AKS refuses",
      { nodePools: [{ name: "data-pool" }] },
      [
        [
          "nodePools[0].name",
          "data-pool",
          'expected a node pool name of 1-12 lowercase letters and digits, starting with a letter, e.g. "data"',
        ],
      ],
    ],
    [
      "a pool VM size that is not an Azure VM size",
      { nodePools: [{ name: "data", vmSize: "D4ds_v5" }] },
      [
        [
          "nodePools[0].vmSize",
          "D4ds_v5",
          'expected an Azure VM size of the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])',
        ],
      ],
    ],
    [
      "a fractional minimum",
      { nodePools: [{ name: "data", minCount: 1.5 }] },
      [["nodePools[0].minCount", 1.5, "expected a whole number from 0 to 1000 (fewest nodes)"]],
    ],
    [
      "a maximum of none",
      { nodePools: [{ name: "data", maxCount: 0 }] },
      [["nodePools[0].maxCount", 0, "expected a whole number from 1 to 1000 (most nodes)"]],
    ],
    [
      "a minimum above the maximum",
      { nodePools: [{ name: "data", minCount: 5, maxCount: 2 }] },
      [["nodePools[0].minCount", 5, "minCount must not exceed maxCount (2)"]],
    ],
    [
      "a pool zone the region does not have",
      { nodePools: [{ name: "data", zones: ["1", "4"] }] },
      [["nodePools[0].zones[1]", "4", 'expected one of "1", "2", "3" (an Azure availability zone)']],
    ],
    [
      "a pool named twice or named system",
      { nodePools: [{ name: "data" }, { name: "system" }, { name: "data" }] },
      [
        ["nodePools[1].name", "system", '"system" is the system pool\'s name; name user pools otherwise, e.g. "data"'],
        ["nodePools[2].name", "data", "node pool names must be unique; this name is used earlier, rename one of them"],
      ],
    ],
    [
      "an unknown upgrade channel",
      { upgradeChannel: "weekly" as never },
      [["upgradeChannel", "weekly", 'expected one of "none", "patch", "stable", "rapid", "node-image"']],
    ],
    [
      "a range that is not IPv4",
      { authorizedIpRanges: ["2001:db8::/32"] },
      [["authorizedIpRanges[0]", "2001:db8::/32", 'expected an IPv4 address or range such as "203.0.113.0/24"']],
    ],
    [
      "authorized ranges on a private cluster",
      { privateCluster: true, authorizedIpRanges: ["203.0.113.0/24"] },
      [
        [
          "authorizedIpRanges",
          ["203.0.113.0/24"],
          "a private cluster has no public API server to restrict; remove authorizedIpRanges or set privateCluster false",
        ],
      ],
    ],
    [
      "a production API server without allowed ranges",
      { environment: "prod" },
      [
        [
          "authorizedIpRanges",
          undefined,
          'a production API server must not be open to the internet: list the address ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set privateCluster true',
        ],
      ],
    ],
    [
      "a production API server open to everyone",
      { environment: "prod", authorizedIpRanges: ["203.0.113.0/24", "0.0.0.0/0"] },
      [
        [
          "authorizedIpRanges",
          ["203.0.113.0/24", "0.0.0.0/0"],
          "0.0.0.0/0 lets the whole internet reach a production API server: list narrower ranges, or set privateCluster true",
        ],
      ],
    ],
    [
      "an admin group that is not an object id",
      { adminGroupObjectIds: ["platform-admins"] },
      [["adminGroupObjectIds[0]", "platform-admins", "expected an Entra ID group object id (a GUID)"]],
    ],
    [
      "an unknown principal type",
      { deployerPrincipalType: "MSI" as never },
      [["deployerPrincipalType", "MSI", 'expected one of "User", "ServicePrincipal"']],
    ],
    [
      "an interactive kubelogin mode",
      { kubeloginMode: "devicecode" as never },
      [["kubeloginMode", "devicecode", 'expected one of "azurecli", "spn", "workloadidentity", "msi"']],
    ],
  ];
  for (const [what, args, expected] of rules) {
    it(`refuses ${what}`, () => {
      const problems = aksClusterProblems({ ...base, ...args });
      assert.equal(problems.length, expected.length, JSON.stringify(problems));
      assert.deepEqual(
        problems.map((p) => [formatPath(p.path), p.value, p.message]),
        expected,
      );
    });
  }
});
