import { ConfigFile } from "@pulumi/kubernetes/yaml/v2/configFile.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { isPinnedUrl } from "./sources.ts";
import { OLM_CRDS_URL, OLM_MANIFEST_URL } from "./versions.ts";

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

/**
 * The Operator Lifecycle Manager, so operators can be installed from OperatorHub catalogs: its CRDs
 * first, then OLM, each a YAML v2 `ConfigFile` of a pinned release URL.
 *
 * @example
 * ```ts
 * const olm = new OperatorLifecycleManager("olm", { cluster }, { dependsOn: cluster.readiness });
 * new Operator("pg", { cluster, namespace: "operators", olm: { package: "postgresql", channel: "v5" } }, { dependsOn: olm.ready });
 * ```
 */
export class OperatorLifecycleManager extends pulumi.ComponentResource {
  /** What operators installed through OLM must wait for. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: OperatorLifecycleManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:OperatorLifecycleManager", name, {}, opts);
    const crdsUrl = args.crdsUrl ?? OLM_CRDS_URL;
    const manifestUrl = args.manifestUrl ?? OLM_MANIFEST_URL;
    for (const url of [crdsUrl, manifestUrl]) {
      if (!isPinnedUrl(url))
        throw new Error(`OperatorLifecycleManager "${name}": "${url}" is not a pinned https:// URL`);
    }
    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    const retainOnDelete = args.retainOnDelete ?? false;
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
