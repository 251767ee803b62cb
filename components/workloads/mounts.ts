/**
 * The rule of where a workload's container mounts its volumes: every mount of the pod template
 * (`podTemplate.ts`) at its own path. Kubernetes refuses a pod whose container mounts two volumes
 * at one path ("must be unique": kubernetes/kubernetes@v1.35.7:pkg/apis/core/validation/validation.go
 * `ValidateVolumeMounts`), and the same directory spelt twice (`/data` and `/data/`) would hide one
 * volume under the other.
 */
import * as path from "node:path";
import { problem, type Problem } from "../problems.ts";
import type { StatefulWorkloadSpec } from "./spec.ts";

/** Where the writable `/tmp` of a read-only root filesystem is mounted. */
export const TMP_MOUNT_PATH = "/tmp";

/** What the mount rule reads of a workload; `share` is a Platform's shared volume, mounted like `sharedClaim`. */
export type MountSettings = Pick<
  StatefulWorkloadSpec,
  "mountPath" | "sharedMountPath" | "sharedClaim" | "readOnlyRootFilesystem"
> & { share?: string };

/** One mount of the container: the key that places it, its path and what it mounts. */
interface Mount {
  key: string;
  path: string;
  what: string;
}

function samePath(a: string, b: string): boolean {
  const normal = (p: string) => path.posix.normalize(p).replace(/(.)\/+$/, "$1");
  return normal(a) === normal(b);
}

/** The container's mounts, in the order the pod template adds them. */
function mounts(spec: MountSettings): Mount[] {
  const list: Mount[] = [{ key: "mountPath", path: spec.mountPath ?? "/data", what: "the replica's data volume" }];
  if (spec.readOnlyRootFilesystem ?? true)
    list.push({
      key: "readOnlyRootFilesystem",
      path: TMP_MOUNT_PATH,
      what: `the writable ${TMP_MOUNT_PATH} of the read-only root filesystem`,
    });
  if (spec.sharedClaim !== undefined || spec.share !== undefined)
    list.push({ key: "sharedMountPath", path: spec.sharedMountPath ?? "/shared", what: "the shared volume" });
  return list;
}

/**
 * Two volumes mounted at one path: reported at the key that places the later mount (paths
 * relative to the spec), naming the key of the earlier one.
 */
export function mountProblems(spec: MountSettings): Problem[] {
  if (![spec.mountPath, spec.sharedMountPath].every((p) => p === undefined || typeof p === "string")) return [];
  const all = mounts(spec);
  const problems: Problem[] = [];
  all.forEach((mount, i) => {
    const earlier = all.slice(0, i).find((other) => samePath(other.path, mount.path));
    if (earlier === undefined) return;
    // The tmp mount has no path of its own to change: the data volume's path moves instead.
    const [moved, kept] = mount.key === "readOnlyRootFilesystem" ? [earlier, mount] : [mount, earlier];
    const free = ["/data", "/shared", "/mnt/shared", "/var/lib/app"].find((p) => !all.some((m) => samePath(m.path, p)));
    problems.push(
      problem(
        [moved.key],
        moved.path,
        `mounts ${moved.what} at "${moved.path}", where ${kept.key === "readOnlyRootFilesystem" ? "readOnlyRootFilesystem (true by default) mounts" : `${kept.key} mounts`} ${kept.what}; a container mounts one volume per path: set ${moved.key} to another path, e.g. "${free}"`,
      ),
    );
  });
  return problems;
}
