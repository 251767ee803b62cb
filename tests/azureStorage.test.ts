/**
 * Azure storage: storage classes, static managed disks and Azure file shares on an AKS cluster.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "../components/index.ts";
import type { Environment } from "../components/options.ts";
import { AzureStorage } from "../components/storage/azure/storage.ts";
import { AzureManagedDisk, roleDefinitionIdFor } from "../components/storage/azure/managedDisk.ts";
import { storageAccountNameFor } from "../components/storage/azure/fileShare.ts";
import type { AzureStorageSpec } from "../components/storage/azure/spec.ts";
import { azureStorageProblems } from "../components/storage/azure/validation.ts";
import { formatPath } from "../components/problems.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { input, isDescendant, named, ofType, transitiveDependencies } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };

async function recordStorage(environment: Environment, preview = true): Promise<{ recording: Recording }> {
  const recording = await record(
    () => {
      const cluster = new AksCluster("c", {
        environment,
        location: "westeurope",
        nodePools: [{ name: "data", zones: ["1", "2", "3"] }],
        authorizedIpRanges: ["203.0.113.0/24"],
      });
      new AzureStorage("s", {
        cluster,
        environment,
        namespace: "data",
        disks: [{ name: "db", size: "128Gi", sku: "Premium_LRS", zone: "2" }],
        shares: [{ name: "shared", size: "100Gi" }],
      });
    },
    { ...options, preview },
  );
  return { recording };
}

describe("Azure storage", () => {
  describe("storage classes", () => {
    it("offers a Premium ZRS disk class and a ZRS file class that retain data in prod", async () => {
      const { recording } = await recordStorage("prod");
      const disk = named(recording, "s-classes-disk");
      assert.equal(input(disk, "metadata.name"), "azure-disk-data");
      assert.equal(input(disk, "provisioner"), "disk.csi.azure.com");
      assert.equal(input(disk, "parameters.skuName"), "Premium_ZRS");
      assert.equal(input(disk, "reclaimPolicy"), "Retain");
      assert.equal(input(disk, "volumeBindingMode"), "WaitForFirstConsumer");
      assert.equal(input(disk, "allowVolumeExpansion"), true);
      const files = named(recording, "s-classes-files");
      assert.equal(input(files, "metadata.name"), "azure-files-data");
      assert.equal(input(files, "provisioner"), "file.csi.azure.com");
      assert.equal(input(files, "parameters.skuName"), "Standard_ZRS");
      assert.equal(input(files, "reclaimPolicy"), "Retain");
      const snapshots = named(recording, "s-classes-snapshots");
      assert.equal(input(snapshots, "driver"), "disk.csi.azure.com");
      assert.equal(input(snapshots, "deletionPolicy"), "Retain");
    });

    it("uses locally redundant SKUs and Delete reclaim in dev", async () => {
      const { recording } = await recordStorage("dev");
      assert.equal(input(named(recording, "s-classes-disk"), "parameters.skuName"), "Premium_LRS");
      assert.equal(input(named(recording, "s-classes-disk"), "reclaimPolicy"), "Delete");
      assert.equal(input(named(recording, "s-classes-files"), "parameters.skuName"), "Standard_LRS");
    });

    it("creates every Kubernetes object on the cluster's provider", async () => {
      const { recording } = await recordStorage("prod");
      const provider = named(recording, "c-provider").urn;
      const kube = recording.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
      assert.ok(kube.length >= 7);
      for (const r of kube) assert.equal(r.provider, provider, `${r.name} uses the cluster's provider`);
    });
  });

  describe("managed disks", () => {
    it("creates the disk in the resource group, encrypted, private, in its zone, without waiting for the cluster", async () => {
      const { recording } = await recordStorage("prod");
      const disk = named(recording, "s-db-disk", "azure-native:compute:Disk");
      assert.equal(input(disk, "diskSizeGB"), 128);
      assert.equal(input(disk, "sku.name"), "Premium_LRS");
      assert.deepEqual(input(disk, "zones"), ["2"]);
      assert.equal(input(disk, "encryption.type"), "EncryptionAtRestWithPlatformKey");
      assert.equal(input(disk, "networkAccessPolicy"), "DenyAll");
      assert.equal(disk.protect, true, "protected in prod");
      const waits = transitiveDependencies(recording, disk);
      assert.ok(waits.has(named(recording, "c-rg").urn));
      assert.ok(!waits.has(named(recording, "c-aks").urn), "the disk is created in parallel with the cluster");
    });

    it("lets the cluster identity attach the disk, then offers it as a zone-pinned volume and a bound, retained claim", async () => {
      const { recording } = await recordStorage("prod");
      const disk = named(recording, "s-db-disk");
      const role = named(recording, "s-db-attach", "azure-native:authorization:RoleAssignment");
      assert.deepEqual(role.propertyDependencies["scope"], [disk.urn]);
      assert.deepEqual(role.propertyDependencies["principalId"], [named(recording, "c-aks").urn]);
      assert.equal(input(role, "principalType"), "ServicePrincipal");
      const pv = named(recording, "s-db-pv", "kubernetes:core/v1:PersistentVolume");
      assert.equal(input(pv, "spec.csi.driver"), "disk.csi.azure.com");
      assert.deepEqual(pv.propertyDependencies["spec"], [disk.urn]);
      assert.ok(pv.dependencies.includes(role.urn), "the volume waits for the right to attach");
      assert.equal(input(pv, "spec.persistentVolumeReclaimPolicy"), "Retain");
      assert.deepEqual(input(pv, "spec.nodeAffinity.required.nodeSelectorTerms.0.matchExpressions.0.values"), [
        "westeurope-2",
      ]);
      assert.equal(pv.retainOnDelete, true);
      const pvc = named(recording, "s-db-pvc", "kubernetes:core/v1:PersistentVolumeClaim");
      assert.equal(input(pvc, "metadata.name"), "db");
      assert.equal(input(pvc, "metadata.namespace"), "data");
      assert.ok(pvc.dependencies.includes(pv.urn));
      assert.equal(pvc.retainOnDelete, true);
    });

    it("pre-binds the disk's and the share's volumes to their claims by claimRef, as the static EBS and EFS volumes are", async () => {
      const { recording } = await recordStorage("prod");
      const pv = named(recording, "s-db-pv", "kubernetes:core/v1:PersistentVolume");
      assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: "db" });
      const sharePv = named(recording, "s-shared-pv", "kubernetes:core/v1:PersistentVolume");
      assert.deepEqual(input(sharePv, "spec.claimRef"), { namespace: "data", name: "shared" });
    });

    it("names the claim as asked, so a StatefulSet replica can adopt the disk as its data volume", async () => {
      const recording = await record(() => {
        const cluster = new AksCluster("c", {
          environment: "prod",
          location: "westeurope",
          nodePools: [{ name: "d" }],
          privateCluster: true,
        });
        new AzureStorage("s", {
          cluster,
          environment: "prod",
          namespace: "data",
          disks: [{ name: "db", size: "128Gi", sku: "Premium_ZRS" }],
          claimNames: { db: "data-orders-0" },
        });
      }, options);
      const pvc = named(recording, "s-db-pvc", "kubernetes:core/v1:PersistentVolumeClaim");
      assert.equal(input(pvc, "metadata.name"), "data-orders-0");
      const pv = named(recording, "s-db-pv", "kubernetes:core/v1:PersistentVolume");
      assert.deepEqual(input(pv, "spec.claimRef"), { namespace: "data", name: "data-orders-0" });
      assert.equal(input(pv, "spec.nodeAffinity"), undefined, "a zone-redundant disk attaches in every zone");
    });

    it("leaves the disk unprotected and volumes not retained in dev", async () => {
      const { recording } = await recordStorage("dev");
      assert.equal(named(recording, "s-db-disk").protect, false);
      assert.equal(named(recording, "s-db-pvc").retainOnDelete, false);
    });

    it("grants the built-in Contributor role in the disk's own subscription", () => {
      assert.equal(
        roleDefinitionIdFor("/subscriptions/1234/resourceGroups/rg/providers/Microsoft.Compute/disks/d", "abc"),
        "/subscriptions/1234/providers/Microsoft.Authorization/roleDefinitions/abc",
      );
    });

    it("sizes the disk in whole GiB from its size quantity", async () => {
      const recording = await record(() => {
        const cluster = new AksCluster("c", { environment: "dev", location: "westeurope", nodePools: [{ name: "d" }] });
        new AzureStorage("s", { cluster, environment: "dev", namespace: "data", disks: [{ name: "db", size: "1Ti" }] });
      }, options);
      assert.equal(input(named(recording, "s-db-disk"), "diskSizeGB"), 1024);
      assert.equal(input(named(recording, "s-db-pv"), "spec.capacity.storage"), "1Ti");
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
  });

  describe("Azure Files", () => {
    it("creates a hardened, protected storage account and share in parallel with the cluster", async () => {
      const { recording } = await recordStorage("prod");
      const account = named(recording, "s-shared-account", "azure-native:storage:StorageAccount");
      assert.equal(input(account, "enableHttpsTrafficOnly"), true);
      assert.equal(input(account, "minimumTlsVersion"), "TLS1_2");
      assert.equal(input(account, "allowBlobPublicAccess"), false);
      assert.equal(input(account, "sku.name"), "Standard_ZRS");
      assert.equal(input(account, "encryption.services.file.enabled"), true);
      assert.match(String(input(account, "accountName")), /^stshared[0-9a-f]{8}$/);
      const share = named(recording, "s-shared-share", "azure-native:storage:FileShare");
      assert.equal(input(share, "shareName"), "shared");
      assert.equal(input(share, "shareQuota"), 100);
      assert.equal(account.protect, true);
      assert.equal(share.protect, true);
      for (const r of [account, share]) {
        assert.ok(!transitiveDependencies(recording, r).has(named(recording, "c-aks").urn), `${r.name} does not wait`);
      }
    });

    it("keeps the account key secret in the CSI secret and offers the share as a ReadWriteMany volume and retained claim", async () => {
      const { recording } = await recordStorage("prod", false);
      const secret = named(recording, "s-shared-credentials", "kubernetes:core/v1:Secret");
      assert.equal(secret.inputs["stringData"], SECRET);
      assert.ok(
        !JSON.stringify(recording).includes(Buffer.from("offline-fake-storage-account-key").toString("base64")),
      );
      const pv = named(recording, "s-shared-pv");
      assert.equal(input(pv, "spec.csi.driver"), "file.csi.azure.com");
      assert.deepEqual(input(pv, "spec.accessModes"), ["ReadWriteMany"]);
      assert.ok(pv.dependencies.includes(named(recording, "s-shared-share").urn));
      assert.ok(pv.dependencies.includes(secret.urn));
      const pvc = named(recording, "s-shared-pvc");
      assert.equal(input(pvc, "metadata.name"), "shared");
      assert.deepEqual(input(pvc, "spec.accessModes"), ["ReadWriteMany"]);
      assert.equal(pvc.retainOnDelete, true);
      assert.equal(pv.retainOnDelete, true);
    });

    it("groups every piece under its component and names the account from the share and the stack", async () => {
      const { recording } = await recordStorage("dev");
      const component = named(recording, "s-shared", "stateful-stack:index:AzureFileShare");
      for (const r of ofType(recording, "azure-native:storage:FileShare"))
        assert.ok(isDescendant(recording, r, component.urn));
      assert.notEqual(storageAccountNameFor("shared", "p/dev/s"), storageAccountNameFor("shared", "p/prod/s"));
      assert.match(storageAccountNameFor("a-very-long-share-name-indeed", "x"), /^[a-z0-9]{3,24}$/);
    });

    it("sizes the share's quota in whole GiB from its size quantity", async () => {
      const recording = await record(() => {
        const cluster = new AksCluster("c", { environment: "dev", location: "westeurope", nodePools: [{ name: "d" }] });
        new AzureStorage("s", {
          cluster,
          environment: "dev",
          namespace: "data",
          shares: [{ name: "files", size: "2Ti" }],
        });
      }, options);
      assert.equal(input(named(recording, "s-files-share"), "shareQuota"), 2048);
    });
  });

  it("exposes each static volume's claim by name and waits for classes and claims", async () => {
    let storage: AzureStorage | undefined;
    await record(
      () => {
        const cluster = new AksCluster("c", {
          environment: "dev",
          location: "westeurope",
          nodePools: [{ name: "data" }],
        });
        storage = new AzureStorage("s", {
          cluster,
          environment: "dev",
          namespace: "data",
          existingClasses: ["managed-csi"],
          disks: [{ name: "db", size: "8Gi" }],
          shares: [{ name: "shared", size: "8Gi" }],
        });
      },
      { ...options, preview: false },
    );
    assert.deepEqual(Object.keys(storage!.claims), ["db", "shared"]);
    assert.equal(await new Promise((resolve) => storage!.claims["shared"]!.apply(resolve)), "shared");
    assert.deepEqual(storage!.classes, ["managed-csi", "azure-disk-data", "azure-files-data"]);
    assert.equal(storage!.readiness.length, 4);
    assert.ok(pulumi.Resource.isInstance(storage!.readiness[0]));
  });

  describe("the check of the storage arguments", () => {
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
        [
          [
            "disks[0].zone",
            "1",
            "a Premium_ZRS disk is zone-redundant and takes no zone; remove zone or use an LRS sku",
          ],
        ],
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
        [
          [
            "shares[0].size",
            "101Ti",
            'expected a size in whole GiB from 1Gi to 102400Gi such as "100Gi" (share quota)',
          ],
        ],
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
        [["shares[0].name", "data", "disk and share names must be unique"]],
      ],
      [
        "two disks of one name",
        { disks: [disk, disk] },
        [["disks[1].name", "db", "disk and share names must be unique"]],
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
  });
});
