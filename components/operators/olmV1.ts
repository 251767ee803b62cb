/**
 * OLM v1 (operator-framework/operator-controller v1.11.0): the installer component, the typed
 * `olm.operatorframework.io/v1` objects the stack renders, and the rules across the layer (a cluster
 * that has OLM v1, its namespace left to it).
 */
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import { ConfigFile } from "@pulumi/kubernetes/yaml/v2/configFile.js";
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { refuse, under, type Problem } from "../problems.ts";
import { olmV1CatalogProblems, type OlmV1Catalog } from "./olmV1Catalogs.ts";
import { pinnedUrlProblems } from "./sources.ts";
import { OLMV1_CATALOGS_URL, OLMV1_DEFAULT_CATALOG, OLMV1_MANIFEST_URL, OLMV1_NAMESPACE } from "./versions.ts";

/**
 * `ClusterExtension` `spec.source.catalog` (`CatalogFilter`, operator-framework/operator-controller@v1.11.0:api/v1/clusterextension_types.go):
 * `packageName` is required and immutable; the others narrow the bundles it may install.
 */
export interface ClusterExtensionCatalogFilter {
  /** Package name, a DNS subdomain (immutable). */
  packageName: string;
  /** Version or range, at most 64 characters. */
  version?: string;
  /** Channels (DNS subdomains), at most 256. */
  channels?: string[];
  /** Selects the `ClusterCatalog`s by label. */
  selector?: k8s.types.input.meta.v1.LabelSelector;
  /** `CatalogProvided` (default) or `SelfCertified` (ignore the package author's upgrade edges). */
  upgradeConstraintPolicy?: "CatalogProvided" | "SelfCertified";
}

/**
 * `ClusterExtension` spec as the standard CRD of v1.11.0 takes it (`ClusterExtensionSpec`,
 * operator-framework/operator-controller@v1.11.0:api/v1/clusterextension_types.go; required `namespace` and `source`:
 * helm/olmv1/base/operator-controller/crd/standard/olm.operatorframework.io_clusterextensions.yaml).
 * `serviceAccount` is left out: at v1.11.0 it "is a deprecated field and is completely ignored"
 * (operator-controller itself is bound to cluster-admin, scripts/install.tpl.sh). `config` (watch
 * namespace) is only in the experimental CRD.
 */
export interface ClusterExtensionSpec {
  /** Namespace the bundle's namespaced objects go to: a DNS label, immutable. */
  namespace: string;
  /** Where the bundle comes from. */
  source: { sourceType: "Catalog"; catalog: ClusterExtensionCatalogFilter };
  /** Pre-flight checks. */
  install?: { preflight: { crdUpgradeSafety: { enforcement: "None" | "Strict" } } };
}

/**
 * `ClusterCatalog` spec (`ClusterCatalogSpec` and `ImageSource`, operator-framework/operator-controller@v1.11.0:api/v1/clustercatalog_types.go):
 * an image source, a priority among catalogs, and whether it is served.
 */
export interface ClusterCatalogSpec {
  /** The catalog image. */
  source: { type: "Image"; image: { ref: string; pollIntervalMinutes?: number } };
  /** Higher wins when several catalogs offer a package (int32; default 0). */
  priority?: number;
  /** `Available` (default) or `Unavailable`. */
  availabilityMode?: "Available" | "Unavailable";
}

/** The label catalogd sets on every `ClusterCatalog` to its name (operator-framework/operator-controller@v1.11.0:api/v1/clustercatalog_types.go `MetadataNameLabel`). */
export const CATALOG_NAME_LABEL = "olm.operatorframework.io/metadata.name";

/**
 * The annotation that makes the Kubernetes provider wait for a condition of a custom resource before
 * dependents are created (pulumi/pulumi-kubernetes v4.18.0 and later, `pulumi.com/waitFor`); a
 * `ClusterExtension` reports `Installed` True once its bundle is applied (operator-framework/operator-controller@v1.11.0:api/v1/common_types.go `TypeInstalled`).
 */
export const WAIT_FOR_INSTALLED = { "pulumi.com/waitFor": "condition=Installed" } as const;

/** Namespaces OLM v1 owns: it creates `olmv1-system` for catalogd and operator-controller. */
export const OLMV1_OWNED_NAMESPACES = [OLMV1_NAMESPACE] as const;

/** The names of the catalogs an OLM v1 install of the stack serves: the configured ones, or the release's `operatorhubio`. */
export function servedCatalogs(catalogs: readonly OlmV1Catalog[] | undefined): string[] {
  return (catalogs ?? []).length > 0 ? (catalogs ?? []).map((c) => c.name) : [OLMV1_DEFAULT_CATALOG];
}

/** Whether an `olmV1` operator can install on `cloud`: AKS and EKS come without OLM v1. */
export function clusterHasOlmV1(cloud: string, installOlmV1: boolean): boolean {
  return installOlmV1 || cloud === "existing";
}

