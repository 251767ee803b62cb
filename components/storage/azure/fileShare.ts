import { FileShare } from "@pulumi/azure-native/storage/fileShare.js";
import { listStorageAccountKeysOutput } from "@pulumi/azure-native/storage/listStorageAccountKeys.js";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount.js";
import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { Secret } from "@pulumi/kubernetes/core/v1/secret.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../cluster/handle.ts";
import type { Environment } from "../../options.ts";
import { staticVolume, staticVolumeLabels } from "../staticVolume.ts";
import { SMB_MOUNT_OPTIONS } from "./classes.ts";
import { AZURE_FILE_DRIVER } from "./driverParameters.ts";
import type { AzureShareSpec } from "./spec.ts";
import { refuse } from "../../problems.ts";
import { previousResourceName, renameAlias, withRenameAlias } from "../../renames.ts";
import { sizeInGib } from "../../rules.ts";
import { azureShareProblems } from "./validation.ts";

/** Arguments of {@link AzureFileShare}. */
export interface AzureFileShareArgs extends AzureShareSpec {
  /** The AKS cluster: its resource group, region and Kubernetes provider. */
  cluster: ClusterHandle;
  /** `prod`: zone-redundant account; account and share protected, volume and claim retained. */
  environment: Environment;
  /** Namespace of the claim and of the CSI driver's secret. */
  namespace: pulumi.Input<string>;
}

/**
 * A storage account name for a share: "st" + the share name's letters and digits + 8 hex digits of
 * a hash of `scope` (project, stack, component), so two stacks never ask for the same global name.
 */
export function storageAccountNameFor(shareName: string, scope: string): string {
  const base = shareName.replace(/[^a-z0-9]/g, "").slice(0, 14);
  const hash = createHash("sha256").update(scope).digest("hex").slice(0, 8);
  return `st${base}${hash}`;
}

/**
 * An Azure file share (SMB) offered to Kubernetes as a ReadWriteMany volume: a storage account
 * (HTTPS only, TLS 1.2 minimum, no public blob access, encrypted), the share with its quota, the
 * CSI driver's secret built from the account key (kept secret), a PersistentVolume and a claim
 * bound to it. Account and share need only the resource group, so they are created in parallel
 * with the cluster. In prod the account and share are protected, the volume and claim retained.
 *
 * @example
 * ```ts
 * new AzureFileShare("shared", { name: "shared", size: "100Gi", cluster, environment: "prod", namespace: "data" });
 * ```
 */
export class AzureFileShare extends pulumi.ComponentResource {
  /** The storage account holding the share. */
  readonly account: StorageAccount;
  /** The file share. */
  readonly share: FileShare;
  /** The CSI driver's secret (account name and key). */
  readonly secret: k8s.core.v1.Secret;
  /** The ReadWriteMany PersistentVolume. */
  readonly volume: k8s.core.v1.PersistentVolume;
  /** The claim bound to the volume. */
  readonly claim: k8s.core.v1.PersistentVolumeClaim;
  /** Name of the claim. */
  readonly claimName: pulumi.Output<string>;

  constructor(name: string, args: AzureFileShareArgs, opts?: pulumi.ComponentResourceOptions) {
    // A renamed share keeps its share, account and claim names, all derived from its previous name.
    const previous = previousResourceName(name, args);
    const named = args.renamedFrom ?? args.name;
    super("stateful-stack:index:AzureFileShare", name, {}, withRenameAlias(opts, previous));
    refuse(`AzureFileShare "${name}"`, azureShareProblems(args));
    const azure = args.cluster.azure;
    if (!azure) throw new Error(`AzureFileShare "${args.name}" needs an AKS cluster (cluster.azure is not set)`);
    const prod = args.environment === "prod";
    const resourceGroupName = azure.resourceGroupName;

    this.account = new StorageAccount(
      `${name}-account`,
      {
        resourceGroupName,
        location: azure.location,
        accountName:
          args.accountName ??
          storageAccountNameFor(named, `${pulumi.getProject()}/${pulumi.getStack()}/${previous ?? name}`),
        kind: "StorageV2",
        sku: { name: prod ? "Standard_ZRS" : "Standard_LRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        largeFileSharesState: "Enabled",
        encryption: {
          keySource: "Microsoft.Storage",
          services: { file: { enabled: true, keyType: "Account" }, blob: { enabled: true, keyType: "Account" } },
        },
      },
      { parent: this, protect: prod, ...renameAlias(previous, "-account") },
    );

    this.share = new FileShare(
      `${name}-share`,
      {
        resourceGroupName,
        accountName: this.account.name,
        shareName: named,
        shareQuota: sizeInGib(args.size),
        enabledProtocols: "SMB",
      },
      { parent: this, protect: prod, ...renameAlias(previous, "-share") },
    );

    const keys = listStorageAccountKeysOutput({ resourceGroupName, accountName: this.account.name }, { parent: this });
    const accountKey = pulumi.secret(
      keys.apply((result) => {
        const value = result.keys[0]?.value;
        if (!value) throw new Error(`storage account of share "${args.name}" returned no key`);
        return value;
      }),
    );

    this.secret = new Secret(
      `${name}-credentials`,
      {
        metadata: { namespace: args.namespace, labels: staticVolumeLabels(args.name) },
        type: "Opaque",
        stringData: { azurestorageaccountname: this.account.name, azurestorageaccountkey: accountKey },
      },
      { parent: this, provider: args.cluster.provider, ...renameAlias(previous, "-credentials") },
    );

    const bound = staticVolume(
      name,
      {
        volume: args.name,
        environment: args.environment,
        provider: args.cluster.provider,
        namespace: args.namespace,
        claimName: named,
        previousName: previous,
        accessMode: "ReadWriteMany",
        size: args.size,
        mountOptions: SMB_MOUNT_OPTIONS,
        // Static provisioning of an SMB share: storageAccount and shareName attributes and the
        // account-key secret are required; the handle is in the driver's own `rg#account#share`
        // form, so the volume can be resized (kubernetes-sigs/azurefile-csi-driver@v1.35.7:
        // docs/driver-parameters.md "Static Provision", deploy/example/pv-azurefile-csi.yaml).
        csi: {
          driver: AZURE_FILE_DRIVER,
          volumeHandle: pulumi.interpolate`${resourceGroupName}#${this.account.name}#${this.share.name}`,
          volumeAttributes: {
            resourceGroup: resourceGroupName,
            storageAccount: this.account.name,
            shareName: this.share.name,
          },
          nodeStageSecretRef: { name: this.secret.metadata.name, namespace: this.secret.metadata.namespace },
        },
      },
      { parent: this, dependsOn: [this.share, this.secret] },
    );
    this.volume = bound.volume;
    this.claim = bound.claim;
    this.claimName = this.claim.metadata.name;
    this.registerOutputs({ accountName: this.account.name, claimName: this.claimName });
  }
}
