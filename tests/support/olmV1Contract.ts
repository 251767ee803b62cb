/**
 * What OLM v1 (operator-framework/operator-controller v1.11.0) accepts in a `ClusterExtension`, as
 * a contract over rendered values: the standard CRD
 * (`helm/olmv1/base/operator-controller/crd/standard/olm.operatorframework.io_clusterextensions.yaml`,
 * generated from `api/v1/clusterextension_types.go`), at tag v1.11.0. Written by hand from those
 * files; nothing upstream is copied in.
 */
import { customResource, has, LABEL_SELECTOR, type ContractNode, type ObjectContract } from "./crdContract.ts";

const TAG = "operator-framework/operator-controller@v1.11.0";
/** The CEL pattern of `namespace` (a DNS-1123 label). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The CEL pattern of `packageName` and of each channel (a DNS-1123 subdomain). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `CatalogFilter`: `packageName` required (DNS subdomain, ≤ 253), `version` ≤ 64, ≤ 256 channels. */
const CATALOG: ContractNode = {
  type: "object",
  fields: {
    packageName: { type: "string", pattern: DNS_SUBDOMAIN, maxLength: 253 },
    version: { type: "string", maxLength: 64 },
    channels: { type: "array", items: { type: "string", pattern: DNS_SUBDOMAIN, maxLength: 253 } },
    selector: LABEL_SELECTOR,
    upgradeConstraintPolicy: { type: "string", enum: ["CatalogProvided", "SelfCertified"] },
  },
  required: ["packageName"],
  rules: [
    {
      rule: "MaxItems=256 on channels",
      message: "Too many: must have at most 256 items",
      broken: (self) => Array.isArray(self["channels"]) && self["channels"].length > 256,
    },
  ],
};

/** The `ClusterExtension` of the standard CRD: `serviceAccount` is deprecated and ignored, so never rendered. */
export const CLUSTER_EXTENSION_CONTRACT: ObjectContract = {
  source: `${TAG}:helm/olmv1/base/operator-controller/crd/standard/olm.operatorframework.io_clusterextensions.yaml`,
  apiVersion: "olm.operatorframework.io/v1",
  kind: "ClusterExtension",
  schema: customResource({
    type: "object",
    fields: {
      namespace: { type: "string", pattern: DNS_LABEL, maxLength: 63 },
      source: {
        type: "object",
        fields: { sourceType: { type: "string", enum: ["Catalog"] }, catalog: CATALOG },
        required: ["sourceType"],
        rules: [
          {
            rule: "has(self.sourceType) && self.sourceType == 'Catalog' ? has(self.catalog) : !has(self.catalog)",
            message: "catalog is required when sourceType is Catalog, and forbidden otherwise",
            broken: (self) => (self["sourceType"] === "Catalog") !== has(self, "catalog"),
          },
        ],
      },
      install: { type: "object", open: true },
    },
    // `serviceAccount` is a field of the CRD, but "deprecated and completely ignored" at v1.11.0
    // (api/v1/clusterextension_types.go): the contract leaves it out so that rendering it fails.
    required: ["namespace", "source"],
  }),
};

/**
 * The `ClusterCatalog` (`ClusterCatalogSpec`, `CatalogSource`, `ImageSource`: api/v1/clustercatalog_types.go
 * at v1.11.0): an image source with a reference of at most 1000 characters, polling at least every
 * minute and never for a digest, an int32 priority.
 */
export const CLUSTER_CATALOG_CONTRACT: ObjectContract = {
  source: `${TAG}:api/v1/clustercatalog_types.go`,
  apiVersion: "olm.operatorframework.io/v1",
  kind: "ClusterCatalog",
  schema: customResource({
    type: "object",
    fields: {
      source: {
        type: "object",
        fields: {
          type: { type: "string", enum: ["Image"] },
          image: {
            type: "object",
            fields: { ref: { type: "string", maxLength: 1000 }, pollIntervalMinutes: { type: "integer", minimum: 1 } },
            required: ["ref"],
            rules: [
              {
                rule: "self.ref.find('(@.*:)') != \"\" ? !has(self.pollIntervalMinutes) : true",
                message: "cannot specify pollIntervalMinutes while using digest-based image",
                broken: (self) => /@.*:/.test(String(self["ref"])) && has(self, "pollIntervalMinutes"),
              },
              {
                rule: "self.find('(@.*:)') != \"\" || self.find(':.*$') != \"\"",
                message: "must end with a digest or a tag",
                broken: (self) => !/(@.*:)|(:[^/]*$)/.test(String(self["ref"])),
              },
            ],
          },
        },
        required: ["type"],
      },
      priority: { type: "integer", minimum: -2147483648 },
      availabilityMode: { type: "string", enum: ["Available", "Unavailable"] },
    },
    required: ["source"],
  }),
};
