/**
 * The `olmV1` operator source: an OperatorHub package installed by OLM v1 (operator-controller
 * v1.11.0) as a `ClusterExtension`, and its pure check. What OLM v1 cannot do is refused here, with
 * the v0 `olm` source as the way out.
 */
import { problem, type Problem } from "../problems.ts";
import { DNS_SUBDOMAIN } from "../rules.ts";

/** An operator from an OperatorHub catalog, installed by OLM v1 as a `ClusterExtension`. */
export interface OlmV1Source {
  /** Package name in the catalog, e.g. `argocd-operator`; the `ClusterExtension` is named after it. */
  package: string;
  /**
   * Channels the bundle may come from, e.g. `["alpha"]`.
   * @default [] (any channel of the package)
   */
  channels?: string[];
  /**
   * Version or version range, e.g. `0.6.0` or `">=0.6.0 <0.7.0"`.
   * @default none (the newest version the channels offer)
   */
  version?: string;
  /**
   * `ClusterCatalog` the package comes from (selected by its `olm.operatorframework.io/metadata.name` label).
   * @default none (any catalog the cluster serves; with the default catalogs, `operatorhubio`)
   */
  catalog?: string;
  /**
   * Namespaces the operator watches. OLM v1 installs only in the AllNamespaces mode, so only the
   * empty list is accepted: it is here so that a request carried over from the `olm` source is
   * refused with the reason rather than ignored.
   * @default [] (all namespaces)
   */
  targetNamespaces?: string[];
}

/**
 * The limits of OLM v1 at operator-controller v1.11.0 (operator-framework/operator-controller@v1.11.0:
 * docs/project/olmv1_limitations.md): registry+v1 bundles only, which "must support installation via
 * the `AllNamespaces` install mode" and "must not declare dependencies" (`olm.gvk.required`,
 * `olm.package.required`, `olm.constraint`); OLM v1 checks them at install time and reports a
 * violation in the ClusterExtension's conditions. Watching chosen namespaces is configured through
 * `spec.config.inline.watchNamespace`, which the standard CRD of that release does not have (only
 * the experimental one, helm/olmv1/base/operator-controller/crd/experimental/, behind the alpha
 * feature gate `SingleOwnNamespaceInstallSupport`, off in the standard manifest this stack installs:
 * internal/operator-controller/features/features.go).
 */
export const OLMV1_LIMITS =
  "OLM v1 (operator-controller v1.11.0) installs only registry+v1 bundles that support the AllNamespaces install mode and declare no dependencies";

/** `ClusterExtension` `spec.source.catalog.version`'s `MaxLength` (api/v1/clusterextension_types.go). */
const VERSION_MAX = 64;
/** `channels`' `MaxItems` (api/v1/clusterextension_types.go). */
const CHANNELS_MAX = 256;

function subdomain(value: unknown): boolean {
  return typeof value === "string" && value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/**
 * The check of an {@link OlmV1Source} (paths relative to the operator's sources): a package and
 * channel names the `ClusterExtension` CRD accepts (DNS subdomains of at most 253 characters, at
 * most 256 channels, a version of at most 64 characters: operator-framework/operator-controller@v1.11.0:
 * api/v1/clusterextension_types.go `CatalogFilter`), a catalog name, and no install mode OLM v1 lacks.
 */
export function olmV1SourceProblems(source: OlmV1Source): Problem[] {
  const at = (...path: PropertyKey[]) => ["olmV1", ...path];
  const problems: Problem[] = [];
  if (source.package === undefined || source.package === "")
    problems.push(
      problem(at("package"), source.package, 'expected the package name in the catalog, e.g. "argocd-operator"'),
    );
  else if (!subdomain(source.package))
    problems.push(
      problem(
        at("package"),
        source.package,
        'the ClusterExtension takes the package name as a DNS subdomain (lowercase letters, digits, "-" and ".", at most 253 characters) as catalog package names are, e.g. "argocd-operator"',
      ),
    );
  const channels = source.channels ?? [];
  if (channels.length > CHANNELS_MAX)
    problems.push(
      problem(at("channels"), channels.length, `the ClusterExtension takes at most ${CHANNELS_MAX} channels`),
    );
  channels.forEach((channel, i) => {
    if (!subdomain(channel))
      problems.push(
        problem(at("channels", i), channel, 'a channel must be a DNS subdomain such as "stable" or "alpha"'),
      );
  });
  if (
    source.version !== undefined &&
    (typeof source.version !== "string" || source.version.trim() === "" || source.version.length > VERSION_MAX)
  )
    problems.push(
      problem(
        at("version"),
        source.version,
        `expected a version or range of at most ${VERSION_MAX} characters such as "0.6.0" or ">=0.6.0 <0.7.0", or leave version out`,
      ),
    );
  if (source.catalog !== undefined && !subdomain(source.catalog))
    problems.push(
      problem(
        at("catalog"),
        source.catalog,
        'name a ClusterCatalog (a DNS subdomain) such as "operatorhubio", or leave catalog out',
      ),
    );
  if ((source.targetNamespaces ?? []).length > 0)
    problems.push(
      problem(
        at("targetNamespaces"),
        source.targetNamespaces,
        `${OLMV1_LIMITS}: it cannot make an operator watch chosen namespaces (OwnNamespace, SingleNamespace or MultiNamespace); remove targetNamespaces, or install the operator from the olm (v0) source, whose OperatorGroup sets them`,
      ),
    );
  return problems;
}
