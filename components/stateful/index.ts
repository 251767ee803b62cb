export {
  EtcdCluster,
  etcdClusterProblems,
  etcdClusterSpec,
  type EtcdClusterCheckArgs,
  type EtcdCertManagerIssuer,
  EtcdIssuerKind,
  type EtcdClusterArgs,
  type EtcdClusterSettings,
  EtcdTls,
} from "./etcdCluster.ts";
export type * from "./etcdTypes.ts";
export {
  RookCephCluster,
  rookCephClusterProblems,
  rookCephClusterValues,
  type RookCephClusterArgs,
  type RookCephClusterCheckArgs,
  type RookCephClusterSettings,
} from "./rookCephCluster.ts";
export type * from "./rookTypes.ts";
export type * from "./cephCsiDriversTypes.ts";
export {
  cephCsiDriverName,
  cephCsiDriversValues,
  ROOK_CSI_IMAGE_SET,
  ROOK_CSI_SECRETS,
  rookOperatorValues,
} from "./rookCharts.ts";
export { rookTopology, type RookTopology } from "./rookPlacement.ts";
export {
  PostgresCluster,
  postgresClusterSpec,
  postgresObjectStoreSpec,
  postgresScheduledBackupSpec,
  postgresSnapshotBackupSpec,
  type PostgresClusterArgs,
} from "./postgresCluster.ts";
export { backupProvider, MAX_CNPG_CLUSTER_NAME, postgresClusterProblems } from "./postgresClusterCheck.ts";
export {
  BARMAN_CLOUD_PLUGIN,
  postgresObjectNames,
  PostgresSpread,
  type PostgresBackup,
  type PostgresClusterCheckArgs,
  type PostgresClusterSettings,
  type PostgresImport,
  type PostgresCpuMemory,
  type PostgresDatabaseShape,
  type PostgresRecovery,
  type PostgresResources,
  type PostgresSnapshots,
  type PostgresWalStorage,
} from "./postgresClusterArgs.ts";
export { postgresImportProblems, postgresMajorVersion, SSL_MODES } from "./postgresImportCheck.ts";
export { CRON_FIELDS, cronScheduleProblems, validCronField } from "./cronSchedule.ts";
export type * from "./cnpgTypes.ts";
