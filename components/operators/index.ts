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
  CATALOG_NAME_LABEL,
  clusterHasOlmV1,
  missingOlmV1Problem,
  OLMV1_OWNED_NAMESPACES,
  OperatorController,
  operatorControllerProblems,
  servedCatalogs,
  WAIT_FOR_INSTALLED,
  type ClusterCatalogSpec,
  type ClusterExtensionCatalogFilter,
  type ClusterExtensionSpec,
  type OperatorControllerArgs,
} from "./olmV1.ts";
export { OLMV1_LIMITS, olmV1SourceProblems } from "./olmV1Source.ts";
export { olmV1CatalogProblems, type OlmV1Catalog } from "./olmV1Catalogs.ts";
export { customResourceProblems, type OperatorCustomResource } from "./catalogResources.ts";
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
export type { HelmSource, ManifestSource, OlmSource, OlmV1Source, OperatorSources } from "./sources.ts";
export { installCloudNativePg, type CloudNativePgOperators } from "./cnpgOperators.ts";
export type * from "./cnpgChartTypes.ts";
