/**
 * The values this package sets in the CloudNativePG charts, as TypeScript types (a misspelt key is a
 * compile error). Only the keys used are modelled; each is checked against the chart's `values.yaml`
 * at the pinned version.
 */

/**
 * Values of the `cloudnative-pg` chart 0.29.0
 * (cloudnative-pg/charts@cloudnative-pg-v0.29.0:charts/cloudnative-pg/values.yaml).
 */
export interface CloudNativePgChartValues {
  /** `crds.create`: install the CRDs with the release (chart default `true`). */
  crds?: { create?: boolean };
  /**
   * `config.clusterWide`: the operator watches every namespace (chart default `true`); the Barman
   * Cloud plugin and the data namespace rely on it.
   */
  config?: { clusterWide?: boolean };
}

/**
 * Values of the `plugin-barman-cloud` chart 0.7.0
 * (cloudnative-pg/charts@plugin-barman-cloud-v0.7.0:charts/plugin-barman-cloud/values.yaml).
 */
export interface BarmanCloudChartValues {
  /** `crds.create`: install the `ObjectStore` CRD with the release (chart default `true`). */
  crds?: { create?: boolean };
}
