/**
 * Pinned versions and locations of everything the operator layer installs: the one place to
 * change when upgrading an operator. Every value is overridable through the components' args.
 */

/** etcd-io/etcd-operator release (API `operator.etcd.io/v1alpha1`; needs Kubernetes 1.30+). */
export const ETCD_OPERATOR_VERSION = "v0.2.0";
/** The etcd-operator install bundle of {@link ETCD_OPERATOR_VERSION}, by pinned tag. */
export const ETCD_OPERATOR_BUNDLE_URL = `https://raw.githubusercontent.com/etcd-io/etcd-operator/${ETCD_OPERATOR_VERSION}/dist/install-${ETCD_OPERATOR_VERSION}.yaml`;
/** Namespace the etcd-operator bundle creates and runs in. */
export const ETCD_OPERATOR_NAMESPACE = "etcd-operator-system";
/** etcd server version of a new `EtcdCluster` unless one is given. */
export const ETCD_VERSION = "v3.5.21";

/** Helm repository of the cert-manager chart. */
export const CERT_MANAGER_CHART_REPOSITORY = "https://charts.jetstack.io";
/**
 * cert-manager release, installed for etcd clusters with `tls: cert-manager`; the chart's version is
 * the release tag (`cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/`).
 */
export const CERT_MANAGER_VERSION = "v1.21.1";
/** Namespace of cert-manager, and so of the secrets its ClusterIssuers read (its cluster resource namespace). */
export const CERT_MANAGER_NAMESPACE = "cert-manager";

/** Helm repository of the Rook charts. */
export const ROOK_CHART_REPOSITORY = "https://charts.rook.io/release";
/** Rook release: the `rook-ceph` (operator) and `rook-ceph-cluster` chart version (latest v1.20 patch). */
export const ROOK_VERSION = "v1.20.6";
/** Helm repository of the Ceph-CSI drivers chart that Rook 1.20 requires. */
export const CEPH_CSI_CHART_REPOSITORY = "https://ceph.github.io/ceph-csi-operator";
/**
 * `ceph-csi-drivers` chart version paired with {@link ROOK_VERSION}: the one Rook's own tests install
 * (rook/rook@v1.20.6:tests/framework/installer/ceph_helm_installer.go), and the `ceph-csi-operator`
 * version the `rook-ceph` chart depends on (rook/rook@v1.20.6:deploy/charts/rook-ceph/Chart.yaml).
 */
export const CEPH_CSI_DRIVERS_VERSION = "1.0.4";
/** Namespace of the Rook operator, the CSI drivers and the Ceph cluster. */
export const ROOK_NAMESPACE = "rook-ceph";

/** Helm repository of the CloudNativePG charts (the operator and the Barman Cloud plugin). */
export const CNPG_CHART_REPOSITORY = "https://cloudnative-pg.github.io/charts";
/**
 * `cloudnative-pg` chart version: CloudNativePG 1.30.0 (`appVersion`,
 * cloudnative-pg/charts@cloudnative-pg-v0.29.0:charts/cloudnative-pg/Chart.yaml; Kubernetes 1.29+).
 */
export const CNPG_CHART_VERSION = "0.29.0";
/** The CloudNativePG release {@link CNPG_CHART_VERSION} installs; the `Cluster` CRD the components render is this tag's. */
export const CNPG_VERSION = "v1.30.0";
/**
 * `plugin-barman-cloud` chart version: the Barman Cloud plugin v0.13.0 (`appVersion`,
 * cloudnative-pg/charts@plugin-barman-cloud-v0.7.0:charts/plugin-barman-cloud/Chart.yaml). It needs
 * cert-manager (its templates create an `Issuer` and two `Certificate`s) and CloudNativePG 1.26+.
 */
export const BARMAN_CLOUD_CHART_VERSION = "0.7.0";
/** The Barman Cloud plugin release {@link BARMAN_CLOUD_CHART_VERSION} installs; the `ObjectStore` CRD rendered is this tag's. */
export const BARMAN_CLOUD_VERSION = "v0.13.0";
/**
 * Namespace of the CloudNativePG operator, and of the Barman Cloud plugin, which "must be installed
 * in the same namespace as the CloudNativePG operator"
 * (cloudnative-pg/plugin-barman-cloud@v0.13.0:web/docs/installation.mdx).
 */
export const CNPG_NAMESPACE = "cnpg-system";

/**
 * PostgreSQL image of a new CloudNativePG cluster unless one is given: CloudNativePG 1.30.0's
 * default operand (`DefaultImageName`, cloudnative-pg/cloudnative-pg@v1.30.0:pkg/versions/versions.go),
 * pinned here so an operator upgrade does not change the database's image.
 */
export const CNPG_POSTGRES_IMAGE = "ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie";

/** Operator Lifecycle Manager release (OperatorHub), installed only when a stack asks for it. */
export const OLM_VERSION = "v0.46.0";
/** OLM's CRDs, by pinned release. */
export const OLM_CRDS_URL = `https://github.com/operator-framework/operator-lifecycle-manager/releases/download/${OLM_VERSION}/crds.yaml`;
/** OLM itself (operators, catalog, the `operatorhubio-catalog` source), by pinned release. */
export const OLM_MANIFEST_URL = `https://github.com/operator-framework/operator-lifecycle-manager/releases/download/${OLM_VERSION}/olm.yaml`;
/** The OperatorHub.io catalog OLM installs, and its namespace. */
export const OPERATORHUB_CATALOG = "operatorhubio-catalog";
/** Namespace of OLM and its catalog sources. */
export const OLM_NAMESPACE = "olm";

/** How long a Helm release may take to become ready before the update fails, in seconds. */
export const HELM_TIMEOUT_SECONDS = 900;

/**
 * OLM v1 release (operator-framework/operator-controller: `ClusterCatalog` + `ClusterExtension`,
 * API `olm.operatorframework.io/v1`), installed only when a stack asks for it.
 */
export const OLMV1_VERSION = "v1.11.0";
/**
 * The release's standard manifest: the CRDs, catalogd and operator-controller in `olmv1-system`, and
 * the cert-manager `Certificate`s and issuers their webhooks and catalog server use (it is rendered
 * with `options.certManager.enabled: true`, operator-framework/operator-controller@v1.11.0:
 * helm/cert-manager.yaml and Makefile `STANDARD_RELEASE_MANIFEST`), so cert-manager must run first.
 */
export const OLMV1_MANIFEST_URL = `https://github.com/operator-framework/operator-controller/releases/download/${OLMV1_VERSION}/operator-controller.yaml`;
/**
 * The release's default catalogs: the `ClusterCatalog` `operatorhubio`
 * (operator-framework/operator-controller@v1.11.0: manifests/default-catalogs.yaml, Makefile `RELEASE_CATALOGS`).
 */
export const OLMV1_CATALOGS_URL = `https://github.com/operator-framework/operator-controller/releases/download/${OLMV1_VERSION}/default-catalogs.yaml`;
/** Namespace of catalogd and operator-controller (operator-framework/operator-controller@v1.11.0: scripts/install.tpl.sh). */
export const OLMV1_NAMESPACE = "olmv1-system";
/** The `ClusterCatalog` the default catalogs create. */
export const OLMV1_DEFAULT_CATALOG = "operatorhubio";
