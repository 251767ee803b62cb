import { ConfigFile } from "@pulumi/kubernetes/yaml/v2/configFile.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { refuse, type Problem } from "../problems.ts";
import { pinnedUrlProblems } from "./sources.ts";
import { OLM_CRDS_URL, OLM_MANIFEST_URL } from "./versions.ts";

/**
 * Namespaces OLM v0.46.0 creates, each with its own OperatorGroup: `olm` (OLM, its catalog source
 * `operatorhubio-catalog` and the OperatorGroup `olm-operators`) and `operators` (the global
 * OperatorGroup `global-operators`, for operators that watch all namespaces).
 * operator-framework/operator-lifecycle-manager@v0.46.0: deploy/upstream/values.yaml (`namespace`,
 * `operator_namespace`, `catalog_namespace`), deploy/chart/templates/0000_50_olm_13-operatorgroup-default.yaml,
 * deploy/upstream/quickstart/olm.yaml.
 */
export const OLM_OWNED_NAMESPACES = ["olm", "operators"] as const;

/**
 * Why `namespace` cannot hold an operator installed from `source`, or undefined when it can. An OLM
 * subscription brings its own OperatorGroup, and OLM fails a ClusterServiceVersion in a namespace
 * with more than one (`CSVReasonTooManyOperatorGroups`, "csv created in namespace with multiple
 * operatorgroups, can't pick one automatically": operator-framework/operator-lifecycle-manager@v0.46.0
 * pkg/controller/operators/olm/operator.go); any other install would share objects with OLM's own
 * when the stack installs OLM.
 */
export function olmNamespaceProblem(
  namespace: string,
  source: "helm" | "manifest" | "olm",
  installOlm: boolean,
): string | undefined {
  if (!(OLM_OWNED_NAMESPACES as readonly string[]).includes(namespace)) return undefined;
  const owned = `belongs to OLM (it creates "olm" with the OperatorGroup "olm-operators" and "operators" with the global OperatorGroup "global-operators")`;
  if (source === "olm")
    return `${owned}; a subscription there adds a second OperatorGroup, and OLM then fails the operator with reason TooManyOperatorGroups: choose a namespace of your own such as "<operator>-system"`;
  if (installOlm)
    return `${owned}, which this stack installs, and its objects would clash with OLM's: choose a namespace of your own such as "<operator>-system"`;
  return undefined;
}

/**
 * Why a namespace the stack creates itself (data or application namespace) cannot be `namespace`
 * when the stack installs OLM, which creates its own, or undefined when it can.
 */
export function ownNamespaceProblem(namespace: string, installOlm: boolean): string | undefined {
  if (!installOlm || !(OLM_OWNED_NAMESPACES as readonly string[]).includes(namespace)) return undefined;
  return `belongs to OLM, which this stack installs: the stack would create it a second time and delete it with its own; choose another name`;
}

/**
 * Whether an OLM subscription can install on `cloud`: AKS and EKS clusters come without OLM, so
 * only `installOlm` gives them one; an existing cluster may have it already (OpenShift does).
 */
export function clusterHasOlm(cloud: string, installOlm: boolean): boolean {
  return installOlm || cloud === "existing";
}

/** The problem of an OLM subscription on a cluster without OLM. */
export function missingOlmProblem(cloud: string): string {
  return `cloud "${cloud}" comes without the Operator Lifecycle Manager, so this subscription would never install: set installOlm to true, or install the operator from helm or manifest`;
}

/** Arguments of {@link OperatorLifecycleManager}. */
export interface OperatorLifecycleManagerArgs {
  /** The cluster to install OLM into. */
  cluster: ClusterHandle;
  /**
   * Pinned URL of OLM's CRDs.
   * @default OLM_CRDS_URL (OLM v0.46.0)
   */
  crdsUrl?: string;
  /**
   * Pinned URL of OLM itself (operators and the OperatorHub.io catalog source).
   * @default OLM_MANIFEST_URL (OLM v0.46.0)
   */
  manifestUrl?: string;
  /**
   * Keep OLM (and its CRDs) in the cluster when it is removed from the stack.
   * @default false
   */
  retainOnDelete?: boolean;
}

/** The check of {@link OperatorLifecycleManagerArgs}: both URLs pinned to a release. */
export function operatorLifecycleManagerProblems(
  args: Pick<OperatorLifecycleManagerArgs, "crdsUrl" | "manifestUrl">,
): Problem[] {
  return [
    ...(args.crdsUrl === undefined ? [] : pinnedUrlProblems(["crdsUrl"], args.crdsUrl)),
    ...(args.manifestUrl === undefined ? [] : pinnedUrlProblems(["manifestUrl"], args.manifestUrl)),
  ];
}

/**
 * The Operator Lifecycle Manager, so operators can be installed from OperatorHub catalogs: its CRDs
 * first, then OLM, each a YAML v2 `ConfigFile` of a pinned release URL.
 *
 * @example
 * ```ts
 * const olm = new OperatorLifecycleManager("olm", { cluster }, { dependsOn: cluster.readiness });
 * new Operator("pg", { cluster, namespace: "pg-operator", olm: { package: "postgresql", channel: "v5" } }, { dependsOn: olm.ready });
 * ```
 */
export class OperatorLifecycleManager extends pulumi.ComponentResource {
  /** What operators installed through OLM must wait for. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: OperatorLifecycleManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:OperatorLifecycleManager", name, {}, opts);
    refuse(`OperatorLifecycleManager "${name}"`, operatorLifecycleManagerProblems(args));
    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    const retainOnDelete = args.retainOnDelete ?? false;
    const crdsUrl = args.crdsUrl ?? OLM_CRDS_URL;
    const manifestUrl = args.manifestUrl ?? OLM_MANIFEST_URL;
    const crds = new ConfigFile(
      `${name}-crds`,
      { file: crdsUrl },
      { parent: this, provider, dependsOn, retainOnDelete },
    );
    const olm = new ConfigFile(
      `${name}-olm`,
      { file: manifestUrl },
      { parent: this, provider, dependsOn: [...dependsOn, crds], retainOnDelete },
    );
    this.ready = [olm];
    this.registerOutputs({});
  }
}
