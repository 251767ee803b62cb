/**
 * The shape of a stack's configuration: every key the program reads, what kind of value it holds,
 * and how it maps to the {@link Platform} arguments. Which values are allowed is each component's
 * own check; `validate.ts` reports its problems at these keys.
 */
import * as v from "valibot";
import { Cloud } from "../components/cluster/handle.ts";
import { Environment } from "../components/options.ts";
import { Clustering } from "../components/workloads/spec.ts";
import { aksSchema } from "./aks.ts";
import { array, boolean, number, object, record, string, variant } from "./builders.ts";
import { backupKeys } from "./backups.ts";
import { databaseKeys } from "./databases.ts";
import { eksConfigSchema } from "./eks.ts";
import { operatorKeys } from "./operators.ts";

/** Where one secret environment variable comes from: `generate: true`, or `secretName` + `key` of an existing Secret. */
export const secretSourceSchema = object(
  {
    generate: v.optional(boolean("generate a password")),
    length: v.optional(number("length of the generated password")),
    secretName: v.optional(string("name of an existing Secret")),
    key: v.optional(string("key of the Secret that holds the value")),
  },
  "a secret source: generate, or secretName and key",
);

/** Container resource requests; limits are derived from them (memory limit = memory request). */
export const resourcesSchema = object(
  {
    cpu: v.optional(string('CPU request such as "500m"')),
    memory: v.optional(string('memory request such as "256Mi"')),
  },
  "resource requests",
);

/**
 * One stateful workload: a StatefulSet with its headless service, client service and disruption
 * budget. The keys are the `StatefulWorkload` arguments (`resources` holds `cpu` and `memory`);
 * their rules are the component's check.
 */
export const workloadSchema = object(
  {
    name: string(
      'the workload\'s name: lowercase letters, digits and "-", starting with a letter, at most 52 characters',
    ),
    renamedFrom: v.optional(string("the workload's previous name, whose objects and data it keeps")),
    image: string('a pinned container image such as "redis:7.4.2-alpine"'),
    clustering: v.optional(variant(Clustering)),
    replicas: v.optional(number("replicas")),
    port: number("the container port"),
    storageClass: string("the storage class of each replica's volume"),
    storageSize: string('the size of each replica\'s volume such as "10Gi"'),
    volumes: v.optional(array(string("the name of a disk or EBS volume the stack's storage declares"))),
    mountPath: v.optional(string("where the volume is mounted")),
    args: v.optional(array(string("a container argument"))),
    env: v.optional(record(string("an environment variable value; quote numbers in YAML"))),
    secretEnv: v.optional(record(secretSourceSchema)),
    runAsUser: v.optional(number("non-root user id")),
    fsGroup: v.optional(number("group id that owns the volume")),
    readOnlyRootFilesystem: v.optional(boolean()),
    httpHealthPath: v.optional(string("the HTTP path of the probes")),
    resources: v.optional(resourcesSchema),
    sharedClaim: v.optional(string("an existing PersistentVolumeClaim name")),
    share: v.optional(string("the name of a volume the stack's storage declares")),
    sharedMountPath: v.optional(string("where the shared volume is mounted")),
  },
  "a workload",
);

/** The whole stack configuration, as read from `stateful-stack:*` keys. */
export const stackConfigSchema = object(
  {
    environment: variant(Environment),
    cloud: variant(Cloud),
    kubeconfig: v.optional(string("kubeconfig contents"), ""),
    kubeconfigPath: v.optional(string("path of a kubeconfig file"), ""),
    kubeContext: v.optional(string("the kubeconfig context to deploy to"), ""),
    zones: v.optional(array(string("an availability zone")), () => []),
    namespace: v.optional(string("the data namespace"), "data"),
    storageClasses: v.optional(array(string("a storage class the cluster has")), () => []),
    workloads: v.optional(array(workloadSchema, "workloads"), () => []),
    eks: v.optional(eksConfigSchema),
    aks: v.optional(aksSchema),
    ...operatorKeys,
    ...databaseKeys,
    ...backupKeys,
  },
  "the stack configuration",
);

/** Settings read from provider configuration keys (other namespaces), passed on as arguments. */
export interface ProviderSettings {
  /** `aws:region`: the region of an `eks` stack. */
  awsRegion?: string;
  /** `aws:profile`: the AWS CLI profile the aws provider uses; the EKS kubeconfig's get-token uses it too. */
  awsProfile?: string;
  /** `aws:assumeRoles` (JSON list): the role the aws provider assumes; the EKS kubeconfig's get-token assumes it too. */
  awsAssumeRoles?: unknown;
  /** `azure-native:location`: the Azure region of an `aks` stack. */
  azureLocation?: string;
}

/** A validated stack configuration, defaults applied. */
export type StackConfig = v.InferOutput<typeof stackConfigSchema> & ProviderSettings;
/** A validated workload entry. */
export type WorkloadConfig = v.InferOutput<typeof workloadSchema>;
