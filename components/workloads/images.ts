/**
 * What official images need in their environment to start, per image family. Small and honest:
 * only families whose start-up requirement is documented upstream, each with its source. And the one
 * rule of an image reference a user gives: the runtimes' grammar, pinned to one release.
 */
import { problem, type Problem } from "../problems.ts";

/** The start-up requirement of one image family. */
export interface ImageRequirement {
  /** Repository names of the family (the part before `:tag`/`@digest`, without `docker.io/library/`). */
  repositories: readonly string[];
  /** The container does not start unless at least one of these variables is set (empty: no requirement). */
  anyOf: readonly string[];
  /** The variable this package sets for the family (from `secretEnv` with `generate: true`). */
  suggested?: string;
  /** Where the requirement is documented, `owner/repo@commit:path`. */
  source: string;
}

/**
 * Image families and the variables they need to start.
 *
 * - postgres: "The only variable required is `POSTGRES_PASSWORD` … It must not be empty or
 *   undefined"; `POSTGRES_PASSWORD_FILE` is the file form ("Docker Secrets"). The entrypoint exits
 *   with "Database is uninitialized and superuser password is not specified" otherwise
 *   (docker-library/postgres@6edb0a8c4def40c371514b34aef9037ec82d9110:17/alpine3.23/docker-entrypoint.sh
 *   `docker_verify_minimum_env`). `POSTGRES_HOST_AUTH_METHOD=trust` also starts, without any
 *   password: this package does not offer that.
 * - redis: starts with no variable; the image turns protected mode off, so the docs recommend a
 *   password (`requirepass`, e.g. `--requirepass "$(REDIS_PASSWORD)"` from a secret variable).
 */
export const IMAGE_REQUIREMENTS: Readonly<Record<string, ImageRequirement>> = {
  postgres: {
    repositories: ["postgres"],
    anyOf: ["POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"],
    suggested: "POSTGRES_PASSWORD",
    source: "docker-library/docs@c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb:postgres/content.md",
  },
  redis: {
    repositories: ["redis"],
    anyOf: [],
    source: "docker-library/docs@c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb:redis/content.md",
  },
};

/** The repository of an image reference, without registry `docker.io` and namespace `library/`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  return repository.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, "");
}

/** The start-up requirement of the image's family, when this table knows it. */
export function imageRequirement(image: string): ImageRequirement | undefined {
  const repository = imageRepository(image);
  return Object.values(IMAGE_REQUIREMENTS).find((family) => family.repositories.includes(repository));
}

/** The variables the image needs and `variables` lacks (every one of `anyOf` when none is set), else []. */
export function missingImageEnv(image: string, variables: readonly string[]): string[] {
  const needed = imageRequirement(image)?.anyOf ?? [];
  return needed.length === 0 || needed.some((name) => variables.includes(name)) ? [] : [...needed];
}

/** Where the image family's requirement is documented, for messages: `owner/repo path`. */
export function imageDocs(image: string): string {
  return (imageRequirement(image)?.source ?? "").replace(/@[0-9a-f]+:/, " ");
}

/*
 * The grammar of image references, as Docker, containerd and the kubelet parse them
 * (distribution/reference@v0.6.0:regexp.go and reference.go; `ParseNormalizedNamed` in
 * normalize.go): `[domain/]path[:tag][@digest]`, path components lowercase.
 */
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const PATH = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
/** `[domain/]path`, the domain captured apart. */
const NAME = new RegExp(`^(?:(${DOMAIN})/)?(${PATH})$`);
/** A tag: `[\w][\w.-]{0,127}`. */
const TAG = /^\w[\w.-]{0,127}$/;
/** A 64-hex identifier, which `ParseNormalizedNamed` refuses as a name. */
const IDENTIFIER = /^[a-f0-9]{64}$/;
/** Longest path (`library/redis`), `RepositoryNameTotalLengthMax`. */
export const IMAGE_PATH_MAX = 255;
/**
 * Digests the runtimes verify: the algorithms opencontainers/go-digest@v1.0.0:algorithm.go
 * registers, each with its length of lowercase hex (`anchoredEncodedRegexps`).
 */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/** The parts of an image reference. */
export interface ImageReference {
  /** The name as written, without tag and digest, e.g. `redis` or `quay.io/coreos/etcd`. */
  name: string;
  /** The tag, if any. */
  tag?: string;
  /** The digest, `algorithm:hex`, if any. */
  digest?: string;
}

/** A part of a reference as messages quote it: shortened to 40 characters. */
function quoted(part: string): string {
  return JSON.stringify(part.length > 40 ? `${part.slice(0, 37)}...` : part);
}

/** The first slash-separated part of a name is a registry when it has a "." or ":", is `localhost` or has upper case. */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf("/");
  if (slash === -1) return { path: name };
  const first = name.slice(0, slash);
  if (first === "localhost" || /[.:]/.test(first) || first.toLowerCase() !== first)
    return { domain: first, path: name.slice(slash + 1) };
  return { path: name };
}

