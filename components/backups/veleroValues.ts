/**
 * Where Velero keeps its backups ({@link VeleroStore}) and the `velero` chart values for a store
 * ({@link veleroChartValues}).
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_BACKUP_TTL } from "./veleroArgs.ts";
import { VELERO_PLUGIN_IMAGES, VELERO_SERVICE_ACCOUNT, VELERO_VERSION, type VeleroChartValues } from "./veleroTypes.ts";

/** Velero's object-store provider, which picks the plugin. */
export const VeleroProvider = { Aws: "aws", Azure: "azure" } as const;
/** Velero's object-store provider, which picks the plugin. */
export type VeleroProvider = (typeof VeleroProvider)[keyof typeof VeleroProvider];

/** Where Velero keeps its backups and how it reaches them (from the stack's backup store). */
export interface VeleroStore {
  /** Velero provider, which picks the plugin: `aws` or `azure`. */
  provider: VeleroProvider;
  /** Bucket (S3) or container (Azure) name. */
  bucket: pulumi.Input<string>;
  /** The plugin's BackupStorageLocation settings. */
  config: Record<string, pulumi.Input<string>>;
  /** Annotations of Velero's service account (the workload identity). */
  serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
  /** Labels of Velero's pods (Azure workload identity's opt-in). @default none */
  podLabels?: Record<string, string>;
}

/**
 * A value whose leaves may be known only after deployment: `T`'s shape with every leaf a
 * `pulumi.Input`, so what is plain stays known in a preview while a leaf such as a bucket name is not.
 */
export type InputLeaves<T> = T extends object ? { [K in keyof T]: InputLeaves<T[K]> } : pulumi.Input<T>;

/**
 * The chart values for a store: plugin, location, CSI snapshots, identity, data mover, and the node
 * agent (for the data mover and the file-system backup of static volumes).
 *
 * A plain object whose only Outputs are the store's bucket, settings and identity annotations, not
 * one Output of the whole: in a preview where the store is not created yet, every other value
 * (`deployNodeAgent`, `features`, ...) stays known, to the review and the policy pack. A Release's
 * `values` is `pulumi.Input<{[key: string]: any}>` (@pulumi/kubernetes@4.34.2:
 * helm/v3/release.d.ts `ReleaseArgs.values`), whose nested Outputs the SDK resolves, and the
 * provider keeps nested unknowns as unknown (pulumi/pulumi-kubernetes@94977969, the newest commit
 * read, past v4.32.0; no v4.34.2 tag was at hand: provider/pkg/provider/helm_release.go `Check`,
 * `annotateComputed`).
 */
export function veleroChartValues(
  store: VeleroStore,
  volumes: { snapshotMoveData: boolean; nodeAgent: boolean },
): InputLeaves<VeleroChartValues> {
  const { snapshotMoveData, nodeAgent } = volumes;
  return {
    image: { repository: "docker.io/velero/velero", tag: VELERO_VERSION },
    initContainers: [
      {
        name: `velero-plugin-for-${store.provider === "aws" ? "aws" : "microsoft-azure"}`,
        image: VELERO_PLUGIN_IMAGES[store.provider],
        imagePullPolicy: "IfNotPresent" as const,
        volumeMounts: [{ mountPath: "/target" as const, name: "plugins" as const }],
      },
    ],
    ...(store.podLabels ? { podLabels: store.podLabels } : {}),
    ...(store.podLabels && nodeAgent ? { nodeAgent: { podLabels: store.podLabels } } : {}),
    configuration: {
      backupStorageLocation: [
        {
          name: "default",
          provider: store.provider,
          bucket: store.bucket,
          default: true,
          accessMode: "ReadWrite" as const,
          config: store.config,
        },
      ],
      volumeSnapshotLocation: [],
      features: "EnableCSI",
      defaultSnapshotMoveData: snapshotMoveData,
      defaultBackupTTL: DEFAULT_BACKUP_TTL,
    },
    credentials: { useSecret: false },
    serviceAccount: {
      server: { create: true as const, name: VELERO_SERVICE_ACCOUNT, annotations: store.serviceAccountAnnotations },
    },
    snapshotsEnabled: false,
    deployNodeAgent: nodeAgent,
    upgradeCRDs: false as const,
  };
}
