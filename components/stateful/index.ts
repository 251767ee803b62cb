export {
  EtcdCluster,
  etcdClusterProblems,
  etcdClusterSpec,
  ETCD_ISSUER_KINDS,
  ETCD_TLS_MODES,
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
  type RookCephClusterSettings,
} from "./rookCephCluster.ts";
export type * from "./rookTypes.ts";
