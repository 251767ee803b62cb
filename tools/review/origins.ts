/**
 * What a new resource starts from, when that is what a reviewer must know: a PostgreSQL cluster
 * imported or restored from elsewhere, a Velero restore and what it brings back.
 */
import { valueAt } from "../../components/problems.ts";
import { clusterOrigin, CNPG_CLUSTER } from "./postgresReview.ts";

/** Pulumi type of a Velero restore. */
export const VELERO_RESTORE = "kubernetes:velero.io/v1:Restore";

type Inputs = Record<string, unknown> | undefined;

const list = (value: unknown): string | undefined =>
  Array.isArray(value) && value.length > 0 ? value.map(String).join(", ") : undefined;

/**
 * A Velero `Restore`: from which backup, what, that what exists stays as it is
 * (`existingResourcePolicy: none`, vmware-tanzu/velero@v1.17.2: pkg/restore/restore.go), and that the
 * entry must leave the stack once done: Velero deletes a backup's Restores when the backup expires
 * (pkg/controller/backup_deletion_controller.go), and an up after a refresh creates it again.
 */
export function restoreOrigin(inputs: Inputs): string {
  const at = (path: string) => valueAt(inputs, path.split("."));
  const backup = at("spec.backupName");
  const schedule = at("spec.scheduleName");
  const from =
    typeof backup === "string" && backup !== ""
      ? `backup ${backup}`
      : `the latest backup of schedule ${String(schedule)}`;
  const namespaces = list(at("spec.includedNamespaces"));
  const resources = list(at("spec.includedResources"));
  const what = `${namespaces ? `namespaces ${namespaces}` : "every namespace"}${resources ? ` (${resources})` : ""}`;
  const existing =
    at("spec.existingResourcePolicy") === "update"
      ? "existing objects are updated"
      : "objects that exist are left as they are";
  return `restores ${what} from ${from}; ${existing}; remove stateful-stack:restore once it has completed: Velero deletes the Restore when its backup expires, and an up after a refresh creates it again`;
}

/** What a new resource of `type` starts from, or undefined when it starts empty. */
export function creationOrigin(type: string, inputs: Inputs): string | undefined {
  if (type === CNPG_CLUSTER) return clusterOrigin(inputs);
  if (type === VELERO_RESTORE) return restoreOrigin(inputs);
  return undefined;
}
