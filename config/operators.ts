/**
 * Configuration keys of the operator layer: `operators`, `installOlm`, `etcdClusters`, `rook` and
 * `operatorAccess`, their schema, the rules spanning keys, and the mapping to {@link OperatorLayerSpec}.
 */
import * as v from "valibot";
import {
  DNS_SUBDOMAIN,
  array,
  boolean,
  dnsLabel,
  length,
  number,
  record,
  repeatedIndices,
  string,
  strictObject as strict,
  undefinedStorageClass,
  int as whole,
} from "./legacy.ts";
import { clusterFitProblems, type ClusterKeys } from "./operatorCluster.ts";
import type { OperatorLayerSpec } from "../components/operators/layer.ts";
import { OPERATOR_PRESETS } from "../components/operators/presets.ts";
import { isPinnedUrl, isPinnedVersion, sourcesGiven } from "../components/operators/sources.ts";
import { ETCD_ISSUER_KINDS, ETCD_TLS_MODES } from "../components/stateful/etcdCluster.ts";
import { ETCD_VERSION } from "../components/operators/versions.ts";

const label = dnsLabel;
const storageClass = v.pipe(string(), v.regex(DNS_SUBDOMAIN, "expected a storage class name (a DNS subdomain)"));
const size = (example: string) =>
  v.pipe(string(), v.regex(/^[1-9][0-9]*(Mi|Gi|Ti)$/, `expected a size in Mi, Gi or Ti such as "${example}"`));

/** A Helm chart source; the version must name one release. */
export const helmSourceSchema = strict({
  repository: v.pipe(
    string(),
    v.startsWith("https://", 'expected an https:// Helm repository URL such as "https://charts.rook.io/release"'),
  ),
  chart: length(string(), "min", 1, "expected the chart's name"),
  version: v.pipe(
    string(),
    v.check(
      isPinnedVersion,
      'the chart version must be pinned to one release such as "v1.20.0" or "1.4.2" (no ranges, no "latest")',
    ),
  ),
  values: v.optional(record(v.unknown()), () => ({})),
});

/** A YAML bundle at a pinned URL. */
export const manifestSourceSchema = strict({
  url: v.pipe(
    string(),
    v.check(
      isPinnedUrl,
      "expected an https:// URL that names an exact release (e.g. .../v0.2.0/install.yaml), not a branch",
    ),
  ),
});

/** An OperatorHub subscription. */
export const olmSourceSchema = strict({
  package: length(string(), "min", 1, "expected the package name in the catalog"),
  channel: length(string(), "min", 1, 'expected the update channel, e.g. "stable"'),
  catalogSource: v.optional(string()),
  catalogSourceNamespace: v.optional(string()),
  startingCSV: v.optional(length(string(), "min", 1)),
  targetNamespaces: v.optional(array(label("target namespace")), () => []),
});

/** One operator from a chart, bundle or catalog: exactly one source. */
export const operatorSchema = v.pipe(
  strict({
    name: v.pipe(
      label("operator name"),
      v.check(
        (n) => !(OPERATOR_PRESETS as readonly string[]).includes(n),
        `names ${OPERATOR_PRESETS.map((p) => `"${p}"`).join(", ")} are the built-in operators; use etcdClusters or rook for them`,
      ),
    ),
    namespace: label("operator namespace"),
    helm: v.optional(helmSourceSchema),
    manifest: v.optional(manifestSourceSchema),
    olm: v.optional(olmSourceSchema),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const given = sourcesGiven(dataset.value);
    if (given.length !== 1) {
      addIssue({
        message: `an operator needs exactly one install source, found ${given.length === 0 ? "none" : given.join(" and ")}; keep one of helm, manifest or olm`,
      });
    }
  }),
);

