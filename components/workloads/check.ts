/**
 * The one check of a {@link StatefulWorkloadSpec}: every value Kubernetes and the image need, and
 * the rules between them (clustering and replicas, secrets kept out of plaintext, `$(VAR)`
 * references, the variables an image needs to start). Paths are relative to the spec.
 */
import { problem, variantProblems, type Problem } from "../problems.ts";
import {
  absolutePathProblems,
  dnsLabelProblems,
  dnsSubdomainProblems,
  quantityProblems,
  storageSizeProblems,
  wholeNumberProblems,
} from "../rules.ts";
import { imageDocs, imageReferenceProblems, missingImageEnv } from "./images.ts";
import { mountProblems } from "./mounts.ts";
import { generatedPasswordNameProblems, workloadNameProblems } from "./names.ts";
import { plaintextSecretProblems } from "./plaintext.ts";
import { argReferenceProblems, envProblems, envReferenceProblems, secretEnvProblems } from "./secrets.ts";
import { Clustering, MAX_REPLICAS, PodManagementPolicy, type StatefulWorkloadSpec } from "./spec.ts";

/** Largest user and group id Kubernetes accepts (`int64` in the API, 2^31-1 on Linux). */
const MAX_ID = 2147483647;

/** Values Kubernetes would refuse, one rule each. */
function valueProblems(spec: StatefulWorkloadSpec): Problem[] {
  const optional = <T>(value: T | undefined, check: (value: T) => Problem[]) =>
    value === undefined ? [] : check(value);
  return [
    ...imageReferenceProblems(["image"], spec.image),
    ...optional(spec.appName, (v) => workloadNameProblems(["appName"], v)),
    ...variantProblems(["clustering"], spec.clustering, Clustering),
    ...optional(spec.replicas, (v) => wholeNumberProblems(["replicas"], v, 1, MAX_REPLICAS, "replicas")),
    ...variantProblems(["podManagementPolicy"], spec.podManagementPolicy, PodManagementPolicy),
    ...wholeNumberProblems(["port"], spec.port, 1, 65535, "container port"),
    ...(typeof spec.storageClass === "string" || spec.storageClass === undefined
      ? dnsSubdomainProblems(["storageClass"], spec.storageClass, "storage class name")
      : []),
    ...storageSizeProblems(["storageSize"], spec.storageSize),
    ...optional(spec.mountPath, (v) => absolutePathProblems(["mountPath"], v, "/data")),
    ...optional(spec.sharedMountPath, (v) => absolutePathProblems(["sharedMountPath"], v, "/shared")),
    ...optional(spec.httpHealthPath, (v) => absolutePathProblems(["httpHealthPath"], v, "/healthz")),
    ...optional(spec.runAsUser, (v) => wholeNumberProblems(["runAsUser"], v, 1, MAX_ID, "non-root user id")),
    ...optional(spec.fsGroup, (v) => wholeNumberProblems(["fsGroup"], v, 1, MAX_ID, "group id that owns the volume")),
    ...optional(spec.cpu, (v) => quantityProblems(["cpu"], v, "CPU request")),
    ...optional(spec.memory, (v) => quantityProblems(["memory"], v, "memory request")),
    ...(typeof spec.sharedClaim === "string"
      ? dnsLabelProblems(["sharedClaim"], spec.sharedClaim, "existing PersistentVolumeClaim name")
      : []),
  ];
}

/** Replicas only with clustering; secrets only from Secrets; the variables the image needs. */
function ruleProblems(spec: StatefulWorkloadSpec): Problem[] {
  const env = spec.env ?? {};
  const secretEnv = spec.secretEnv ?? {};
  const argv = spec.args ?? [];
  const problems: Problem[] = [];
  const replicas = spec.replicas ?? 1;
  const countable = Number.isInteger(replicas) && replicas <= MAX_REPLICAS;
  if ((spec.clustering ?? Clustering.none) === Clustering.none && countable && replicas > 1) {
    problems.push(
      problem(
        ["replicas"],
        replicas,
        `clustering "none" (the default) allows exactly 1 replica, not ${replicas}: more would be independent servers behind one client service (writes scatter, reads disagree); set replicas to 1, set clustering to "self" only for software that clusters its replicas itself (etcd, NATS JetStream, Redis Cluster), or use an operator-managed database for a replicated one`,
      ),
    );
  }
  const image = typeof spec.image === "string" ? spec.image : "";
  problems.push(
    ...envProblems(env),
    ...plaintextSecretProblems(env, argv, image),
    ...secretEnvProblems(secretEnv, env),
  );
  problems.push(...argReferenceProblems(argv, env, secretEnv), ...envReferenceProblems(env, secretEnv));
  const missing = missingImageEnv(image, [...Object.keys(env), ...Object.keys(secretEnv)]);
  if (missing.length > 0) {
    problems.push(
      problem(
        ["secretEnv"],
        spec.secretEnv,
        `image "${image}" does not start without ${missing.join(" or ")} (${imageDocs(image)}); set secretEnv.${missing[0]} with generate: true`,
      ),
    );
  }
  return problems;
}

/**
 * Checks a {@link StatefulWorkloadSpec}; returns the problems found (empty when valid), with paths
 * relative to the spec. The stack configuration reports the same problems at its workload keys.
 */
export function statefulWorkloadProblems(spec: StatefulWorkloadSpec): Problem[] {
  return [
    ...valueProblems(spec),
    ...ruleProblems(spec),
    ...mountProblems(spec),
    ...generatedPasswordNameProblems(spec.secretEnv),
  ];
}
