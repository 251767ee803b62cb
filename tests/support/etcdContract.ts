/**
 * What etcd-io/etcd-operator v0.2.0 accepts in an `EtcdCluster` spec, as a check over rendered values:
 * the CRD's schema (`config/crd/bases/operator.etcd.io_etcdclusters.yaml`, generated from
 * `api/v1alpha1/etcdcluster_types.go`) plus the rules its controller enforces at reconcile time
 * (`internal/controller/utils.go`, `pkg/certificate/certificate.go`,
 * `pkg/certificate/cert_manager/provider.go`, `pkg/certificate/auto/provider.go`), all at tag v0.2.0.
 */

/** `certificate.ProviderType` values `NewProvider` knows (`pkg/certificate/certificate.go`); absent means `auto`. */
export const ETCD_TLS_PROVIDERS = ["auto", "cert-manager"] as const;
/** Issuer kinds `checkIssuerExists` accepts (`pkg/certificate/cert_manager/provider.go`). */
export const ETCD_ISSUER_KINDS = ["ClusterIssuer", "Issuer"] as const;
/** Access modes the StatefulSet builder handles (`internal/controller/utils.go`); absent means ReadWriteOnce. */
export const ETCD_ACCESS_MODES = ["ReadWriteOnce", "ReadWriteMany"] as const;

type Fields = Record<string, unknown>;

/** Fields of each object in the CRD schema (`properties`); anything else is pruned by the API server. */
const FIELDS = {
  spec: ["size", "imageRegistry", "version", "storageSpec", "tls", "etcdOptions", "podTemplate"],
  storageSpec: ["accessModes", "storageClassName", "pvcName", "volumeSizeRequest", "volumeSizeLimit"],
  tls: ["provider", "providerCfg"],
  providerCfg: ["autoCfg", "certManagerCfg"],
  autoCfg: ["commonName", "organizations", "altNames", "validityDuration", "caBundleSecret"],
  certManagerCfg: [
    "commonName",
    "organizations",
    "altNames",
    "validityDuration",
    "caBundleSecret",
    "issuerKind",
    "issuerName",
  ],
  altNames: ["dnsNames", "ipAddresses"],
} as const;

/** `resource.Quantity` pattern of the CRD (`volumeSizeRequest`, `volumeSizeLimit`). */
const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** What Go's `time.ParseDuration` reads (the operator parses `validityDuration` with it: no `d`). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** A value as a message shows it. */
function show(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
}

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function unknownFields(path: string, value: Fields, allowed: readonly string[]): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${path}.${key} is not a field of the CRD (allowed: ${allowed.join(", ")})`);
}

function storageProblems(storage: Fields): string[] {
  const problems = unknownFields("spec.storageSpec", storage, FIELDS.storageSpec);
  const request = storage["volumeSizeRequest"];
  if (typeof request !== "string" || !QUANTITY.test(request)) {
    problems.push(`spec.storageSpec.volumeSizeRequest is required and must be a quantity, got ${show(request)}`);
  }
  const mode = storage["accessModes"];
  if (mode !== undefined && !(ETCD_ACCESS_MODES as readonly unknown[]).includes(mode)) {
    problems.push(`spec.storageSpec.accessModes "${show(mode)}" must be one of ${ETCD_ACCESS_MODES.join(", ")}`);
  }
  if (mode === "ReadWriteMany" && !storage["pvcName"]) {
    problems.push("spec.storageSpec.pvcName is required with accessModes ReadWriteMany");
  }
  return problems;
}

function certificateConfigProblems(path: string, cfg: Fields, provider: string): string[] {
  const problems = unknownFields(path, cfg, provider === "auto" ? FIELDS.autoCfg : FIELDS.certManagerCfg);
  const commonName = cfg["commonName"];
  if (typeof commonName === "string" && commonName.length > 64) {
    problems.push(`${path}.commonName has more than 64 characters, which makes an invalid CSR`);
  }
  const validity = cfg["validityDuration"];
  if (validity !== undefined && (typeof validity !== "string" || !GO_DURATION.test(validity))) {
    problems.push(`${path}.validityDuration "${show(validity)}" is not a Go duration such as "8760h"`);
  }
  const altNames = cfg["altNames"];
  if (isObject(altNames)) {
    problems.push(...unknownFields(`${path}.altNames`, altNames, FIELDS.altNames));
    // v0.2.0 fills one nil IP per DNS name when dnsNames is set, which cert-manager refuses as "<nil>".
    if (provider === "cert-manager" && altNames["dnsNames"] !== undefined) {
      problems.push(`${path}.altNames.dnsNames breaks cert-manager certificates in v0.2.0 (nil IP addresses)`);
    }
  }
  if (provider === "cert-manager") {
    const kind = cfg["issuerKind"];
    if (!(ETCD_ISSUER_KINDS as readonly unknown[]).includes(kind)) {
      problems.push(
        `${path}.issuerKind is required and must be one of ${ETCD_ISSUER_KINDS.join(", ")}, got ${show(kind)}`,
      );
    }
    if (typeof cfg["issuerName"] !== "string" || cfg["issuerName"] === "") {
      problems.push(`${path}.issuerName is required`);
    }
  }
  return problems;
}

function tlsProblems(tls: Fields): string[] {
  const problems = unknownFields("spec.tls", tls, FIELDS.tls);
  const provider = tls["provider"] ?? "auto";
  if (!(ETCD_TLS_PROVIDERS as readonly unknown[]).includes(provider)) {
    return [...problems, `spec.tls.provider "${show(provider)}" must be one of ${ETCD_TLS_PROVIDERS.join(", ")}`];
  }
  const providerCfg = tls["providerCfg"];
  if (!isObject(providerCfg))
    return [...problems, "spec.tls.providerCfg is missing: the operator creates no certificate"];
  problems.push(...unknownFields("spec.tls.providerCfg", providerCfg, FIELDS.providerCfg));
  // The controller takes autoCfg when present, else certManagerCfg, whatever the provider; with
  // neither it creates no certificate and the members wait for secrets that never come.
  const key = provider === "auto" ? "autoCfg" : "certManagerCfg";
  const other = provider === "auto" ? "certManagerCfg" : "autoCfg";
  const cfg = providerCfg[key];
  if (!isObject(cfg)) problems.push(`spec.tls.providerCfg.${key} is required with provider ${show(provider)}`);
  else problems.push(...certificateConfigProblems(`spec.tls.providerCfg.${key}`, cfg, provider as string));
  if (providerCfg[other] !== undefined) {
    problems.push(`spec.tls.providerCfg.${other} must be absent with provider ${show(provider)}`);
  }
  return problems;
}

/** The ways a rendered `EtcdCluster` spec breaks the v0.2.0 CRD or controller (empty when it is accepted). */
export function etcdClusterContractProblems(spec: unknown): string[] {
  if (!isObject(spec)) return ["spec is missing"];
  const problems = unknownFields("spec", spec, FIELDS.spec);
  const size = spec["size"];
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1) {
    problems.push(`spec.size is required and must be a whole number of at least 1, got ${show(size)}`);
  }
  if (typeof spec["version"] !== "string" || spec["version"] === "") problems.push("spec.version is required");
  if (spec["storageSpec"] !== undefined) {
    if (isObject(spec["storageSpec"])) problems.push(...storageProblems(spec["storageSpec"]));
    else problems.push("spec.storageSpec must be an object");
  }
  if (spec["tls"] !== undefined) {
    if (isObject(spec["tls"])) problems.push(...tlsProblems(spec["tls"]));
    else problems.push("spec.tls must be an object");
  }
  return problems;
}
