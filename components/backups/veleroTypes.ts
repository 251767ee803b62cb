/**
 * Velero's pinned versions, the chart values this package sets and the custom resources it creates,
 * as TypeScript types mirroring upstream at the pinned tags (a misspelt key is a compile error).
 */

/** Helm repository of the Velero chart. */
export const VELERO_CHART_REPOSITORY = "https://vmware-tanzu.github.io/helm-charts";
/**
 * `velero` chart version: the newest for the Velero 1.17 line (`appVersion: 1.17.1`,
 * vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/Chart.yaml). Velero 1.18 is out, but no
 * stable object-store plugin is made for it yet (both plugins' v1.14 are release candidates; their
 * README compatibility tables pair v1.13.x with Velero v1.17.x).
 */
export const VELERO_CHART_VERSION = "11.4.0";
/** The Velero server image tag: the newest 1.17 patch (vmware-tanzu/velero tag v1.17.2). */
export const VELERO_VERSION = "v1.17.2";
/**
 * Object-store plugins made for Velero 1.17: v1.13.x (vmware-tanzu/velero-plugin-for-aws@v1.13.2:README.md
 * and vmware-tanzu/velero-plugin-for-microsoft-azure@v1.13.2:README.md, "Compatibility").
 */
export const VELERO_PLUGIN_VERSION = "v1.13.2";
/** Images of the plugins, by Velero provider name. */
export const VELERO_PLUGIN_IMAGES = {
  aws: `docker.io/velero/velero-plugin-for-aws:${VELERO_PLUGIN_VERSION}`,
  azure: `docker.io/velero/velero-plugin-for-microsoft-azure:${VELERO_PLUGIN_VERSION}`,
} as const;
/** Namespace Velero runs in, and where its Schedules and Restores live. */
export const VELERO_NAMESPACE = "velero";
/**
 * Velero's service account, named explicitly so the cloud identity trusts exactly it (the chart's
 * default is `<fullname>-server`: vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/templates/_helpers.tpl).
 */
export const VELERO_SERVICE_ACCOUNT = "velero-server";
/**
 * The label that marks the VolumeSnapshotClass Velero's CSI path uses for a driver (one per driver):
 * vmware-tanzu/velero@v1.17.2:site/content/docs/v1.17/csi.md.
 */
export const VELERO_SNAPSHOT_CLASS_LABEL = "velero.io/csi-volumesnapshot-class";

/** A BackupStorageLocation entry (vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/values.yaml `configuration.backupStorageLocation`). */
export interface VeleroChartStorageLocation {
  name: string;
  provider: string;
  bucket: string;
  default?: boolean;
  accessMode?: "ReadWrite" | "ReadOnly";
  /** The plugin's settings (aws: `region`; azure: `storageAccount`, `storageAccountURI`, `useAAD`, `resourceGroup`). */
  config: Record<string, string>;
}

/** An init container that copies a plugin into the server's `plugins` volume (chart `initContainers`). */
export interface VeleroPluginContainer {
  name: string;
  image: string;
  imagePullPolicy: "IfNotPresent";
  volumeMounts: { mountPath: "/target"; name: "plugins" }[];
}

/**
 * Values of the `velero` chart 11.4.0 that this package sets
 * (vmware-tanzu/helm-charts@velero-11.4.0:charts/velero/values.yaml).
 */
