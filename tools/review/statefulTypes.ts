/**
 * Which resources hold data, and which input changes make the cloud or Kubernetes replace a resource
 * instead of updating it in place. Each entry names its source. A replacement of a data-holding
 * resource is a deletion of its data. Which types hold data is `policy/dataTypes.ts`, which the policy
 * pack reads too.
 */
import { DATA_CHARTS, DATA_CUSTOM_RESOURCES, dataTypeName } from "../../policy/dataTypes.ts";

/** Input paths whose change forces a replacement, for one resource type, with where that is documented. */
export interface ReplaceRule {
  /** Dotted input paths (a change at or below a path counts). */
  paths: string[];
  source: string;
}

/** What the review knows about one resource type. */
export interface TypeRule {
  /** Human name used in the warning. */
  what: string;
  /** True when deleting or replacing the resource deletes data. */
  holdsData: boolean;
  replace?: ReplaceRule;
}

/** The name of a type of the one data-holding list, and that it holds data. */
function holdsData(type: string): Pick<TypeRule, "what" | "holdsData"> {
  const what = dataTypeName(type);
  if (what === undefined) throw new Error(`${type} is not in policy/dataTypes.ts`);
  return { what, holdsData: true };
}

const K8S_IMMUTABLE_NAME: ReplaceRule = {
  paths: ["apiVersion", "kind", "metadata.name", "metadata.namespace"],
  source:
    "Kubernetes API conventions: an object's name and namespace are its identity and cannot change (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/); Pulumi replaces the object",
};

/** Rules by Pulumi type token. Custom resources are matched by {@link ruleFor} on their kind. */
export const TYPE_RULES: Readonly<Record<string, TypeRule>> = {
  "kubernetes:apps/v1:StatefulSet": {
    ...holdsData("kubernetes:apps/v1:StatefulSet"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.volumeClaimTemplates",
        "spec.selector",
        "spec.serviceName",
        "spec.podManagementPolicy",
      ],
      source:
        "Kubernetes apps/v1 validation: updates to a StatefulSet spec other than replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds are forbidden (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations); Pulumi replaces the StatefulSet",
    },
  },
  "kubernetes:core/v1:PersistentVolumeClaim": {
    ...holdsData("kubernetes:core/v1:PersistentVolumeClaim"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.accessModes",
        "spec.storageClassName",
        "spec.volumeName",
        "spec.volumeMode",
        "spec.selector",
        "spec.dataSource",
        "spec.dataSourceRef",
      ],
      source:
        "Kubernetes core/v1: a claim's spec is immutable after creation except resources.requests (expansion) (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims)",
    },
  },
  "kubernetes:core/v1:PersistentVolume": {
    ...holdsData("kubernetes:core/v1:PersistentVolume"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.csi",
        "spec.azureFile",
        "spec.awsElasticBlockStore",
        "spec.nfs",
        "spec.volumeMode",
        "spec.storageClassName",
        "spec.nodeAffinity",
      ],
      source:
        "Kubernetes core/v1: a volume's source is immutable once created; spec.nodeAffinity is immutable (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#node-affinity)",
    },
  },
  "kubernetes:core/v1:Namespace": {
    ...holdsData("kubernetes:core/v1:Namespace"),
    replace: K8S_IMMUTABLE_NAME,
  },
  "azure-native:compute:Disk": {
    ...holdsData("azure-native:compute:Disk"),
    replace: {
      paths: ["diskName", "resourceGroupName", "location", "zones", "creationData", "extendedLocation"],
      source:
        "Azure Resource Manager: name, resource group and location form the disk's id; a disk's zone and creation source cannot change (https://learn.microsoft.com/azure/virtual-machines/disks-types); pulumi-azure-native marks them replace-on-change",
    },
  },
  "azure-native:storage:StorageAccount": {
    ...holdsData("azure-native:storage:StorageAccount"),
    replace: {
      paths: ["accountName", "resourceGroupName", "location", "extendedLocation", "isHnsEnabled"],
      source:
        "Azure Resource Manager: name, resource group and location form the account's id; hierarchical namespace cannot be turned off (https://learn.microsoft.com/azure/storage/common/storage-account-overview)",
    },
  },
  "azure-native:storage:FileShare": {
    ...holdsData("azure-native:storage:FileShare"),
    replace: {
      paths: ["shareName", "accountName", "resourceGroupName", "enabledProtocols"],
      source:
        "Azure Files: a share's name is its id and its protocol (SMB or NFS) is set at creation (https://learn.microsoft.com/azure/storage/files/storage-files-planning)",
    },
  },
  "aws:ebs/volume:Volume": {
    ...holdsData("aws:ebs/volume:Volume"),
    replace: {
      paths: ["availabilityZone", "encrypted", "kmsKeyId", "snapshotId", "outpostArn"],
      source:
        "AWS provider: availability_zone, encrypted, kms_key_id, snapshot_id and outpost_arn force a new volume (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume)",
    },
  },
  "aws:efs/fileSystem:FileSystem": {
    ...holdsData("aws:efs/fileSystem:FileSystem"),
    replace: {
      paths: ["availabilityZoneName", "creationToken", "encrypted", "kmsKeyId", "performanceMode"],
      source:
        "AWS provider: availability_zone_name, creation_token, encrypted, kms_key_id and performance_mode force a new file system (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system)",
    },
  },
  "aws:efs/accessPoint:AccessPoint": {
    what: "EFS access point",
    holdsData: false,
    replace: {
      paths: ["fileSystemId", "posixUser", "rootDirectory"],
      source: "AWS provider: every argument of aws_efs_access_point except tags forces a new access point",
    },
  },
};

/**
 * The rule for a resource: by type token, else by custom-resource kind, else for a Helm release by
 * chart. `undefined` when the type holds no data and has no known replacement triggers.
 */
export function ruleFor(type: string, inputs?: Record<string, unknown>): TypeRule | undefined {
  const known = TYPE_RULES[type];
  if (known) return known;
  const kind = /^kubernetes:[^:]+:([A-Za-z]+)$/.exec(type)?.[1];
  if (kind && kind in DATA_CUSTOM_RESOURCES) {
    return { what: DATA_CUSTOM_RESOURCES[kind] as string, holdsData: true, replace: K8S_IMMUTABLE_NAME };
  }
  if (type === "kubernetes:helm.sh/v3:Release" || type === "kubernetes:helm.sh/v4:Chart") {
    const chart = inputs?.["chart"];
    if (typeof chart === "string" && chart.split("/").pop()! in DATA_CHARTS) {
      return {
        what: DATA_CHARTS[chart.split("/").pop()!] as string,
        holdsData: true,
        replace: {
          paths: ["name", "namespace", "chart"],
          source:
            "Helm: a release's name and namespace are its identity; Pulumi replaces the release, and the chart's resources are deleted with it",
        },
      };
    }
  }
  if (
    type.startsWith("kubernetes:") &&
    !type.startsWith("kubernetes:helm.sh/") &&
    !type.startsWith("kubernetes:yaml/")
  ) {
    return { what: type.split(":").pop() ?? type, holdsData: false, replace: K8S_IMMUTABLE_NAME };
  }
  return undefined;
}
