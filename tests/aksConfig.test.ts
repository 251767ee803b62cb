/**
 * The `aks` configuration key: its shape and defaults, the mapping to the AKS cluster and Azure
 * storage arguments, the stack-level rule of `azure-native:location`, and the components' own
 * problems reported at the keys the values came from. Each component rule and its message is
 * specified once, next to its check (tests/aksCluster.test.ts, tests/azureStorage.test.ts).
 */
import type { ProviderSettings } from "../config/schema.ts";
import { problemsOf as rejected } from "./support/config.ts";
import assert from "node:assert/strict";
import { validateStackConfig, type ConfigProblem } from "../config/index.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";

const aks = {
  nodePools: [{ name: "data", zones: ["1", "2"] }],
  authorizedIpRanges: ["203.0.113.0/24"],
  disks: [{ name: "db", size: "64Gi", zone: "1" }],
  shares: [{ name: "shared", size: "100Gi" }],
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
            `  - azure-native:location = (not set): is required: the Azure region's programmatic name, e.g. "westeurope".`,
            "    Fix: edit stacks/Pulumi.prod-aks.yaml, or run `pulumi config set azure-native:location <value>`.",
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("reports the components' problems at the keys their values came from", () => {
    const where = (raw: Record<string, unknown>) => problemsOf(raw).map((p) => [p.key, p.value]);
    assert.deepEqual(where(withAks({ authorizedIpRanges: [] })), [["stateful-stack:aks.authorizedIpRanges", []]]);
    assert.deepEqual(where(withAks({ nodePools: [{ name: "data", vmSize: "D4ds_v5", zones: ["1", "4"] }] })), [
      ["stateful-stack:aks.nodePools[0].vmSize", "D4ds_v5"],
      ["stateful-stack:aks.nodePools[0].zones[1]", "4"],
    ]);
    assert.deepEqual(where(withAks({ systemPool: { count: 0 } })), [["stateful-stack:aks.systemPool.count", 0]]);
    assert.deepEqual(where(withAks({ disks: [{ name: "db", size: "64Gi", zone: "3" }] })), [
      ["stateful-stack:aks.disks[0].zone", "3"],
    ]);
    assert.deepEqual(where(withAks({ shares: [{ name: "shared", size: "100GB" }] })), [
      ["stateful-stack:aks.shares[0].size", "100GB"],
    ]);
    assert.deepEqual(where({ ...valid, environment: "staging" }).slice(0, 1), [
      ["stateful-stack:environment", "staging"],
    ]);
  });

  it("keeps a production API server private when asked, and a dev one may be open", () => {
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
      "a disk sized in GB under its old key",
      withAks({ disks: [{ name: "db", sizeGb: 64, zone: "1" }] }),
      [{ key: "stateful-stack:aks.disks[0].sizeGb", value: 64, message: '"sizeGb" was renamed: use size: "64Gi"' }],
    ],
    [
      "a share's quota under its old key",
      withAks({ shares: [{ name: "shared", quotaGb: 100, size: "100Gi" }] }),
      [
        {
          key: "stateful-stack:aks.shares[0].quotaGb",
          value: 100,
          message: '"quotaGb" was renamed: use size: "100Gi"',
        },
      ],
    ],
    [
      "a size given as a number",
      withAks({ disks: [{ name: "db", size: 64, zone: "1" }] }),
      [
        {
          key: "stateful-stack:aks.disks[0].size",
          value: 64,
          message: 'expected a string (a size in whole GiB such as "256Gi"), found a number',
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
      "a region display name instead of its programmatic name",
      valid,
      [
        {
          key: "azure-native:location",
          value: "West Europe",
          message:
            'must be the region\'s programmatic name (lowercase letters and digits, e.g. "westeurope"): volumes are pinned to zones by it',
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
