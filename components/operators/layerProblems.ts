/**
 * The one check of the operator layer's arguments ({@link OperatorLayerSpec}, paths relative to it):
 * each component's own check at its entry's path, and the rules across entries and layers, once:
 * unique and free names, storage classes the platform defines, OLM where subscriptions need it,
 * OLM's namespaces left to OLM, and access to operators the stack installs, by groups the cluster's
 * sign-in can put people in.
 */
import { groupGrantProblems } from "../access/identity.ts";
import { operatorAccessProblems } from "../access/operatorAccess.ts";
import type { ClusterArgs } from "../cluster/factory.ts";
import { problem, repeatedIndices, repeatedNameProblems, under, type Problem } from "../problems.ts";
import { dnsLabelProblems, undefinedStorageClass } from "../rules.ts";
import { etcdClusterNameProblems, etcdClusterProblems } from "../stateful/etcdCluster.ts";
import { renamedFromProblems } from "../renames.ts";
import { rookCephClusterProblems } from "../stateful/rookCephCluster.ts";
import { withIssuer } from "./etcdCertManager.ts";
import { presetsNeeded, rookStorageClasses, type OperatorLayerSpec } from "./layer.ts";
import { customResourceProblems } from "./catalogResources.ts";
import { clusterHasOlmV1, missingOlmV1Problem, servedCatalogs } from "./olmV1.ts";
import { olmV1CatalogProblems } from "./olmV1Catalogs.ts";
import { clusterHasOlm, missingOlmProblem, olmNamespaceProblem, ownNamespaceProblem } from "./olm.ts";
import { helmReleaseNameProblems, operatorProblems } from "./operator.ts";
import { OPERATOR_PRESETS } from "./presets.ts";

/** What the layer's check reads of the cluster: its cloud and zones, AKS's groups, EKS's access entries. */
export type LayerCluster = Pick<ClusterArgs, "cloud" | "aks" | "eks" | "existing">;

/**
 * The check of an {@link OperatorLayerSpec} against the storage classes the platform offers
 * (`classes`) and the cluster it runs on. Empty when the layer can be built.
 */
export function operatorLayerProblems(
  spec: OperatorLayerSpec,
  classes: readonly string[],
  cluster: LayerCluster,
): Problem[] {
  return [
    ...catalogProblems(spec, cluster),
    ...etcdProblems(spec, classes),
    ...rookProblems(spec, classes, cluster),
    ...accessProblems(spec, cluster),
  ];
}

/**
 * The data namespace (a {@link Platform} argument) cannot be one OLM owns when the layer installs
 * OLM; the problem is at `["namespace"]` of the platform's arguments.
 */
export function dataNamespaceProblems(namespace: string, spec: OperatorLayerSpec): Problem[] {
  const clash = ownNamespaceProblem(namespace, spec.installOlm ?? false);
  return clash ? [problem(["namespace"], namespace, clash)] : [];
}

/**
 * The operators the layer installs itself besides the presets' names, by the name their `Operator`
 * has (`layer.ts`: `<platform>-etcd-operator`, `<platform>-ceph-csi-drivers`), and what they are.
 */
function builtInInstalls(spec: OperatorLayerSpec): [string, string][] {
  const presets = presetsNeeded(spec);
  return [
    ...(presets.includes("etcd") ? [["etcd-operator", "etcd-operator for etcdClusters"] as [string, string]] : []),
    ...(presets.includes("rook-ceph")
      ? [["ceph-csi-drivers", "the Ceph-CSI drivers for rook"] as [string, string]]
      : []),
  ];
}

/** Operators from charts, bundles and catalogs: their own checks, names, and what OLM needs. */
function catalogProblems(spec: OperatorLayerSpec, cluster: LayerCluster): Problem[] {
  const operators = spec.operators ?? [];
  const installOlm = spec.installOlm ?? false;
  const installOlmV1 = spec.installOlmV1 ?? false;
  const certManager = (spec.etcdClusters ?? []).some((e) => e.tls === "cert-manager") || installOlmV1;
  const problems: Problem[] = [];
  operators.forEach((op, i) => {
    const at = (...path: PropertyKey[]) => ["operators", i, ...path];
    const { name, customResources, ...args } = op;
    problems.push(...under(at("customResources"), customResourceProblems(customResources ?? [])));
    problems.push(...dnsLabelProblems(at("name"), name, "operator name"));
    if (op.helm && typeof name === "string") problems.push(...helmReleaseNameProblems(at("name"), name));
    if ((OPERATOR_PRESETS as readonly string[]).includes(name))
      problems.push(
        problem(
          at("name"),
          name,
          `${OPERATOR_PRESETS.map((p) => `"${p}"`).join(" and ")} are the built-in operators: use etcdClusters or rook for them, or give this operator another name`,
        ),
      );
    const builtIn = builtInInstalls(spec).find(([install]) => install === name);
    if (builtIn)
      problems.push(
        problem(
          at("name"),
          name,
          `the stack installs ${builtIn[1]} as the operator "${name}", and two operators of one name are one resource twice; give this operator another name`,
        ),
      );
    if (certManager && name === "cert-manager")
      problems.push(
        problem(
          at("name"),
          name,
          `the stack installs cert-manager itself for ${installOlmV1 ? "OLM v1 (installOlmV1)" : 'etcd clusters with tls "cert-manager"'}; remove this operator (one cert-manager serves every issuer)`,
        ),
      );
    problems.push(...under(at(), operatorProblems(args)));
    if (op.olm && !clusterHasOlm(cluster.cloud, installOlm))
      problems.push(problem(at("olm"), op.olm, missingOlmProblem(cluster.cloud)));
    if (op.olmV1 && !clusterHasOlmV1(cluster.cloud, installOlmV1))
      problems.push(problem(at("olmV1"), op.olmV1, missingOlmV1Problem(cluster.cloud)));
    const served = servedCatalogs(spec.olmV1Catalogs);
    const catalog = op.olmV1?.catalog;
    if (installOlmV1 && typeof catalog === "string" && !served.includes(catalog))
      problems.push(
        problem(
          at("olmV1", "catalog"),
          catalog,
          `the OLM v1 this stack installs serves only ${served.map((c) => `"${c}"`).join(", ")}; name one of them, add the catalog to olmV1Catalogs, or leave catalog out`,
        ),
      );
    const clash = op.olm ? undefined : olmNamespaceProblem(op.namespace, op.manifest ? "manifest" : "helm", installOlm);
    if (clash) problems.push(problem(at("namespace"), op.namespace, clash));
  });
  problems.push(
    ...repeatedNameProblems(
      operators.map((op) => op.name),
      (i) => ["operators", i, "name"],
      "operator",
    ),
  );
  problems.push(...under(["olmV1Catalogs"], olmV1CatalogProblems(spec.olmV1Catalogs ?? [])));
  if ((spec.olmV1Catalogs ?? []).length > 0 && !installOlmV1)
    problems.push(
      problem(
        ["olmV1Catalogs"],
        spec.olmV1Catalogs,
        "catalogs are served by the OLM v1 the stack installs; set installOlmV1 to true, or remove olmV1Catalogs",
      ),
    );
  // A ClusterExtension is cluster-scoped and named after its package: one per package.
  const packages = operators.map((op, i) => op.olmV1?.package ?? `\u0000${i}`);
  for (const i of repeatedIndices(packages))
    problems.push(
      problem(
        ["operators", i, "olmV1", "package"],
        packages[i],
        "another olmV1 operator installs this package; OLM v1 installs a package once per cluster, so remove one",
      ),
    );
  return problems;
}

