import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace.js";
import { Release } from "@pulumi/kubernetes/helm/v3/release.js";
import { ConfigFile } from "@pulumi/kubernetes/yaml/v2/configFile.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { operatorSourceProblems, type HelmSource, type ManifestSource, type OlmSource } from "./sources.ts";
import { HELM_TIMEOUT_SECONDS, OLM_NAMESPACE, OPERATORHUB_CATALOG } from "./versions.ts";

/** Arguments of {@link Operator}. Give exactly one of `helm`, `manifest` and `olm`. */
export interface OperatorArgs {
  /** The cluster to install into; every object uses its provider. */
  cluster: ClusterHandle;
  /**
   * Namespace the operator runs in. A Helm release and an OLM subscription create it; a manifest
   * bundle creates its own, and this names it.
   */
  namespace: string;
  /**
   * Install from a Helm chart.
   * @default none
   */
  helm?: HelmSource;
  /**
   * Install from a YAML bundle at a pinned URL.
   * @default none
   */
  manifest?: ManifestSource;
  /**
   * Install from an OperatorHub catalog through OLM (which must be installed: see
   * {@link OperatorLifecycleManager}, and pass it in `dependsOn`).
   * @default none
   */
  olm?: OlmSource;
  /**
   * Keep the install in the cluster when it is removed from the stack. Removing an operator's
   * install removes its CRDs, and with them every custom resource (and the data) it manages.
   * @default false
   */
  retainOnDelete?: boolean;
}

/** `operators.coreos.com/v1` `OperatorGroup` spec. */
export interface OperatorGroupSpec {
  /** Namespaces the group's operators watch; absent means all namespaces. */
  targetNamespaces?: string[];
}

/** `operators.coreos.com/v1alpha1` `Subscription` spec. */
export interface SubscriptionSpec {
  /** Package name in the catalog. */
  name: string;
  /** Update channel. */
  channel: string;
  /** Catalog source name. */
  source: string;
  /** Namespace of the catalog source. */
  sourceNamespace: string;
  /** Whether OLM installs new versions of the channel by itself. */
  installPlanApproval: "Automatic" | "Manual";
  /** ClusterServiceVersion to start from. */
  startingCSV?: string;
}

/** Checks {@link OperatorArgs}; returns the problems found (empty when valid). */
export function operatorProblems(name: string, args: Omit<OperatorArgs, "cluster">): string[] {
  const problems = operatorSourceProblems(`Operator "${name}"`, args);
  if (args.helm && name.length > HELM_RELEASE_NAME_MAX) {
    problems.push(
      `Operator "${name}": the Helm release is named after the operator and Helm allows at most ${HELM_RELEASE_NAME_MAX} characters; use a shorter name`,
    );
  }
  return problems;
}

/** Helm's limit on release names. */
const HELM_RELEASE_NAME_MAX = 53;

/**
 * One Kubernetes operator, installed from exactly one source, on the cluster's provider.
 *
 * - `helm`: a `kubernetes:helm.sh/v3:Release`. It is a custom resource, so its chart, version and
 *   values show in every preview, and `pulumi preview` of a brand-new stack works while the cluster
 *   and its kubeconfig do not exist yet (pulumi/pulumi-kubernetes#1886). Helm v4 `Chart` was not
 *   chosen: it renders the chart inside the provider and still fails at preview against a cluster
 *   that is not there (pulumi/pulumi-kubernetes#3027, open with `@pulumi/kubernetes` 4.34.2).
 *   The release waits until its Deployments are ready, so dependents start after the operator runs.
 * - `manifest`: a YAML v2 `ConfigFile` of the pinned URL. There is no custom-resource alternative
 *   for a plain bundle (YAML v1 fetches the URL inside the program and calls the provider at
 *   preview); with an unknown kubeconfig the engine previews it as a component with unknown outputs
 *   (pulumi/pulumi#16331, fixed by pulumi/pulumi#16868), and a resource that depends on it waits
 *   for every object in the bundle, CRDs and the operator's Deployment included.
 * - `olm`: a Namespace, an `OperatorGroup` and a `Subscription`. OLM installs the operator
 *   asynchronously after the Subscription exists, so `ready` here means "subscribed": custom
 *   resources of an OLM operator created in the same update may need a second `pulumi up`.
 *
 * `ready` is what custom resources of the operator must depend on.
 *
 * @example
 * ```ts
 * const rook = new Operator("rook", {
 *   cluster,
 *   namespace: "rook-ceph",
 *   helm: { repository: "https://charts.rook.io/release", chart: "rook-ceph", version: "v1.20.0", values: { crds: { enabled: true } } },
 * }, { dependsOn: cluster.readiness });
 * new k8s.apiextensions.CustomResource("pool", { apiVersion: "ceph.rook.io/v1", kind: "CephBlockPool" }, { provider: cluster.provider, dependsOn: rook.ready });
 * ```
 */
