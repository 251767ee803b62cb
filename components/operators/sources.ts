/**
 * The four ways an operator is installed, as plain argument interfaces, and the pure checks that
 * run before anything is registered.
 */
import type * as pulumi from "@pulumi/pulumi";
import { problem, type Problem } from "../problems.ts";
import { DNS_SUBDOMAIN, dnsLabelProblems } from "../rules.ts";
import { olmV1SourceProblems, type OlmV1Source } from "./olmV1Source.ts";

export type { OlmV1Source } from "./olmV1Source.ts";

/** An operator packaged as a Helm chart, installed as a `helm.v3.Release`. */
export interface HelmSource {
  /** Helm repository URL, e.g. `https://charts.rook.io/release`. Must be `https://`. */
  repository: string;
  /** Chart name in the repository, e.g. `rook-ceph`. */
  chart: string;
  /**
   * Exact chart version, e.g. `v1.20.0` or `1.4.2`; ranges, `latest` and empty values are refused so
   * the release never changes under you.
   */
  version: string;
  /**
   * Chart values.
   * @default {} (the chart's defaults)
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the package schema expresses free-form values only as Any
  values?: pulumi.Input<Record<string, any>>;
}

/** An operator published as one YAML bundle at a pinned URL, applied as a YAML v2 `ConfigFile`. */
export interface ManifestSource {
  /**
   * `https://` URL of the bundle, pinned to a release: the URL names an exact version such as
   * `v0.2.0` and no moving branch (`main`, `master`, `latest`).
   */
  url: string;
}

/** An operator from an OperatorHub catalog, installed by OLM as an `OperatorGroup` + `Subscription`. */
export interface OlmSource {
  /** Package name in the catalog, e.g. `postgresql`. */
  package: string;
  /** Update channel of the package, e.g. `stable`. */
  channel: string;
  /**
   * Catalog source the package comes from.
   * @default "operatorhubio-catalog"
   */
  catalogSource?: string;
  /**
   * Namespace of the catalog source.
   * @default "olm"
   */
  catalogSourceNamespace?: string;
  /**
   * Exact ClusterServiceVersion to start from, e.g. `postgresoperator.v5.7.0`.
   * @default the channel's head
   */
  startingCSV?: string;
  /**
   * Namespaces the operator watches.
   * @default [] (all namespaces)
   */
  targetNamespaces?: string[];
}

/** Where an operator comes from; exactly one is set. */
export interface OperatorSources {
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
   * Install from an OperatorHub catalog through OLM.
   * @default none
   */
  olm?: OlmSource;
  /**
   * Install from an OperatorHub catalog through OLM v1 (a `ClusterExtension`).
   * @default none
   */
  olmV1?: OlmV1Source;
}

/** The kinds of source, in the order they are described to users. */
export const OPERATOR_SOURCES = ["helm", "manifest", "olm", "olmV1"] as const;
/** One kind of source. */
export type OperatorSourceKind = (typeof OPERATOR_SOURCES)[number];

const PINNED_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const URL_VERSION = /[/@_-]v?[0-9]+\.[0-9]+\.[0-9]+([./_-]|$)/;
const MOVING_REF = /\/(main|master|latest|HEAD)(\/|$)/;

/** True when `version` names one exact release (`1.2.3`, `v1.2.3`, `1.2.3-rc.1`), not a range. */
export function isPinnedVersion(version: string): boolean {
  return PINNED_VERSION.test(version);
}

/** True when `url` is `https://`, names an exact version and no moving branch. */
export function isPinnedUrl(url: string): boolean {
  return url.startsWith("https://") && URL_VERSION.test(url) && !MOVING_REF.test(url);
}

/** The kinds of source that are set. */
export function sourcesGiven(sources: OperatorSources): OperatorSourceKind[] {
  return OPERATOR_SOURCES.filter((kind) => sources[kind] !== undefined);
}

/** The rule of a pinned chart version, at `path`: one release, no ranges, no `latest`. */
export function pinnedVersionProblems(path: readonly PropertyKey[], version: unknown): Problem[] {
  if (typeof version === "string" && isPinnedVersion(version)) return [];
  return [
    problem(
      path,
      version,
      'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
    ),
  ];
}

/** The rule of a pinned bundle URL, at `path`: `https://`, an exact release, no moving branch. */
export function pinnedUrlProblems(path: readonly PropertyKey[], url: unknown): Problem[] {
  if (typeof url === "string" && isPinnedUrl(url)) return [];
  return [
    problem(
      path,
      url,
      "expected an https:// URL that names an exact release, not a branch, such as .../v0.2.0/dist/install-v0.2.0.yaml",
    ),
  ];
}

/**
 * Whether `value` can name an OLM object: OLM's kinds are custom resources, whose names Kubernetes
 * checks as DNS subdomains (kubernetes/kubernetes@v1.35.7:
 * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/validator.go
 * `ValidateObjectMetaAccessor(…, validation.NameIsDNSSubdomain, …)`).
 */
function objectNameProblems(path: readonly PropertyKey[], value: unknown, message: string): Problem[] {
  return typeof value === "string" && value.length <= 253 && DNS_SUBDOMAIN.test(value)
    ? []
    : [problem(path, value, message)];
}

/**
 * The package of a subscription: the Subscription is named after it (`metadata.name`, see
 * `Operator`), so it must be a name Kubernetes accepts for it, as catalogs' package names are.
 */
function olmPackageProblems(value: unknown): Problem[] {
  if (value === undefined || value === "")
    return [problem(["olm", "package"], value, "expected the package name in the catalog")];
  return objectNameProblems(
    ["olm", "package"],
    value,
    'the Subscription is named after the package, so it must be a DNS subdomain (lowercase letters, digits, "-" and ".", at most 253 characters) as catalog package names are, e.g. "postgresql"',
  );
}

function nonEmpty(path: readonly PropertyKey[], value: unknown, message: string): Problem[] {
  return typeof value === "string" && value !== "" ? [] : [problem(path, value, message)];
}

/**
 * The check of an operator's sources (paths relative to them): exactly one source, a pinned chart
 * version or bundle URL, and what a subscription names.
 */
export function operatorSourceProblems(sources: OperatorSources): Problem[] {
  const given = sourcesGiven(sources);
  const problems: Problem[] = [];
  if (given.length !== 1) {
    const found = Object.fromEntries(given.map((kind) => [kind, sources[kind]]));
    problems.push(
      problem(
        [],
        found,
        `an operator needs exactly one install source, found ${given.length === 0 ? "none" : given.join(" and ")}; keep one of helm, manifest, olm or olmV1`,
      ),
    );
  }
  const { helm, manifest, olm, olmV1 } = sources;
  if (olmV1) problems.push(...olmV1SourceProblems(olmV1));
  if (helm) {
    if (typeof helm.repository !== "string" || !helm.repository.startsWith("https://"))
      problems.push(
        problem(
          ["helm", "repository"],
          helm.repository,
          'expected an https:// Helm repository URL such as "https://charts.rook.io/release"',
        ),
      );
    problems.push(...nonEmpty(["helm", "chart"], helm.chart, "expected the chart's name in the repository"));
    problems.push(...pinnedVersionProblems(["helm", "version"], helm.version));
  }
  if (manifest) problems.push(...pinnedUrlProblems(["manifest", "url"], manifest.url));
  if (olm) {
    problems.push(...olmPackageProblems(olm.package));
    problems.push(...nonEmpty(["olm", "channel"], olm.channel, 'expected the update channel, e.g. "stable"'));
    if (olm.startingCSV !== undefined)
      problems.push(
        ...objectNameProblems(
          ["olm", "startingCSV"],
          olm.startingCSV,
          'name a ClusterServiceVersion such as "postgresoperator.v5.7.0", or leave startingCSV out',
        ),
      );
    if (olm.catalogSource !== undefined)
      problems.push(
        ...objectNameProblems(
          ["olm", "catalogSource"],
          olm.catalogSource,
          'name a CatalogSource (a DNS subdomain) such as "operatorhubio-catalog", or leave catalogSource out',
        ),
      );
    if (olm.catalogSourceNamespace !== undefined)
      problems.push(...dnsLabelProblems(["olm", "catalogSourceNamespace"], olm.catalogSourceNamespace, "namespace"));
    (olm.targetNamespaces ?? []).forEach((namespace, i) =>
      problems.push(...dnsLabelProblems(["olm", "targetNamespaces", i], namespace, "target namespace")),
    );
  }
  return problems;
}
