import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace.js";
import { Release } from "@pulumi/kubernetes/helm/v3/release.js";
import { ConfigFile } from "@pulumi/kubernetes/yaml/v2/configFile.js";
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { problem, refuse, type Problem } from "../problems.ts";
import { dnsLabelProblems } from "../rules.ts";
import { olmNamespaceProblem } from "./olm.ts";
import { CATALOG_NAME_LABEL, OLMV1_OWNED_NAMESPACES, WAIT_FOR_INSTALLED, type ClusterExtensionSpec } from "./olmV1.ts";
import {
  operatorSourceProblems,
  type HelmSource,
  type ManifestSource,
  type OlmSource,
  type OlmV1Source,
} from "./sources.ts";
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
   * Install from an OperatorHub catalog through OLM v1 (which must be installed: see
   * {@link OperatorController}, and pass it in `dependsOn`).
   * @default none
   */
  olmV1?: OlmV1Source;
  /**
   * Keep the install in the cluster when it is removed from the stack. Removing an operator's
   * install removes its CRDs, and with them every custom resource (and the data) it manages.
   * @default false
   */
  retainOnDelete?: boolean;
}

/**
 * `operators.coreos.com/v1` `OperatorGroup` spec, as OLM v0.46.0 serves it (it depends on
 * operator-framework/api v0.45.0): operator-framework/api@v0.45.0:pkg/operators/v1/operatorgroup_types.go.
 * A namespace holds at most one OperatorGroup (see {@link olmNamespaceProblem}).
 */
export interface OperatorGroupSpec {
  /** Selects the target namespaces by label; ignored when `targetNamespaces` is set. */
  selector?: k8s.types.input.meta.v1.LabelSelector;
  /** Namespaces the group's operators watch; with neither this nor `selector`, all namespaces. */
  targetNamespaces?: string[];
  /** Service account OLM deploys the group's operators with. */
  serviceAccountName?: string;
  /** Keep OLM from updating the group's provided-APIs annotation. */
  staticProvidedAPIs?: boolean;
  /** Upgrade strategy; the CRD defaults it to `Default`. */
  upgradeStrategy?: "Default" | "TechPreviewUnsafeFailForward";
}

/**
 * `operators.coreos.com/v1alpha1` `SubscriptionConfig`:
 * operator-framework/api@v0.45.0:pkg/operators/v1alpha1/subscription_types.go.
 */
export interface SubscriptionConfig {
  selector?: k8s.types.input.meta.v1.LabelSelector;
  nodeSelector?: Record<string, string>;
  tolerations?: k8s.types.input.core.v1.Toleration[];
  resources?: k8s.types.input.core.v1.ResourceRequirements;
  envFrom?: k8s.types.input.core.v1.EnvFromSource[];
  env?: k8s.types.input.core.v1.EnvVar[];
  volumes?: k8s.types.input.core.v1.Volume[];
  volumeMounts?: k8s.types.input.core.v1.VolumeMount[];
  affinity?: k8s.types.input.core.v1.Affinity;
  annotations?: Record<string, string>;
}

/**
 * `operators.coreos.com/v1alpha1` `Subscription` spec:
 * operator-framework/api@v0.45.0:pkg/operators/v1alpha1/subscription_types.go (`SubscriptionSpec`;
 * `Approval` in installplan_types.go). The CRD OLM v0.46.0 installs requires `name`, `source` and
 * `sourceNamespace` (operator-framework/operator-lifecycle-manager@v0.46.0:
 * deploy/chart/crds/0000_50_olm_00-subscriptions.crd.yaml).
 */
export interface SubscriptionSpec {
  /** Package name in the catalog. */
  name: string;
  /** Catalog source name. */
  source: string;
  /** Namespace of the catalog source. */
  sourceNamespace: string;
  /** Update channel; the package's default channel when absent. */
  channel?: string;
  /** ClusterServiceVersion to start from. */
  startingCSV?: string;
  /** Whether OLM installs new versions of the channel by itself. */
  installPlanApproval?: "Automatic" | "Manual";
  /** Settings OLM applies to the operator's Deployments. */
  config?: SubscriptionConfig;
}

/** Helm's limit on release names. */
const HELM_RELEASE_NAME_MAX = 53;

