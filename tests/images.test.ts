/**
 * Container images: the one rule of an image reference a user gives (the runtimes' grammar,
 * distribution/reference@v0.6.0), pinned to one release by a full version tag or a digest. Bad
 * references are generated, and refused through the workload's check and the stack configuration.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { ETCD_VERSION } from "../components/operators/versions.ts";
import { statefulWorkloadProblems } from "../components/workloads/check.ts";
import { imageReferenceProblems, isPinnedTag, parseImageReference } from "../components/workloads/images.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import { PROJECT_ROOT } from "../tools/recorder/program.ts";
import { problemsOf, EXISTING_CLUSTER_STACK, VALID_WORKLOAD } from "./support/config.ts";
import { propertyRuns } from "./support/properties.ts";

const RUNS = 100;
const workload = VALID_WORKLOAD;
const stack = { ...EXISTING_CLUSTER_STACK, workloads: [workload] };
const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

/** The messages of one image as a workload's `image`. */
function messages(image: unknown): string[] {
  return imageReferenceProblems(["image"], image).map((p) => p.message);
}

// Generators from the grammar (regexp.go): path components, a registry, tags, digests.
const component = fc.stringMatching(/^[a-z0-9]{1,8}(?:(?:[._]|__|-{1,2})[a-z0-9]{1,8}){0,2}$/);
const registry = fc.constantFrom(
  "",
  "quay.io/",
  "ghcr.io/",
  "localhost:5000/",
  "registry.example.com:443/",
  "[::1]:5000/",
);
const repository = fc
  .tuple(registry, fc.array(component, { minLength: 1, maxLength: 3 }))
  .map(([domain, parts]) => `${domain}${parts.join("/")}`);
const variant = fc.constantFrom("", "-alpine", "-bookworm", "-alpine3.21", "_slim", "-management-alpine");
const fullVersion = fc
  .tuple(fc.constantFrom("", "v"), fc.array(fc.nat(40), { minLength: 2, maxLength: 4 }), variant)
  .map(([v, parts, suffix]) => `${v}${parts.join(".")}${suffix}`);
const movingTag = fc.oneof(
  fc.tuple(fc.constantFrom("", "v"), fc.nat(40), variant).map(([v, major, suffix]) => `${v}${major}${suffix}`),
  fc.tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z_-]{0,15}$/), variant).map(([name, suffix]) => `${name}${suffix}`),
);

