/**
 * Whether Velero v1.17.2's CSI path can snapshot a claim: the claim's storage class resolved to its
 * provisioner (the CSI driver), and a VolumeSnapshotClass of that driver Velero would pick.
 * Read from the stack's StorageClass and VolumeSnapshotClass objects. Pure.
 */
import { VELERO_SNAPSHOT_CLASS_LABEL } from "../../components/backups/veleroTypes.ts";
import { prop, UNKNOWN, type CheckedResource } from "../model.ts";
import type { VolumeFacts } from "./veleroVolumePolicy.ts";

const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const SNAPSHOT_CLASS = "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass";
const RELEASE = "kubernetes:helm.sh/v3:Release";
/** The annotation that marks a cluster's default StorageClass. */
const DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
/** The annotation of a driver's default VolumeSnapshotClass (vmware-tanzu/velero@v1.17.2: pkg/apis/velero/v1/labels_annotations.go). */
const DEFAULT_SNAPSHOT_CLASS = "snapshot.storage.kubernetes.io/is-default-class";

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== UNKNOWN ? v : undefined);
const has = (r: CheckedResource, path: string, key: string): boolean => {
  const map = prop(r, path);
  return !!map && typeof map === "object" && Object.hasOwn(map, key);
};

/** The storage objects of a stack, as the CSI path reads them. */
export interface StorageFacts {
  /** Provisioner of each StorageClass of the stack, by name (`undefined`: known after deployment). */
  provisioners: ReadonlyMap<string, string | undefined>;
  /** The StorageClass of the stack annotated as the cluster's default, if one is. */
  defaultClass: string | undefined;
  /**
   * The stack's VolumeSnapshotClasses: name, driver, whether Velero picks it whatever else the
   * cluster holds, and why its driver may take no snapshot (see {@link cephSnapshotter}).
   */
  snapshotClasses: readonly {
    name: string;
    driver: string | undefined;
    marked: boolean;
    noSnapshotter?: SnapshotGap;
  }[];
}

/** A Ceph pool or filesystem entry of the rook-ceph-cluster chart's values, as far as read here. */
interface CephEntry {
  storageClass?: { enabled?: unknown; name?: unknown; isDefault?: unknown };
}

/**
 * The storage and snapshot classes the rook-ceph-cluster chart renders from a release's values
 * (rook/rook@v1.20.6: deploy/charts/rook-ceph-cluster/templates/cephblockpool.yaml,
 * cephfilesystem.yaml, volumesnapshotclass.yaml; defaults in values.yaml): a class per pool or
 * filesystem with `storageClass.enabled`, provisioner `<csiDriverNamePrefix or operatorNamespace
 * (default rook-ceph)>.rbd.csi.ceph.com` (`.cephfs.` for filesystems); a VolumeSnapshotClass per
 * kind when `ceph*VolumeSnapshotClass.enabled` (default false), always annotated
 * `snapshot.storage.kubernetes.io/is-default-class` ("true" or "false": Velero reads the key).
 */
function cephClasses(release: CheckedResource) {
  const values = (prop(release, "values") ?? {}) as Record<string, unknown>;
  const prefix = text(values["csiDriverNamePrefix"]) || (text(values["operatorNamespace"]) ?? "rook-ceph");
  const classes: { name: string; provisioner: string; isDefault: boolean }[] = [];
  const snapshots: StorageFacts["snapshotClasses"][number][] = [];
  for (const [key, kind, vsc, vscDefault] of [
    ["cephBlockPools", "rbd", "cephBlockPoolsVolumeSnapshotClass", "ceph-block"],
    ["cephFileSystems", "cephfs", "cephFileSystemVolumeSnapshotClass", "ceph-filesystem"],
  ] as const) {
    const driver = `${prefix}.${kind}.csi.ceph.com`;
    const entries = Array.isArray(values[key]) ? (values[key] as CephEntry[]) : [];
    for (const e of entries) {
      const name = text(e?.storageClass?.name);
      if (e?.storageClass?.enabled === true && name !== undefined)
        classes.push({ name, provisioner: driver, isDefault: e.storageClass.isDefault === true });
    }
    const snapshot = (values[vsc] ?? {}) as { enabled?: unknown; name?: unknown };
    if (snapshot.enabled === true) snapshots.push({ name: text(snapshot.name) ?? vscDefault, driver, marked: true });
  }
  return { classes, snapshots };
}

