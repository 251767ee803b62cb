import type * as k8s from "@pulumi/kubernetes";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { ETCD_VERSION } from "../operators/versions.ts";
import { problem, refuse, variantProblems, type Problem } from "../problems.ts";
import { dnsSubdomainProblems, statefulSetNameProblems, storageSizeProblems } from "../rules.ts";
import type { EtcdCertManagerConfig, EtcdClusterSpec, EtcdTlsCertificate } from "./etcdTypes.ts";
import { renameAlias, withRenameAlias } from "../renames.ts";

/** TLS between the members and clients of an etcd cluster. */
export const EtcdTls = {
  /** Plain TCP. */
  None: "none",
  /** Certificates the operator generates. */
  Auto: "auto",
  /** Certificates from cert-manager, signed by the issuer `certManager` names. */
  CertManager: "cert-manager",
} as const;
/** TLS between the members and clients of an {@link EtcdCluster}: `"none"`, `"auto"` or `"cert-manager"`. */
export type EtcdTls = (typeof EtcdTls)[keyof typeof EtcdTls];

/** Kinds of cert-manager issuer an EtcdCluster can name. */
export const EtcdIssuerKind = {
  /** A cluster-wide `ClusterIssuer`. */
  ClusterIssuer: "ClusterIssuer",
  /** An `Issuer` in the etcd cluster's namespace. */
  Issuer: "Issuer",
} as const;
/** Kind of cert-manager issuer: `"ClusterIssuer"` or `"Issuer"`. */
export type EtcdIssuerKind = (typeof EtcdIssuerKind)[keyof typeof EtcdIssuerKind];

/** The cert-manager issuer that signs an EtcdCluster's certificates (with `tls: "cert-manager"`). */
export interface EtcdCertManagerIssuer {
  /**
   * `ClusterIssuer` (cluster-wide) or `Issuer` (must be in the etcd cluster's namespace).
   * @default "ClusterIssuer"
   */
  issuerKind?: EtcdIssuerKind;
  /**
   * Name of an issuer that exists when the etcd cluster is created: the operator refuses to create
   * certificates until it does. Required by the EtcdCluster component; in a Platform, leave it
   * unset to use the CA `ClusterIssuer` the platform creates.
   * @default none
   */
  issuerName?: string;
}

/** The settings of an {@link EtcdCluster} that do not depend on where it is deployed. */
export interface EtcdClusterSettings {
  /**
   * Number of members: odd, so a majority survives a failure.
   * @default 3
   */
  size?: number;
  /**
   * etcd version, `vX.Y.Z`.
   * @default ETCD_VERSION
   */
  version?: string;
  /**
   * Storage class of the members' volumes: the platform's disk class. Required unless `ephemeral`.
   * @default none
   */
  storageClass?: string;
  /**
   * Size of each member's volume.
   * @default "10Gi"
   */
  storageSize?: string;
  /**
   * Run without persistent volumes: every member restart loses its data. Only for throw-away tests.
   * @default false
   */
  ephemeral?: boolean;
  /**
   * TLS between members and clients: `none`, `auto` (self-signed certificates the operator generates)
   * or `cert-manager` (certificates from cert-manager, which must run before the etcd operator starts,
   * signed by the issuer in `certManager`).
   * @default "none"
   */
  tls?: EtcdTls;
  /**
   * The issuer of the certificates; only with `tls: "cert-manager"`.
   * @default none
   */
  certManager?: EtcdCertManagerIssuer;
}

/** Arguments of {@link EtcdCluster}. */
export interface EtcdClusterArgs extends EtcdClusterSettings {
  /** The cluster; the custom resource uses its provider. */
  cluster: ClusterHandle;
  /** Namespace of the etcd cluster. */
  namespace: pulumi.Input<string>;
  /**
   * Name of the `EtcdCluster` object, and of the StatefulSet and Service the operator creates (and
   * prefix of its pods and claims): a DNS-1035 label of at most 52 characters.
   * @default the component's name
   */
  clusterName?: string;
  /**
   * The component's resource name before its etcd cluster was renamed: the component and its
   * custom resource are registered with aliases naming their old resource names. The object is
   * named `clusterName`: keep it at the previous name, or the operator makes a new, empty cluster.
   * @default not renamed
   */
  previousName?: string;
  /** `prod` keeps the `EtcdCluster` object (and so its volumes) when it is removed from the stack. */
  environment: Environment;
}