/** etcd clusters: their own check, unique names, and a storage class the platform defines. */
function etcdProblems(spec: OperatorLayerSpec, classes: readonly string[]): Problem[] {
  const clusters = spec.etcdClusters ?? [];
  const problems: Problem[] = [];
  clusters.forEach(({ name, renamedFrom: _renamedFrom, ...settings }, i) => {
    problems.push(...etcdClusterNameProblems(["etcdClusters", i, "name"], name));
    // A cluster with tls "cert-manager" and no issuer gets the stack's own CA issuer.
    problems.push(...under(["etcdClusters", i], etcdClusterProblems(withIssuer(settings, "stack-ca"))));
    const storageClass = settings.storageClass;
    if (typeof storageClass === "string" && !classes.includes(storageClass))
      problems.push(
        problem(["etcdClusters", i, "storageClass"], storageClass, undefinedStorageClass(storageClass, classes)),
      );
  });
  problems.push(
    ...repeatedNameProblems(
      clusters.map((e) => e.name),
      (i) => ["etcdClusters", i, "name"],
      "etcd cluster",
    ),
    ...renamedFromProblems(
      clusters,
      (i) => ["etcdClusters", i],
      (path, value) => etcdClusterNameProblems(path, value),
      "etcd cluster",
    ),
  );
  return problems;
}

/** The Rook-Ceph cluster: its own check (with the cluster's zones), on a cloud disk class the platform defines. */
function rookProblems(spec: OperatorLayerSpec, classes: readonly string[], cluster: LayerCluster): Problem[] {
  const rook = spec.rook;
  if (!rook) return [];
  const zones = cluster.eks?.zones ?? cluster.existing?.zones;
  const problems = under(["rook"], rookCephClusterProblems({ ...rook, zones }));
  if (rookStorageClasses(spec).includes(rook.storageClass))
    problems.push(
      problem(
        ["rook", "storageClass"],
        rook.storageClass,
        "Rook-Ceph cannot put its disks on a storage class it creates; name the cloud disk class",
      ),
    );
  else if (typeof rook.storageClass === "string" && !classes.includes(rook.storageClass))
    problems.push(
      problem(["rook", "storageClass"], rook.storageClass, undefinedStorageClass(rook.storageClass, classes)),
    );
  return problems;
}

/** Teams' access: each grant once, to an operator the stack installs, by a group that can match. */
function accessProblems(spec: OperatorLayerSpec, cluster: LayerCluster): Problem[] {
  const grants = spec.access ?? [];
  const installOlm = spec.installOlm ?? false;
  const problems: Problem[] = [];
  grants.forEach((access, i) => {
    const at = (...path: PropertyKey[]) => ["access", i, ...path];
    problems.push(...dnsLabelProblems(at("namespace"), access.namespace, "application namespace"));
    const clash = ownNamespaceProblem(access.namespace, installOlm);
    if (clash) problems.push(problem(at("namespace"), access.namespace, clash));
    const own = operatorAccessProblems(access);
    problems.push(...under(at(), own));
    if (own.length > 0) return;
    if (!presetsNeeded(spec).includes(access.operator))
      problems.push(
        problem(
          at("operator"),
          access.operator,
          `the stack does not install the "${access.operator}" operator; ${access.operator === "etcd" ? "add an entry to etcdClusters" : "set rook"} or remove this access entry`,
        ),
      );
    problems.push(...under(at(), groupGrantProblems(access, cluster)));
  });
  for (const i of repeatedIndices(grants.map((a) => `${a.namespace}/${a.group}/${a.operator}`))) {
    const access = grants[i];
    problems.push(
      problem(
        ["access", i],
        access,
        `group "${access?.group}" already has access to "${access?.operator}" in namespace "${access?.namespace}"; remove the duplicate`,
      ),
    );
  }
  return problems;
}
