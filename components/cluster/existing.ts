import type * as k8s from "@pulumi/kubernetes";
import { Provider } from "@pulumi/kubernetes/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { problem, refuse, type Problem } from "../problems.ts";
import { repeatedZoneProblems } from "../rules.ts";
import type { ClusterHandle } from "./handle.ts";

/** Arguments of {@link ExistingCluster}. Give exactly one of `kubeconfig` and `kubeconfigPath`. */
export interface ExistingClusterArgs {
  /**
   * Kubeconfig contents. Stored as a secret in state and outputs.
   * @default none: `kubeconfigPath` must be given instead
   */
  kubeconfig?: pulumi.Input<string>;
  /**
   * Path of a kubeconfig file on the machine running `pulumi up` (`~` is expanded by the provider).
   * Requires `context`, so the stack never follows whatever context happens to be current.
   * @default none: `kubeconfig` must be given instead
   */
  kubeconfigPath?: string;
  /**
   * Kubeconfig context to use.
   * @default the kubeconfig's current context (only allowed with `kubeconfig` contents)
   */
  context?: string;
  /**
   * Availability zones of the cluster's nodes, when known; used for zone-aware placement.
   * @default []
   */
  zones?: string[];
}

/**
 * Checks {@link ExistingClusterArgs} and returns the problems found (empty when valid): exactly one
 * kubeconfig source, and a named context with a file.
 */
export function existingClusterProblems(args: ExistingClusterArgs): Problem[] {
  const problems: Problem[] = repeatedZoneProblems(["zones"], args.zones);
  const hasContents = args.kubeconfig !== undefined && args.kubeconfig !== "";
  const hasPath = args.kubeconfigPath !== undefined && args.kubeconfigPath !== "";
  if (!hasContents && !hasPath)
    problems.push(
      problem(
        ["kubeconfigPath"],
        args.kubeconfigPath,
        "an existing cluster needs a kubeconfig to reach it: set kubeconfigPath (with its context) or the secret kubeconfig",
      ),
    );
  if (hasContents && hasPath)
    problems.push(
      problem(
        ["kubeconfigPath"],
        args.kubeconfigPath,
        "set either kubeconfig (secret contents) or kubeconfigPath, not both",
      ),
    );
  if (hasPath && !args.context)
    problems.push(
      problem(
        ["context"],
        args.context,
        "a kubeconfig file can hold many clusters: name the context to deploy to, so the stack never follows whatever context is current",
      ),
    );
  return problems;
}

/**
 * A Kubernetes cluster that already exists (kind, minikube, or a company cluster), reached through
 * a kubeconfig. Creates only the explicit Kubernetes provider; nothing in the cluster is changed.
 *
 * @example
 * ```ts
 * const cluster = new ExistingCluster("laptop", { kubeconfigPath: "~/.kube/config", context: "kind-stateful" });
 * new k8s.core.v1.Namespace("data", {}, { provider: cluster.provider });
 * ```
 */
export class ExistingCluster extends pulumi.ComponentResource implements ClusterHandle {
  readonly cloud = "existing" as const;
  readonly provider: k8s.Provider;
  readonly kubeconfig: pulumi.Output<string>;
  readonly zones: string[];
  readonly readiness: pulumi.Resource[] = [];

  constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:ExistingCluster", name, {}, opts);
    refuse(`ExistingCluster "${name}"`, existingClusterProblems(args));

    this.zones = args.zones ?? [];
    const kubeconfig =
      args.kubeconfig !== undefined && args.kubeconfig !== "" ? pulumi.secret(args.kubeconfig) : args.kubeconfigPath;
    this.kubeconfig = pulumi.secret(pulumi.output(kubeconfig ?? ""));
    this.provider = new Provider(
      `${name}-provider`,
      { kubeconfig, context: args.context, enableServerSideApply: true },
      { parent: this },
    );
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
