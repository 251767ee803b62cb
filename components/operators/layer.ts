/**
 * The operator layer of a {@link Platform}: operators, then the stateful resources they manage, then
 * the access teams get to them. Every operator waits for the cluster's readiness; every custom
 * resource waits for its operator's `ready` and for the storage it sits on. Its check is
 * `operatorLayerProblems` (`layerProblems.ts`).
 */
import type * as k8s from "@pulumi/kubernetes";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace.js";
import type * as pulumi from "@pulumi/pulumi";
import { OperatorAccess } from "../access/operatorAccess.ts";
import type { ClusterHandle } from "../cluster/handle.ts";
import { dataRetention, type Environment } from "../options.ts";
import { storageReadiness, type StorageHandle } from "../storage/handle.ts";
import { EtcdCluster, type EtcdClusterSettings } from "../stateful/etcdCluster.ts";
import type { Renamable } from "../renames.ts";
import { RookCephCluster, type RookCephClusterSettings } from "../stateful/rookCephCluster.ts";
import { installCustomResources, installOlmV1Operators, type OperatorCustomResource } from "./catalogResources.ts";
import { installCloudNativePg, type CloudNativePgOperators } from "./cnpgOperators.ts";
import { installEtcdCertManager, signerReadiness, withIssuer } from "./etcdCertManager.ts";
import { OperatorLifecycleManager } from "./olm.ts";
import type { OlmV1Catalog } from "./olmV1Catalogs.ts";
import { Operator } from "./operator.ts";
import {
  cephCsiDriversArgs,
  etcdOperatorArgs,
  OPERATOR_PRESETS,
  rookOperatorArgs,
  type OperatorPreset,
} from "./presets.ts";
import type { OperatorSources } from "./sources.ts";
import { ROOK_NAMESPACE } from "./versions.ts";

/** An operator from a chart, bundle or catalog that the package has no preset for. */
export interface CatalogOperator extends OperatorSources {
  /** Name of the operator in the stack. */
  name: string;
  /** Namespace it runs in. */
  namespace: string;
  /**
   * Its custom resources, created in the data namespace once the operator is ready.
   * @default []
   */
  customResources?: OperatorCustomResource[];
}

/** One etcd cluster of the platform, in the data namespace. */
export interface PlatformEtcdCluster extends EtcdClusterSettings, Renamable {
  /**
   * Name of the `EtcdCluster` object, and of the StatefulSet and Service the operator creates: a
   * DNS-1035 label of at most 52 characters (see `statefulSetNameProblems`).
   *
   * Renaming (`renamedFrom`): the component and its `EtcdCluster` resource are taken over under
   * aliases and the object keeps the previous name: the operator names the StatefulSet, the
   * members' claims `etcd-data-<name>-<i>` and the certificates after it, so a new name would be a
   * new, empty etcd cluster.
   */
  name: string;
}

/** The platform's Rook-Ceph cluster. */
export type PlatformRook = RookCephClusterSettings;

/** One team's access to one operator's custom resources in one application namespace. */
export interface PlatformAccess {
  /** Application namespace (created when it is not the data namespace; retained on delete in prod). */
  namespace: string;
  /** Group given access. */
  group: string;
  /** The operator whose custom resources the group manages. */
  operator: OperatorPreset;
  /**
   * EKS only: the IAM role or user ARNs that belong to `group`; the cluster gives each an access
   * entry with `kubernetesGroups` (required on EKS, where nothing else puts a principal in a group).
   * @default []
   */
  principals?: string[];
}

/** What the operator layer installs. */
export interface OperatorLayerSpec {
  /**
   * Operators from Helm charts, bundles or OperatorHub.
   * @default []
   */
  operators?: CatalogOperator[];
  /**
   * Install OLM (for `olm` operators) rather than use the one the cluster has.
   * @default false
   */
  installOlm?: boolean;
  /**
   * Install OLM v1 (operator-controller, for `olmV1` operators) rather than use the one the cluster has.
   * @default false
   */
  installOlmV1?: boolean;
  /**
   * Catalogs the installed OLM v1 serves, instead of the release's default `operatorhubio`.
   * @default []
   */
  olmV1Catalogs?: OlmV1Catalog[];
  /**
   * etcd clusters; any installs the etcd operator.
   * @default []
   */
  etcdClusters?: PlatformEtcdCluster[];
  /**
   * A Rook-Ceph cluster; installs the Rook operator and the Ceph-CSI drivers.
   * @default none
   */
  rook?: PlatformRook;
  /**
   * Teams' access to operators' custom resources.
   * @default []
   */
  access?: PlatformAccess[];
}

