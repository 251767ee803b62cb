/**
 * What etcd clusters with `tls: cert-manager` need before the etcd operator starts: cert-manager
 * itself and, for clusters that name no issuer, the stack's CA `ClusterIssuer`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import type { EtcdClusterSettings } from "../stateful/etcdCluster.ts";
import { CertManagerCaIssuer } from "./certManagerIssuer.ts";
import { installCertManager } from "./certManager.ts";
import { Operator } from "./operator.ts";

/** cert-manager and the default issuer, when some etcd cluster needs them. */
export interface EtcdCertManager {
  /** The cert-manager release; the etcd operator must start after it. */
  operator?: Operator;
  /** The CA issuer of clusters that name none. */
  issuer?: CertManagerCaIssuer;
}

/** True for an etcd cluster with `tls: cert-manager` that names no issuer (neither kind nor name). */
function usesDefaultIssuer(etcd: EtcdClusterSettings): boolean {
  return (
    etcd.tls === "cert-manager" &&
    etcd.certManager?.issuerName === undefined &&
    etcd.certManager?.issuerKind === undefined
  );
}

/** An etcd cluster with `tls: cert-manager` and no issuer named gets the `ClusterIssuer` `defaultIssuer`. */
export function withIssuer<T extends EtcdClusterSettings>(etcd: T, defaultIssuer: string): T {
  if (!usesDefaultIssuer(etcd)) return etcd;
  return { ...etcd, certManager: { issuerKind: "ClusterIssuer", issuerName: defaultIssuer } };
}

/**
 * Installs cert-manager (after the cluster's readiness) when any of `etcdClusters` asks for
 * `tls: cert-manager`, and the CA issuer `<name>-etcd-ca` (after cert-manager) when one of them
 * names no issuer.
 */
export function installEtcdCertManager(
  name: string,
  cluster: ClusterHandle,
  etcdClusters: readonly EtcdClusterSettings[],
  opts: { parent: pulumi.Resource; retainOnDelete: boolean },
): EtcdCertManager {
  const asking = etcdClusters.filter((e) => e.tls === "cert-manager");
  if (asking.length === 0) return {};
  const { parent, retainOnDelete } = opts;
  const operator = installCertManager(name, cluster, { parent, retainOnDelete });
  const issuer = asking.some(usesDefaultIssuer)
    ? new CertManagerCaIssuer(`${name}-etcd-ca`, { cluster, retainOnDelete }, { parent, dependsOn: operator.ready })
    : undefined;
  return { operator, issuer };
}

/** What an etcd cluster must be created after for its certificates: its issuer, or cert-manager for a named one. */
export function signerReadiness(etcd: EtcdClusterSettings, installed: EtcdCertManager): pulumi.Resource[] {
  if (etcd.tls !== "cert-manager") return [];
  if (usesDefaultIssuer(etcd)) return installed.issuer?.ready ?? [];
  return installed.operator?.ready ?? [];
}
