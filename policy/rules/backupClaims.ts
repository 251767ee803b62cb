/**
 * The claims of a stack whose data a backup must copy, with what Velero's volume policy and CSI
 * path read of them: their PersistentVolumeClaims and the claims their StatefulSets' templates make,
 * the pods that mount each, and the volume each is bound to when the stack declares it.
 */
import { prop, UNKNOWN, type CheckedResource } from "../model.ts";
import type { Labels } from "./veleroScope.ts";
import { quantity, type VolumeFacts } from "./veleroVolumePolicy.ts";

const CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";
const VOLUME = "kubernetes:core/v1:PersistentVolume";
const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
/** Workloads whose pod templates mount claims (Velero's pod action adds a pod's claims to a backup). */
const WORKLOADS = [STATEFUL_SET, "kubernetes:apps/v1:Deployment"];

/** A claim whose data must be copied. */
export interface Claim {
  namespace: unknown;
  name: string;
  labels: Labels;
  /** `spec.storageClassName`: `""` for a static binding, undefined for the cluster's default class, `(computed)` when unknown. */
  storageClassName: string | undefined;
  /** The requested size in bytes, if known. */
  requestBytes: number | undefined;
  /** The PersistentVolume of the stack the claim is bound to, if any. */
  volume: CheckedResource | undefined;
  /** Labels of the pods that mount it. */
  pods: Labels[];
  /** The stack key its storage class comes from. */
  key: string;
}

/** A pod template's volume, as far as the rule reads it. */
interface PodVolume {
  persistentVolumeClaim?: { claimName?: unknown };
}

/** A StatefulSet's claim template, as far as the rule reads it. */
interface ClaimTemplate {
  metadata?: { name?: unknown; labels?: unknown };
  spec?: { storageClassName?: unknown; resources?: { requests?: { storage?: unknown } } };
}

/** Labels of an object, or none. */
export const labelsOf = (v: unknown): Labels => (v && typeof v === "object" ? (v as Labels) : {});
/** A known string, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === "string" && v !== UNKNOWN ? v : undefined);
/** A string as given, `(computed)` included. */
const raw = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const bytes = (v: unknown): number | undefined => (text(v) === undefined ? undefined : quantity(text(v)!));

/** Velero's names of a volume's source types (vmware-tanzu/velero@v1.17.2: internal/resourcepolicies/volume_types_conditions.go `getVolumeTypeFromPV`), by PV field. */
const VOLUME_TYPES: Readonly<Record<string, string>> = {
  awsElasticBlockStore: "awsElasticBlockStore",
  azureDisk: "azureDisk",
  azureFile: "azureFile",
  cephfs: "cephfs",
  cinder: "cinder",
  csi: "csi",
  fc: "fc",
  flocker: "flocker",
  flexVolume: "flexVolume",
  gcePersistentDisk: "gcePersistentDisk",
  glusterfs: "glusterfs",
  hostPath: "hostPath",
  iscsi: "iscsi",
  local: "local",
  nfs: "nfs",
  photonPersistentDisk: "photonPersistentDisk",
  portworxVolume: "portworxVolume",
  quobyte: "quobyte",
  rbd: "rbd",
  scaleIO: "scaleIO",
  storageos: "storageOS",
  vsphereVolume: "vsphereVolume",
};

/** Known string values of a map; undefined when any is known only after deployment. */
function knownMap(v: unknown): Record<string, string> | undefined {
  const entries = Object.entries(labelsOf(v));
  return entries.every(([, x]) => text(x) !== undefined) ? Object.fromEntries(entries) : undefined;
}

/** What Velero's volume policy reads of a volume the stack declares (`structuredVolume.parsePV`). */
export function declaredVolume(pv: CheckedResource, labels: Labels): VolumeFacts {
  const spec = labelsOf(prop(pv, "spec")) as Record<string, unknown>;
  const csi = prop(pv, "spec.csi");
  const nfs = prop(pv, "spec.nfs");
  const type = Object.keys(VOLUME_TYPES).find((k) => spec[k] !== undefined && spec[k] !== null);
  const size = bytes(prop(pv, "spec.capacity.storage"));
  return {
    labels,
    storageClass: prop(pv, "spec.storageClassName") === undefined ? "" : text(prop(pv, "spec.storageClassName")),
    csi: csi
      ? { driver: text(prop(pv, "spec.csi.driver")), attributes: knownMap(prop(pv, "spec.csi.volumeAttributes")) }
      : null,
    nfs: nfs ? { server: text(prop(pv, "spec.nfs.server")), path: text(prop(pv, "spec.nfs.path")) } : null,
    volumeType: type === undefined ? "" : VOLUME_TYPES[type],
    capacity: size === undefined ? undefined : { min: size, exact: true },
  };
}

