/**
 * The one schema for a stack's configuration. Every key the program reads is declared here, with the
 * rule a value must follow and the message a user sees when it does not.
 */
import { z } from "zod";
import { DNS_SUBDOMAIN, dnsLabel, int, oneOf, strictObject } from "./builders.ts";
import { aksSchema } from "./aks.ts";
import { eksConfigSchema } from "./eks.ts";
import { operatorKeys } from "./operators.ts";

/** The project's configuration namespace: keys are written `stateful-stack:<key>` in stack files. */
export const CONFIG_NAMESPACE = "stateful-stack";

/** Environments a stack can be; `prod` turns on every data-protection default. */
export const ENVIRONMENTS = ["dev", "prod"] as const;

/** Where the Kubernetes cluster comes from. */
export const CLOUDS = ["existing", "aks", "eks"] as const;

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const STORAGE_QUANTITY = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const quantity = (what: string) =>
  z.string().regex(QUANTITY, { error: `expected a Kubernetes quantity such as "500m", "256Mi" or "2" (${what})` });

/** Container resource requests; limits are derived from them (memory limit = memory request). */
export const resourcesSchema = strictObject({
  cpu: quantity("CPU request").default("100m"),
  memory: quantity("memory request").default("128Mi"),
});

/** One stateful workload: a StatefulSet with its headless service, client service and disruption budget. */
export const workloadSchema = strictObject({
  name: dnsLabel("workload name"),
  image: z
    .string()
    .regex(/^[^\s:]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, {
      error: 'expected a container image reference such as "redis:7.4.2-alpine"',
    })
    .refine((image) => /[:@]/.test(image.split("/").pop() ?? ""), {
      error:
        'the image must be pinned with a tag or digest, e.g. "redis:7.4.2-alpine"; an unpinned image changes under you',
    }),
  replicas: int(1, 99, "replicas").optional(),
  port: int(1, 65535, "container port"),
  storageClass: z.string().regex(DNS_SUBDOMAIN, { error: "expected a storage class name (a DNS subdomain)" }),
  storageSize: z.string().regex(STORAGE_QUANTITY, { error: 'expected a size in Mi, Gi or Ti such as "10Gi"' }),
  mountPath: z.string().startsWith("/", { error: 'expected an absolute path such as "/data"' }).default("/data"),
  args: z.array(z.string()).default([]),
  env: z
    .record(
      z
        .string()
        .regex(ENV_NAME, { error: "environment variable names are letters, digits and _, not starting with a digit" }),
      z.string({ error: "environment variable values must be strings; quote numbers in YAML" }),
    )
    .default({}),
  runAsUser: int(1, 2147483647, "non-root user id").default(1000),
  fsGroup: int(1, 2147483647, "group id that owns the volume").optional(),
  readOnlyRootFilesystem: z.boolean({ error: "expected true or false" }).default(true),
  httpHealthPath: z.string().startsWith("/", { error: 'expected an absolute path such as "/healthz"' }).optional(),
  resources: resourcesSchema.default({ cpu: "100m", memory: "128Mi" }),
  sharedClaim: dnsLabel("existing PersistentVolumeClaim name").optional(),
  share: z.string({ error: "expected the name of a volume the stack's storage declares" }).optional(),
  sharedMountPath: z
    .string()
    .startsWith("/", { error: 'expected an absolute path such as "/shared"' })
    .default("/shared"),
});

/** The whole stack configuration, as read from `stateful-stack:*` keys. */
export const stackConfigSchema = strictObject({
  environment: oneOf(ENVIRONMENTS),
  cloud: oneOf(CLOUDS),
  kubeconfig: z.string().default(""),
  kubeconfigPath: z.string().default(""),
  kubeContext: z.string().default(""),
  zones: z.array(z.string().min(1)).default([]),
  namespace: dnsLabel("data namespace").default("data"),
  storageClasses: z
    .array(z.string().regex(DNS_SUBDOMAIN, { error: "expected a storage class name (a DNS subdomain)" }))
    .default([]),
  workloads: z.array(workloadSchema).default([]),
  eks: eksConfigSchema.optional(),
  aks: aksSchema.optional(),
  ...operatorKeys,
});

/** Settings read from provider configuration keys (other namespaces), passed on as arguments. */
export interface ProviderSettings {
  /** `aws:region`: the region of an `eks` stack. */
  awsRegion?: string;
  /** `azure-native:location`: the Azure region of an `aks` stack. */
  azureLocation?: string;
}

/** A validated stack configuration, defaults applied. */
export type StackConfig = z.output<typeof stackConfigSchema> & ProviderSettings;
/** A validated workload entry. */
export type WorkloadConfig = z.output<typeof workloadSchema>;