/**
 * The `snapshotPolicy` of each Ceph-CSI driver kind when a ceph-csi-drivers release leaves it unset
 * (ceph/ceph-csi-operator@v1.0.4: deploy/charts/ceph-csi-drivers/values.yaml `drivers.rbd.snapshotPolicy:
 * "none"`, `drivers.cephfs.snapshotPolicy: "volumeSnapshot"`).
 */
const CEPH_CSI_SNAPSHOT_POLICY_DEFAULTS = { rbd: "none", cephfs: "volumeSnapshot" } as const;

/**
 * Why a Ceph-CSI driver takes no snapshot, or undefined when the stack shows it does (or the driver
 * is no Ceph one). The driver's controller runs its `csi-snapshotter` sidecar unless the driver's
 * `snapshotPolicy` is `none` (ceph/ceph-csi-operator@v1.0.4: internal/controller/driver_controller.go,
 * "Snapshotter Sidecar Container"); without it a VolumeSnapshot of the driver never becomes ready, and
 * Velero's backup of the claim fails. Read from the stack's ceph-csi-drivers release that names the
 * driver (`drivers.<rbd|cephfs>.name`, chart default `<kind>.csi.ceph.com`).
 */
export function cephSnapshotter(resources: readonly CheckedResource[], driver: string): SnapshotGap | undefined {
  const kind = /\.(rbd|cephfs)\.csi\.ceph\.com$/.exec(driver)?.[1] as "rbd" | "cephfs" | undefined;
  if (kind === undefined) return undefined;
  const key = `drivers.${kind}.snapshotPolicy`;
  const fix = `set ${key}: volumeSnapshot in the ceph-csi-drivers release of driver "${driver}" (components/stateful/rookCharts.ts cephCsiDriversValues sets it)`;
  const release = resources.find(
    (r) =>
      r.type === RELEASE &&
      String(prop(r, "chart")).split("/").pop() === "ceph-csi-drivers" &&
      (text(prop(r, `values.drivers.${kind}.name`)) ?? `${kind}.csi.ceph.com`) === driver,
  );
  if (!release)
    return {
      why: `the stack installs no ceph-csi-drivers release running driver "${driver}", so it cannot show that the driver runs its snapshotter (the chart's default for ${kind} is snapshotPolicy "${CEPH_CSI_SNAPSHOT_POLICY_DEFAULTS[kind]}")`,
      fix: `${fix}, or make sure the cluster's driver runs it`,
      unverified: true,
    };
  const policy = prop(release, `values.${key}`) ?? CEPH_CSI_SNAPSHOT_POLICY_DEFAULTS[kind];
  if (policy === "volumeSnapshot" || policy === "volumeGroupSnapshot") return undefined;
  return {
    why: `its driver "${driver}" runs no snapshotter: the ceph-csi-drivers release sets ${key} to ${JSON.stringify(policy)}${prop(release, `values.${key}`) === undefined ? " (the chart's default)" : ""}, so a VolumeSnapshot of it never becomes ready and Velero's backup of the claim fails`,
    fix,
  };
}

