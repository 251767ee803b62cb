/**
 * Azure storage: storage classes, static managed disks and Azure file shares on an AKS cluster.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "../components/azure.ts";
import type { Environment } from "../components/options.ts";
import { AzureStorage } from "../components/storage/azure/storage.ts";
import { roleDefinitionIdFor } from "../components/storage/azure/managedDisk.ts";
import { storageAccountNameFor } from "../components/storage/azure/fileShare.ts";
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

  it("exposes each static volume's claim by name, and what each class and each claim needs", async () => {
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
    assert.deepEqual(
      Object.fromEntries(Object.entries(storage!.classReadiness).map(([name, needs]) => [name, needs.length])),
      { "azure-disk-data": 1, "azure-files-data": 1 },
      "an existing class (managed-csi) is ready with the cluster",
    );
    assert.equal(storage!.classReadiness["azure-disk-data"]![0], storage!.storageClasses.disk);
    assert.equal(storage!.classReadiness["azure-files-data"]![0], storage!.storageClasses.files);
    assert.deepEqual(Object.keys(storage!.claimReadiness), ["db", "shared"]);
    assert.equal(storage!.claimReadiness["db"]![0], storage!.disks["db"]!.claim);
    assert.equal(storage!.claimReadiness["shared"]![0], storage!.shares["shared"]!.claim);
    assert.ok(pulumi.Resource.isInstance(storage!.claimReadiness["db"]![0]));
  });
});
