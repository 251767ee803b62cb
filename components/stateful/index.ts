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