/** Which built-in operators a spec installs: etcd for etcd clusters, Rook for a Rook-Ceph cluster. */
export function presetsNeeded(spec: OperatorLayerSpec): OperatorPreset[] {
  return OPERATOR_PRESETS.filter((preset) =>
    preset === "etcd" ? (spec.etcdClusters ?? []).length > 0 : spec.rook !== undefined,
  );
}

/**
 * The namespace of the spec's Rook-Ceph cluster, if any: what cluster backups leave out. Its
 * monitors and OSDs run on claims of cloud disks, which a backup would copy whole and a restore
 * could not bring back into a new Ceph cluster (a new fsid and keys); the cluster is the stack's
 * own and comes back with `pulumi up`, and its volumes' data is backed up with their claims.
 */
export function rookNamespaces(spec: OperatorLayerSpec): string[] {
  return spec.rook ? [spec.rook.namespace ?? ROOK_NAMESPACE] : [];
}

/** Storage classes the spec's Rook-Ceph cluster creates (block, then shared file system). */
export function rookStorageClasses(spec: OperatorLayerSpec): string[] {
  if (!spec.rook) return [];
  return [spec.rook.blockStorageClass ?? "ceph-block", spec.rook.filesystemStorageClass ?? "ceph-filesystem"];
}

/** What the layer is built on. */
export interface OperatorLayerArgs {
  /** The cluster; operators wait for its `readiness`. */
  cluster: ClusterHandle;
  /** `prod` retains custom resources holding data. */
  environment: Environment;
  /** The data namespace (etcd clusters live there). */
  dataNamespace: k8s.core.v1.Namespace;
  /** Its name, known before deployment. */
  dataNamespaceName: string;
  /** The storage layer; custom resources wait for the readiness of the class they claim from. */
  storage: StorageHandle;
  /** What to install. */
  spec: OperatorLayerSpec;
  /**
   * Install CloudNativePG and its Barman Cloud plugin (the platform has databases), reusing the
   * cert-manager release of etcd's TLS when there is one.
   * @default false
   */
  cloudNativePg?: boolean;
  /**
   * What the stateful custom resources of a namespace (etcd clusters) wait for besides their
   * operator and storage: a restore of their claims, by namespace. Not the Rook-Ceph cluster, whose
   * namespace no restore brings back (see {@link rookNamespaces}).
   * @default nothing
   */
  dataReadiness?: (namespace: string) => pulumi.Input<pulumi.Resource>[];
  /**
   * Set when Velero backs up the cluster with CSI snapshots: what a VolumeSnapshotClass waits for
   * (the storage layer's snapshot class, itself after the snapshot controller and its CRDs). The
   * Rook-Ceph cluster then creates a VolumeSnapshotClass labelled for Velero for each Ceph driver,
   * after it.
   * @default none (no Ceph VolumeSnapshotClass)
   */
  veleroSnapshots?: { readiness: pulumi.Resource[] };
}

/** What the layer created. */
export interface OperatorLayer {
  /** Every operator, by name (`etcd`, `cert-manager`, `rook-ceph`, `ceph-csi-drivers`, catalog names). */
  operators: Record<string, Operator>;
  /** etcd clusters, by name. */
  etcdClusters: Record<string, EtcdCluster>;
  /** The Rook-Ceph cluster, when asked for. */
  rook?: RookCephCluster;
  /** What a claim on each storage class the layer creates must wait for (Rook's classes → its cluster). */
  classReadiness: Record<string, pulumi.Resource[]>;
  /** CloudNativePG, its plugin and the cert-manager they use, when asked for. */
  cloudNativePg?: CloudNativePgOperators;
}

/** Options every part of the layer shares. */
interface LayerContext {
  name: string;
  args: OperatorLayerArgs;
  parent: pulumi.Resource;
  /** In prod, operator installs stay in the cluster when removed from the stack (their CRDs hold the data). */
  retainOnDelete: boolean;
}

