/**
 * The stack's one cert-manager release: etcd TLS, the Barman Cloud plugin and OLM v1 all use it,
 * and whichever of them needs it first creates it (the others are given it).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { Operator } from "./operator.ts";
import { certManagerArgs } from "./presets.ts";

/** Installs cert-manager as `<name>-cert-manager`, a child of `opts.parent`, after the cluster is ready. */
export function installCertManager(
  name: string,
  cluster: ClusterHandle,
  opts: { parent: pulumi.Resource; retainOnDelete: boolean },
): Operator {
  return new Operator(
    `${name}-cert-manager`,
    { ...certManagerArgs(cluster), retainOnDelete: opts.retainOnDelete },
    { parent: opts.parent, dependsOn: cluster.readiness },
  );
}