/** Reads the StorageClasses and VolumeSnapshotClasses of a stack, the Rook chart's included. */
export function readStorage(resources: readonly CheckedResource[]): StorageFacts {
  const classes = resources.filter((r) => r.type === STORAGE_CLASS);
  const ceph = resources
    .filter((r) => r.type === RELEASE && String(prop(r, "chart")).split("/").pop() === "rook-ceph-cluster")
    .map(cephClasses);
  // Annotation keys hold dots, so the annotations are read as one map.
  const annotations = (r: CheckedResource) => (prop(r, "metadata.annotations") ?? {}) as Record<string, unknown>;
  const defaults = [
    ...classes.filter((r) => annotations(r)[DEFAULT_CLASS] === "true").map((r) => text(prop(r, "metadata.name"))),
    ...ceph.flatMap((c) => c.classes.filter((x) => x.isDefault).map((x) => x.name)),
  ];
  return {
    provisioners: new Map([
      ...classes.flatMap((r) => {
        const name = text(prop(r, "metadata.name"));
        return name === undefined ? [] : [[name, text(prop(r, "provisioner"))] as const];
      }),
      ...ceph.flatMap((c) => c.classes.map((x) => [x.name, x.provisioner] as const)),
    ]),
    defaultClass: defaults.length === 1 ? defaults[0] : undefined,
    snapshotClasses: [
      ...ceph.flatMap((c) => c.snapshots),
      ...resources
        .filter((r) => r.type === SNAPSHOT_CLASS)
        .map((r) => ({
          name: text(prop(r, "metadata.name")) ?? r.name,
          driver: text(prop(r, "driver")),
          marked:
            has(r, "metadata.labels", VELERO_SNAPSHOT_CLASS_LABEL) ||
            has(r, "metadata.annotations", DEFAULT_SNAPSHOT_CLASS),
        })),
    ].map((c) => {
      const noSnapshotter = c.driver === undefined ? undefined : cephSnapshotter(resources, c.driver);
      return noSnapshotter ? { ...c, noSnapshotter } : c;
    }),
  };
}

/** A claim's storage class and its provisioner, or why the stack cannot tell them. */
export type ResolvedClass = { name: string; provisioner: string } | { name: string | undefined; unresolved: string };

/**
 * A claim's storage class and its provisioner: the class the claim names, or (none named) the
 * stack's class annotated as the cluster's default, which the API server writes into the claim.
 */
export function resolveClass(storage: StorageFacts, storageClassName: string | undefined): ResolvedClass {
  if (storageClassName === UNKNOWN)
    return { name: undefined, unresolved: "its storage class is known only after deployment" };
  const name = storageClassName ?? storage.defaultClass;
  if (name === undefined)
    return {
      name,
      unresolved: "it names no storage class, so it gets the cluster's default class, which the stack does not create",
    };
  if (!storage.provisioners.has(name))
    return { name, unresolved: `its storage class "${name}" is not created by the stack` };
  const provisioner = storage.provisioners.get(name);
  if (provisioner === undefined)
    return { name, unresolved: `the provisioner of its storage class "${name}" is known only after deployment` };
  return { name, provisioner };
}

/** For a Ceph driver, the rook-ceph-cluster chart value that creates its VolumeSnapshotClass. */
function cephChartValue(driver: string): string {
  if (driver.endsWith(".rbd.csi.ceph.com"))
    return " (the rook-ceph-cluster chart's cephBlockPoolsVolumeSnapshotClass.enabled, with that label)";
  if (driver.endsWith(".cephfs.csi.ceph.com"))
    return " (the rook-ceph-cluster chart's cephFileSystemVolumeSnapshotClass.enabled, with that label)";
  return "";
}

/** In-tree provisioners (`kubernetes.io/...`) make volumes with in-tree sources, not `spec.csi`. */
const inTree = (provisioner: string) => provisioner.startsWith("kubernetes.io/");

/** What the stack shows of the volume a dynamically provisioned claim gets from its class. */
export function provisionedVolume(
  labels: Readonly<Record<string, string>>,
  resolved: ResolvedClass,
  requestBytes: number | undefined,
): VolumeFacts {
  const provisioner = "provisioner" in resolved ? resolved.provisioner : undefined;
  const csi = provisioner === undefined ? undefined : !inTree(provisioner);
  return {
    labels,
    storageClass: resolved.name,
    csi: provisioner === undefined ? undefined : csi ? { driver: provisioner, attributes: undefined } : null,
    nfs: csi ? null : undefined,
    volumeType: csi ? "csi" : undefined,
    capacity: requestBytes === undefined ? undefined : { min: requestBytes, exact: false },
  };
}