/** The rule of a Helm release's name (the operator's name), at `path`. */
export function helmReleaseNameProblems(path: readonly PropertyKey[], name: string): Problem[] {
  if (name.length <= HELM_RELEASE_NAME_MAX) return [];
  return [
    problem(
      path,
      name,
      `the Helm release is named after the operator and Helm allows at most ${HELM_RELEASE_NAME_MAX} characters; use a shorter name`,
    ),
  ];
}

/**
 * The check of {@link OperatorArgs} (paths relative to them): a namespace Kubernetes accepts, one
 * pinned source, and no subscription in a namespace OLM owns.
 */
export function operatorProblems(args: Omit<OperatorArgs, "cluster">): Problem[] {
  const problems = [
    ...dnsLabelProblems(["namespace"], args.namespace, "operator namespace"),
    ...operatorSourceProblems(args),
  ];
  const namespaceProblem = args.olm ? olmNamespaceProblem(args.namespace, "olm", false) : undefined;
  if (namespaceProblem) problems.push(problem(["namespace"], args.namespace, namespaceProblem));
  if ((OLMV1_OWNED_NAMESPACES as readonly string[]).includes(args.namespace))
    problems.push(
      problem(
        ["namespace"],
        args.namespace,
        'belongs to OLM v1 (its catalogd and operator-controller run there); choose a namespace of your own such as "<operator>-system"',
      ),
    );
  return problems;
}

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
 * - `olmV1`: a Namespace and a `ClusterExtension` named after the package, annotated so that the
 *   provider waits for its `Installed` condition: `ready` means the bundle (CRDs included) is applied.
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
  /**
   * Resources whose completion means the operator's CRDs exist and (Helm, manifests) the operator
   * is running. For `olmV1` it is the ClusterExtension's `Installed` condition, which at v1.11.0
   * means the bundle's objects are applied, not that its Deployment is ready
   * (operator-framework/operator-controller@v1.11.0: internal/operator-controller/applier/helm.go).
   */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: OperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:Operator", name, {}, opts);
    refuse(`Operator "${name}"`, [...operatorProblems(args), ...(args.helm ? helmReleaseNameProblems([], name) : [])]);

    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    const retainOnDelete = args.retainOnDelete ?? false;
    this.namespace = args.namespace;
    const { helm, manifest, olm, olmV1 } = args;
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
    } else if (olmV1) {
      this.ready = this.extend(name, args.namespace, olmV1, { parent: this, provider, retainOnDelete }, dependsOn);
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

  private extend(
    name: string,
    namespace: string,
    source: OlmV1Source,
    opts: pulumi.CustomResourceOptions,
    dependsOn: pulumi.Input<pulumi.Resource>[],
  ): pulumi.Resource[] {
    // OLM v1 installs into an existing namespace (operator-framework/operator-controller@v1.11.0:
    // docs/tutorials/install-extension.md, "Prerequisites").
    const ns = new Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { ...opts, dependsOn });
    const channels = source.channels ?? [];
    const spec: ClusterExtensionSpec = {
      namespace,
      source: {
        sourceType: "Catalog",
        catalog: {
          packageName: source.package,
          ...(channels.length > 0 ? { channels } : {}),
          ...(source.version ? { version: source.version } : {}),
          ...(source.catalog ? { selector: { matchLabels: { [CATALOG_NAME_LABEL]: source.catalog } } } : {}),
        },
      },
    };
    const extension = new CustomResource(
      `${name}-extension`,
      {
        apiVersion: "olm.operatorframework.io/v1",
        kind: "ClusterExtension",
        metadata: { name: source.package, annotations: { ...WAIT_FOR_INSTALLED } },
        spec,
      },
      // `spec.namespace` is immutable (the CRD's `self == oldSelf`): a new namespace replaces the
      // extension, the old one deleted first, as it is named after its package.
      { ...opts, dependsOn: [...dependsOn, ns], replaceOnChanges: ["spec.namespace"], deleteBeforeReplace: true },
    );
    return [extension];
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
    // The default catalog is the CatalogSource OLM v0.46.0 creates: `operatorhubio-catalog` in `olm`
    // (operator-framework/operator-lifecycle-manager@v0.46.0: deploy/upstream/quickstart/olm.yaml).
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
