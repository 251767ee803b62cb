export { createOperatorLayer, presetsNeeded } from "./layer.ts";
export { dataNamespaceProblems, operatorLayerProblems, type LayerCluster } from "./layerProblems.ts";
export type {
  CatalogOperator,
  OperatorLayer,
  OperatorLayerSpec,
  PlatformAccess,
  PlatformEtcdCluster,
  PlatformRook,
} from "./layer.ts";
export { CertManagerCaIssuer, certManagerCaIssuerProblems, type CertManagerCaIssuerArgs } from "./certManagerIssuer.ts";
export type * from "./certManagerTypes.ts";
export {
  clusterHasOlm,
  missingOlmProblem,
  OLM_OWNED_NAMESPACES,
  olmNamespaceProblem,
  OperatorLifecycleManager,
  operatorLifecycleManagerProblems,
  type OperatorLifecycleManagerArgs,
} from "./olm.ts";
export {
  helmReleaseNameProblems,
  Operator,
  operatorProblems,
  type OperatorArgs,
  type OperatorGroupSpec,
  type SubscriptionConfig,
  type SubscriptionSpec,
} from "./operator.ts";
export {
  barmanCloudPluginArgs,
  certManagerArgs,
  cephCsiDriversArgs,
  cloudNativePgOperatorArgs,
  etcdOperatorArgs,
  OPERATOR_PRESETS,
  rookOperatorArgs,
  type OperatorPreset,
} from "./presets.ts";
export {
  isPinnedUrl,
  isPinnedVersion,
  operatorSourceProblems,
  pinnedUrlProblems,
  pinnedVersionProblems,
} from "./sources.ts";
export type { HelmSource, ManifestSource, OlmSource, OperatorSources } from "./sources.ts";
export { installCloudNativePg, type CloudNativePgOperators } from "./cnpgOperators.ts";
export type * from "./cnpgChartTypes.ts";
