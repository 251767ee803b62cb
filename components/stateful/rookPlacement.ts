/**
 * Where a Ceph cluster on cloud-disk claims puts its daemons, from the number of zones the nodes run
 * in. A portable OSD's CRUSH host is its claim, not its node
 * (rook/rook@v1.20.6:pkg/operator/ceph/cluster/osd/osd.go, `crushHostname: dataSource.ClaimName`),
 * so `failureDomain: host` only keeps copies on different claims: the spread must come from placement.
 */
import type { CephFailureDomain, CephPlacement, TopologySpreadConstraint } from "./rookTypes.ts";

/** Node label of the host (`kubernetes.io/hostname`). */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";
/** Node label of the zone (`topology.kubernetes.io/zone`); Rook puts it in the CRUSH map. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
/** From this many zones on, pools keep each copy in its own zone and monitors spread over zones. */
export const ZONE_FAILURE_DOMAIN_MIN_ZONES = 3;

/** Where one Ceph cluster's monitors, OSDs and OSD prepare jobs run, and its pools' failure domain. */
export interface RookTopology {
  /** Failure domain of every pool. */
  failureDomain: CephFailureDomain;
  /** `cephClusterSpec.placement.mon`, when monitors are spread over zones. */
  mon?: CephPlacement;
  /** Placement of the OSD daemons of each device set. */
  osd: CephPlacement;
  /** Placement of the OSD prepare jobs of each device set: decides where each new disk is created. */
  prepare: CephPlacement;
}

function spread(
  topologyKey: string,
  whenUnsatisfiable: TopologySpreadConstraint["whenUnsatisfiable"],
  app: string,
): TopologySpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchExpressions: [{ key: "app", operator: "In", values: [app] }] },
  };
}

/**
 * The placement of Rook's `cluster-on-pvc` example (rook/rook@v1.20.6:deploy/examples/cluster-on-pvc.yaml)
 * for a cluster over `zoneCount` zones:
 * - OSD daemons spread over hosts (`ScheduleAnyway`: a node may hold more than one OSD);
 * - prepare jobs prefer a host without OSDs or prepare jobs, and spread strictly over zones, so the
 *   zonal disks (`WaitForFirstConsumer`) are created evenly in every zone; with fewer than two known
 *   zones they spread over hosts instead, as the example advises for nodes without zone labels. (The
 *   example ANDs two `app In` expressions in the anti-affinity term, which no pod matches; here one
 *   expression lists both apps.)
 * - with three or more zones, pools keep each copy in its own zone and the monitors, whose claims are
 *   zonal too, spread strictly over zones (`placement.mon`, rook/rook@v1.20.6:Documentation/CRDs/Cluster/ceph-cluster-crd.md):
 *   Rook itself only keeps them on different hosts.
 */
export function rookTopology(zoneCount: number): RookTopology {
  const zonal = zoneCount >= ZONE_FAILURE_DOMAIN_MIN_ZONES;
  const prepare: CephPlacement = {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: {
              matchExpressions: [{ key: "app", operator: "In", values: ["rook-ceph-osd", "rook-ceph-osd-prepare"] }],
            },
            topologyKey: HOSTNAME_LABEL,
          },
        },
      ],
    },
    topologySpreadConstraints: [
      spread(zoneCount >= 2 ? ZONE_LABEL : HOSTNAME_LABEL, "DoNotSchedule", "rook-ceph-osd-prepare"),
    ],
  };
  return {
    failureDomain: zonal ? "zone" : "host",
    ...(zonal ? { mon: { topologySpreadConstraints: [spread(ZONE_LABEL, "DoNotSchedule", "rook-ceph-mon")] } } : {}),
    osd: { topologySpreadConstraints: [spread(HOSTNAME_LABEL, "ScheduleAnyway", "rook-ceph-osd")] },
    prepare,
  };
}
