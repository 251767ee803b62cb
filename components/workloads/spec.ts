import type * as pulumi from "@pulumi/pulumi";
import type { WorkloadSecretSource } from "./secrets.ts";

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

/** How a StatefulSet starts and stops its replicas. */
export const PodManagementPolicy = {
  /** One replica at a time, each after the previous is ready: what most clustered software needs. */
  OrderedReady: "OrderedReady",
  /** Every replica at once. */
  Parallel: "Parallel",
} as const;
/** How a StatefulSet starts and stops its replicas; see {@link PodManagementPolicy}. */
export type PodManagementPolicy = (typeof PodManagementPolicy)[keyof typeof PodManagementPolicy];

/** What a stateful workload runs: everything about it except where it is deployed. */
export interface StatefulWorkloadSpec {
  /**
   * Container image, pinned to one release: a tag with at least major.minor (`"redis:7.4.2-alpine"`,
   * `"postgres:17.2"`), a date or commit tag, or a digest (`"redis@sha256:…"`); `latest`, bare
   * majors (`"redis:7"`) and named lines (`"nginx:mainline"`) are refused (`imageReferenceProblems`).
   */
  image: string;
  /** The port the application listens on; exposed by both services and probed. */
  port: number;
  /** Storage class of each replica's volume claim. */
  storageClass: pulumi.Input<string>;
  /** Size of each replica's volume, e.g. `"10Gi"`. */
  storageSize: string;
  /**
   * Name of the Kubernetes objects (StatefulSet, services, budget). Fixed, so pod DNS names are stable.
   * A DNS-1035 label (it names Services) of at most 52 characters (the StatefulSet's pods carry a
   * `controller-revision-hash` label of it plus up to 11 characters).
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
  podManagementPolicy?: PodManagementPolicy;
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
   * Environment variables of the container, in plaintext: no passwords, tokens or keys, by name,
   * inside a URL or connection string (refused, see `plaintextSecretProblems`; use `secretEnv`).
   * A value may use `$(NAME)` of a `secretEnv` or another `env` variable
   * (`postgres://app:$(DB_PASSWORD)@db/app`): such values come last in the container, so
   * Kubernetes expands them.
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
