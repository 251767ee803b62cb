export {
  EtcdCluster,
  etcdClusterProblems,
  etcdClusterSpec,
  ETCD_TLS_MODES,
  type EtcdClusterArgs,
} from "./etcdCluster.ts";
export type * from "./etcdTypes.ts";
export {
  RookCephCluster,
  rookCephClusterProblems,
  rookCephClusterValues,
  type RookCephClusterArgs,
} from "./rookCephCluster.ts";
export type * from "./rookTypes.ts";
