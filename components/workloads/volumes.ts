/**
 * Static volumes used by workloads: adopted disks (one per replica, as the replica's data volume)
 * and mounted shares. Pure rules shared by the platform and the stack configuration.
 *
 * A StatefulSet names the claim of replica `i` from template `t` `<t>-<set>-<i>`
 * (kubernetes/kubernetes@0fe831c3e98b5dc6de63a86eb3822acbf7d3c761:pkg/controller/statefulset/stateful_set_utils.go
 * `getPersistentVolumeClaimName`: `fmt.Sprintf("%s-%s-%d", claim.Name, set.Name, ordinal)`; the
 * replica's pod volume named after the template refers to that claim, `updateStorage`), and uses a
 * claim of that name when it already exists: a claim so named, bound to a static volume, makes
 * that volume the replica's data volume. Claims from templates are kept on scale-down and
 * deletion with the `Retain` retention policy (kubernetes/api@v0.35.7:apps/v1/types.go
 * `StatefulSetPersistentVolumeClaimRetentionPolicy`).
 */
import { problem, type Problem } from "../problems.ts";
import { sizeInMib } from "../rules.ts";
import type { StaticVolume } from "../storage/factory.ts";
import { DATA_VOLUME } from "./podTemplate.ts";

/** What adoption and sharing need to know of a workload. */
export interface VolumeUser {
  /** Workload name, also its StatefulSet's name unless `appName` is set. */
  name: string;
  appName?: string;
  /** The workload's previous name, which its objects keep unless `appName` is set. */
  renamedFrom?: string;
  replicas?: number;
  storageSize: string;
  /** Static volumes adopted as the replicas' data volumes, replica `i` gets `volumes[i]`. */
  volumes?: string[];
  /** A static volume mounted in every replica. */
  share?: string;
  /** A claim outside the stack mounted in every replica, in place of `share`. */
  sharedClaim?: unknown;
}

/** The claim a StatefulSet's replica `ordinal` uses for its data volume. */
export function adoptedClaimName(setName: string, ordinal: number): string {
  return `${DATA_VOLUME}-${setName}-${ordinal}`;
}

/** Claim names of every adopted volume, by volume name. */
export function adoptedClaimNames(workloads: readonly VolumeUser[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const workload of workloads) {
    (workload.volumes ?? []).forEach((volume, ordinal) => {
      names[volume] ??= adoptedClaimName(workload.appName ?? workload.renamedFrom ?? workload.name, ordinal);
    });
  }
  return names;
}

/**
 * Problems with adopted volumes (exist, are disks, adopted once, large enough, one per replica), RWO
 * shares and a share next to a shared claim, at `workloads[i]…` paths.
 */
export function workloadVolumeProblems(workloads: readonly VolumeUser[], volumes: readonly StaticVolume[]): Problem[] {
  const byName = new Map(volumes.map((v) => [v.name, v]));
  const disks = volumes.filter((v) => v.accessMode === "ReadWriteOnce").map((v) => `"${v.name}"`);
  const adoptedBy = new Map<string, string>();
  const problems: Problem[] = [];
  workloads.forEach((workload, index) => {
    const add = (path: PropertyKey[], value: unknown, message: string) =>
      problems.push(problem(["workloads", index, ...path], value, message));
    const adopted = workload.volumes ?? [];
    adopted.forEach((name, j) => {
      const volume = byName.get(name);
      const previous = adoptedBy.get(name);
      if (volume === undefined) {
        const declared = disks.length > 0 ? disks.join(", ") : "none";
        add(
          ["volumes", j],
          name,
          `the stack declares no disk or EBS volume "${name}" to adopt (declared: ${declared})`,
        );
      } else if (volume.accessMode === "ReadWriteMany") {
        add(
          ["volumes", j],
          name,
          `"${name}" is a ReadWriteMany share, not a disk; mount it with share, and adopt only disks (Azure disks, EBS volumes)`,
        );
      } else if (previous !== undefined) {
        add(
          ["volumes", j],
          name,
          `"${name}" is already adopted by workload "${previous}"; a disk can be the data volume of one replica only`,
        );
      } else if (volume.sizeGib !== undefined && volume.sizeGib * 1024 < (sizeInMib(workload.storageSize) ?? 0)) {
        add(
          ["volumes", j],
          name,
          `"${name}" holds ${volume.sizeGib} GiB, less than storageSize "${workload.storageSize}"; adopt a larger volume or lower storageSize`,
        );
      }
      if (previous === undefined) adoptedBy.set(name, workload.name);
    });
    const replicas = workload.replicas ?? 1;
    if (adopted.length > 0 && adopted.length !== replicas) {
      add(
        ["volumes"],
        adopted,
        `adopts ${adopted.length} volume${adopted.length === 1 ? "" : "s"} for ${replicas} replica${replicas === 1 ? "" : "s"}; adopt exactly one volume per replica (replica i gets volumes[i])`,
      );
    }
    if (workload.share !== undefined && workload.sharedClaim !== undefined)
      add(
        ["sharedClaim"],
        workload.sharedClaim,
        "set either share (a volume the stack declares) or sharedClaim (a claim that exists outside the stack), not both",
      );
    const shared = workload.share === undefined ? undefined : byName.get(workload.share);
    if (shared?.accessMode === "ReadWriteOnce") {
      add(
        ["share"],
        workload.share,
        `"${workload.share}" is a ReadWriteOnce disk, which attaches to one node at a time; share only ReadWriteMany volumes (Azure Files shares, EFS file systems), or adopt the disk with volumes`,
      );
    }
  });
  return problems;
}