describe("container images", () => {
  it("accepts the pinned tags of official images and references by digest", () => {
    const pinned = [
      "postgres:17.2",
      "postgres:17.2-bookworm",
      "redis:7.4.2-alpine",
      "quay.io/coreos/etcd:v3.5.17",
      "nats:2.10.22-alpine",
      "rabbitmq:3.13.7-management-alpine",
      "minio/minio:RELEASE.2024-11-07T00-52-20Z",
      "ghcr.io/example/app:sha-1a2b3c4",
      "localhost:5000/team/app:1.0.0",
      "[::1]:5000/app:1.0.0",
      `redis@${DIGEST}`,
      `docker.io/library/redis:latest@${DIGEST}`,
      `redis@sha512:${"a".repeat(128)}`,
      "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04",
      "mcr.microsoft.com/mssql/server:2019-CU29-ubuntu-20.04",
      "mcr.microsoft.com/mssql/server:2022-CU16",
      "myregistry.azurecr.io/team/app:20411",
      "myregistry.azurecr.io/team/app:100",
      "ghcr.io/example/app:build-4512",
    ];
    for (const image of pinned) assert.deepEqual(messages(image), [], image);
  });

  it("refuses latest, a bare major and named lines, with a pinned example", () => {
    const moving = ["latest", "7", "v3", "7-alpine", "stable", "alpine", "edge", "mainline", "lts", "bookworm", "99", "2022-latest", "py311", "build-45"]; // prettier-ignore
    for (const tag of moving)
      assert.deepEqual(messages(`redis:${tag}`), [
        `the tag "${tag}" moves to newer releases; pin a release (a tag with at least major.minor, e.g. "redis:7.4.2-alpine" or "postgres:17.2") or a digest ("redis@sha256:<64 hex digits>")`,
      ]);
    assert.deepEqual(messages("quay.io/coreos/etcd"), [
      'has no tag, so the runtime pulls the moving tag "latest", which changes under you; pin a release (a tag with at least major.minor, e.g. "redis:7.4.2-alpine" or "postgres:17.2") or a digest ("quay.io/coreos/etcd@sha256:<64 hex digits>")',
    ]);
  });

  it("accepts every generated repository with a full version tag or a digest", () => {
    fc.assert(
      fc.property(repository, fullVersion, (repo, tag) => {
        assert.deepEqual(messages(`${repo}:${tag}`), [], `${repo}:${tag}`);
        assert.deepEqual(messages(`${repo}@${DIGEST}`), []);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("accepts every generated build number (3 digits or more, alone or after a word) and cumulative update", () => {
    const build = fc.tuple(fc.constantFrom("", "build-", "ci_", "r."), fc.integer({ min: 100, max: 2 ** 31 }));
    const update = fc.tuple(fc.integer({ min: 2017, max: 2030 }), fc.integer({ min: 1, max: 40 }), variant);
    fc.assert(
      fc.property(repository, build, update, (repo, [word, number], [year, cu, suffix]) => {
        assert.deepEqual(messages(`${repo}:${word}${number}`), [], `${repo}:${word}${number}`);
        assert.deepEqual(messages(`${repo}:${year}-CU${cu}${suffix}`), [], `${year}-CU${cu}${suffix}`);
        assert.equal(isPinnedTag(`${word}${number % 100}`), false, `${word}${number % 100}`);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("refuses every generated moving tag and untagged repository", () => {
    fc.assert(
      fc.property(repository, movingTag, (repo, tag) => {
        assert.equal(isPinnedTag(tag), false, tag);
        const [message, ...rest] = messages(`${repo}:${tag}`);
        assert.equal(rest.length, 0);
        assert.match(message ?? "", /moves to newer releases; pin a release .*"redis:7\.4\.2-alpine"/);
        assert.match(messages(repo)[0] ?? "", /^has no tag/);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("refuses an upper-case repository, as the runtimes do", () => {
    fc.assert(
      fc.property(
        registry,
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fullVersion,
        (domain, parts, at, tag) => {
          const path = parts.join("/");
          // Without a registry, an upper-case first part of several is read as one (normalize.go splitDockerDomain).
          const after = domain === "" && parts.length > 1 ? path.indexOf("/") : -1;
          const letters = [...path].flatMap((c, i) => (/[a-z]/.test(c) && i > after ? [i] : []));
          fc.pre(letters.length > 0);
          const i = letters[at % letters.length] as number;
          const upper = `${path.slice(0, i)}${path[i]!.toUpperCase()}${path.slice(i + 1)}`;
          const reason = parseImageReference(`${domain}${upper}:${tag}`);
          assert.equal(typeof reason, "string", upper);
          assert.match(reason as string, /^the repository ".*" must be lowercase$/, upper);
        },
      ),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("refuses malformed digests, tags and names, saying which part is wrong", () => {
    const badDigest = fc.oneof(
      fc.stringMatching(/^[a-f0-9]{1,63}$/).map((hex) => `sha256:${hex}`),
      fc.stringMatching(/^[a-f0-9]{65,70}$/).map((hex) => `sha256:${hex}`),
      fc.constant(`sha256:${"A".repeat(64)}`),
      fc.constantFrom("md5", "sha1", "SHA256", "blake3").map((algorithm) => `${algorithm}:${"a".repeat(64)}`),
    );
    fc.assert(
      fc.property(repository, badDigest, (repo, digest) => {
        assert.match(messages(`${repo}@${digest}`)[0] ?? "", /^expected a container image reference .*the digest/);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
    const bad: [string, RegExp][] = [
      ["redis:.1", /the tag ".1" is not one/],
      [`redis:${"a".repeat(129)}`, /the tag ".*\.\.\." is not one/],
      ["redis::7.4.2", /the repository is not a name/],
      [`${"a".repeat(256)}:1.0.0`, /the repository is 256 characters long; at most 255/],
      ["-redis:7.4.2", /the repository is not a name/],
      ["redis/:7.4.2", /the repository is not a name/],
      ["re dis:7.4.2", /the repository is not a name/],
      ["0123456789abcdef".repeat(4), /not an image reference/],
      ["", /not an image reference/],
    ];
    for (const [image, reason] of bad) assert.match(messages(image)[0] ?? "", reason, image);
    assert.match(messages(42)[0] ?? "", /not a string/);
  });

  it("refuses a bad image through the workload's check and at the stack key, with the fix", () => {
    fc.assert(
      fc.property(movingTag, (tag) => {
        const image = `redis:${tag}`;
        assert.deepEqual(
          statefulWorkloadProblems({ ...workload, image }).map((p) => p.path),
          [["image"]],
        );
        const problems = problemsOf({ ...stack, workloads: [{ ...workload, image }] });
        assert.deepEqual(
          problems.map((p) => p.key),
          ["stateful-stack:workloads[0].image"],
        );
      }),
      { numRuns: propertyRuns(30) },
    );
    assert.throws(
      () => validateStackConfig({ ...stack, workloads: [{ ...workload, image: "redis:latest" }] }),
      (error: Error) =>
        error instanceof ConfigError &&
        error.message.includes(`stateful-stack:workloads[0].image = "redis:latest": the tag "latest" moves`) &&
        error.message.includes("`pulumi config set --path 'workloads[0].image' <value>`"),
    );
  });

  it("passes the images the project itself ships: stacks, examples, README and the default etcd", () => {
    const found = new Set<string>([`gcr.io/etcd-development/etcd:${ETCD_VERSION}`]);
    const files = [
      ...readdirSync(join(PROJECT_ROOT, "stacks")).map((f) => join("stacks", f)),
      "README.md",
      "examples/basic/index.ts",
      "components/platform.ts",
      "components/workloads/statefulWorkload.ts",
    ];
    for (const file of files) {
      const text = readFileSync(join(PROJECT_ROOT, file), "utf8");
      for (const match of text.matchAll(/\bimage: "?([a-z0-9][^\s",}]*:[^\s",}]+)"?/g)) found.add(match[1]!);
    }
    assert.ok(found.size >= 3, `found ${[...found].join(", ")}`);
    for (const image of found) assert.deepEqual(messages(image), [], image);
  });
});
