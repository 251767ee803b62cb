/**
 * What CloudNativePG databases with Barman Cloud backups need in the cluster, in order: cert-manager
 * (the plugin's chart creates its certificates), the CloudNativePG operator, then the Barman Cloud
 * plugin (after both: it registers with the operator and needs its certificates signed).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { Operator } from "./operator.ts";
import { barmanCloudPluginArgs, certManagerArgs, cloudNativePgOperatorArgs } from "./presets.ts";

/** The installs {@link installCloudNativePg} made or reused. */
export interface CloudNativePgOperators {
  /** cert-manager: the one given, or a new release. */
  certManager: Operator;
  /** The CloudNativePG operator (`Cluster`, `ScheduledBackup` CRDs). */
  operator: Operator;
  /** The Barman Cloud plugin (`ObjectStore` CRD); a `Cluster` that archives through it waits for this. */
  plugin: Operator;
  /** What a `Cluster`, `ObjectStore` or `ScheduledBackup` must be created after: the operator's and the plugin's. */
  ready: pulumi.Resource[];
}

/**
 * Installs cert-manager (unless `certManager` gives the stack's existing release), the CloudNativePG
 * operator (after the cluster's readiness and cert-manager) and the Barman Cloud plugin (after both),
 * all as children of `opts.parent`. Releases are named `<name>-cert-manager`, `<name>-cloudnative-pg`
 * and `<name>-plugin-barman-cloud`.
 */
export function installCloudNativePg(
  name: string,
  cluster: ClusterHandle,
  opts: { parent: pulumi.Resource; retainOnDelete: boolean; certManager?: Operator },
): CloudNativePgOperators {
  const { parent, retainOnDelete } = opts;
  const certManager =
    opts.certManager ??
    new Operator(
      `${name}-cert-manager`,
      { ...certManagerArgs(cluster), retainOnDelete },
      { parent, dependsOn: cluster.readiness },
    );
  const operator = new Operator(
    `${name}-cloudnative-pg`,
    { ...cloudNativePgOperatorArgs(cluster), retainOnDelete },
    { parent, dependsOn: [...cluster.readiness, ...certManager.ready] },
  );
  const plugin = new Operator(
    `${name}-plugin-barman-cloud`,
    { ...barmanCloudPluginArgs(cluster), retainOnDelete },
    { parent, dependsOn: [...cluster.readiness, ...certManager.ready, ...operator.ready] },
  );
  return { certManager, operator, plugin, ready: [...operator.ready, ...plugin.ready] };
}
