/**
 * What official images need in their environment to start, per image family. Small and honest:
 * only families whose start-up requirement is documented upstream, each with its source.
 */

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
