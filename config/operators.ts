/**
 * Configuration keys of the operator layer: `operators`, `installOlm`, `etcdClusters`, `rook` and
 * `operatorAccess`, their schema, the rules spanning keys, and the mapping to {@link OperatorLayerSpec}.
 */
import { z } from "zod";
import {
  DNS_SUBDOMAIN,
  dnsLabel,
  int as whole,
  repeatedIndices,
  strictObject as strict,
  undefinedStorageClass,
} from "./builders.ts";
import type { OperatorLayerSpec } from "../components/operators/layer.ts";
import { OPERATOR_PRESETS } from "../components/operators/presets.ts";
import { isPinnedUrl, isPinnedVersion, sourcesGiven } from "../components/operators/sources.ts";
import { ETCD_TLS_MODES } from "../components/stateful/etcdCluster.ts";
import { ETCD_VERSION } from "../components/operators/versions.ts";

const label = dnsLabel;
const storageClass = z.string().regex(DNS_SUBDOMAIN, { error: "expected a storage class name (a DNS subdomain)" });
const size = (example: string) =>
  z.string().regex(/^[1-9][0-9]*(Mi|Gi|Ti)$/, { error: `expected a size in Mi, Gi or Ti such as "${example}"` });

/** A Helm chart source; the version must name one release. */
export const helmSourceSchema = strict({
  repository: z.string().startsWith("https://", {
    error: 'expected an https:// Helm repository URL such as "https://charts.rook.io/release"',
  }),
  chart: z.string().min(1, { error: "expected the chart's name" }),
  version: z.string().refine(isPinnedVersion, {
    error: 'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
  }),
  values: z.record(z.string(), z.unknown()).default({}),
});

/** A YAML bundle at a pinned URL. */
export const manifestSourceSchema = strict({
  url: z.string().refine(isPinnedUrl, {
    error: "expected an https:// URL that names an exact release (e.g. .../v0.2.0/install.yaml), not a branch",
  }),
});

/** An OperatorHub subscription. */
export const olmSourceSchema = strict({
  package: z.string().min(1, { error: "expected the package name in the catalog" }),
  channel: z.string().min(1, { error: 'expected the update channel, e.g. "stable"' }),
  catalogSource: z.string().optional(),
  catalogSourceNamespace: z.string().optional(),
  startingCSV: z.string().min(1).optional(),
  targetNamespaces: z.array(label("target namespace")).default([]),
});

/** One operator from a chart, bundle or catalog: exactly one source. */
export const operatorSchema = strict({
  name: label("operator name").refine((n) => !(OPERATOR_PRESETS as readonly string[]).includes(n), {
    error: `names ${OPERATOR_PRESETS.map((p) => `"${p}"`).join(", ")} are the built-in operators; use etcdClusters or rook for them`,
  }),
  namespace: label("operator namespace"),
  helm: helmSourceSchema.optional(),
  manifest: manifestSourceSchema.optional(),
  olm: olmSourceSchema.optional(),
}).superRefine((op, ctx) => {
  const given = sourcesGiven(op);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      message: `an operator needs exactly one install source, found ${given.length === 0 ? "none" : given.join(" and ")}; keep one of helm, manifest or olm`,
    });
  }
});

/** One etcd cluster in the data namespace. */
export const etcdClusterSchema = strict({
  name: label("etcd cluster name"),
  size: z
    .number({ error: "expected an odd whole number such as 1, 3 or 5 (etcd members)" })
    .refine((n) => Number.isInteger(n) && n >= 1 && n % 2 === 1, {
      error: "etcd needs an odd number of members, at least 1 (1, 3, 5, …), so a majority survives a failure",
    })
    .default(3),
  version: z
    .string()
    .regex(/^v[0-9]+\.[0-9]+\.[0-9]+$/, { error: `expected an etcd release "vX.Y.Z" such as "${ETCD_VERSION}"` })
    .default(ETCD_VERSION),
  storageClass: storageClass,
  storageSize: size("10Gi").default("10Gi"),
  tls: z
    .enum(ETCD_TLS_MODES, { error: `expected one of ${ETCD_TLS_MODES.map((m) => `"${m}"`).join(", ")}` })
    .default("none"),
});

/** The Rook-Ceph cluster. */
export const rookSchema = strict({
  storageClass: storageClass,
  osdCount: whole(1, 100, "OSDs, one cloud disk each").default(3),
  osdSize: size("100Gi").default("100Gi"),
  replicas: whole(1, 5, "copies of each object").default(3),
  blockStorageClass: storageClass.default("ceph-block"),
  filesystemStorageClass: storageClass.default("ceph-filesystem"),
});

/** One team's access to one built-in operator's custom resources in one namespace. */
export const operatorAccessSchema = strict({
  namespace: label("application namespace"),
  group: z.string().min(1, { error: "expected the name of the group to give access" }),
  operator: z.enum(OPERATOR_PRESETS, {
    error: `expected one of ${OPERATOR_PRESETS.map((p) => `"${p}"`).join(", ")}`,
  }),
});

