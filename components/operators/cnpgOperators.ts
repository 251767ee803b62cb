/**
 * What CloudNativePG databases with Barman Cloud backups need in the cluster: the CloudNativePG
 * operator (it makes its own webhook certificate, cloudnative-pg/charts@cloudnative-pg-v0.29.0:
 * charts/cloudnative-pg/templates/deployment.yaml mounts the Secret `cnpg-webhook-cert` the operator
 * writes) in parallel with cert-manager, then the Barman Cloud plugin after both: its chart asks
 * cert-manager for its server and client certificates
 * (cloudnative-pg/charts@plugin-barman-cloud-v0.7.0: templates/server-certificate.yaml,
 * client-certificate.yaml), and the operator puts a finalizer on the plugin's Service that only a
 * running operator removes (cloudnative-pg/cloudnative-pg@v1.30.0:
 * internal/controller/plugin_controller.go), so on `destroy` the plugin must go while the operator
 * still runs. Waiting for the operator costs no time: it installs beside cert-manager.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { Operator } from "./operator.ts";
import { installCertManager } from "./certManager.ts";
import { barmanCloudPluginArgs, cloudNativePgOperatorArgs } from "./presets.ts";

/** The installs {@link installCloudNativePg} made or reused. */
export interface CloudNativePgOperators {
  /** cert-manager: the one given, or a new release. */
  certManager: Operator;
  /** The CloudNativePG operator (`Cluster`, `ScheduledBackup` CRDs). */
  operator: Operator;
  /** The Barman Cloud plugin (`ObjectStore` CRD); a `Cluster` that archives through it waits for this. */
  plugin: Operator;
  /** What a `Cluster`, `ObjectStore` or `ScheduledBackup` that uses the plugin must be created after: the operator's and the plugin's. */
  ready: pulumi.Resource[];
  /** What a `Cluster` that neither archives nor recovers through the plugin must be created after: the operator's. */
  operatorReady: pulumi.Resource[];
}

/**
 * Installs cert-manager (unless `certManager` gives the stack's existing release), the CloudNativePG
 * operator (after the cluster's readiness) and the Barman Cloud plugin (after cert-manager and the
 * operator), all as children of `opts.parent`. Releases are named `<name>-cert-manager`, `<name>-cloudnative-pg`
 * and `<name>-plugin-barman-cloud`.
 */
export function installCloudNativePg(
  name: string,
  cluster: ClusterHandle,
  opts: { parent: pulumi.Resource; retainOnDelete: boolean; certManager?: Operator },
): CloudNativePgOperators {
  const { parent, retainOnDelete } = opts;
  const certManager = opts.certManager ?? installCertManager(name, cluster, { parent, retainOnDelete });
  const operator = new Operator(
    `${name}-cloudnative-pg`,
    { ...cloudNativePgOperatorArgs(cluster), retainOnDelete },
    { parent, dependsOn: cluster.readiness },
  );
  const plugin = new Operator(
    `${name}-plugin-barman-cloud`,
    { ...barmanCloudPluginArgs(cluster), retainOnDelete },
    { parent, dependsOn: [...cluster.readiness, ...certManager.ready, ...operator.ready] },
  );
  return {
    certManager,
    operator,
    plugin,
    ready: [...operator.ready, ...plugin.ready],
    operatorReady: operator.ready,
  };
}
