/**
 * The one check of the Azure storage arguments (`azureStorageProblems`): one case per rule with its
 * one message, and the components that refuse with it before registering anything.
 */
import assert from "node:assert/strict";
import { AksCluster } from "../components/azure.ts";
import { formatPath } from "../components/problems.ts";
import { AzureStorageClasses } from "../components/storage/azure/classes.ts";
import { AzureManagedDisk } from "../components/storage/azure/managedDisk.ts";
import type { AzureStorageSpec } from "../components/storage/azure/spec.ts";
import { AzureStorage } from "../components/storage/azure/storage.ts";
import { azureStorageProblems } from "../components/storage/azure/validation.ts";
import { record } from "../tools/recorder/record.ts";

const options = { project: "proj", stack: "test" };

describe("the check of the Azure storage arguments", () => {
  const disk = { name: "db", size: "64Gi", zone: "1" };
  const share = { name: "shared", size: "100Gi" };
  const poolZones = ["1", "2"];

  it("accepts disks in the pools' zones, zone-redundant disks and valid shares", () => {
    const spec: AzureStorageSpec = {
      disks: [
        disk,
        { name: "big", size: "64Ti", sku: "PremiumV2_LRS", zone: "2" },
        { name: "zrs", size: "1Gi", sku: "Premium_ZRS" },
      ],
      shares: [share, { name: "a-b1", size: "100Ti", accountName: "stshared0001" }],
      fileProtocol: "NFS",
    };
    assert.deepEqual(azureStorageProblems(spec, poolZones), []);
    assert.deepEqual(azureStorageProblems({ disks: [{ name: "db", size: "8Gi" }] }, []), [], "no zonal pools");
  });

  const rules: [string, AzureStorageSpec, [string, unknown, string][]][] = [
    [
      "a disk name that is not a DNS label",
      { disks: [{ ...disk, name: "DB" }] },
      [
        [
          "disks[0].name",
          "DB",
          'must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (disk name; also its claim\'s name)',
        ],
      ],
    ],
    [
      "a disk size in GB",
      { disks: [{ ...disk, size: "64GB" }] },
      [
        [
          "disks[0].size",
          "64GB",
          'expected a size in whole GiB from 1Gi to 32767Gi such as "100Gi" (a Premium_LRS disk; PremiumV2_LRS and UltraSSD_LRS disks reach 65536Gi)',
        ],
      ],
    ],
    [
      "a disk size that is not whole GiB",
      { disks: [{ ...disk, size: "1536Mi" }] },
      [
        [
          "disks[0].size",
          "1536Mi",
          'expected a size in whole GiB from 1Gi to 32767Gi such as "100Gi" (a Premium_LRS disk; PremiumV2_LRS and UltraSSD_LRS disks reach 65536Gi)',
        ],
      ],
    ],
    [
      "a disk larger than its SKU allows",
      { disks: [{ ...disk, size: "40000Gi" }] },
      [
        [
          "disks[0].size",
          "40000Gi",
          'expected a size in whole GiB from 1Gi to 32767Gi such as "100Gi" (a Premium_LRS disk; PremiumV2_LRS and UltraSSD_LRS disks reach 65536Gi)',
        ],
      ],
    ],
    [
      "a disk larger than any SKU allows",
      { disks: [{ ...disk, size: "65Ti", sku: "UltraSSD_LRS" }] },
      [
        [
          "disks[0].size",
          "65Ti",
          'expected a size in whole GiB from 1Gi to 65536Gi such as "100Gi" (a UltraSSD_LRS disk)',
        ],
      ],
    ],
    [
      "an unknown disk SKU",
      { disks: [{ ...disk, sku: "Premium_GRS" as never }] },
      [
        [
          "disks[0].sku",
          "Premium_GRS",
          'expected one of "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS", "PremiumV2_LRS", "UltraSSD_LRS"',
        ],
      ],
    ],
    [
      "a zone the region does not have",
      { disks: [{ ...disk, zone: "7" }] },
      [["disks[0].zone", "7", 'expected one of "1", "2", "3" (an Azure availability zone)']],
    ],
    [
      "a zone on a zone-redundant disk",
      { disks: [{ ...disk, sku: "Premium_ZRS" }] },
      [["disks[0].zone", "1", "a Premium_ZRS disk is zone-redundant and takes no zone; remove zone or use an LRS sku"]],
    ],
    [
      "a locally redundant disk without a zone among zonal pools",
      { disks: [{ name: "db", size: "64Gi" }] },
      [
        [
          "disks[0].zone",
          undefined,
          "the node pools are zonal: give a Premium_LRS disk one of their zones (1, 2), or use a ZRS sku",
        ],
      ],
    ],
    [
      "a disk in a zone no pool runs in",
      { disks: [{ ...disk, zone: "3" }] },
      [
        [
          "disks[0].zone",
          "3",
          "no user node pool runs in this zone, so the disk could never be attached; use one of the pools' zones (1, 2)",
        ],
      ],
    ],
    [
      "a share name Azure refuses",
      { shares: [{ ...share, name: "Shared--Data" }] },
      [
        [
          "shares[0].name",
          "Shared--Data",
          'expected a share name of 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "shared-data"',
        ],
      ],
    ],
    [
      "a share name that is too short",
      { shares: [{ ...share, name: "sh" }] },
      [
        [
          "shares[0].name",
          "sh",
          'expected a share name of 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, e.g. "shared-data"',
        ],
      ],
    ],
    [
      "a share of no size",
      { shares: [{ ...share, size: "0Gi" }] },
      [["shares[0].size", "0Gi", 'expected a size in whole GiB from 1Gi to 102400Gi such as "100Gi" (share quota)']],
    ],
    [
      "a share larger than Azure allows",
      { shares: [{ ...share, size: "101Ti" }] },
      [["shares[0].size", "101Ti", 'expected a size in whole GiB from 1Gi to 102400Gi such as "100Gi" (share quota)']],
    ],
    [
      "a storage account name Azure refuses",
      { shares: [{ ...share, accountName: "st-shared" }] },
      [
        [
          "shares[0].accountName",
          "st-shared",
          "expected a storage account name of 3-24 lowercase letters and digits, unique across Azure",
        ],
      ],
    ],
    [
      "a disk and a share of one name",
      { disks: [{ ...disk, name: "data" }], shares: [{ ...share, name: "data" }] },
      [
        [
          "shares[0].name",
          "data",
          "disk and share names must be unique; this name is used earlier, rename one of them",
        ],
      ],
    ],
    [
      "two disks of one name",
      { disks: [disk, disk] },
      [["disks[1].name", "db", "disk and share names must be unique; this name is used earlier, rename one of them"]],
    ],
    [
      "an unknown file protocol",
      { fileProtocol: "nfs" as never },
      [["fileProtocol", "nfs", 'expected one of "SMB", "NFS"']],
    ],
  ];
  for (const [what, spec, expected] of rules) {
    it(`refuses ${what}`, () => {
      const problems = azureStorageProblems(spec, poolZones);
      assert.equal(problems.length, expected.length, JSON.stringify(problems));
      assert.deepEqual(
        problems.map((p) => [formatPath(p.path), p.value, p.message]),
        expected,
      );
    });
  }

  it("is the storage component's own check, against the cluster's pool zones", async () => {
    await assert.rejects(
      record(() => {
        const cluster = new AksCluster("c", {
          environment: "dev",
          location: "westeurope",
          nodePools: [{ name: "data", zones: ["1"] }],
        });
        new AzureStorage("s", {
          cluster,
          environment: "dev",
          namespace: "data",
          disks: [{ name: "db", size: "8Gi", zone: "2" }],
        });
      }, options),
      /AzureStorage "s": disks\[0\]\.zone = "2": no user node pool runs in this zone/,
    );
  });

  it("refuses a bad disk by itself, naming the component", () => {
    assert.throws(
      () => new AzureManagedDisk("x", { name: "x", size: "1Gi", zone: "7" } as never),
      (error: Error) => {
        assert.equal(
          error.message,
          'AzureManagedDisk "x": zone = "7": expected one of "1", "2", "3" (an Azure availability zone)',
        );
        return true;
      },
    );
  });

  it("refuses a file protocol the classes cannot serve, in AzureStorageClasses by itself", () => {
    assert.throws(
      () => new AzureStorageClasses("x", { environment: "dev", fileProtocol: "nfs" } as never),
      (error: Error) => {
        assert.equal(error.message, 'AzureStorageClasses "x": fileProtocol = "nfs": expected one of "SMB", "NFS"');
        return true;
      },
    );
  });
});
