/**
 * The `operator.etcd.io/v1alpha1` `EtcdCluster` spec of etcd-io/etcd-operator v0.2.0, as TypeScript
 * types, so a misspelt field is a compile error. Field names, required fields and meanings follow
 * `etcd-io/etcd-operator@v0.2.0:api/v1alpha1/etcdcluster_types.go` (and the CRD generated from it,
 * `config/crd/bases/operator.etcd.io_etcdclusters.yaml`). The types carry no kubebuilder enum or
 * default markers upstream: the allowed values below are the ones the controller acts on
 * (`internal/controller/utils.go`, `pkg/certificate/`), and the defaults it applies are noted.
 */

/**
 * `spec.storageSpec` (`StorageSpec`): one PersistentVolumeClaim per member. Without it, data is
 * ephemeral.
 */
export interface EtcdStorageSpec {
  /**
   * One access mode (a single string upstream, not a list): `ReadWriteOnce` gives each member a claim
   * from a claim template; `ReadWriteMany` mounts the existing claim `pvcName` in every member.
   * `ReadOnlyMany` is not allowed.
   * @default "ReadWriteOnce" (controller)
   */
  accessModes?: "ReadWriteOnce" | "ReadWriteMany";
  /**
   * Storage class of the claims.
   * @default the cluster's default class
   */
  storageClassName?: string;
  /** Existing claim to mount; required with `ReadWriteMany`, ignored otherwise. */
  pvcName?: string;
  /** Size of each member's volume, a quantity such as `10Gi` (required; the controller refuses less than `1Mi`). */
  volumeSizeRequest: string;
  /**
   * Upper size limit of each volume.
   * @default volumeSizeRequest (controller)
   */
  volumeSizeLimit?: string;
}

/** `AltNames`: subject alternative names of the certificates. */
export interface EtcdAltNames {
  /**
   * DNS names. v0.2.0 adds one empty IP address per DNS name when this is set, which cert-manager
   * refuses: leave it unset with the `cert-manager` provider.
   * @default `*.<cluster>.<namespace>.svc.cluster.local` and `<cluster>.<namespace>.svc.cluster.local` (controller)
   */
  dnsNames?: string[];
  /** IP addresses (v0.2.0 does not pass them on to the certificates). */
  ipAddresses?: string[];
}

/** `CommonConfig`: the certificate fields both providers share (inlined into each provider's config). */
export interface EtcdCertificateConfig {
  /** Common name of the certificates; 64 characters or fewer. */
  commonName?: string;
  /** Organizations of the certificates' subject. */
  organizations?: string[];
  /** Subject alternative names. */
  altNames?: EtcdAltNames;
  /**
   * Lifetime of the certificates, read by Go's `time.ParseDuration` (`8760h`; no `d` unit despite the
   * upstream comment). The `auto` provider refuses less than a year.
   * @default 90 days for cert-manager, 365 days for auto (`pkg/certificate/interfaces/interface.go`)
   */
  validityDuration?: string;
  /**
   * Secret with the CA bundle members use to verify their peers and clients.
   * @default the CA in the secret the provider generates
   */
  caBundleSecret?: string;
}

/** `ProviderAutoConfig`: certificates the operator generates itself (self-signed). */
export type EtcdAutoConfig = EtcdCertificateConfig;

/**
 * `ProviderCertManagerConfig`: certificates from cert-manager. The operator creates cert-manager
 * `Certificate`s named `<cluster>-{client,server,peer}-tls` in the EtcdCluster's namespace, signed by
 * this issuer; it refuses to proceed until the issuer exists (`pkg/certificate/cert_manager/provider.go`).
 */
export interface EtcdCertManagerConfig extends EtcdCertificateConfig {
  /** `ClusterIssuer` (cluster-wide) or `Issuer` (must be in the EtcdCluster's namespace). Required. */
  issuerKind: "ClusterIssuer" | "Issuer";
  /** Name of the issuer. Required. */
  issuerName: string;
}

/** `ProviderConfig`: give the one matching `provider` (the controller picks `autoCfg` first when both are set). */
export interface EtcdTlsProviderConfig {
  /** Settings of the `auto` provider; without it, `auto` creates no certificate. */
  autoCfg?: EtcdAutoConfig;
  /** Settings of the `cert-manager` provider. */
  certManagerCfg?: EtcdCertManagerConfig;
}

/** `TLSCertificate` (`spec.tls`): certificates of the members and of the operator's client. */
export interface EtcdTlsCertificate {
  /**
   * Certificate provider (`pkg/certificate/certificate.go` knows these two).
   * @default "auto" (controller)
   */
  provider?: "auto" | "cert-manager";
  /** Provider settings. */
  providerCfg?: EtcdTlsProviderConfig;
}

/** `PodMetadata`: labels and annotations added to the members' pods. */
export interface EtcdPodMetadata {
  /** Annotations of the pods. */
  annotations?: Record<string, string>;
  /** Labels of the pods (the operator's own selector labels win). */
  labels?: Record<string, string>;
}

/** `PodTemplate`: what of the members' pods can be set. */
export interface EtcdPodTemplate {
  /** Metadata added to the pods. */
  metadata?: EtcdPodMetadata;
}

/** `EtcdClusterSpec`: the `spec` of an `EtcdCluster`. */
export interface EtcdClusterSpec {
  /** Number of members; at least 1 (`+kubebuilder:validation:Minimum=1`). Required. */
  size: number;
  /**
   * Registry of the etcd image.
   * @default the operator's `--image-registry` flag, itself `gcr.io/etcd-development/etcd`
   */
  imageRegistry?: string;
  /** etcd version: the image tag, `vX.Y.Z`. Required. */
  version: string;
  /**
   * Persistent storage of the members.
   * @default none (ephemeral storage inside the container)
   */
  storageSpec?: EtcdStorageSpec;
  /**
   * TLS of the members and the operator's client.
   * @default none (plain TCP; the operator logs that this is not recommended for production)
   */
  tls?: EtcdTlsCertificate;
  /** Extra etcd command-line flags; a flag given here replaces the operator's default of the same name. */
  etcdOptions?: string[];
  /** Metadata of the members' pods. */
  podTemplate?: EtcdPodTemplate;
}
