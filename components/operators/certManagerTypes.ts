/**
 * What the stack hands cert-manager, as TypeScript types: the values of its Helm chart and the
 * `cert-manager.io/v1` objects it creates. Only the fields the stack uses are typed; names, required
 * fields and meanings follow upstream at the pinned release (`CERT_MANAGER_VERSION`).
 */

/**
 * `crds`: whether the chart installs and keeps cert-manager's CRDs
 * (`cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/values.yaml`).
 */
export interface CertManagerCrdValues {
  /**
   * Install the CRDs with the release.
   * @default false (chart)
   */
  enabled?: boolean;
  /**
   * Annotate the CRDs `helm.sh/resource-policy: keep`, so uninstalling the release keeps them (removing
   * them deletes every Certificate and Issuer).
   * @default true (chart)
   */
  keep?: boolean;
}

/**
 * Values of the `cert-manager` chart from `https://charts.jetstack.io` that the stack sets, typed as
 * `cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/values.yaml` (and its
 * `values.schema.json`, which refuses unknown keys). The deprecated `installCRDs` is left out on
 * purpose: `crds.enabled` and `crds.keep` replace it.
 */
export interface CertManagerChartValues {
  /** The chart's CRDs. */
  crds?: CertManagerCrdValues;
  /**
   * Namespace of the secrets `ClusterIssuer`s read (a CA issuer's key pair, DNS credentials).
   * @default "" (the namespace cert-manager runs in)
   */
  clusterResourceNamespace?: string;
  /** The post-install job that waits until the webhook answers, so the release is ready only then. */
  startupapicheck?: {
    /**
     * Run the check.
     * @default true (chart)
     */
    enabled?: boolean;
  };
}

/**
 * `IssuerReference` (`cert-manager/cert-manager@v1.21.1:pkg/apis/meta/v1/types.go`): the issuer that
 * signs a `Certificate`.
 */
export interface CertManagerIssuerReference {
  /** Name of the issuer. Required. */
  name: string;
  /**
   * `Issuer` (same namespace as the Certificate) or `ClusterIssuer`.
   * @default "Issuer"
   */
  kind?: "Issuer" | "ClusterIssuer";
  /**
   * API group of the issuer.
   * @default "cert-manager.io"
   */
  group?: string;
}

/**
 * `IssuerSpec` of an `Issuer` or `ClusterIssuer` (`IssuerConfig` in
 * `cert-manager/cert-manager@v1.21.1:pkg/apis/certmanager/v1/types_issuer.go`): exactly one issuer
 * type; the two the stack uses.
 */
export interface CertManagerIssuerSpec {
  /** `SelfSignedIssuer`: each certificate is signed by its own key (to bootstrap a CA). */
  selfSigned?: Record<string, never>;
  /** `CAIssuer`: signs with the key pair in this secret (in the cluster resource namespace for a `ClusterIssuer`). */
  ca?: {
    /** Secret holding `tls.crt` and `tls.key` of the CA. Required. */
    secretName: string;
  };
}

/** `CertificatePrivateKey` (`types_certificate.go`). */
export interface CertManagerPrivateKey {
  /**
   * Key algorithm.
   * @default "RSA"
   */
  algorithm?: "RSA" | "ECDSA" | "Ed25519";
  /**
   * Key size: 2048, 4096 or 8192 for RSA; 256, 384 or 521 for ECDSA.
   * @default 2048 (RSA), 256 (ECDSA)
   */
  size?: number;
  /**
   * Whether a renewal makes a new key.
   * @default "Always" (since cert-manager 1.18)
   */
  rotationPolicy?: "Never" | "Always";
}

/**
 * `CertificateSpec` (`cert-manager/cert-manager@v1.21.1:pkg/apis/certmanager/v1/types_certificate.go`),
 * the fields the stack uses.
 */
export interface CertManagerCertificateSpec {
  /** Secret cert-manager writes the key pair (and `ca.crt`) to. Required. */
  secretName: string;
  /** The issuer that signs it. Required. */
  issuerRef: CertManagerIssuerReference;
  /** Common name of the subject. */
  commonName?: string;
  /** Mark the certificate as a CA, so it can sign others. */
  isCA?: boolean;
  /**
   * Lifetime (Go duration, e.g. `87600h`).
   * @default "2160h" (90 days)
   */
  duration?: string;
  /** The private key. */
  privateKey?: CertManagerPrivateKey;
}
