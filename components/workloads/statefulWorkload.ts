import type * as k8s from "@pulumi/kubernetes";
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet.js";
import { Service } from "@pulumi/kubernetes/core/v1/service.js";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/podDisruptionBudget.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { appLabels, selectorLabels } from "./labels.ts";
import { DATA_VOLUME, podTemplate } from "./podTemplate.ts";

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
   * Number of replicas.
   * @default 3 in prod, 1 in dev
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
   * Environment variables of the container.
   * @default {}
   */
  env?: Record<string, string>;
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

/** Arguments of {@link StatefulWorkload}: a {@link StatefulWorkloadSpec} and where to deploy it. */
export interface StatefulWorkloadArgs extends StatefulWorkloadSpec {
  /** The cluster to deploy to; its provider is used for every object. */
  cluster: ClusterHandle;
  /** Namespace of every object (it must exist, or be created by a resource in `dependsOn`). */
  namespace: pulumi.Input<string>;
  /**
   * Environment; `prod` retains the objects holding data when they are removed from the stack.
   * @default "prod"
   */
  environment?: Environment;
}

/** Replica counts allowed by {@link StatefulWorkload}. */
export const MAX_REPLICAS = 99;

/** Checks {@link StatefulWorkloadArgs} values that need no cluster; returns the problems (empty when valid). */
export function statefulWorkloadProblems(name: string, args: StatefulWorkloadSpec): string[] {
  const problems: string[] = [];
  const replicas = args.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS)) {
    problems.push(`StatefulWorkload "${name}": replicas ${replicas} is not a whole number from 1 to ${MAX_REPLICAS}`);
  }
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
  return problems;
}

/**
 * A stateful application as Kubernetes expects it: a StatefulSet whose replicas each get their own
 * volume from `storageClass`, a headless service giving each replica a stable DNS name
 * (`<appName>-<n>.<appName>-headless.<namespace>.svc`), a client service, and a
 * PodDisruptionBudget. Volume claims are kept when the StatefulSet is deleted or scaled down.
 *
 * Creates: `Service` (headless), `Service` (client), `StatefulSet`, `PodDisruptionBudget`.
 *
 * @example
 * ```ts
 * new StatefulWorkload("cache", {
 *   cluster, namespace: "data", image: "redis:7.4.2-alpine", port: 6379,
 *   storageClass: "standard", storageSize: "1Gi", environment: "dev",
 * });
 * ```
 */
export class StatefulWorkload extends pulumi.ComponentResource {
  /** The StatefulSet. */
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** The headless service that gives each replica its DNS name. */
  readonly headlessService: k8s.core.v1.Service;
  /** The client service, load-balancing over ready replicas. */
  readonly service: k8s.core.v1.Service;
  /** In-cluster DNS name of the client service. */
  readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: StatefulWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:StatefulWorkload", name, {}, opts);
    const problems = statefulWorkloadProblems(name, args);
    if (problems.length > 0) throw new Error(problems.join("; "));

    const environment = args.environment ?? "prod";
    const appName = args.appName ?? name;
    const replicas = args.replicas ?? (environment === "prod" ? 3 : 1);
    const runAsUser = args.runAsUser ?? 1000;
    const labels = appLabels(appName);
    const selector = selectorLabels(appName);
    const provider = args.cluster.provider;
    const dependsOn = [...forwardedDependsOn(opts), ...args.cluster.readiness];
    const ports = [{ name: "main", port: args.port, targetPort: "main", protocol: "TCP" }];

    this.headlessService = new Service(
      `${name}-headless`,
      {
        metadata: { name: `${appName}-headless`, namespace: args.namespace, labels },
        spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports },
      },
      { parent: this, provider, dependsOn },
    );
    this.service = new Service(
      `${name}-client`,
      { metadata: { name: appName, namespace: args.namespace, labels }, spec: { type: "ClusterIP", selector, ports } },
      { parent: this, provider, dependsOn },
    );
    this.statefulSet = new StatefulSet(
      name,
      {
        metadata: { name: appName, namespace: args.namespace, labels },
        spec: {
          serviceName: this.headlessService.metadata.name,
          replicas,
          podManagementPolicy: args.podManagementPolicy ?? "OrderedReady",
          selector: { matchLabels: selector },
          updateStrategy: { type: "RollingUpdate" },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
          template: podTemplate({
            appName,
            labels,
            selector,
            image: args.image,
            port: args.port,
            args: args.args ?? [],
            env: args.env ?? {},
            mountPath: args.mountPath ?? "/data",
            runAsUser,
            fsGroup: args.fsGroup ?? runAsUser,
            readOnlyRootFilesystem: args.readOnlyRootFilesystem ?? true,
            httpHealthPath: args.httpHealthPath,
            cpu: args.cpu ?? "100m",
            memory: args.memory ?? "128Mi",
            sharedClaim: args.sharedClaim,
            sharedMountPath: args.sharedMountPath ?? "/shared",
          }),
          volumeClaimTemplates: [
            {
              metadata: { name: DATA_VOLUME, labels },
              spec: {
                accessModes: ["ReadWriteOnce"],
                storageClassName: args.storageClass,
                resources: { requests: { storage: args.storageSize } },
              },
            },
          ],
        },
      },
      { parent: this, provider, dependsOn: [...dependsOn, this.headlessService], ...dataRetention(environment) },
    );
    new PodDisruptionBudget(
      `${name}-pdb`,
      {
        metadata: { name: appName, namespace: args.namespace, labels },
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
      },
      { parent: this, provider, dependsOn },
    );
    this.endpoint = pulumi.interpolate`${this.service.metadata.name}.${args.namespace}.svc.cluster.local:${args.port}`;
    this.registerOutputs({ endpoint: this.endpoint });
  }
}
