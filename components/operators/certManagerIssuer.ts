/**
 * A private certificate authority in cert-manager, as cert-manager's documentation bootstraps one
 * (a SelfSigned issuer signs a CA certificate; a CA issuer signs with its key pair): the issuer the
 * stack gives etcd clusters with `tls: cert-manager` when none is named.
 */
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { problem, refuse, type Problem } from "../problems.ts";
import { DNS_SUBDOMAIN } from "../rules.ts";
import type { CertManagerCertificateSpec, CertManagerIssuerSpec } from "./certManagerTypes.ts";
import { CERT_MANAGER_NAMESPACE } from "./versions.ts";

/** Arguments of {@link CertManagerCaIssuer}. */
export interface CertManagerCaIssuerArgs {
  /** The cluster; every object uses its provider. */
  cluster: ClusterHandle;
  /**
   * Name of the CA `ClusterIssuer`, and of the CA `Certificate` and its secret.
   * @default the component's name
   */
  issuerName?: string;
  /**
   * Namespace cert-manager runs in: a `ClusterIssuer` reads its CA secret from there (the chart's
   * `clusterResourceNamespace` default), so the CA certificate is kept there.
   * @default "cert-manager"
   */
  certManagerNamespace?: string;
  /**
   * Lifetime of the CA certificate (Go duration); cert-manager renews it before it expires.
   * @default "87600h" (10 years)
   */
  caDuration?: string;
  /**
   * Keep the issuers and the CA certificate in the cluster when they are removed from the stack, so
   * certificates they signed still renew.
   * @default false
   */
  retainOnDelete?: boolean;
}

/** cert-manager refuses longer common names (invalid CSRs); the CA's common name is its issuer's name. */
const COMMON_NAME_MAX = 64;

/**
 * The check of {@link CertManagerCaIssuerArgs}; `name` is the component's, the issuer's name when
 * `issuerName` is not given.
 */
export function certManagerCaIssuerProblems(args: Omit<CertManagerCaIssuerArgs, "cluster">, name: string): Problem[] {
  const issuerName = args.issuerName ?? name;
  if (DNS_SUBDOMAIN.test(issuerName) && issuerName.length <= COMMON_NAME_MAX) return [];
  return [
    problem(
      ["issuerName"],
      issuerName,
      `must be a Kubernetes object name (lowercase letters, digits, "-" and ".") of at most ${COMMON_NAME_MAX} characters, as it is also the CA's common name`,
    ),
  ];
}

/**
 * A CA `ClusterIssuer` backed by a self-signed CA certificate, all `cert-manager.io/v1`:
 * a SelfSigned `ClusterIssuer` `<issuerName>-bootstrap` → a CA `Certificate` `<issuerName>` (ECDSA
 * P-256, secret `<issuerName>`) in cert-manager's namespace → a CA `ClusterIssuer` `<issuerName>`.
 * Pass cert-manager's `ready` in `dependsOn`; custom resources that name the issuer depend on `ready`.
 *
 * @example
 * ```ts
 * const certManager = new Operator("cert-manager", certManagerArgs(cluster), { dependsOn: cluster.readiness });
 * const ca = new CertManagerCaIssuer("etcd-ca", { cluster }, { dependsOn: certManager.ready });
 * new EtcdCluster("store", { cluster, namespace: "data", environment: "prod", storageClass: "managed-csi",
 *   tls: "cert-manager", certManager: { issuerKind: "ClusterIssuer", issuerName: ca.issuerName } }, { dependsOn: ca.ready });
 * ```
 */
export class CertManagerCaIssuer extends pulumi.ComponentResource {
  /** Name of the CA `ClusterIssuer` that certificates name in their `issuerRef`. */
  readonly issuerName: string;
  /** What a resource naming the issuer must depend on. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: CertManagerCaIssuerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:CertManagerCaIssuer", name, {}, opts);
    refuse(`CertManagerCaIssuer "${name}"`, certManagerCaIssuerProblems(args, name));
    const issuerName = args.issuerName ?? name;
    const options = {
      parent: this,
      provider: args.cluster.provider,
      retainOnDelete: args.retainOnDelete ?? false,
    };
    const bootstrapSpec: CertManagerIssuerSpec = { selfSigned: {} };
    const bootstrap = new CustomResource(
      `${name}-bootstrap`,
      {
        apiVersion: "cert-manager.io/v1",
        kind: "ClusterIssuer",
        metadata: { name: `${issuerName}-bootstrap` },
        spec: bootstrapSpec,
      },
      { ...options, dependsOn: forwardedDependsOn(opts) },
    );
    const certificateSpec: CertManagerCertificateSpec = {
      isCA: true,
      commonName: issuerName,
      secretName: issuerName,
      duration: args.caDuration ?? "87600h",
      privateKey: { algorithm: "ECDSA", size: 256 },
      issuerRef: { name: `${issuerName}-bootstrap`, kind: "ClusterIssuer", group: "cert-manager.io" },
    };
    const certificate = new CustomResource(
      `${name}-certificate`,
      {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: issuerName, namespace: args.certManagerNamespace ?? CERT_MANAGER_NAMESPACE },
        spec: certificateSpec,
      },
      { ...options, dependsOn: [bootstrap] },
    );
    const issuerSpec: CertManagerIssuerSpec = { ca: { secretName: issuerName } };
    const issuer = new CustomResource(
      `${name}-issuer`,
      { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: issuerName }, spec: issuerSpec },
      { ...options, dependsOn: [certificate] },
    );
    this.issuerName = issuerName;
    this.ready = [issuer];
    this.registerOutputs({});
  }
}