/** One etcd cluster in the data namespace. */
export const etcdClusterSchema = strict({
  name: label("etcd cluster name"),
  size: v.optional(
    v.pipe(
      number("expected an odd whole number such as 1, 3 or 5 (etcd members)"),
      v.check(
        (n) => Number.isInteger(n) && n >= 1 && n % 2 === 1,
        "etcd needs an odd number of members, at least 1 (1, 3, 5, …), so a majority survives a failure",
      ),
    ),
    3,
  ),
  version: v.optional(
    v.pipe(
      string(),
      v.regex(/^v[0-9]+\.[0-9]+\.[0-9]+$/, `expected an etcd release "vX.Y.Z" such as "${ETCD_VERSION}"`),
    ),
    ETCD_VERSION,
  ),
  storageClass: storageClass,
  storageSize: v.optional(size("10Gi"), "10Gi"),
  tls: v.optional(
    v.picklist(ETCD_TLS_MODES, `expected one of ${ETCD_TLS_MODES.map((m) => `"${m}"`).join(", ")}`),
    "none",
  ),
  /** The issuer of a `tls: cert-manager` cluster; absent: the stack's own CA ClusterIssuer. */
  certManager: v.optional(
    strict({
      issuerKind: v.optional(
        v.picklist(ETCD_ISSUER_KINDS, `expected one of ${ETCD_ISSUER_KINDS.map((k) => `"${k}"`).join(", ")}`),
      ),
      issuerName: v.optional(
        v.pipe(
          string(),
          v.regex(DNS_SUBDOMAIN, 'expected the name of a cert-manager issuer (a DNS subdomain such as "corp-ca")'),
        ),
      ),
    }),
  ),
});

/** The Rook-Ceph cluster. */
export const rookSchema = strict({
  storageClass: storageClass,
  osdCount: v.optional(whole(1, 100, "OSDs, one cloud disk each"), 3),
  osdSize: v.optional(size("100Gi"), "100Gi"),
  replicas: v.optional(whole(1, 5, "copies of each object"), 3),
  blockStorageClass: v.optional(storageClass, "ceph-block"),
  filesystemStorageClass: v.optional(storageClass, "ceph-filesystem"),
});

/** One team's access to one built-in operator's custom resources in one namespace. */
export const operatorAccessSchema = strict({
  namespace: label("application namespace"),
  group: length(string(), "min", 1, "expected the name of the group to give access"),
  operator: v.picklist(OPERATOR_PRESETS, `expected one of ${OPERATOR_PRESETS.map((p) => `"${p}"`).join(", ")}`),
  /** EKS only: the IAM principals in the group; each gets an access entry with the group. */
  principals: v.optional(array(string())),
});

/** The operator-layer keys, merged into the stack schema. */
export const operatorKeys = {
  operators: v.optional(array(operatorSchema), () => []),
  installOlm: v.optional(boolean("install OLM for olm operators"), false),
  etcdClusters: v.optional(array(etcdClusterSchema), () => []),
  rook: v.optional(rookSchema),
  operatorAccess: v.optional(array(operatorAccessSchema), () => []),
};

/** The operator-layer part of a validated configuration. */
export interface OperatorConfig {
  operators: v.InferOutput<typeof operatorSchema>[];
  installOlm: boolean;
  etcdClusters: v.InferOutput<typeof etcdClusterSchema>[];
  rook?: v.InferOutput<typeof rookSchema> | undefined;
  operatorAccess: v.InferOutput<typeof operatorAccessSchema>[];
}

/** One cross-key problem: the key path (without the namespace), the value and the message. */
export interface OperatorConfigProblem {
  path: PropertyKey[];
  value: unknown;
  message: string;
}

/**
 * Rules spanning keys: storage classes the stack defines, unique names, access to installed
 * operators, and what the cluster offers (OLM, group identities).
 */
export function operatorConfigProblems(
  config: OperatorConfig & ClusterKeys,
  classes: readonly string[],
): OperatorConfigProblem[] {
  const problems: OperatorConfigProblem[] = clusterFitProblems(config);
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
    if (etcd.certManager && etcd.tls !== "cert-manager") {
      problems.push({
        path: ["etcdClusters", i, "certManager"],
        value: etcd.certManager,
        message: `certManager applies only with tls "cert-manager" (tls is "${etcd.tls}"); set tls: cert-manager or remove certManager`,
      });
    } else if (etcd.certManager?.issuerKind && etcd.certManager.issuerName === undefined) {
      problems.push({
        path: ["etcdClusters", i, "certManager", "issuerName"],
        value: undefined,
        message: `issuerKind "${etcd.certManager.issuerKind}" names no issuer: give issuerName (an Issuer in the data namespace, or a ClusterIssuer), or remove certManager to use the stack's own CA issuer`,
      });
    }
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
  if (config.etcdClusters.some((e) => e.tls === "cert-manager")) {
    config.operators.forEach((op, i) => {
      if (op.name !== "cert-manager") return;
      problems.push({
        path: ["operators", i, "name"],
        value: op.name,
        message:
          'the stack installs cert-manager itself for etcd clusters with tls "cert-manager"; remove this operator (one cert-manager serves every issuer)',
      });
    });
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
