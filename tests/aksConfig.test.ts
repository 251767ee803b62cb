/**
 * The `aks` configuration key: defaults, the mapping to the platform, and the exact message for
 * each kind of bad Azure input, given before any resource is registered.
 */
import type { ProviderSettings } from "../config/schema.ts";
import { problemsOf as rejected } from "./support/config.ts";
import assert from "node:assert/strict";
import { validateStackConfig, type ConfigProblem } from "../config/index.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";

const aks = {
  nodePools: [{ name: "data", zones: ["1", "2"] }],
  authorizedIpRanges: ["203.0.113.0/24"],
  disks: [{ name: "db", sizeGb: 64, zone: "1" }],
  shares: [{ name: "shared", quotaGb: 100 }],
};
const workload = {
  name: "db",
  image: "postgres:17.2-alpine",
  port: 5432,
  storageClass: "azure-disk-data",
  storageSize: "10Gi",
  share: "shared",
  secretEnv: { POSTGRES_PASSWORD: { generate: true } },
};
const valid = { environment: "prod", cloud: "aks", aks, workloads: [workload] };
const westeurope = { azureLocation: "westeurope" };

const withAks = (overrides: Record<string, unknown>) => ({ ...valid, aks: { ...aks, ...overrides } });

const problemsOf = (raw: Record<string, unknown>, provider: ProviderSettings = westeurope) => rejected(raw, provider);

