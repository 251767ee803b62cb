/**
 * The `ClusterCatalog`s an OLM v1 install serves when the stack configures its own rather than the
 * release's default `operatorhubio`: their arguments and pure check, from the CRD's rules at
 * operator-framework/operator-controller@v1.11.0:api/v1/clustercatalog_types.go (`ImageSource`,
 * `ClusterCatalogSpec`).
 */
import { problem, repeatedNameProblems, type Problem } from "../problems.ts";
import { dnsSubdomainProblems, wholeNumberProblems } from "../rules.ts";

/** One catalog image OLM v1 serves as a `ClusterCatalog`. */
export interface OlmV1Catalog {
  /** Name of the `ClusterCatalog` (a DNS subdomain); an `olmV1` source's `catalog` selects it by this name. */
  name: string;
  /** Catalog image, by tag or digest, e.g. `quay.io/operatorhubio/catalog:latest`. */
  image: string;
  /**
   * Minutes between checks of a tag for a new catalog; not with a digest, which never changes.
   * @default none (no polling)
   */
  pollIntervalMinutes?: number;
  /**
   * Which catalog wins when several offer a package: the higher.
   * @default 0
   */
  priority?: number;
}

/**
 * A catalog image the CRD accepts: a registry host with a dot (CEL "must start with a valid
 * domain"), a lowercase repository path, and a tag (`:[\w][\w.-]*`, at most 127 characters) or a
 * digest (an algorithm, then at least 32 hex characters).
 */
const CATALOG_IMAGE =
  /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+(:[0-9]+)?(\/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)+(:[\w][\w.-]{0,126}|@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})$/;
const INT32_MAX = 2147483647;

/** The check of the catalogs (paths relative to the list): names, images, polling and priority the CRD accepts, each name once. */
export function olmV1CatalogProblems(catalogs: readonly OlmV1Catalog[]): Problem[] {
  const problems: Problem[] = [];
  catalogs.forEach((catalog, i) => {
    problems.push(...dnsSubdomainProblems([i, "name"], catalog.name, "ClusterCatalog name"));
    if (typeof catalog.image !== "string" || catalog.image.length > 1000 || !CATALOG_IMAGE.test(catalog.image))
      problems.push(
        problem(
          [i, "image"],
          catalog.image,
          'expected a catalog image with a registry host, a tag or a digest, e.g. "quay.io/operatorhubio/catalog:latest" or "quay.io/org/catalog@sha256:<64 hex digits>"',
        ),
      );
    if (catalog.pollIntervalMinutes !== undefined) {
      problems.push(
        ...wholeNumberProblems([i, "pollIntervalMinutes"], catalog.pollIntervalMinutes, 1, INT32_MAX, "minutes"),
      );
      if (typeof catalog.image === "string" && catalog.image.includes("@"))
        problems.push(
          problem(
            [i, "pollIntervalMinutes"],
            catalog.pollIntervalMinutes,
            "a digest never changes, and the ClusterCatalog refuses polling it; remove pollIntervalMinutes, or name the image by tag",
          ),
        );
    }
    if (catalog.priority !== undefined)
      problems.push(...wholeNumberProblems([i, "priority"], catalog.priority, -INT32_MAX - 1, INT32_MAX, "priority"));
  });
  problems.push(
    ...repeatedNameProblems(
      catalogs.map((c) => c.name),
      (i) => [i, "name"],
      "ClusterCatalog",
    ),
  );
  return problems;
}
