/**
 * Which resources hold data, and which input changes make the cloud or Kubernetes replace a resource
 * instead of updating it in place. Each entry names its source. A replacement of a data-holding
 * resource is a deletion of its data. Which types hold data is `policy/dataTypes.ts`, which the policy
 * pack reads too.
 */
import { DATA_CHARTS, DATA_CUSTOM_RESOURCES, dataTypeName } from "../../policy/dataTypes.ts";
import { BACKUP_RULES } from "./backupRules.ts";
import { CLOUD_RULES } from "./cloudRules.ts";

/** Input paths whose change forces a replacement, for one resource type, with where that is documented. */
export interface ReplaceRule {
  /** Dotted input paths (a change at or below a path counts); empty when no input forces a replacement. */
  paths: string[];
  source: string;
  /**
   * Paths that force a replacement only in some states (a Terraform `ForceNew` decided by a
   * `CustomizeDiff`, say): given the base and head inputs, the extra trigger paths.
   */
  conditional?: (base: Record<string, unknown>, head: Record<string, unknown>) => string[];
}

/** What the review knows about one resource type. */
export interface TypeRule {
  /** Human name used in the warning. */
  what: string;
  /** True when deleting or replacing the resource deletes data. */
  holdsData: boolean;
  /**
   * True for a container of data-holding resources (a cluster, a resource group): it holds no data
   * itself, but replacing or deleting it deletes everything inside, so the review treats it as data.
   */
  containsData?: true;
  replace?: ReplaceRule;
}

/** True when deleting or replacing a resource of the rule deletes data: it holds or contains data. */
export function destroysData(rule: TypeRule | undefined): rule is TypeRule {
  return rule !== undefined && (rule.holdsData || rule.containsData === true);
}

/** The name of a type of the one data-holding list, and that it holds data. */
function holdsData(type: string): Pick<TypeRule, "what" | "holdsData"> {
  const what = dataTypeName(type);
  if (what === undefined) throw new Error(`${type} is not in policy/dataTypes.ts`);
  return { what, holdsData: true };
}

/**
 * The provider's table of fields that force a replacement, read at v4.32.0: the newest readable copy
 * (the repository's July 2026 main is still 4.32.0 plus unreleased changes, and this file is the same
 * there); the pinned @pulumi/kubernetes 4.34.2 is newer than any copy that could be read.
 */
const K8S_DIFF = "pulumi/pulumi-kubernetes@v4.32.0:provider/pkg/provider/diff.go `forceNewProperties`";

const K8S_IMMUTABLE_NAME: ReplaceRule = {
  paths: ["apiVersion", "kind", "metadata.name", "metadata.namespace"],
  source: `Kubernetes API conventions: an object's name and namespace are its identity and cannot change (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/); ${K8S_DIFF} replaces the object when metadata.name or metadata.namespace changes`,
};

/** A Kubernetes kind that holds no data, with the fields `forceNewProperties` lists for it. */
function k8sRule(what: string, paths: string[], fields: string): TypeRule {
  return {
    what,
    holdsData: false,
    replace: {
      paths: [...K8S_IMMUTABLE_NAME.paths, ...paths],
      source: `${K8S_DIFF}: ${fields}, and the name and namespace`,
    },
  };
}