/** The problem of an `olmV1` operator on a cluster without OLM v1. */
export function missingOlmV1Problem(cloud: string): string {
  return `cloud "${cloud}" comes without OLM v1 (operator-controller), so this ClusterExtension would never install: set installOlmV1 to true, or install the operator from helm, manifest or olm`;
}

/** Arguments of {@link OperatorController}. */
export interface OperatorControllerArgs {
  /** The cluster to install OLM v1 into. */
  cluster: ClusterHandle;
  /**
   * What cert-manager's readiness is: the release manifest asks cert-manager for its certificates.
   * @default [] (cert-manager is already in the cluster)
   */
  certManager?: pulumi.Resource[];
  /**
   * Pinned URL of the release manifest (CRDs, catalogd, operator-controller).
   * @default OLMV1_MANIFEST_URL (v1.11.0)
   */
  manifestUrl?: string;
  /**
   * Pinned URL of the catalogs to serve.
   * @default OLMV1_CATALOGS_URL (v1.11.0's `operatorhubio`)
   */
  catalogsUrl?: string;
  /**
   * Catalogs to serve instead of the release's default ones, each as a `ClusterCatalog`.
   * @default [] (the catalogs of `catalogsUrl`)
   */
  catalogs?: OlmV1Catalog[];
  /**
   * Keep OLM v1 (and its CRDs) in the cluster when it is removed from the stack.
   * @default false
   */
  retainOnDelete?: boolean;
}

/** The check of {@link OperatorControllerArgs}: both URLs pinned to a release, and catalogs the CRD accepts. */
export function operatorControllerProblems(
  args: Pick<OperatorControllerArgs, "manifestUrl" | "catalogsUrl" | "catalogs">,
): Problem[] {
  return [
    ...under(["catalogs"], olmV1CatalogProblems(args.catalogs ?? [])),
    ...(args.manifestUrl === undefined ? [] : pinnedUrlProblems(["manifestUrl"], args.manifestUrl)),
    ...(args.catalogsUrl === undefined ? [] : pinnedUrlProblems(["catalogsUrl"], args.catalogsUrl)),
  ];
}

/**
 * OLM v1, so operators can be installed from catalogs as `ClusterExtension`s: the release manifest
 * after cert-manager, then the catalogs, each a YAML v2 `ConfigFile` of a pinned release URL. The
 * release publishes its CRDs in the same manifest as the controllers; YAML v2 registers a file's
 * CRDs before the objects that use them.
 *
 * @example
 * ```ts
 * const olmV1 = new OperatorController("olmv1", { cluster, certManager: certManager.ready }, { dependsOn: cluster.readiness });
 * new Operator("argocd", { cluster, namespace: "argocd", olmV1: { package: "argocd-operator", channels: ["alpha"] } }, { dependsOn: olmV1.ready });
 * ```
 */
export class OperatorController extends pulumi.ComponentResource {
  /** What operators installed through OLM v1 must wait for: the catalogs, after the controllers. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: OperatorControllerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:OperatorController", name, {}, opts);
    refuse(`OperatorController "${name}"`, operatorControllerProblems(args));
    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    const retainOnDelete = args.retainOnDelete ?? false;
    const controllers = new ConfigFile(
      `${name}-controllers`,
      { file: args.manifestUrl ?? OLMV1_MANIFEST_URL },
      { parent: this, provider, dependsOn: [...dependsOn, ...(args.certManager ?? [])], retainOnDelete },
    );
    const after = { parent: this, provider, dependsOn: [...dependsOn, controllers], retainOnDelete };
    const configured = args.catalogs ?? [];
    const catalogs: pulumi.Resource[] =
      configured.length === 0
        ? [new ConfigFile(`${name}-catalogs`, { file: args.catalogsUrl ?? OLMV1_CATALOGS_URL }, after)]
        : configured.map((catalog) => {
            const spec: ClusterCatalogSpec = {
              source: {
                type: "Image",
                image: {
                  ref: catalog.image,
                  ...(catalog.pollIntervalMinutes === undefined
                    ? {}
                    : { pollIntervalMinutes: catalog.pollIntervalMinutes }),
                },
              },
              ...(catalog.priority === undefined ? {} : { priority: catalog.priority }),
            };
            return new CustomResource(
              `${name}-catalog-${catalog.name}`,
              {
                apiVersion: "olm.operatorframework.io/v1",
                kind: "ClusterCatalog",
                // Resolving a package needs the catalog unpacked and served: wait for `Serving`, as
                // upstream's install script does (operator-framework/operator-controller@v1.11.0:
                // scripts/install.tpl.sh).
                metadata: { name: catalog.name, annotations: { "pulumi.com/waitFor": "condition=Serving" } },
                spec,
              },
              after,
            );
          });
    this.ready = [controllers, ...catalogs];
    this.registerOutputs({});
  }
}
