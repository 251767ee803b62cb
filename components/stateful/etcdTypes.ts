/**
 * The `operator.etcd.io/v1alpha1` `EtcdCluster` API of etcd-io/etcd-operator v0.2.0, as TypeScript
 * types, so a misspelt field is a compile error (field names and meanings as upstream).
 */

/** `spec.storageSpec`: one PersistentVolumeClaim per member. Without it, data is ephemeral. */
export interface EtcdStorageSpec {
  /** `ReadWriteOnce` (upstream default) or `ReadWriteMany`. */
  accessModes?: "ReadWriteOnce" | "ReadWriteMany";
  /** Storage class of the claims; upstream uses the cluster's default class when absent. */
  storageClassName?: string;
  /** Existing claim to use; only with `ReadWriteMany`. */
  pvcName?: string;
  /** Size of each member's volume, e.g. `10Gi` (required upstream). */
  volumeSizeRequest: string;
  /** Upper size limit of each volume. */
  volumeSizeLimit?: string;
}

/** `spec.tls.providerCfg.certManagerCfg`. */
export interface EtcdCertManagerConfig {
  /** Secret holding a CA bundle, used to create an Issuer. */
  caBundle?: string;
  /** Common name of the certificates. */
  commonName: string;
  /** DNS names; upstream uses the common name when absent. */
  dnsNames?: string[];
  /** Certificate lifetime (Go duration); upstream default 90 days. */
  duration?: string;
  /** IP addresses as alternative names. */
  ipAddresses?: string[];
  /** `ClusterIssuer` or `Issuer`; upstream creates a self-signed issuer when absent. */
  issuerKind?: "ClusterIssuer" | "Issuer";
  /** Name of the issuer. */
  issuerName?: string;
  /** Organizations of the certificates. */
  organizations?: string[];
}

/** `spec.tls.providerCfg`. */
export interface EtcdTlsProviderConfig {
  /** Settings of the `auto` provider (none upstream). */
  autoCfg?: Record<string, never>;
  /** Settings of the `cert-manager` provider. */
  certManagerCfg?: EtcdCertManagerConfig;
}

/** `spec.tls`. */
export interface EtcdTlsCertificate {
  /** Certificate provider; upstream default `auto`. */
  provider?: "auto" | "cert-manager";
  /** Provider settings. */
  providerCfg?: EtcdTlsProviderConfig;
}

/** `spec` of an `EtcdCluster`. */
export interface EtcdClusterSpec {
  /** Number of members. */
  size: number;
  /** etcd version, `vX.Y.Z`. */
  version: string;
  /** Persistent storage of the members. */
  storageSpec?: EtcdStorageSpec;
  /** TLS of the members and the operator's client. */
  tls?: EtcdTlsCertificate;
}