/**
 * The rule of an etcd cluster's name (see {@link statefulSetNameProblems}), which etcd-operator
 * v0.2.0 names its objects after: its StatefulSet and headless Service, the ConfigMap
 * `<name>-state`, pods `<name>-<i>`, claims `etcd-data-<name>-<i>` and the certificates
 * `<name>-{client,server,peer}-tls` (etcd-io/etcd-operator@v0.2.0:internal/controller/utils.go
 * `createOrPatchStatefulSet`, `createHeadlessServiceIfNotExist`, `configMapNameForEtcdCluster`,
 * `getClientCertName`).
 */
export function etcdClusterNameProblems(path: readonly PropertyKey[], name: unknown): Problem[] {
  return statefulSetNameProblems(path, name, "the name of the etcd cluster's StatefulSet and Service", "etcd");
}

const ETCD_VERSION_PATTERN = /^v[0-9]+\.[0-9]+\.[0-9]+$/;

/** What {@link etcdClusterProblems} checks: the arguments that do not depend on where it is deployed. */
export type EtcdClusterCheckArgs = Omit<EtcdClusterArgs, "cluster" | "namespace" | "environment">;

/**
 * The check of {@link EtcdClusterArgs} (paths relative to them): an odd number of members, an etcd
 * release, persistent storage, and an issuer exactly when TLS comes from cert-manager.
 */
export function etcdClusterProblems(args: EtcdClusterCheckArgs): Problem[] {
  const problems: Problem[] = [];
  if (args.clusterName !== undefined) problems.push(...etcdClusterNameProblems(["clusterName"], args.clusterName));
  const size = args.size ?? 3;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size % 2 === 0)
    problems.push(
      problem(
        ["size"],
        size,
        "etcd needs an odd number of members, at least 1 (1, 3, 5, …), so a majority survives a failure",
      ),
    );
  const version = args.version ?? ETCD_VERSION;
  if (typeof version !== "string" || !ETCD_VERSION_PATTERN.test(version))
    problems.push(problem(["version"], version, `expected an etcd release "vX.Y.Z" such as "${ETCD_VERSION}"`));
  if (args.storageClass !== undefined)
    problems.push(
      ...dnsSubdomainProblems(["storageClass"], args.storageClass, "storage class of the members' volumes"),
    );
  else if (!args.ephemeral)
    problems.push(
      problem(
        ["storageClass"],
        undefined,
        "is required so members keep their data: name the platform's disk class (ephemeral: true only for throw-away clusters)",
      ),
    );
  problems.push(...storageSizeProblems(["storageSize"], args.storageSize ?? "10Gi", "10Gi"));
  problems.push(...variantProblems(["tls"], args.tls, EtcdTls));
  problems.push(...certManagerProblems(args.tls ?? "none", args.certManager));
  return problems;
}

function certManagerProblems(tls: EtcdTls, issuer: EtcdCertManagerIssuer | undefined): Problem[] {
  if (tls !== "cert-manager") {
    if (issuer === undefined) return [];
    return [
      problem(
        ["certManager"],
        issuer,
        `applies only with tls "cert-manager" (tls is "${tls}"); set tls to "cert-manager" or remove certManager`,
      ),
    ];
  }
  const problems = variantProblems(["certManager", "issuerKind"], issuer?.issuerKind, EtcdIssuerKind);
  const issuerName = issuer?.issuerName;
  if (issuerName === undefined)
    problems.push(
      problem(
        ["certManager", "issuerName"],
        undefined,
        "tls \"cert-manager\" needs the issuer that signs the certificates: give issuerName (a ClusterIssuer, or an Issuer in the etcd cluster's namespace); in a Platform, leave certManager out to use the stack's own CA issuer",
      ),
    );
  else problems.push(...dnsSubdomainProblems(["certManager", "issuerName"], issuerName, "cert-manager issuer name"));
  return problems;
}