/** The claims of the stack: its PersistentVolumeClaims, and the claims its StatefulSets' templates make. */
export function claimsOf(
  resources: readonly CheckedResource[],
): { resource: CheckedResource; what: string; claim: Claim }[] {
  const key = (ns: unknown, name: unknown) => `${String(ns)}/${String(name)}`;
  const pods = new Map<string, Labels[]>();
  const declared = new Set(
    resources.filter((r) => r.type === CLAIM).map((r) => key(prop(r, "metadata.namespace"), prop(r, "metadata.name"))),
  );
  const volumes = resources.filter((r) => r.type === VOLUME);
  const boundVolume = (ns: unknown, name: string, volumeName: unknown) =>
    volumes.find(
      (v) =>
        (text(volumeName) !== undefined && prop(v, "metadata.name") === volumeName) ||
        (prop(v, "spec.claimRef.name") === name && prop(v, "spec.claimRef.namespace") === ns),
    );
  const templated: { resource: CheckedResource; what: string; claim: Claim }[] = [];
  for (const w of resources.filter((r) => WORKLOADS.includes(r.type))) {
    const ns = prop(w, "metadata.namespace");
    const podLabels = labelsOf(prop(w, "spec.template.metadata.labels"));
    const podVolumes = prop(w, "spec.template.spec.volumes");
    const mounted = (Array.isArray(podVolumes) ? (podVolumes as PodVolume[]) : []).flatMap((v) => {
      const claimName = text(v?.persistentVolumeClaim?.claimName);
      return claimName === undefined ? [] : [claimName];
    });
    const replicas = prop(w, "spec.replicas");
    const count = typeof replicas === "number" && replicas > 0 ? replicas : 1;
    const templates = w.type === STATEFUL_SET ? prop(w, "spec.volumeClaimTemplates") : undefined;
    const set = text(prop(w, "metadata.name")) ?? w.name;
    for (const t of Array.isArray(templates) ? (templates as ClaimTemplate[]) : []) {
      const template = text(t?.metadata?.name) ?? "(computed)";
      for (let i = 0; i < count; i++) {
        const name = `${template}-${set}-${i}`;
        mounted.push(name);
        if (declared.has(key(ns, name))) continue;
        // The StatefulSet controller labels a claim with its template's labels and the set's
        // selector (kubernetes/kubernetes@v1.36.0: pkg/controller/statefulset/stateful_set_utils.go
        // `getPersistentVolumeClaims`).
        const labels = { ...labelsOf(t?.metadata?.labels), ...labelsOf(prop(w, "spec.selector.matchLabels")) };
        templated.push({
          resource: w,
          what: `claim "${name}" of StatefulSet "${set}" (volumeClaimTemplates "${template}")`,
          claim: {
            namespace: ns,
            name,
            labels,
            storageClassName: raw(t?.spec?.storageClassName),
            requestBytes: bytes(t?.spec?.resources?.requests?.storage),
            volume: boundVolume(ns, name, undefined),
            pods: [podLabels],
            key: `the storageClass of workload "${set}" (stateful-stack:workloads[<i>].storageClass)`,
          },
        });
      }
    }
    for (const claim of mounted) pods.set(key(ns, claim), [...(pods.get(key(ns, claim)) ?? []), podLabels]);
  }
  for (const t of templated) t.claim.pods = pods.get(key(t.claim.namespace, t.claim.name)) ?? [];
  const declaredClaims = resources
    .filter((r) => r.type === CLAIM)
    .map((r) => {
      const ns = prop(r, "metadata.namespace");
      const name = text(prop(r, "metadata.name")) ?? r.name;
      return {
        resource: r,
        what: `persistent volume claim "${name}"`,
        claim: {
          namespace: ns,
          name,
          labels: labelsOf(prop(r, "metadata.labels")),
          storageClassName: raw(prop(r, "spec.storageClassName")),
          requestBytes: bytes(prop(r, "spec.resources.requests.storage")),
          volume: boundVolume(ns, name, prop(r, "spec.volumeName")),
          pods: pods.get(key(ns, name)) ?? [],
          key: "the claim's spec.storageClassName",
        },
      };
    });
  return [...declaredClaims, ...templated];
}