describe("aks configuration", () => {
  it("applies the pinned defaults and maps the stack to an AKS cluster with its disks and shares", () => {
    const config = validateStackConfig(valid, "prod-aks", westeurope);
    assert.equal(config.aks?.kubernetesVersion, "1.35");
    assert.equal(config.aks?.upgradeChannel, "patch");
    assert.deepEqual(config.aks?.nodePools[0], {
      name: "data",
      vmSize: "Standard_D4ds_v5",
      minCount: 1,
      maxCount: 3,
      zones: ["1", "2"],
    });
    assert.equal(config.aks?.disks[0]?.sku, "Premium_LRS");
    const args = toPlatformArgs(config);
    assert.equal(args.cluster.cloud, "aks");
    assert.equal(args.cluster.aks?.location, "westeurope");
    assert.equal(args.cluster.aks?.environment, "prod");
    assert.equal(args.cluster.aks?.grantDeployerAdmin, true, "the deployer gets Kubernetes rights by default");
    assert.equal(args.cluster.aks?.kubeloginMode, "azurecli");
    assert.equal(args.cluster.aks?.deployerPrincipalType, undefined, "derived from the login mode");
    assert.deepEqual(
      args.storage?.azure?.disks?.map((d) => d.name),
      ["db"],
    );
    assert.deepEqual(
      args.storage?.azure?.shares?.map((s) => s.name),
      ["shared"],
    );
  });

  it("tells how to set the missing Azure region with its own provider key", () => {
    assert.throws(
      () => validateStackConfig(valid, "prod-aks"),
      (error: Error) => {
        assert.equal(
          error.message,
          [
            "Invalid stack configuration (1 problem); nothing was deployed:",
            `  - azure-native:location = (not set): cloud "aks" needs the Azure region: set azure-native:location to the region's name, e.g. "westeurope".`,
            "    Fix: edit stacks/Pulumi.prod-aks.yaml, or run `pulumi config set azure-native:location <value>`.",
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("keeps a production API server off the open internet: allow-listed or private", () => {
    assert.deepEqual(problemsOf(withAks({ authorizedIpRanges: [] })), [
      {
        key: "stateful-stack:aks.authorizedIpRanges",
        value: undefined,
        message:
          'a production API server must not be open to the internet: list the address ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set privateCluster true',
      },
    ]);
    assert.deepEqual(problemsOf(withAks({ authorizedIpRanges: ["203.0.113.0/24", "0.0.0.0/0"] })), [
      {
        key: "stateful-stack:aks.authorizedIpRanges",
        value: ["203.0.113.0/24", "0.0.0.0/0"],
        message:
          "0.0.0.0/0 lets the whole internet reach a production API server: list narrower ranges, or set privateCluster true",
      },
    ]);
    const isPrivate = validateStackConfig(
      withAks({ authorizedIpRanges: [], privateCluster: true }),
      "prod-aks",
      westeurope,
    );
    assert.equal(isPrivate.aks?.privateCluster, true);
    const dev = validateStackConfig(
      { ...withAks({ authorizedIpRanges: [] }), environment: "dev" },
      "dev-aks",
      westeurope,
    );
    assert.deepEqual(dev.aks?.authorizedIpRanges, []);
  });

  it("refuses Azure settings on a stack whose cluster is not AKS", () => {
    const raw = { environment: "dev", cloud: "existing", kubeconfigPath: "/k", kubeContext: "c", aks: {} };
    assert.deepEqual(problemsOf(raw), [
      {
        key: "stateful-stack:aks",
        value: {
          kubernetesVersion: "1.35",
          systemPool: { vmSize: "Standard_D2ds_v5", count: 1, zones: [] },
          nodePools: [],
          upgradeChannel: "patch",
          authorizedIpRanges: [],
          privateCluster: false,
          adminGroupObjectIds: [],
          grantDeployerAdmin: true,
          kubeloginMode: "azurecli",
          fileProtocol: "SMB",
          disks: [],
          shares: [],
        },
        message: 'the aks key applies only to cloud "aks"; remove it, or set cloud to "aks"',
      },
    ]);
  });

  const badInputs: [string, Record<string, unknown>, ConfigProblem[], { azureLocation?: string }?][] = [
    [
      "a VM size that is not an Azure VM size",
      withAks({ nodePools: [{ name: "data", vmSize: "D4ds_v5", zones: ["1", "2"] }] }),
      [
        {
          key: "stateful-stack:aks.nodePools[0].vmSize",
          value: "D4ds_v5",
          message:
            'VM size "D4ds_v5" is not an Azure VM size; use the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])',
        },
      ],
    ],
    [
      "a zone the region does not have",
      withAks({ nodePools: [{ name: "data", zones: ["1", "4"] }] }),
      [
        {
          key: "stateful-stack:aks.nodePools[0].zones[1]",
          value: "4",
          message: 'zone "4" is not an Azure availability zone; allowed: "1", "2", "3"',
        },
      ],
    ],
    [
      "a disk larger than its SKU allows",
      withAks({ disks: [{ name: "db", sizeGb: 40000, sku: "Premium_LRS", zone: "1" }] }),
      [
        {
          key: "stateful-stack:aks.disks[0].sizeGb",
          value: 40000,
          message: "a Premium_LRS disk can be at most 32767 GiB, not 40000; lower sizeGb or choose another sku",
        },
      ],
    ],
    [
      "a zone on a zone-redundant disk",
      withAks({ disks: [{ name: "db", sizeGb: 64, sku: "Premium_ZRS", zone: "1" }] }),
      [
        {
          key: "stateful-stack:aks.disks[0].zone",
          value: "1",
          message: "a Premium_ZRS disk is zone-redundant and takes no zone; remove zone or use the LRS sku",
        },
      ],
    ],
    [
      "a locally redundant disk without a zone in a zonal cluster",
      withAks({ disks: [{ name: "db", sizeGb: 64 }] }),
      [
        {
          key: "stateful-stack:aks.disks[0].zone",
          value: undefined,
          message: "the node pools are zonal: give a Premium_LRS disk one of their zones (1, 2), or use a ZRS sku",
        },
      ],
    ],
    [
      "a disk in a zone no node pool runs in",
      withAks({ disks: [{ name: "db", sizeGb: 64, zone: "3" }] }),
      [
        {
          key: "stateful-stack:aks.disks[0].zone",
          value: "3",
          message: "no user node pool runs in zone 3, so the disk could never be attached (pool zones: 1, 2)",
        },
      ],
    ],
    [
      "a share name with capitals and an underscore",
      withAks({ shares: [{ name: "Shared_Data", quotaGb: 100 }] }),
      [
        {
          key: "stateful-stack:aks.shares[0].name",
          value: "Shared_Data",
          message:
            'share name "Shared_Data" is invalid; Azure allows 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (e.g. "shared-data")',
        },
      ],
    ],
    [
      "a share name that is too short",
      { ...withAks({ shares: [{ name: "sh", quotaGb: 100 }] }), workloads: [{ ...workload, share: undefined }] },
      [
        {
          key: "stateful-stack:aks.shares[0].name",
          value: "sh",
          message:
            'share name "sh" is invalid; Azure allows 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (e.g. "shared-data")',
        },
      ],
    ],
    [
      "a Kubernetes version that is not major.minor[.patch]",
      withAks({ kubernetesVersion: "v1.35" }),
      [
        {
          key: "stateful-stack:aks.kubernetesVersion",
          value: "v1.35",
          message: 'Kubernetes version "v1.35" is not major.minor[.patch]; use e.g. "1.35" or "1.35.2"',
        },
      ],
    ],
    [
      "a node pool name AKS refuses",
      withAks({ nodePools: [{ name: "data-pool", zones: ["1", "2"] }] }),
      [
        {
          key: "stateful-stack:aks.nodePools[0].name",
          value: "data-pool",
          message:
            'node pool name "data-pool" is invalid; AKS allows 1-12 lowercase letters and digits, starting with a letter (e.g. "data")',
        },
      ],
    ],
    [
      "a cluster without user node pools",
      withAks({ nodePools: [], disks: [] }),
      [
        {
          key: "stateful-stack:aks.nodePools",
          value: [],
          message: 'add at least one user node pool for the workloads, e.g. [{ name: "data" }]',
        },
      ],
    ],
    [
      "a misspelt aks key",
      withAks({ nodepools: [] }),
      [
        {
          key: "stateful-stack:aks.nodepools",
          value: [],
          message: 'unknown key "nodepools"; did you mean "nodePools"?',
        },
      ],
    ],
    [
      "authorized ranges on a private cluster",
      withAks({ privateCluster: true, authorizedIpRanges: ["203.0.113.0/24"] }),
      [
        {
          key: "stateful-stack:aks.authorizedIpRanges",
          value: ["203.0.113.0/24"],
          message:
            "a private cluster has no public API server to restrict; remove authorizedIpRanges or set privateCluster false",
        },
      ],
    ],
    [
      "an interactive kubelogin mode",
      withAks({ kubeloginMode: "devicecode" }),
      [
        {
          key: "stateful-stack:aks.kubeloginMode",
          value: "devicecode",
          message: 'expected one of "azurecli", "spn", "workloadidentity", "msi"',
        },
      ],
    ],
    [
      "a principal type Azure does not accept for the deployer",
      withAks({ deployerPrincipalType: "MSI" }),
      [
        {
          key: "stateful-stack:aks.deployerPrincipalType",
          value: "MSI",
          message: 'expected one of "User", "ServicePrincipal"',
        },
      ],
    ],
    [
      "a region display name instead of its programmatic name",
      valid,
      [
        {
          key: "azure-native:location",
          value: "West Europe",
          message:
            'azure-native:location "West Europe" must be the region\'s programmatic name (lowercase letters and digits, e.g. "westeurope"): volumes are pinned to zones by it',
        },
      ],
      { azureLocation: "West Europe" },
    ],
    [
      "a workload on a class the AKS storage does not define",
      { ...valid, workloads: [{ ...workload, storageClass: "managed-csi" }] },
      [
        {
          key: "stateful-stack:workloads[0].storageClass",
          value: "managed-csi",
          message:
            'the stack defines no storage class "managed-csi" (defined: "azure-disk-data", "azure-files-data"); add it to storageClasses or use a defined one',
        },
      ],
    ],
    [
      "a workload mounting a share the stack does not declare",
      { ...valid, workloads: [{ ...workload, share: "assets" }] },
      [
        {
          key: "stateful-stack:workloads[0].share",
          value: "assets",
          message: 'the stack declares no volume "assets" to share (declared: "db", "shared")',
        },
      ],
    ],
  ];

  for (const [what, raw, expected, providers] of badInputs) {
    it(`rejects ${what}`, () => {
      assert.deepEqual(problemsOf(raw, providers), expected);
    });
  }
});