/** Why the CSI path does not snapshot a claim, and whether that is certain or only not shown by the stack. */
export interface SnapshotGap {
  why: string;
  fix: string;
  /** The stack does not show enough to tell (the class or its driver is outside it). */
  unverified?: true;
}

/**
 * Why Velero's CSI path does not snapshot a claim, or undefined when it does
 * (vmware-tanzu/velero@v1.17.2: pkg/backup/actions/csi/pvc_action.go `validatePVCandPV`,
 * `createVolumeSnapshot`; pkg/util/csi/volume_snapshot.go `GetVolumeSnapshotClass`,
 * `GetVolumeSnapshotClassForStorageClass`): a claim without a storage class is refused; a volume
 * that is not a CSI volume is skipped; otherwise Velero takes the driver's VolumeSnapshotClass that
 * carries the label `velero.io/csi-volumesnapshot-class` (the first, when several do), else the one
 * annotated `snapshot.storage.kubernetes.io/is-default-class`, else the driver's only class, and
 * fails the claim when there is none, or several and none marked. The cluster may hold classes the
 * stack does not show (AKS creates unmarked `csi-azuredisk-vsc`), so only a marked class of the
 * stack counts, and only when its driver runs its snapshotter (a Ceph driver: {@link cephSnapshotter}).
 */
export function snapshotGap(
  storage: StorageFacts,
  storageClassName: string | undefined,
  resolved: ResolvedClass,
  key: string,
): SnapshotGap | undefined {
  if (storageClassName === "")
    return {
      why: "the claim is bound without a storage class, so Velero's CSI snapshot cannot map it to a VolumeSnapshotClass",
      fix: "a file-system backup (volume policy action fs-backup, node agent deployed)",
    };
  const usable = storage.snapshotClasses.filter((c) => c.marked && c.driver !== undefined);
  const marked = usable.filter((c) => c.noSnapshotter === undefined);
  const covered = [...storage.provisioners].filter(([, p]) => p !== undefined && marked.some((c) => c.driver === p));
  const classes = covered.map(([name]) => `"${name}"`).join(", ") || "none";
  const useClass = `set ${key} to a storage class whose driver has one (in this stack: ${classes})`;
  if ("unresolved" in resolved)
    return {
      why: `${resolved.unresolved}, so the stack cannot show that its CSI driver has a VolumeSnapshotClass labelled ${VELERO_SNAPSHOT_CLASS_LABEL} for Velero's snapshot`,
      fix: `${useClass}, or make sure the cluster has such a class for the class's driver`,
      unverified: true,
    };
  const { name, provisioner } = resolved;
  if (inTree(provisioner))
    return {
      why: `its storage class "${name}" has the in-tree provisioner "${provisioner}", whose volumes are not CSI volumes, which Velero's CSI snapshot skips`,
      fix: useClass,
    };
  if (marked.some((c) => c.driver === provisioner)) return undefined;
  // A class labelled for Velero whose driver runs no snapshotter (or may not): that is the gap.
  const idle = usable.find((c) => c.driver === provisioner)?.noSnapshotter;
  if (idle) return { ...idle, why: `storage class "${name}": ${idle.why}` };
  const unmarked = storage.snapshotClasses.filter((c) => c.driver === provisioner).map((c) => `"${c.name}"`);
  return {
    why: `no VolumeSnapshotClass of the stack for driver "${provisioner}" (storage class "${name}") carries the label ${VELERO_SNAPSHOT_CLASS_LABEL}${unmarked.length > 0 ? ` (${unmarked.join(", ")} does not, so Velero picks it only if it is the driver's only class in the cluster)` : ""}, and Velero's CSI snapshot fails the claim without one`,
    fix: `${useClass}, or add a VolumeSnapshotClass for driver "${provisioner}" labelled ${VELERO_SNAPSHOT_CLASS_LABEL}: "true"${cephChartValue(provisioner)}`,
  };
}
