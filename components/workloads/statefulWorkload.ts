import type * as k8s from "@pulumi/kubernetes";
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet.js";
import { Secret } from "@pulumi/kubernetes/core/v1/secret.js";
import { Service } from "@pulumi/kubernetes/core/v1/service.js";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/podDisruptionBudget.js";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";
import type { ClusterHandle } from "../cluster/handle.ts";
import { renameAlias, withRenameAlias } from "../renames.ts";
import { dataRetention, forwardedDependsOn, type Environment } from "../options.ts";
import { appLabels, selectorLabels } from "./labels.ts";
import { DATA_VOLUME, podTemplate } from "./podTemplate.ts";
import { GENERATED_LENGTH, SECRET_KEYS_ANNOTATION, containerEnv, generatedSecretName } from "./secrets.ts";
import { refuse } from "../problems.ts";
import { statefulWorkloadProblems } from "./check.ts";
import { generatedPasswordName } from "./names.ts";
import type { StatefulWorkloadSpec } from "./spec.ts";

export { statefulWorkloadProblems } from "./check.ts";
export { Clustering, MAX_REPLICAS, PodManagementPolicy, type StatefulWorkloadSpec } from "./spec.ts";

/** Arguments of {@link StatefulWorkload}: a {@link StatefulWorkloadSpec} and where to deploy it. */
export interface StatefulWorkloadArgs extends StatefulWorkloadSpec {
  /** The cluster to deploy to; its provider is used for every object. */
  cluster: ClusterHandle;
  /** Namespace of every object (it must exist, or be created by a resource in `dependsOn`). */
  namespace: pulumi.Input<string>;
  /**
   * The resource name the workload had before it was renamed: it and each of its resources are
   * registered with an alias naming the old resource name. The objects are named after `appName`:
   * set it to the previous name too, or the StatefulSet and its replicas' claims are replaced.
   * @default not renamed
   */
  previousName?: string;
  /**
   * Environment; `prod` retains the objects holding data when they are removed from the stack.
   * @default "prod"
   */
  environment?: Environment;
}

/**
 * A stateful application as Kubernetes expects it: a StatefulSet whose replicas each get their own
 * volume from `storageClass`, a headless service giving each replica a stable DNS name
 * (`<appName>-<n>.<appName>-headless.<namespace>.svc`), a client service, and a
 * PodDisruptionBudget. Volume claims are kept when the StatefulSet is deleted or scaled down.
 *
 * Replicas are independent members (see {@link Clustering}): one replica unless the software
 * clusters itself. Secret variables come from Secrets (`secretEnv`): generated passwords are
 * `RandomPassword`s kept in the Secret `<appName>-secrets`, stable across updates.
 *
 * Creates: `Service` (headless), `Service` (client), `StatefulSet`, `PodDisruptionBudget`, and with
 * generated secret variables a `RandomPassword` each and one `Secret`.
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
  /** The Secret holding the generated values of `secretEnv`, when any is generated. */
  readonly secret: k8s.core.v1.Secret | undefined;
  /** In-cluster DNS name of the client service. */
  readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: StatefulWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    const previous = args.previousName;
    super("stateful-stack:index:StatefulWorkload", name, {}, withRenameAlias(opts, previous));
    // Without appName, the component's name is the objects'.
    refuse(`StatefulWorkload "${name}"`, statefulWorkloadProblems({ ...args, appName: args.appName ?? name }));

    const environment = args.environment ?? "prod";
    const appName = args.appName ?? name;
    const replicas = args.replicas ?? 1;
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
      { parent: this, provider, dependsOn, ...renameAlias(previous, "-headless") },
    );
    this.service = new Service(
      `${name}-client`,
      { metadata: { name: appName, namespace: args.namespace, labels }, spec: { type: "ClusterIP", selector, ports } },
      { parent: this, provider, dependsOn, ...renameAlias(previous, "-client") },
    );
    const secretEnv = args.secretEnv ?? {};
    const generated = Object.entries(secretEnv).filter(([, source]) => source.generate === true);
    const secretName = generatedSecretName(appName);
    this.secret =
      generated.length === 0
        ? undefined
        : new Secret(
            `${name}-secrets`,
            {
              metadata: {
                name: secretName,
                namespace: args.namespace,
                labels,
                // The keys, readable where the values are not (stringData is secret as a whole).
                annotations: { [SECRET_KEYS_ANNOTATION]: generated.map(([variable]) => variable).join(",") },
              },
              type: "Opaque",
              stringData: Object.fromEntries(
                generated.map(([variable, source]) => [
                  variable,
                  pulumi.secret(
                    new RandomPassword(
                      generatedPasswordName(name, variable),
                      { length: source.length ?? GENERATED_LENGTH.default, special: false },
                      {
                        parent: this,
                        ...renameAlias(previous && generatedPasswordName(previous, variable)),
                      },
                    ).result,
                  ),
                ]),
              ),
            },
            { parent: this, provider, dependsOn, ...dataRetention(environment), ...renameAlias(previous, "-secrets") },
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
          // Keep replicas' claims when the set is deleted or scaled down (kubernetes/api@v0.35.7:apps/v1/types.go).
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
          template: podTemplate({
            appName,
            labels,
            selector,
            image: args.image,
            port: args.port,
            args: args.args ?? [],
            env: containerEnv(args.env ?? {}, secretEnv, secretName),
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
      {
        parent: this,
        provider,
        dependsOn: [...dependsOn, this.headlessService, ...(this.secret ? [this.secret] : [])],
        ...dataRetention(environment),
        ...renameAlias(previous),
      },
    );
    new PodDisruptionBudget(
      `${name}-pdb`,
      {
        metadata: { name: appName, namespace: args.namespace, labels },
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
      },
      { parent: this, provider, dependsOn, ...renameAlias(previous, "-pdb") },
    );
    this.endpoint = pulumi.interpolate`${this.service.metadata.name}.${args.namespace}.svc.cluster.local:${args.port}`;
    this.registerOutputs({ endpoint: this.endpoint });
  }
}
