/**
 * What the operator layer adds for catalog operators: OLM v1 and the operators it installs (after
 * the stack's one cert-manager), and the custom resources a catalog operator's entry declares, each
 * after its operator's `ready`, whatever the source.
 */
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource.js";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, type Environment } from "../options.ts";
import { problem, repeatedIndices, type Problem } from "../problems.ts";
import { dnsSubdomainProblems } from "../rules.ts";
import { OperatorController } from "./olmV1.ts";
import type { OlmV1Catalog } from "./olmV1Catalogs.ts";
import { installCertManager } from "./certManager.ts";
import { Operator } from "./operator.ts";
import type { OperatorSources } from "./sources.ts";

/** A namespaced custom resource of a catalog operator, created in the data namespace after the operator is ready. */
export interface OperatorCustomResource {
  /** `group/version` of the kind, e.g. `argoproj.io/v1beta1`. */
  apiVersion: string;
  /** Kind, e.g. `ArgoCD`. */
  kind: string;
  /** Object name, a DNS subdomain. */
  name: string;
  /**
   * The object's spec, as the operator's CRD takes it.
   * @default {}
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the package schema expresses free-form values only as Any
  spec?: Record<string, any>;
}

/** A catalog operator as the layer installs it. */
interface CatalogEntry extends OperatorSources {
  name: string;
  namespace: string;
  customResources?: OperatorCustomResource[];
}

const API_VERSION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+\/v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The check of an operator's custom resources (paths relative to the list): a `group/version` of a
 * custom API (a group with a dot, as CRD groups need: kubernetes/kubernetes@v1.35.7:
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go
 * "should be a domain with at least one dot"), a kind, a name, and no object twice.
 */
export function customResourceProblems(resources: readonly OperatorCustomResource[]): Problem[] {
  const problems: Problem[] = [];
  resources.forEach((resource, i) => {
    if (typeof resource.apiVersion !== "string" || !API_VERSION.test(resource.apiVersion))
      problems.push(
        problem(
          [i, "apiVersion"],
          resource.apiVersion,
          'expected the group/version of the operator\'s custom resource, such as "argoproj.io/v1beta1"',
        ),
      );
    if (typeof resource.kind !== "string" || !KIND.test(resource.kind))
      problems.push(problem([i, "kind"], resource.kind, 'expected the kind, in UpperCamelCase, such as "ArgoCD"'));
    problems.push(...dnsSubdomainProblems([i, "name"], resource.name, "custom resource name"));
  });
  for (const i of repeatedIndices(resources.map((r) => `${r.apiVersion.split("/")[0]}/${r.kind}/${r.name}`)))
    problems.push(
      problem(
        [i, "name"],
        resources[i]?.name,
        `another ${resources[i]?.kind} of this operator has this name; rename one`,
      ),
    );
  return problems;
}

/**
 * When `opts.install`, OLM v1 after cert-manager (the given release, or a new one named
 * `<name>-cert-manager`); then each `olmV1` operator, after OLM v1 when installed here (otherwise the
 * cluster has it). Returns the operators it made, by name, and cert-manager's release when it made one.
 */
export function installOlmV1Operators(
  name: string,
  cluster: ClusterHandle,
  entries: readonly CatalogEntry[],
  opts: {
    parent: pulumi.Resource;
    retainOnDelete: boolean;
    install: boolean;
    catalogs?: OlmV1Catalog[];
    certManager?: Operator;
  },
): { operators: Record<string, Operator>; certManager?: Operator } {
  const { parent, retainOnDelete } = opts;
  const operators: Record<string, Operator> = {};
  if (!opts.install) {
    for (const { name: opName, namespace, olmV1 } of entries)
      operators[opName] = new Operator(
        `${name}-${opName}`,
        { cluster, namespace, olmV1, retainOnDelete },
        { parent, dependsOn: cluster.readiness },
      );
    return { operators };
  }
  const certManager = opts.certManager ?? installCertManager(name, cluster, { parent, retainOnDelete });
  const controller = new OperatorController(
    `${name}-olmv1`,
    { cluster, certManager: certManager.ready, catalogs: opts.catalogs ?? [], retainOnDelete },
    { parent, dependsOn: cluster.readiness },
  );
  for (const { name: opName, namespace, olmV1 } of entries)
    operators[opName] = new Operator(
      `${name}-${opName}`,
      { cluster, namespace, olmV1, retainOnDelete },
      { parent, dependsOn: [...cluster.readiness, ...controller.ready] },
    );
  return { operators, ...(opts.certManager ? {} : { certManager }) };
}

/** Each catalog operator's custom resources, in the data namespace, after the operator and the namespace. */
export function installCustomResources(
  name: string,
  context: {
    cluster: ClusterHandle;
    environment: Environment;
    dataNamespace: k8s.core.v1.Namespace;
    parent: pulumi.Resource;
  },
  entries: readonly CatalogEntry[],
  operators: Record<string, Operator>,
): void {
  const { cluster, environment, dataNamespace, parent } = context;
  for (const entry of entries) {
    const operator = operators[entry.name];
    for (const resource of entry.customResources ?? [])
      new CustomResource(
        `${name}-${entry.name}-${resource.kind.toLowerCase()}-${resource.name}`,
        {
          apiVersion: resource.apiVersion,
          kind: resource.kind,
          metadata: { name: resource.name, namespace: dataNamespace.metadata.name },
          spec: resource.spec ?? {},
        },
        {
          parent,
          provider: cluster.provider,
          dependsOn: [...(operator?.ready ?? []), dataNamespace],
          ...dataRetention(environment),
        },
      );
  }
}