/**
 * Parses an image reference as the container runtimes do (`ParseNormalizedNamed`); returns its
 * parts, or why it is not one.
 */
export function parseImageReference(image: string): ImageReference | string {
  if (image === "" || IDENTIFIER.test(image)) return "not an image reference";
  const at = image.indexOf("@");
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(":");
  const hasTag = colon > named.lastIndexOf("/");
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  const { path } = splitDomain(name);
  if (path.toLowerCase() !== path && NAME.test(name.toLowerCase()))
    return `the repository ${quoted(path)} must be lowercase`;
  if (!NAME.test(name))
    return `the repository is not a name: lowercase letters and digits separated by ".", "_", "__" or "-", in "/"-separated parts, after an optional registry ("quay.io/")`;
  if (path.length > IMAGE_PATH_MAX)
    return `the repository is ${path.length} characters long; at most ${IMAGE_PATH_MAX}`;
  if (tag !== undefined && !TAG.test(tag))
    return `the tag ${quoted(tag)} is not one: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`;
  if (digest !== undefined && !DIGEST.test(digest))
    return `the digest ${quoted(digest)} is not one: "sha256:" and 64 lowercase hex digits (or sha384 with 96, sha512 with 128)`;
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** A release: at least `major.minor`, optionally after "v" and before a "-"/"_" variant (`17.2`, `7.4.2-alpine`, `v3.5.17`). */
const VERSION_TAG = /^v?\d+\.\d+(?:\.\d+)*(?:[-_][\w.-]*)?$/;
/** A build of one day: a date in the tag (`20241201`, `RELEASE.2024-11-07T00-52-20Z`). */
const DATE_TAG = /(?:^|\D)(?:19|20)\d\d[-.]?(?:0[1-9]|1[0-2])[-.]?(?:0[1-9]|[12]\d|3[01])(?:\D|$)/;
/** A build of one commit: the tag ends in 7 to 40 hex digits with a letter and a digit (`sha-1a2b3c4`). */
const COMMIT_TAG = /(?:^|[-_.])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}$/;
/**
 * A CI build number: 3 or more digits, alone or after a word and "-", "_" or "." (`20411`,
 * `build-4512`). No release line has a major of 100 or more, so such a number names one build; a
 * shorter one stays a moving major (`7`, `16`), and so does a word run into digits (`py311`).
 */
const BUILD_TAG = /^(?:[A-Za-z]+[-_.])?\d{3,}$/;
/**
 * One cumulative update of a release of the year (Microsoft's container registry:
 * `mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04`); `2022-latest` moves.
 */
const CUMULATIVE_UPDATE_TAG = /^(?:19|20)\d\d-CU\d+(?:[-_][\w.-]*)?$/i;

/**
 * Whether a tag names one release rather than a line of them: a version with at least major and
 * minor (`17.2`, `7.4.2-alpine`, `v3.5.17`), a date, a commit, a build number (`20411`,
 * `build-4512`) or a cumulative update (`2022-CU16-ubuntu-22.04`). `latest`, a bare major (`7`,
 * `v3`, `7-alpine`) and names (`stable`, `alpine`, `edge`, `mainline`) move to each new release. A
 * `major.minor` tag passes: for postgres (`17.2`) it is the full version, and the rule cannot tell
 * it from another project's moving minor line (`redis:7.4`).
 */
export function isPinnedTag(tag: string): boolean {
  return [VERSION_TAG, DATE_TAG, COMMIT_TAG, BUILD_TAG, CUMULATIVE_UPDATE_TAG].some((form) => form.test(tag));
}

/** How to pin an image of repository `name`, for messages. */
function pinHint(name: string): string {
  const repository = name.length > 60 ? "<repository>" : name;
  return `pin a release (a tag with at least major.minor, e.g. "redis:7.4.2-alpine" or "postgres:17.2") or a digest ("${repository}@sha256:<64 hex digits>")`;
}

/**
 * The one rule of container images a user gives: a reference the runtimes parse, pinned by a digest
 * or a tag that names one release ({@link isPinnedTag}). With a digest the tag is not checked: the
 * runtime pulls by digest.
 */
export function imageReferenceProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  const parsed = typeof value === "string" ? parseImageReference(value) : "not a string";
  if (typeof parsed === "string")
    return [
      problem(
        path,
        value,
        `expected a container image reference "[registry/]repository:tag" or "repository@sha256:<digest>" such as "redis:7.4.2-alpine"; ${parsed}`,
      ),
    ];
  if (parsed.digest !== undefined) return [];
  if (parsed.tag === undefined)
    return [
      problem(
        path,
        value,
        `has no tag, so the runtime pulls the moving tag "latest", which changes under you; ${pinHint(parsed.name)}`,
      ),
    ];
  if (isPinnedTag(parsed.tag)) return [];
  return [problem(path, value, `the tag "${parsed.tag}" moves to newer releases; ${pinHint(parsed.name)}`)];
}
