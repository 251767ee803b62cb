import type * as k8s from "@pulumi/kubernetes";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { ETCD_VERSION } from "../operators/versions.ts";
import type { EtcdClusterSpec, EtcdTlsCertificate } from "./etcdTypes.ts";

/** TLS between the members and clients of an etcd cluster. */
export const EtcdTls = {
  /** Plain TCP. */
  None: "none",
  /** Certificates the operator generates. */
  Auto: "auto",
  /** Certificates from cert-manager, named after the cluster. */
  CertManager: "cert-manager",
} as const;
/** TLS between the members and clients of an {@link EtcdCluster}: `"none"`, `"auto"` or `"cert-manager"`. */
export type EtcdTls = (typeof EtcdTls)[keyof typeof EtcdTls];
/** TLS choices of an {@link EtcdCluster}. */
export const ETCD_TLS_MODES = Object.values(EtcdTls) as [EtcdTls, ...EtcdTls[]];

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
   * TLS between members and clients: `none`, `auto` (operator-generated certificates) or
   * `cert-manager` (needs cert-manager; certificates named after the cluster).
   * @default "none"
   */
  tls?: EtcdTls;
}

/** Arguments of {@link EtcdCluster}. */
export interface EtcdClusterArgs extends EtcdClusterSettings {
  /** The cluster; the custom resource uses its provider. */
  cluster: ClusterHandle;
  /** Namespace of the etcd cluster. */
  namespace: pulumi.Input<string>;
  /**
   * Name of the `EtcdCluster` object (and prefix of its pods and claims).
   * @default the component's name
   */
  clusterName?: string;
  /** `prod` keeps the `EtcdCluster` object (and so its volumes) when it is removed from the stack. */
  environment: Environment;
}

const ETCD_VERSION_PATTERN = /^v[0-9]+\.[0-9]+\.[0-9]+$/;
const SIZE_PATTERN = /^[1-9][0-9]*(Mi|Gi|Ti)$/;

/** Checks {@link EtcdClusterArgs}; returns the problems found (empty when valid). */
export function etcdClusterProblems(name: string, args: Omit<EtcdClusterArgs, "cluster" | "namespace">): string[] {
  const problems: string[] = [];
  const size = args.size ?? 3;
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    problems.push(
      `EtcdCluster "${name}": size ${size} must be an odd whole number of at least 1 (1, 3, 5, …) so a majority of members survives a failure`,
    );
  }
  const version = args.version ?? ETCD_VERSION;
  if (!ETCD_VERSION_PATTERN.test(version)) {
    problems.push(
      `EtcdCluster "${name}": version "${version}" must be an etcd release "vX.Y.Z", such as "${ETCD_VERSION}"`,
    );
  }
  if (!args.ephemeral && !args.storageClass) {
    problems.push(
      `EtcdCluster "${name}": storageClass is required so members keep their data; set ephemeral: true only for throw-away clusters`,
    );
  }
  const storageSize = args.storageSize ?? "10Gi";
  if (!SIZE_PATTERN.test(storageSize)) {
    problems.push(`EtcdCluster "${name}": storageSize "${storageSize}" must be a size in Mi, Gi or Ti such as "10Gi"`);
  }
  return problems;
}

/** The `EtcdCluster` spec for these arguments, defaults applied. */
export function etcdClusterSpec(name: string, args: Omit<EtcdClusterArgs, "cluster" | "namespace">): EtcdClusterSpec {
  const tls = args.tls ?? "none";
  const tlsSpec: EtcdTlsCertificate | undefined =
    tls === "none"
      ? undefined
      : tls === "auto"
        ? { provider: "auto", providerCfg: { autoCfg: {} } }
        : { provider: "cert-manager", providerCfg: { certManagerCfg: { commonName: name } } };
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
    ...(tlsSpec ? { tls: tlsSpec } : {}),
  };
}

/**
 * An etcd cluster managed by etcd-io/etcd-operator: one `operator.etcd.io/v1alpha1` `EtcdCluster`
 * with persistent volumes on the given storage class. Pass the etcd operator's `ready` in
 * `dependsOn`, so the object is created after its CRD exists and the operator runs.
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
    super("stateful-stack:index:EtcdCluster", name, {}, opts);
    const problems = etcdClusterProblems(name, args);
    if (problems.length > 0) throw new Error(problems.join("; "));
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
      },
    );
    this.clusterName = this.resource.metadata.name;
    this.registerOutputs({ clusterName: this.clusterName });
  }
}