export class Operator extends pulumi.ComponentResource {
  /** Namespace the operator runs in. */
  readonly namespace: string;
  /** Resources whose completion means the operator's CRDs exist and the operator is running. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: OperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:Operator", name, {}, opts);
    const problems = operatorProblems(name, args);
    if (problems.length > 0) throw new Error(problems.join("; "));

    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    const retainOnDelete = args.retainOnDelete ?? false;
    this.namespace = args.namespace;
    const { helm, manifest, olm } = args;
    if (helm) {
      const release = new Release(
        `${name}`,
        {
          name,
          chart: helm.chart,
          version: helm.version,
          repositoryOpts: { repo: helm.repository },
          namespace: args.namespace,
          createNamespace: true,
          values: helm.values ?? {},
          atomic: false,
          cleanupOnFail: false,
          timeout: HELM_TIMEOUT_SECONDS,
        },
        { parent: this, provider, dependsOn, retainOnDelete },
      );
      this.ready = [release];
    } else if (manifest) {
      const bundle = new ConfigFile(
        `${name}`,
        { file: manifest.url },
        { parent: this, provider, dependsOn, retainOnDelete },
      );
      this.ready = [bundle];
    } else {
      this.ready = this.subscribe(
        name,
        args.namespace,
        olm as OlmSource,
        { parent: this, provider, retainOnDelete },
        dependsOn,
      );
    }
    this.registerOutputs({ namespace: this.namespace });
  }

  private subscribe(
    name: string,
    namespace: string,
    olm: OlmSource,
    opts: pulumi.CustomResourceOptions,
    dependsOn: pulumi.Input<pulumi.Resource>[],
  ): pulumi.Resource[] {
    const ns = new Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { ...opts, dependsOn });
    const targets = olm.targetNamespaces ?? [];
    const groupSpec: OperatorGroupSpec = targets.length > 0 ? { targetNamespaces: targets } : {};
    const group = new CustomResource(
      `${name}-group`,
      {
        apiVersion: "operators.coreos.com/v1",
        kind: "OperatorGroup",
        metadata: { name, namespace: ns.metadata.name },
        spec: groupSpec,
      },
      { ...opts, dependsOn: [...dependsOn, ns] },
    );
    const spec: SubscriptionSpec = {
      name: olm.package,
      channel: olm.channel,
      source: olm.catalogSource ?? OPERATORHUB_CATALOG,
      sourceNamespace: olm.catalogSourceNamespace ?? OLM_NAMESPACE,
      installPlanApproval: "Automatic",
      ...(olm.startingCSV ? { startingCSV: olm.startingCSV } : {}),
    };
    const subscription = new CustomResource(
      `${name}-subscription`,
      {
        apiVersion: "operators.coreos.com/v1alpha1",
        kind: "Subscription",
        metadata: { name: olm.package, namespace: ns.metadata.name },
        spec,
      },
      { ...opts, dependsOn: [...dependsOn, group] },
    );
    return [subscription];
  }
}
