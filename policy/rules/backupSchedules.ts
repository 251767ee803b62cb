/**
 * The Velero schedules of a stack as the backup rule reads them: scope, how volumes are copied by
 * default, the volume policy they name (or why Velero refuses it), and whether the node agent runs.
 */
import { prop, type CheckedResource } from "../model.ts";
import { text } from "./backupClaims.ts";
import type { LabelSelector } from "./veleroScope.ts";
import { readVolumePolicies, type VolumePolicy } from "./veleroVolumePolicy.ts";

/** The Pulumi type of Velero's schedules. */
export const VELERO_SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** A schedule as the rule reads it. */
export interface Schedule {
  name: string;
  paused: boolean;
  included: string[];
  excluded: string[];
  /** Undefined: every object; a list: objects any of them matches; `both`: Velero refuses the backup. */
  selectors: LabelSelector[] | undefined | "both";
  snapshotVolumes: boolean;
  fsBackupByDefault: boolean;
  /** Whether its snapshots' data is moved by the data mover, which runs in the node agent. */
  dataMover: boolean;
  /** The volume policies, or why Velero refuses them (then every backup of the schedule fails). */
  policies: VolumePolicy[] | string;
  /** Whether the node agent (file-system backups) runs: the chart's `deployNodeAgent`; `undefined`: cannot tell. */
  nodeAgent: boolean | undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === "string") : []);

/** Reads the schedules, their volume-policy ConfigMaps and whether Velero's node agent runs. */
export function readSchedules(resources: readonly CheckedResource[]): Schedule[] {
  const release = resources.find((r) => r.type === RELEASE && String(prop(r, "chart")).split("/").pop() === "velero");
  // Without the release the stack installs no Velero of its own: the schedules name one the cluster
  // runs, which the stack cannot see; a value known only after deployment cannot be told either.
  const deployNodeAgent = release ? prop(release, "values.deployNodeAgent") : undefined;
  const nodeAgent = typeof deployNodeAgent === "boolean" ? deployNodeAgent : undefined;
  const moveByDefault = release ? prop(release, "values.configuration.defaultSnapshotMoveData") === true : false;
  return resources
    .filter((r) => r.type === VELERO_SCHEDULE)
    .map((s) => {
      const t = (path: string) => prop(s, `spec.template.${path}`);
      const single = t("labelSelector") as LabelSelector | undefined;
      const or = t("orLabelSelectors") as LabelSelector[] | undefined;
      const policyName = t("resourcePolicy.name");
      const map = resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:ConfigMap" &&
          prop(r, "metadata.name") === policyName &&
          prop(r, "metadata.namespace") === prop(s, "metadata.namespace"),
      );
      return {
        name: text(prop(s, "metadata.name")) ?? s.name,
        paused: prop(s, "spec.paused") === true,
        included: strings(t("includedNamespaces")),
        excluded: strings(t("excludedNamespaces")),
        selectors: single && Array.isArray(or) ? "both" : single ? [single] : Array.isArray(or) ? or : undefined,
        snapshotVolumes: t("snapshotVolumes") !== false,
        fsBackupByDefault: t("defaultVolumesToFsBackup") === true,
        dataMover: t("snapshotMoveData") === true || (t("snapshotMoveData") === undefined && moveByDefault),
        policies:
          policyName === undefined
            ? []
            : map
              ? policyProblem(readVolumePolicies(prop(map, "data")), text(policyName) ?? "(computed)")
              : `names ConfigMap "${text(policyName) ?? "(computed)"}", which the stack does not create, and Velero fails every backup of the schedule when the cluster has none`,
        nodeAgent,
      };
    });
}

/** The volume policies, or the reason Velero refuses the ConfigMap, naming it. */
function policyProblem(read: VolumePolicy[] | string, name: string): VolumePolicy[] | string {
  return typeof read === "string"
    ? `in ConfigMap "${name}" ${read}, so Velero fails every backup of the schedule (FailedValidation)`
    : read;
}