/** The operator-layer keys, merged into the stack schema. */
export const operatorKeys = {
  operators: z.array(operatorSchema).default([]),
  /** Pulumi passes top-level booleans as the strings "true" and "false". */
  installOlm: z
    .preprocess(
      (v) => (v === "true" ? true : v === "false" ? false : v),
      z.boolean({ error: "expected true or false" }),
    )
    .default(false),
  etcdClusters: z.array(etcdClusterSchema).default([]),
  rook: rookSchema.optional(),
  operatorAccess: z.array(operatorAccessSchema).default([]),
};

/** The operator-layer part of a validated configuration. */
export interface OperatorConfig {
  operators: z.output<typeof operatorSchema>[];
  installOlm: boolean;
  etcdClusters: z.output<typeof etcdClusterSchema>[];
  rook?: z.output<typeof rookSchema> | undefined;
  operatorAccess: z.output<typeof operatorAccessSchema>[];
}

/** One cross-key problem: the key path (without the namespace), the value and the message. */
export interface OperatorConfigProblem {
  path: PropertyKey[];
  value: unknown;
  message: string;
}

/** Rules spanning keys: storage classes the stack defines, unique names, access to installed operators. */
export function operatorConfigProblems(config: OperatorConfig, classes: readonly string[]): OperatorConfigProblem[] {
  const problems: OperatorConfigProblem[] = [];
  const undefinedClass = (value: string) => undefinedStorageClass(value, classes);
  for (const i of repeatedIndices(config.etcdClusters.map((e) => e.name))) {
    const value = config.etcdClusters[i]?.name;
    problems.push({
      path: ["etcdClusters", i, "name"],
      value,
      message: "etcd cluster names must be unique in a stack",
    });
  }
  config.etcdClusters.forEach((etcd, i) => {
    if (!classes.includes(etcd.storageClass)) {
      problems.push({
        path: ["etcdClusters", i, "storageClass"],
        value: etcd.storageClass,
        message: undefinedClass(etcd.storageClass),
      });
    }
  });
  if (config.rook) {
    const own = [config.rook.blockStorageClass, config.rook.filesystemStorageClass];
    if (own.includes(config.rook.storageClass)) {
      problems.push({
        path: ["rook", "storageClass"],
        value: config.rook.storageClass,
        message: "Rook-Ceph cannot put its disks on a storage class it creates; name the cloud disk class",
      });
    } else if (!classes.includes(config.rook.storageClass)) {
      problems.push({
        path: ["rook", "storageClass"],
        value: config.rook.storageClass,
        message: undefinedClass(config.rook.storageClass),
      });
    }
    if (config.rook.replicas > config.rook.osdCount) {
      problems.push({
        path: ["rook", "replicas"],
        value: config.rook.replicas,
        message: `each copy needs its own OSD: use at most osdCount (${config.rook.osdCount}) replicas`,
      });
    }
  }
  for (const i of repeatedIndices(config.operators.map((op) => op.name))) {
    const value = config.operators[i]?.name;
    problems.push({ path: ["operators", i, "name"], value, message: "operator names must be unique in a stack" });
  }
  const grants = config.operatorAccess.map((a) => `${a.namespace}/${a.group}/${a.operator}`);
  for (const i of repeatedIndices(grants)) {
    const access = config.operatorAccess[i];
    problems.push({
      path: ["operatorAccess", i],
      value: access,
      message: `group "${access?.group}" already has access to "${access?.operator}" in namespace "${access?.namespace}"; remove the duplicate`,
    });
  }
  config.operatorAccess.forEach((access, i) => {
    const installed = access.operator === "etcd" ? config.etcdClusters.length > 0 : config.rook !== undefined;
    if (!installed) {
      const fix = access.operator === "etcd" ? "add an entry to etcdClusters" : "set rook";
      problems.push({
        path: ["operatorAccess", i, "operator"],
        value: access.operator,
        message: `the stack does not install the "${access.operator}" operator; ${fix} or remove this access entry`,
      });
    }
  });
  return problems;
}

/** Maps the operator-layer keys to the {@link Platform}'s `operators` argument. */
export function toOperatorLayerSpec(config: OperatorConfig): OperatorLayerSpec {
  return {
    operators: config.operators.map((op) => ({
      name: op.name,
      namespace: op.namespace,
      helm: op.helm,
      manifest: op.manifest,
      olm: op.olm,
    })),
    installOlm: config.installOlm,
    etcdClusters: config.etcdClusters.map((e) => ({ ...e })),
    rook: config.rook ? { ...config.rook } : undefined,
    access: config.operatorAccess.map((a) => ({ ...a })),
  };
}