/** The `spec.tls` of an etcd cluster named `name` (`etcd-io/etcd-operator@v0.2.0:internal/controller/utils.go`). */
function tlsSpec(
  name: string,
  tls: EtcdTls,
  issuer: EtcdCertManagerIssuer | undefined,
): EtcdTlsCertificate | undefined {
  switch (tls) {
    case "none":
      return undefined;
    case "auto":
      // Without autoCfg the operator creates no certificate; it defaults DNS names and a 365-day lifetime.
      return { provider: "auto", providerCfg: { autoCfg: { commonName: name } } };
    case "cert-manager": {
      const certManagerCfg: EtcdCertManagerConfig = {
        commonName: name,
        issuerKind: issuer?.issuerKind ?? "ClusterIssuer",
        issuerName: issuer?.issuerName ?? "",
      };
      return { provider: "cert-manager", providerCfg: { certManagerCfg } };
    }
    default: {
      const unknown: never = tls;
      throw new Error(`EtcdCluster "${name}": unknown tls mode ${String(unknown)}`);
    }
  }
}

/** The `EtcdCluster` spec for these arguments, defaults applied. */
export function etcdClusterSpec(name: string, args: EtcdClusterCheckArgs): EtcdClusterSpec {
  const tls = tlsSpec(name, args.tls ?? "none", args.certManager);
  return {
    size: args.size ?? 3,
    version: args.version ?? ETCD_VERSION,
    ...(args.ephemeral
      ? {}
      : {
          storageSpec: {
            accessModes: "ReadWriteOnce",
            storageClassName: args.storageClass,
            volumeSizeRequest: args.storageSize ?? "10Gi",
          },
        }),
    ...(tls ? { tls } : {}),
  };
}

/**
 * An etcd cluster managed by etcd-io/etcd-operator: one `operator.etcd.io/v1alpha1` `EtcdCluster`
 * with persistent volumes on the given storage class. Pass the etcd operator's `ready` in
 * `dependsOn`, so the object is created after its CRD exists and the operator runs; with
 * `tls: "cert-manager"`, also the issuer's (see {@link CertManagerCaIssuer}).
 *
 * @example
 * ```ts
 * const operator = new Operator("etcd-operator", etcdOperatorArgs(cluster), { dependsOn: cluster.readiness });
 * new EtcdCluster("config-store", { cluster, namespace: "data", environment: "prod", storageClass: "managed-csi" }, { dependsOn: operator.ready });
 * ```
 */
export class EtcdCluster extends pulumi.ComponentResource {
  /** Name of the `EtcdCluster` object. */
  readonly clusterName: pulumi.Output<string>;
  /** The custom resource. */
  readonly resource: k8s.apiextensions.CustomResource;

  constructor(name: string, args: EtcdClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:EtcdCluster", name, {}, withRenameAlias(opts, args.previousName));
    // Without clusterName, the component's name is the object's, and the operator's objects'.
    refuse(`EtcdCluster "${name}"`, etcdClusterProblems({ ...args, clusterName: args.clusterName ?? name }));
    const spec = etcdClusterSpec(args.clusterName ?? name, args);
    this.resource = new CustomResource(
      name,
      {
        apiVersion: "operator.etcd.io/v1alpha1",
        kind: "EtcdCluster",
        metadata: {
          name: args.clusterName ?? name,
          namespace: args.namespace,
          labels: { "app.kubernetes.io/part-of": "stateful-stack" },
        },
        spec,
      },
      {
        parent: this,
        provider: args.cluster.provider,
        dependsOn: forwardedDependsOn(opts),
        ...dataRetention(args.environment),
        ...renameAlias(args.previousName),
      },
    );
    this.clusterName = this.resource.metadata.name;
    this.registerOutputs({ clusterName: this.clusterName });
  }
}
