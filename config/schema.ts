/**
 * The one schema for a stack's configuration. Every key the program reads is declared here, with the
 * rule a value must follow and the message a user sees when it does not.
 */
import * as v from "valibot";
import {
  DNS_SUBDOMAIN,
  array,
  boolean,
  dnsLabel,
  int,
  keyedRecord,
  length,
  oneOf,
  strictObject,
  string,
} from "./legacy.ts";
import { Clustering } from "../components/workloads/spec.ts";
import { aksSchema } from "./aks.ts";
import { eksConfigSchema } from "./eks.ts";
import { operatorKeys } from "./operators.ts";

/** The project's configuration namespace: keys are written `stateful-stack:<key>` in stack files. */
export const CONFIG_NAMESPACE = "stateful-stack";

/** Environments a stack can be; `prod` turns on every data-protection default. */
export const ENVIRONMENTS = ["dev", "prod"] as const;

/** Where the Kubernetes cluster comes from. */
export const CLOUDS = ["existing", "aks", "eks"] as const;

/** How a workload's replicas relate: the component's own enum. */
const CLUSTERING = Object.values(Clustering) as [Clustering, ...Clustering[]];

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const STORAGE_QUANTITY = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const quantity = (what: string) =>
  v.pipe(string(), v.regex(QUANTITY, `expected a Kubernetes quantity such as "500m", "256Mi" or "2" (${what})`));

const absolutePath = (example: string) =>
  v.pipe(string(), v.startsWith("/", `expected an absolute path such as "${example}"`));

const storageClassName = () =>
  v.pipe(string(), v.regex(DNS_SUBDOMAIN, "expected a storage class name (a DNS subdomain)"));

/** A secret key name (letters, digits, "-", "_", "."), as Kubernetes allows in a Secret's data. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Where one secret environment variable comes from: `generate: true`, or `secretName` + `key` of an existing Secret. */
export const secretSourceSchema = strictObject({
  generate: v.optional(boolean()),
  length: v.optional(int(16, 128, "length of the generated password")),
  secretName: v.optional(v.pipe(string(), v.regex(DNS_SUBDOMAIN, "expected a Secret name (a DNS subdomain)"))),
  key: v.optional(v.pipe(string(), v.regex(SECRET_KEY, 'expected a Secret key: letters, digits, "-", "_" and "."'))),
});

/** Container resource requests; limits are derived from them (memory limit = memory request). */
export const resourcesSchema = strictObject({
  cpu: v.optional(quantity("CPU request"), "100m"),
  memory: v.optional(quantity("memory request"), "128Mi"),
});

/** One stateful workload: a StatefulSet with its headless service, client service and disruption budget. */
export const workloadSchema = strictObject({
  name: dnsLabel("workload name"),
  image: v.pipe(
    string(),
    v.regex(
      /^[^\s:]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
      'expected a container image reference such as "redis:7.4.2-alpine"',
    ),
    v.check(
      (image) => /[:@]/.test(image.split("/").pop() ?? ""),
      'the image must be pinned with a tag or digest, e.g. "redis:7.4.2-alpine"; an unpinned image changes under you',
    ),
  ),
  clustering: v.optional(oneOf(CLUSTERING), "none"),
  replicas: v.optional(int(1, 99, "replicas")),
  port: int(1, 65535, "container port"),
  storageClass: storageClassName(),
  storageSize: v.pipe(string(), v.regex(STORAGE_QUANTITY, 'expected a size in Mi, Gi or Ti such as "10Gi"')),
  volumes: v.optional(array(string("expected the name of a disk or EBS volume the stack's storage declares"))),
  mountPath: v.optional(absolutePath("/data"), "/data"),
  args: v.optional(array(string()), () => []),
  env: v.optional(
    keyedRecord(string("environment variable values must be strings; quote numbers in YAML"), (name) =>
      ENV_NAME.test(name),
    ),
    () => ({}),
  ),
  secretEnv: v.optional(
    keyedRecord(secretSourceSchema, (name) => ENV_NAME.test(name)),
    () => ({}),
  ),
  runAsUser: v.optional(int(1, 2147483647, "non-root user id"), 1000),
  fsGroup: v.optional(int(1, 2147483647, "group id that owns the volume")),
  readOnlyRootFilesystem: v.optional(boolean(), true),
  httpHealthPath: v.optional(absolutePath("/healthz")),
  resources: v.optional(resourcesSchema, () => ({ cpu: "100m", memory: "128Mi" })),
  sharedClaim: v.optional(dnsLabel("existing PersistentVolumeClaim name")),
  share: v.optional(string("expected the name of a volume the stack's storage declares")),
  sharedMountPath: v.optional(absolutePath("/shared"), "/shared"),
});

/** The whole stack configuration, as read from `stateful-stack:*` keys. */
export const stackConfigSchema = strictObject({
  environment: oneOf(ENVIRONMENTS),
  cloud: oneOf(CLOUDS),
  kubeconfig: v.optional(string(), ""),
  kubeconfigPath: v.optional(string(), ""),
  kubeContext: v.optional(string(), ""),
  zones: v.optional(array(length(string(), "min", 1)), () => []),
  namespace: v.optional(dnsLabel("data namespace"), "data"),
  storageClasses: v.optional(array(storageClassName()), () => []),
  workloads: v.optional(array(workloadSchema), () => []),
  eks: v.optional(eksConfigSchema),
  aks: v.optional(aksSchema),
  ...operatorKeys,
});

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