/** Rules by Pulumi type token. Custom resources are matched by {@link ruleFor} on their kind. */
export const TYPE_RULES: Readonly<Record<string, TypeRule>> = {
  ...CLOUD_RULES,
  ...BACKUP_RULES,
  "kubernetes:postgresql.cnpg.io/v1:Cluster": {
    ...holdsData("kubernetes:postgresql.cnpg.io/v1:Cluster"),
    replace: K8S_IMMUTABLE_NAME,
  },
  "kubernetes:olm.operatorframework.io/v1:ClusterExtension": {
    what: "OLM v1 ClusterExtension (the operator it installed is uninstalled and installed again)",
    holdsData: false,
    replace: {
      paths: [...K8S_IMMUTABLE_NAME.paths, "spec.namespace"],
      source:
        "operator-framework/operator-controller@v1.11.0:api/v1/clusterextension_types.go ClusterExtensionSpec.Namespace (`self == oldSelf`): the program gives the extension replaceOnChanges spec.namespace with deleteBeforeReplace, and the name and namespace",
    },
  },
  "kubernetes:storage.k8s.io/v1:StorageClass": k8sRule(
    "StorageClass",
    ["provisioner", "parameters"],
    "a StorageClass's provisioner and parameters",
  ),
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": k8sRule("RoleBinding", ["roleRef"], "a binding's roleRef"),
  "kubernetes:core/v1:Service": k8sRule("Service", ["spec.clusterIP"], "a Service's spec.clusterIP"),
  "kubernetes:core/v1:Secret": k8sRule(
    "Secret",
    ["type", "data", "stringData"],
    "a Secret's type, and its data and stringData unless the provider sets enableSecretMutable (this program does not)",
  ),
  "kubernetes:policy/v1:PodDisruptionBudget": k8sRule(
    "PodDisruptionBudget",
    [],
    "nothing for policy/v1 (the table lists spec only for policy/v1beta1)",
  ),
  "kubernetes:yaml/v2:ConfigFile": {
    what: "YAML manifests",
    holdsData: false,
    replace: {
      paths: [],
      source:
        "pulumi/pulumi-kubernetes yaml/v2 ConfigFile is a component the provider expands at deployment: it is never replaced itself, and the objects it creates are diffed then (they are not in the plan)",
    },
  },
  "kubernetes:apps/v1:StatefulSet": {
    ...holdsData("kubernetes:apps/v1:StatefulSet"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.podManagementPolicy",
        "spec.revisionHistoryLimit",
        "spec.selector",
        "spec.serviceName",
        "spec.volumeClaimTemplates",
      ],
      source: `${K8S_DIFF}: a StatefulSet's podManagementPolicy, revisionHistoryLimit, selector, serviceName and volumeClaimTemplates (the spec fields Kubernetes forbids updating), and the name and namespace`,
    },
  },
  "kubernetes:core/v1:PersistentVolumeClaim": {
    ...holdsData("kubernetes:core/v1:PersistentVolumeClaim"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.accessModes",
        "spec.selector",
        "spec.storageClassName",
        "spec.volumeName",
      ],
      source: `${K8S_DIFF}: a claim's accessModes, selector, storageClassName and volumeName, and the name and namespace (its other immutable fields are updated, and refused: tools/review/updateRules.ts)`,
    },
  },
  "kubernetes:core/v1:PersistentVolume": {
    ...holdsData("kubernetes:core/v1:PersistentVolume"),
    replace: {
      paths: [
        ...K8S_IMMUTABLE_NAME.paths,
        "spec.csi",
        "spec.azureFile",
        "spec.azureDisk",
        "spec.awsElasticBlockStore",
        "spec.nfs",
        "spec.local",
        "spec.hostPath",
      ],
      source: `${K8S_DIFF}: a volume's source (csi, azureFile, azureDisk, awsElasticBlockStore, nfs, local, hostPath and the other in-tree sources), and the name (its volumeMode and nodeAffinity are updated, and refused: tools/review/updateRules.ts)`,
    },
  },
  "kubernetes:core/v1:Namespace": {
    ...holdsData("kubernetes:core/v1:Namespace"),
    replace: K8S_IMMUTABLE_NAME,
  },
  "azure-native:compute:Disk": {
    ...holdsData("azure-native:compute:Disk"),
    replace: {
      paths: ["diskName", "resourceGroupName"],
      source:
        "pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go (a stored copy; the 3.28.0 tag could not be read) forceNewMap has no Compute entry, and the Disk spec it generates from (Azure/azure-rest-api-specs@99d32dba25b3:specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2024-03-02/disk.json, the API version @pulumi/azure-native 3.28.0's compute.Disk uses) marks no property create-only (x-ms-mutability): only the disk's name and resource group (path parameters) force a replacement. Its location, zones, creationData and extendedLocation are sent as an update, which Azure refuses (the spec: creationData and extendedLocation \"cannot be changed\")",
    },
  },
  "azure-native:storage:StorageAccount": {
    ...holdsData("azure-native:storage:StorageAccount"),
    replace: {
      paths: ["accountName", "resourceGroupName", "location", "isHnsEnabled"],
      source:
        "pulumi/pulumi-azure-native@1b7112af33c6:provider/pkg/gen/replacement.go forceNewMap Storage/StorageAccount: isHnsEnabled and location (a stored copy; the 3.28.0 tag could not be read); Azure/azure-rest-api-specs@5a2abff0f2e6:specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/storage.json marks no top-level property of StorageAccountCreateParameters create-only (extendedLocation is an update Azure refuses); the account's name and resource group are path parameters",
    },
  },
  "azure-native:storage:FileShare": {
    ...holdsData("azure-native:storage:FileShare"),
    replace: {
      paths: ["shareName", "accountName", "resourceGroupName", "enabledProtocols"],
      source:
        "Azure/azure-rest-api-specs@4c95bb2873f0:specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/file.json: FileShareProperties.enabledProtocols is x-ms-mutability [create, read], which pulumi/pulumi-azure-native provider/pkg/gen/properties.go `forceNew` turns into a replacement; the share's, account's and resource group's names are path parameters",
    },
  },
  "aws:ebs/volume:Volume": {
    ...holdsData("aws:ebs/volume:Volume"),
    replace: {
      paths: ["availabilityZone", "encrypted", "kmsKeyId", "multiAttachEnabled", "snapshotId", "outpostArn"],
      source:
        "hashicorp/terraform-provider-aws@0073593e7d69:internal/service/ec2/ebs_volume.go (a stored copy; the tag pulumi-aws 7.48.0 builds could not be read): availability_zone, encrypted, kms_key_id, multi_attach_enabled, outpost_arn and snapshot_id are ForceNew; size, type, iops and throughput are modified in place (ModifyVolume)",
    },
  },
  "aws:efs/fileSystem:FileSystem": {
    ...holdsData("aws:efs/fileSystem:FileSystem"),
    replace: {
      paths: ["availabilityZoneName", "creationToken", "encrypted", "kmsKeyId", "performanceMode"],
      source:
        "hashicorp/terraform-provider-aws@0389f4671dd9:internal/service/efs/file_system.go (a stored copy; the tag pulumi-aws 7.48.0 builds could not be read): availability_zone_name, creation_token, encrypted, kms_key_id and performance_mode are ForceNew; throughput_mode and provisioned_throughput_in_mibps are updated in place (UpdateFileSystem)",
    },
  },
  "aws:efs/accessPoint:AccessPoint": {
    what: "EFS access point",
    holdsData: false,
    replace: {
      paths: ["fileSystemId", "posixUser", "rootDirectory"],
      source:
        "hashicorp/terraform-provider-aws@01606926a0c0:internal/service/efs/access_point.go (a stored copy; the tag pulumi-aws 7.48.0 builds could not be read): file_system_id, posix_user and root_directory (and every field in them) are ForceNew; the update changes tags only",
    },
  },
};

/**
 * The rule for a resource: by type token, else by custom-resource kind, else for a Helm release by
 * chart. `undefined` for a type the review has no rule for (the review-rules test fails on one the
 * program creates).
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
    const name = typeof chart === "string" ? chart.split("/").pop()! : "";
    const replace: ReplaceRule = {
      paths: ["name", "namespace", "chart"],
      source:
        "Helm: a release's name and namespace are its identity; Pulumi replaces the release, and the chart's resources are deleted with it",
    };
    if (name in DATA_CHARTS) return { what: DATA_CHARTS[name] as string, holdsData: true, replace };
    return { what: `Helm release ${name}`.trim(), holdsData: false, replace };
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
