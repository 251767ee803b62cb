/**
 * Data at rest: encrypted, protected in production, retained on delete, retained by storage classes.
 */
import { CLOUD_DATA_TYPES } from "../dataTypes.ts";
import { isProduction, prop, UNKNOWN, type CheckedResource, type StackPolicy } from "../model.ts";

/** CSI provisioners whose classes hold data. */
export const DATA_PROVISIONERS = [
  "disk.csi.azure.com",
  "file.csi.azure.com",
  "ebs.csi.aws.com",
  "efs.csi.aws.com",
  "rook-ceph.rbd.csi.ceph.com",
  "rook-ceph.cephfs.csi.ceph.com",
];

function encryptionProblem(r: CheckedResource): string | undefined {
  switch (r.type) {
    case "aws:ebs/volume:Volume":
    case "aws:efs/fileSystem:FileSystem":
      return prop(r, "encrypted") === true
        ? undefined
        : `set encrypted: true (found ${JSON.stringify(prop(r, "encrypted"))})`;
    case "azure-native:compute:Disk": {
      const type = prop(r, "encryption.type");
      if (type === undefined || type === UNKNOWN) return undefined; // Azure encrypts every managed disk with a platform key by default.
      return typeof type === "string" && type.startsWith("EncryptionAtRest")
        ? undefined
        : `encryption.type ${JSON.stringify(type)} is not an at-rest encryption type`;
    }
    case "azure-native:storage:StorageAccount": {
      const services = prop(r, "encryption.services") as Record<string, { enabled?: boolean }> | undefined;
      const off = Object.entries(services ?? {})
        .filter(([, s]) => s?.enabled === false)
        .map(([name]) => name);
      return off.length === 0 ? undefined : `encryption is turned off for ${off.join(", ")}`;
    }
    default:
      return undefined;
  }
}

/** Stateful cloud resources are encrypted at rest. */
export const encryptedAtRest: StackPolicy = {
  name: "data-encrypted-at-rest",
  description: "Disks, volumes, file systems, storage accounts and shares are encrypted at rest.",
  enforcement: "mandatory",
  check: ({ resources }) =>
    resources.flatMap((r) => {
      const problem = encryptionProblem(r);
      return problem
        ? [{ resource: r, message: `${CLOUD_DATA_TYPES[r.type]} "${r.name}" is not encrypted at rest: ${problem}` }]
        : [];
    }),
};

/** Stateful cloud resources are protected in production. */
export const protectedInProduction: StackPolicy = {
  name: "data-protected-in-production",
  description:
    "In production stacks, disks, volumes, file systems, storage accounts, shares and backup buckets and containers are `protect`ed, so no `pulumi up` or `destroy` deletes them.",
  enforcement: "mandatory",
  check: ({ stack, resources }) =>
    isProduction(stack)
      ? resources
          .filter((r) => r.type in CLOUD_DATA_TYPES && !r.protect)
          .map((r) => ({
            resource: r,
            message: `${CLOUD_DATA_TYPES[r.type]} "${r.name}" must be protected in production stack "${stack}" (resource option protect: true)`,
          }))
      : [],
};

/**
 * Kubernetes objects whose deletion deletes data, and which production stacks keep on delete: the
 * volumes and claims, and CloudNativePG's `Cluster` (its operator deletes the database's claims with it).
 */
const RETAINED_KINDS = [
  "kubernetes:core/v1:PersistentVolume",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:postgresql.cnpg.io/v1:Cluster",
];

/** Data storage classes retain volumes, and volumes and claims are retained on delete, in production. */
export const retainedInProduction: StackPolicy = {
  name: "data-retained-in-production",
  description:
    "In production stacks, storage classes for data use reclaimPolicy Retain, and persistent volumes, claims and PostgreSQL clusters are retainOnDelete (checked offline; the policy engine does not report retainOnDelete).",
  enforcement: "mandatory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const found: { resource: CheckedResource; message: string }[] = [];
    for (const r of resources) {
      if (
        r.type === "kubernetes:storage.k8s.io/v1:StorageClass" &&
        DATA_PROVISIONERS.includes(String(prop(r, "provisioner")))
      ) {
        const policy = prop(r, "reclaimPolicy");
        if (policy !== "Retain")
          found.push({
            resource: r,
            message: `storage class "${r.name}" (${String(prop(r, "provisioner"))}) must use reclaimPolicy: Retain in production (found ${JSON.stringify(policy ?? "Delete (the default)")})`,
          });
      }
      if (RETAINED_KINDS.includes(r.type) && r.retainOnDelete === false) {
        found.push({
          resource: r,
          message: `${r.type.split(":").pop()} "${r.name}" must be retainOnDelete in production, so removing it from the program never deletes its data`,
        });
      }
    }
    return found;
  },
};