/** Operators from charts, bundles and catalogs, OLM first when asked for. */
function installCatalog({ name, args, parent, retainOnDelete }: LayerContext): Record<string, Operator> {
  const { cluster, spec } = args;
  const operators: Record<string, Operator> = {};
  const olm = spec.installOlm
    ? new OperatorLifecycleManager(`${name}-olm`, { cluster, retainOnDelete }, { parent, dependsOn: cluster.readiness })
    : undefined;
  for (const { name: opName, namespace, helm, manifest, olm: subscription, olmV1 } of spec.operators ?? []) {
    if (olmV1) continue; // installed after the stack's cert-manager, by installOlmV1Operators
    operators[opName] = new Operator(
      `${name}-${opName}`,
      { cluster, namespace, helm, manifest, olm: subscription, retainOnDelete },
      { parent, dependsOn: [...cluster.readiness, ...(subscription && olm ? olm.ready : [])] },
    );
  }
  return operators;
}

/**
 * Rook operator → Ceph-CSI drivers → Ceph cluster (after the disk class it claims and, with its
 * snapshot classes for Velero, after the snapshot CRDs).
 */
function installRook(
  { name, args, parent, retainOnDelete }: LayerContext,
  rookSpec: PlatformRook,
  operators: Record<string, Operator>,
): RookCephCluster {
  const { cluster, environment } = args;
  const namespace = rookSpec.namespace ?? ROOK_NAMESPACE;
  const rookOperator = new Operator(
    `${name}-rook-ceph`,
    { ...rookOperatorArgs(cluster, namespace), retainOnDelete },
    { parent, dependsOn: cluster.readiness },
  );
  const csi = new Operator(
    `${name}-ceph-csi-drivers`,
    { ...cephCsiDriversArgs(cluster, namespace), retainOnDelete },
    { parent, dependsOn: [...cluster.readiness, ...rookOperator.ready] },
  );
  operators["rook-ceph"] = rookOperator;
  operators["ceph-csi-drivers"] = csi;
  return new RookCephCluster(
    `${name}-rook-ceph-cluster`,
    { ...rookSpec, namespace, cluster, environment, veleroSnapshotClasses: args.veleroSnapshots !== undefined },
    {
      parent,
      dependsOn: [
        ...rookOperator.ready,
        ...csi.ready,
        ...storageReadiness(args.storage, { storageClass: rookSpec.storageClass }),
        ...(args.veleroSnapshots?.readiness ?? []),
        // Not after a restore: the restore leaves the Rook namespace out (see `rookNamespaces`), and
        // brings back claims of the Ceph classes, which need this cluster running.
      ],
    },
  );
}

/**
 * cert-manager and the stack's CA issuer when an etcd cluster asks for `tls: cert-manager`, then the
 * etcd operator (after cert-manager, which it detects only at start-up), then each etcd cluster
 * (after the operator, its issuer, the data namespace and its storage).
 */
function installEtcd(
  { name, args, parent, retainOnDelete }: LayerContext,
  classReadiness: Record<string, pulumi.Resource[]>,
  operators: Record<string, Operator>,
): Record<string, EtcdCluster> {
  const { cluster, environment, spec } = args;
  const certManager = installEtcdCertManager(name, cluster, spec.etcdClusters ?? [], { parent, retainOnDelete });
  if (certManager.operator) operators["cert-manager"] = certManager.operator;
  const etcd = new Operator(
    `${name}-etcd-operator`,
    { ...etcdOperatorArgs(cluster), retainOnDelete },
    { parent, dependsOn: [...cluster.readiness, ...(certManager.operator?.ready ?? [])] },
  );
  operators["etcd"] = etcd;
  const etcdClusters: Record<string, EtcdCluster> = {};
  for (const entry of spec.etcdClusters ?? []) {
    const { name: entryName, renamedFrom, ...etcdSpec } = withIssuer(entry, certManager.issuer?.issuerName ?? "");
    // A renamed cluster keeps its object's name, so its members and data; its resources are aliased.
    const clusterName = renamedFrom ?? entryName;
    const storage = [
      ...storageReadiness(args.storage, { storageClass: etcdSpec.storageClass }),
      ...(classReadiness[etcdSpec.storageClass ?? ""] ?? []),
    ];
    const signer = signerReadiness(entry, certManager);
    etcdClusters[entryName] = new EtcdCluster(
      `${name}-etcd-${entryName}`,
      {
        ...etcdSpec,
        clusterName,
        cluster,
        environment,
        namespace: args.dataNamespace.metadata.name,
        previousName: renamedFrom === undefined ? undefined : `${name}-etcd-${renamedFrom}`,
      },
      {
        parent,
        dependsOn: [
          ...etcd.ready,
          ...signer,
          args.dataNamespace,
          ...storage,
          ...(args.dataReadiness?.(args.dataNamespaceName) ?? []),
        ],
      },
    );
  }
  return etcdClusters;
}

