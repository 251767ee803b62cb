import type * as pulumi from "@pulumi/pulumi";
import { describeProblem, variantProblems } from "../problems.ts";
import { imageDocs, missingImageEnv } from "./images.ts";
import {
  argReferenceProblems,
  plaintextSecretProblems,
  secretEnvProblems,
  type WorkloadProblem,
  type WorkloadSecretSource,
} from "./secrets.ts";

/**
 * How a workload's replicas relate to each other. A StatefulSet's replicas are independent members:
 * each has its own volume and stable name, and nothing replicates data between them unless the
 * software does it itself. The client service load-balances over every ready replica, which is
 * only right when the software clusters them.
 */
export const Clustering = {
  /** Single-node software (PostgreSQL, Redis, MySQL as shipped): exactly 1 replica. */
  none: "none",
  /**
   * Software that forms one cluster of its replicas itself (etcd, NATS JetStream, Redis Cluster,
   * Cassandra) and serves any client from any member: 1 or more replicas.
   */
  self: "self",
} as const;
/** How a workload's replicas relate to each other; see {@link Clustering}. */
export type Clustering = (typeof Clustering)[keyof typeof Clustering];

/** What a stateful workload runs: everything about it except where it is deployed. */
export interface StatefulWorkloadSpec {
  /** Container image, pinned by tag or digest. */
  image: string;
  /** The port the application listens on; exposed by both services and probed. */
  port: number;
  /** Storage class of each replica's volume claim. */
  storageClass: pulumi.Input<string>;
  /** Size of each replica's volume, e.g. `"10Gi"`. */
  storageSize: string;
  /**
   * Name of the Kubernetes objects (StatefulSet, services, budget). Fixed, so pod DNS names are stable.
   * @default the component's name
   */
  appName?: string;
  /**
   * How the replicas relate: `"none"` for single-node software (exactly 1 replica; more would be
   * independent servers behind one client service, scattering writes), `"self"` for software that
   * clusters its replicas itself. Replicated databases belong to an operator, not to this component.
   * @default "none"
   */
  clustering?: Clustering;
  /**
   * Number of replicas; more than 1 only with `clustering: "self"`.
   * @default 1
   */
  replicas?: number;
  /**
   * Pod management policy: `OrderedReady` starts replicas one at a time, which most clustered
   * stateful software needs; `Parallel` starts them together.
   * @default "OrderedReady"
   */
  podManagementPolicy?: string;
  /**
   * Where each replica's volume is mounted.
   * @default "/data"
   */
  mountPath?: string;
  /**
   * Container arguments.
   * @default the image's own
   */
  args?: string[];
  /**
   * Environment variables of the container, in plaintext: no passwords, tokens or keys (refused;
   * use `secretEnv`).
   * @default {}
   */
  env?: Record<string, string>;
  /**
   * Environment variables read from Secrets, by name: a generated password or a key of an existing
   * Secret. Arguments can use them as `$(NAME)`, which Kubernetes expands.
   * @default {}
   */
  secretEnv?: Record<string, WorkloadSecretSource>;
  /**
   * Non-root user id the container runs as.
   * @default 1000
   */
  runAsUser?: number;
  /**
   * Group id that owns mounted volumes.
   * @default `runAsUser`
   */
  fsGroup?: number;
  /**
   * Mount the root filesystem read-only (a writable `/tmp` is provided).
   * @default true
   */
  readOnlyRootFilesystem?: boolean;
  /**
   * HTTP path for readiness and liveness probes.
   * @default a TCP check on `port`
   */
  httpHealthPath?: string;
  /**
   * CPU request.
   * @default "100m"
   */
  cpu?: string;
  /**
   * Memory request and limit.
   * @default "128Mi"
   */
  memory?: string;
  /**
   * An existing ReadWriteMany claim (e.g. on a file share) mounted in every replica.
   * @default none
   */
  sharedClaim?: pulumi.Input<string>;
  /**
   * Where `sharedClaim` is mounted.
   * @default "/shared"
   */
  sharedMountPath?: string;
}

/** Replica counts allowed by {@link StatefulWorkload}. */
export const MAX_REPLICAS = 99;

/**
 * The rules of a workload's clustering, secrets and image environment, with where each problem is;
 * shared by the component and the stack configuration.
 */
export function workloadSpecProblems(args: StatefulWorkloadSpec): WorkloadProblem[] {
  const env = args.env ?? {};
  const secretEnv = args.secretEnv ?? {};
  const argv = args.args ?? [];
  const problems: WorkloadProblem[] = [];
  const replicas = args.replicas ?? 1;
  if ((args.clustering ?? "none") === "none" && Number.isInteger(replicas) && replicas > 1) {
    problems.push({
      path: ["replicas"],
      value: replicas,
      message: `clustering "none" (the default) allows exactly 1 replica, not ${replicas}: more would be independent servers behind one client service (writes scatter, reads disagree); set replicas to 1, set clustering to "self" only for software that clusters its replicas itself (etcd, NATS JetStream, Redis Cluster), or use an operator-managed database for a replicated one`,
    });
  }
  problems.push(...plaintextSecretProblems(env, argv), ...secretEnvProblems(secretEnv, env));
  problems.push(...argReferenceProblems(argv, env, secretEnv));
  const missing = missingImageEnv(args.image, [...Object.keys(env), ...Object.keys(secretEnv)]);
  if (missing.length > 0) {
    problems.push({
      path: ["secretEnv"],
      value: args.secretEnv,
      message: `image "${args.image}" does not start without ${missing.join(" or ")} (${imageDocs(args.image)}); set secretEnv.${missing[0]} with generate: true`,
    });
  }
  return problems;
}

/** Renders a problem path such as `["secretEnv", "A", "key"]` as `secretEnv.A.key`. */
export function problemPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${part}`)).join("");
}

/** Checks {@link StatefulWorkloadArgs} values that need no cluster; returns the problems (empty when valid). */
export function statefulWorkloadProblems(name: string, args: StatefulWorkloadSpec): string[] {
  const problems: string[] = [];
  const replicas = args.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS)) {
    problems.push(`StatefulWorkload "${name}": replicas ${replicas} is not a whole number from 1 to ${MAX_REPLICAS}`);
  }
  const clustering = variantProblems(["clustering"], args.clustering, Clustering)[0];
  if (clustering !== undefined) problems.push(`StatefulWorkload "${name}": ${describeProblem(clustering)}`);
  if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535) {
    problems.push(`StatefulWorkload "${name}": port ${args.port} is not a whole number from 1 to 65535`);
  }
  const policy = args.podManagementPolicy;
  if (policy !== undefined && policy !== "OrderedReady" && policy !== "Parallel") {
    problems.push(`StatefulWorkload "${name}": podManagementPolicy "${policy}" must be "OrderedReady" or "Parallel"`);
  }
  if (!/^[1-9][0-9]*(Mi|Gi|Ti)$/.test(args.storageSize)) {
    problems.push(`StatefulWorkload "${name}": storageSize "${args.storageSize}" must be a size such as "10Gi"`);
  }
  if (clustering !== undefined) return problems;
  for (const p of workloadSpecProblems(args))
    problems.push(`StatefulWorkload "${name}": ${problemPath(p.path)}: ${p.message}`);
  return problems;
}
