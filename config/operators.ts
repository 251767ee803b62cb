/**
 * Configuration keys of the operator layer: `operators`, `installOlm`, `installOlmV1`, `olmV1Catalogs`, `etcdClusters`, `rook` and
 * `operatorAccess`. Their shape only (types, known keys, defaults) and the mapping to
 * {@link OperatorLayerSpec}; what values the layer accepts is its own check, `operatorLayerProblems`.
 */
import * as v from "valibot";
import { array, boolean, number, object, record, string, variant } from "./builders.ts";
import type { OperatorLayerSpec } from "../components/operators/layer.ts";
import { OperatorPreset } from "../components/operators/presets.ts";
import { ETCD_VERSION } from "../components/operators/versions.ts";
import { EtcdIssuerKind, EtcdTls } from "../components/stateful/etcdCluster.ts";

/** A Helm chart source. */
export const helmSourceSchema = object(
  {
    repository: string("https:// Helm repository URL"),
    chart: string("chart name"),
    version: string('exact chart version such as "1.4.2"'),
    values: v.optional(record(v.unknown(), "chart values"), () => ({})),
  },
  "a Helm chart source",
);

/** A YAML bundle at a pinned URL. */
export const manifestSourceSchema = object({ url: string("https:// URL of a release's bundle") }, "a manifest bundle");

/** An OperatorHub subscription. */
export const olmSourceSchema = object(
  {
    package: string("package name in the catalog"),
    channel: string("update channel"),
    catalogSource: v.optional(string("catalog source")),
    catalogSourceNamespace: v.optional(string("namespace of the catalog source")),
    startingCSV: v.optional(string("ClusterServiceVersion to start from")),
    targetNamespaces: v.optional(array(string("target namespace")), () => []),
  },
  "an OperatorHub subscription",
);

/** An OLM v1 ClusterExtension. */
export const olmV1SourceSchema = object(
  {
    package: string("package name in the catalog"),
    channels: v.optional(array(string("channel"))),
    version: v.optional(string('version or range such as "0.6.0" or ">=0.6.0 <0.7.0"')),
    catalog: v.optional(string("ClusterCatalog name")),
    targetNamespaces: v.optional(array(string("target namespace"))),
  },
  "an OLM v1 ClusterExtension",
);

/** A catalog OLM v1 serves. */
export const olmV1CatalogSchema = object(
  {
    name: string("ClusterCatalog name"),
    image: string('catalog image by tag or digest such as "quay.io/operatorhubio/catalog:latest"'),
    pollIntervalMinutes: v.optional(number("minutes between checks for a new catalog")),
    priority: v.optional(number("priority among catalogs")),
  },
  "an OLM v1 catalog",
);

/** A custom resource of a catalog operator, in the data namespace. */
export const customResourceSchema = object(
  {
    apiVersion: string('group/version such as "argoproj.io/v1beta1"'),
    kind: string('kind such as "ArgoCD"'),
    name: string("object name"),
    spec: v.optional(record(v.unknown(), "the object's spec"), () => ({})),
  },
  "a custom resource",
);

/** One operator from a chart, bundle or catalog. */
export const operatorSchema = object(
  {
    name: string("operator name"),
    namespace: string("operator namespace"),
    helm: v.optional(helmSourceSchema),
    manifest: v.optional(manifestSourceSchema),
    olm: v.optional(olmSourceSchema),
    olmV1: v.optional(olmV1SourceSchema),
    customResources: v.optional(array(customResourceSchema), () => []),
  },
  "an operator",
);

/** One etcd cluster in the data namespace. */
export const etcdClusterSchema = object(
  {
    name: string("etcd cluster name"),
    renamedFrom: v.optional(string("the etcd cluster's previous name, whose members and data it keeps")),
    size: v.optional(number("etcd members"), 3),
    version: v.optional(string("etcd release"), ETCD_VERSION),
    storageClass: string("storage class of the members' volumes"),
    storageSize: v.optional(string("size of each member's volume"), "10Gi"),
    tls: v.optional(variant(EtcdTls), EtcdTls.None),
    /** The issuer of a `tls: cert-manager` cluster; absent: the stack's own CA ClusterIssuer. */
    certManager: v.optional(
      object(
        {
          issuerKind: v.optional(variant(EtcdIssuerKind)),
          issuerName: v.optional(string("cert-manager issuer name")),
        },
        "the cert-manager issuer",
      ),
    ),
  },
  "an etcd cluster",
);

/** The Rook-Ceph cluster. */
export const rookSchema = object(
  {
    storageClass: string("cloud disk class of the OSDs"),
    osdCount: v.optional(number("OSDs, one cloud disk each"), 3),
    osdSize: v.optional(string("size of each OSD's disk"), "100Gi"),
    replicas: v.optional(number("copies of each object"), 3),
    blockStorageClass: v.optional(string("block storage class name"), "ceph-block"),
    filesystemStorageClass: v.optional(string("file system storage class name"), "ceph-filesystem"),
  },
  "the Rook-Ceph cluster",
);

/** One team's access to one built-in operator's custom resources in one namespace. */
export const operatorAccessSchema = object(
  {
    namespace: string("application namespace"),
    group: string("group to give access"),
    operator: variant(OperatorPreset),
    /** EKS only: the IAM principals in the group; each gets an access entry with the group. */
    principals: v.optional(array(string("IAM role or user ARN"))),
  },
  "an access entry",
);

/** The operator-layer keys, merged into the stack schema. */
export const operatorKeys = {
  operators: v.optional(array(operatorSchema), () => []),
  installOlm: v.optional(boolean("install OLM for olm operators"), false),
  installOlmV1: v.optional(boolean("install OLM v1 for olmV1 operators"), false),
  olmV1Catalogs: v.optional(array(olmV1CatalogSchema), () => []),
  etcdClusters: v.optional(array(etcdClusterSchema), () => []),
  rook: v.optional(rookSchema),
  operatorAccess: v.optional(array(operatorAccessSchema), () => []),
};

/** The operator-layer part of a validated configuration. */
export interface OperatorConfig {
  operators: v.InferOutput<typeof operatorSchema>[];
  installOlm: boolean;
  installOlmV1: boolean;
  olmV1Catalogs: v.InferOutput<typeof olmV1CatalogSchema>[];
  etcdClusters: v.InferOutput<typeof etcdClusterSchema>[];
  rook?: v.InferOutput<typeof rookSchema> | undefined;
  operatorAccess: v.InferOutput<typeof operatorAccessSchema>[];
}

/** Maps the operator-layer keys to the {@link Platform}'s `operators` argument. */
export function toOperatorLayerSpec(config: OperatorConfig): OperatorLayerSpec {
  return {
    operators: config.operators.map((op) => ({
      name: op.name,
      namespace: op.namespace,
      helm: op.helm,
      manifest: op.manifest,
      olm: op.olm,
      olmV1: op.olmV1,
      customResources: op.customResources,
    })),
    installOlm: config.installOlm,
    installOlmV1: config.installOlmV1,
    olmV1Catalogs: config.olmV1Catalogs.map((c) => ({ ...c })),
    etcdClusters: config.etcdClusters.map((e) => ({ ...e })),
    rook: config.rook ? { ...config.rook } : undefined,
    access: config.operatorAccess.map((a) => ({ ...a })),
  };
}