export interface VeleroChartValues {
  image: { repository: string; tag: string };
  /** Plugins are init containers (the chart requires at least one provider plugin). */
  initContainers: VeleroPluginContainer[];
  /** Labels of the server's pods (Azure workload identity: `azure.workload.identity/use`). */
  podLabels?: Record<string, string>;
  configuration: {
    backupStorageLocation: VeleroChartStorageLocation[];
    /** No VolumeSnapshotLocation: CSI snapshots go through the cluster's CSI driver, not the plugin. */
    volumeSnapshotLocation: never[];
    /** `--features`: `EnableCSI` (the CSI docs of v1.17 still ask for it). */
    features: string;
    /** `--default-snapshot-move-data`: the data mover for every backup. */
    defaultSnapshotMoveData: boolean;
    /** `--default-backup-ttl`. */
    defaultBackupTTL: string;
  };
  /** Cloud credentials from the workload identity: no Secret (`credentials.useSecret: false`). */
  credentials: { useSecret: boolean };
  serviceAccount: { server: { create: true; name: string; annotations?: Record<string, string> } };
  /** The VolumeSnapshotLocation is not created (CSI needs none). */
  snapshotsEnabled: boolean;
  /** The node agent (DaemonSet), which the data mover needs. */
  deployNodeAgent: boolean;
  /**
   * Labels of the node agent's pods, which the data mover's pods copy (Azure workload identity:
   * vmware-tanzu/velero@v1.17.2: pkg/util/third_party.go; chart templates/node-agent-daemonset.yaml).
   */
  nodeAgent?: { podLabels: Record<string, string> };
  /**
   * The chart's CRD-upgrade hook Job. Off: its kubectl image (`docker.io/bitnamilegacy/kubectl:
   * <cluster minor>`, values.yaml `kubectl`) is not published for Kubernetes 1.34 and later, so the
   * hook never finishes (vmware-tanzu/helm-charts#727). A first install gets the CRDs from the
   * chart's `crds/` folder; a chart upgrade must apply new CRDs itself.
   */
  upgradeCRDs: false;
}

/**
 * `velero.io/v1` Backup template fields used here (`BackupSpec`,
 * vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_schedules.yaml `spec.template`).
 */
export interface VeleroBackupTemplate {
  includedNamespaces?: string[];
  /**
   * Namespaces left out; Velero fails a backup whose lists share a namespace
   * (vmware-tanzu/velero@v1.17.2: pkg/apis/velero/v1/backup_types.go `ExcludedNamespaces`;
   * pkg/util/collections/includes_excludes.go `ValidateIncludesExcludes`).
   */
  excludedNamespaces?: string[];
  labelSelector?: { matchLabels: Record<string, string> };
  /** metav1.Duration such as `720h`. */
  ttl: string;
  storageLocation?: string;
  snapshotVolumes?: boolean;
  snapshotMoveData?: boolean;
  /**
   * The resource policies of each backup: a ConfigMap in Velero's namespace
   * (`TypedLocalObjectReference`, kind `configmap`: vmware-tanzu/velero@v1.17.2:
   * pkg/apis/velero/v1/backup_types.go `ResourcePolicy`, internal/resourcepolicies/resource_policies.go).
   */
  resourcePolicy?: { kind: "configmap"; name: string };
}

/**
 * `velero.io/v1` `Schedule` spec (vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_schedules.yaml;
 * required `schedule` and `template`).
 */
export interface VeleroScheduleSpec {
  schedule: string;
  template: VeleroBackupTemplate;
  paused?: boolean;
  useOwnerReferencesInBackup?: boolean;
}

/**
 * `velero.io/v1` `Restore` spec (vmware-tanzu/velero@v1.17.2:config/crd/v1/bases/velero.io_restores.yaml):
 * `backupName`, or `scheduleName` for the schedule's latest completed backup.
 */
export interface VeleroRestoreSpec {
  backupName?: string;
  scheduleName?: string;
  includedNamespaces?: string[];
  /**
   * Namespaces not restored; Velero fails the restore validation when the lists share one
   * (vmware-tanzu/velero@v1.17.2: pkg/apis/velero/v1/restore_types.go `ExcludedNamespaces`;
   * pkg/controller/restore_controller.go `validateAndComplete`).
   */
  excludedNamespaces?: string[];
  includedResources?: string[];
  restorePVs?: boolean;
  /** What happens to objects that already exist: `none` (kept as they are, a warning) or `update`. */
  existingResourcePolicy?: "none" | "update";
}