/** CloudNativePG and its plugin, after the one cert-manager of the stack (etcd's when installed). */
function installDatabaseOperators(
  { name, args, parent, retainOnDelete }: LayerContext,
  operators: Record<string, Operator>,
): CloudNativePgOperators {
  const installed = installCloudNativePg(name, args.cluster, {
    parent,
    retainOnDelete,
    ...(operators["cert-manager"] ? { certManager: operators["cert-manager"] } : {}),
  });
  operators["cert-manager"] = installed.certManager;
  operators["cloudnative-pg"] = installed.operator;
  operators["plugin-barman-cloud"] = installed.plugin;
  return installed;
}

/** Each application namespace once (the data namespace is reused), and a Role + RoleBinding per grant. */
function grantAccess({ name, args, parent }: LayerContext): void {
  const { cluster, environment, spec } = args;
  const namespaces: Record<string, k8s.core.v1.Namespace> = { [args.dataNamespaceName]: args.dataNamespace };
  for (const access of spec.access ?? []) {
    const ns = (namespaces[access.namespace] ??= new Namespace(
      `${name}-app-${access.namespace}`,
      { metadata: { name: access.namespace, labels: { "app.kubernetes.io/part-of": "stateful-stack" } } },
      { parent, provider: cluster.provider, dependsOn: cluster.readiness, ...dataRetention(environment) },
    ));
    new OperatorAccess(
      `${name}-access-${access.namespace}-${access.operator}-${access.group}`,
      { cluster, namespace: ns.metadata.name, group: access.group, operator: access.operator },
      { parent, dependsOn: [ns] },
    );
  }
}

/**
 * Creates the operator layer as children of `parent`, in order: operators (after the cluster's
 * readiness) → custom resources (after their operator and storage) → access.
 */
export function createOperatorLayer(name: string, args: OperatorLayerArgs, parent: pulumi.Resource): OperatorLayer {
  const context: LayerContext = { name, args, parent, retainOnDelete: args.environment === "prod" };
  const presets = presetsNeeded(args.spec);
  const operators = installCatalog(context);
  const rook =
    args.spec.rook && presets.includes("rook-ceph") ? installRook(context, args.spec.rook, operators) : undefined;
  const classReadiness: Record<string, pulumi.Resource[]> = {};
  if (rook) for (const storageClass of rookStorageClasses(args.spec)) classReadiness[storageClass] = [rook];
  const etcdClusters = presets.includes("etcd") ? installEtcd(context, classReadiness, operators) : {};
  const cloudNativePg = args.cloudNativePg ? installDatabaseOperators(context, operators) : undefined;
  const catalog = args.spec.operators ?? [];
  const extensions = catalog.filter((op) => op.olmV1);
  if (extensions.length > 0 || args.spec.installOlmV1) {
    const certManager = operators["cert-manager"];
    const installed = installOlmV1Operators(name, args.cluster, extensions, {
      parent,
      retainOnDelete: context.retainOnDelete,
      install: args.spec.installOlmV1 ?? false,
      catalogs: args.spec.olmV1Catalogs ?? [],
      ...(certManager ? { certManager } : {}),
    });
    Object.assign(operators, installed.operators);
    if (installed.certManager) operators["cert-manager"] = installed.certManager;
  }
  installCustomResources(name, { ...args, parent }, catalog, operators);
  grantAccess(context);
  return { operators, etcdClusters, rook, classReadiness, ...(cloudNativePg ? { cloudNativePg } : {}) };
}
