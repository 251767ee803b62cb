/**
 * The contracts of what every shipped stack (and every every-option configuration) hands Kubernetes and the container images for its
 * workloads, checked on the rendered objects:
 *
 * - images start: each container's environment has what its image family needs
 *   (components/workloads/images.ts, from docker-library/docs);
 * - secret references resolve: every `env[].valueFrom.secretKeyRef` names a Secret the stack renders
 *   in the same namespace with that key (`SecretKeySelector`: "The name of the secret in the pod's
 *   namespace", kubernetes/api@v0.35.7:core/v1/types.go), or an existing Secret the configuration
 *   names; no generated value appears in a plan;
 * - adopted volumes are the replicas' data volumes: their claims are named as the StatefulSet
 *   controller names the claim of template `data` for replica `i`, `data-<set>-<i>`
 *   (kubernetes/kubernetes pkg/controller/statefulset/stateful_set_utils.go
 *   `getPersistentVolumeClaimName`), for ordinals below `replicas`, and each is bound both ways to
 *   its volume (`claimRef` on the PersistentVolume, `volumeName` on the claim;
 *   kubernetes/api@v0.35.7:core/v1/types.go "claimRef is part of a bi-directional binding");
 * - every static volume is used, and no ReadWriteOnce claim is mounted by more than one replica.
 */
import assert from "node:assert/strict";
import { imageRequirement } from "../../components/workloads/images.ts";
import { SECRET_KEYS_ANNOTATION } from "../../components/workloads/secrets.ts";
import { buildPlan } from "../../tools/plan/graph.ts";
import { planDocument } from "../../tools/plan/render.ts";
import { recordUnderTest, STACKS_UNDER_TEST, stackValue, type StackUnderTest } from "../support/stacksUnderTest.ts";
import type { RecordedResource, Recording } from "../../tools/recorder/record.ts";
import { OFFLINE_GENERATED_PASSWORD } from "../../tools/recorder/resources.ts";
import { recordEditedStack } from "../../tools/recorder/variants.ts";
import { input, ofType } from "../support/graph.ts";

const STS = "kubernetes:apps/v1:StatefulSet";
const PV = "kubernetes:core/v1:PersistentVolume";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const SECRET = "kubernetes:core/v1:Secret";

/** The parts of a container this contract reads (core/v1 `Container`, `EnvVar`, `SecretKeySelector`). */
interface Container {
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
}
/** The parts of a pod volume this contract reads (core/v1 `Volume`). */
interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
}
/** A workload as the stack file declares it (the keys this contract reads). */
interface DeclaredWorkload {
  name: string;
  volumes?: string[];
  secretEnv?: Record<string, { secretName?: string; key?: string }>;
}

function declaredWorkloads(stack: StackUnderTest): DeclaredWorkload[] {
  return (stackValue(stack, "workloads") ?? []) as DeclaredWorkload[];
}

const setName = (set: RecordedResource) => input(set, "metadata.name") as string;
const namespaceOf = (r: RecordedResource) => input(r, "metadata.namespace") as string;
const containers = (set: RecordedResource) => input(set, "spec.template.spec.containers") as Container[];
const podVolumes = (set: RecordedResource) => (input(set, "spec.template.spec.volumes") ?? []) as PodVolume[];
const replicasOf = (set: RecordedResource) => input(set, "spec.replicas") as number;

function claimNamed(recording: Recording, namespace: string, name: string): RecordedResource[] {
  return ofType(recording, PVC).filter((c) => namespaceOf(c) === namespace && input(c, "metadata.name") === name);
}

/** Claims used by a set: its template's claims, and `data-<set>-<i>` for every replica `i`. */
function claimsUsedBy(set: RecordedResource): string[] {
  const mounted = podVolumes(set).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
  const data = Array.from({ length: replicasOf(set) }, (_, i) => `data-${setName(set)}-${i}`);
  return [...mounted, ...data];
}

/** Checks the ReadWriteOnce rule; returns how many multi-replica sets it examined. */
function assertNoSharedReadWriteOnce(recording: Recording): number {
  const multi = ofType(recording, STS).filter((set) => replicasOf(set) > 1);
  for (const set of multi) {
    for (const volume of podVolumes(set)) {
      if (!volume.persistentVolumeClaim) continue;
      const claims = claimNamed(recording, namespaceOf(set), volume.persistentVolumeClaim.claimName);
      assert.equal(claims.length, 1, `${setName(set)} mounts a claim the stack renders`);
      assert.ok(
        !(input(claims[0]!, "spec.accessModes") as string[]).includes("ReadWriteOnce"),
        `${setName(set)} (${replicasOf(set)} replicas) mounts the ReadWriteOnce claim ${volume.persistentVolumeClaim.claimName} in every replica`,
      );
    }
  }
  return multi.length;
}

for (const stack of STACKS_UNDER_TEST) {
  describe(`workload contracts: stack ${stack.name}`, () => {
    let recording: Recording;
    const workloads = declaredWorkloads(stack);
    before(async () => {
      recording = await recordUnderTest(stack, false);
    });

    it("gives each container the environment its image needs to start", () => {
      const sets = ofType(recording, STS);
      assert.equal(sets.length, workloads.length);
      let checked = 0;
      for (const set of sets) {
        for (const container of containers(set)) {
          const requirement = imageRequirement(container.image);
          if (requirement === undefined) continue;
          checked++;
          const names = (container.env ?? []).map((e) => e.name);
          if (requirement.anyOf.length > 0)
            assert.ok(
              requirement.anyOf.some((name) => names.includes(name)),
              `${setName(set)} (${container.image}) needs one of ${requirement.anyOf.join(", ")} (${requirement.source})`,
            );
        }
      }
      assert.ok(checked > 0, "every shipped stack runs an image whose requirements are known");
    });

    it("resolves every secretKeyRef to a Secret in the pod's namespace holding that key, and never shows a generated value", () => {
      const existing = new Set(
        workloads.flatMap((w) => Object.values(w.secretEnv ?? {}).flatMap((s) => (s.secretName ? [s.secretName] : []))),
      );
      const declared = workloads.reduce((n, w) => n + Object.keys(w.secretEnv ?? {}).length, 0);
      let refs = 0;
      for (const set of ofType(recording, STS)) {
        for (const env of containers(set).flatMap((c) => c.env ?? [])) {
          const ref = env.valueFrom?.secretKeyRef;
          if (!ref) continue;
          refs++;
          if (existing.has(ref.name)) continue;
          const secrets = ofType(recording, SECRET).filter(
            (s) => input(s, "metadata.name") === ref.name && namespaceOf(s) === namespaceOf(set),
          );
          assert.equal(secrets.length, 1, `${setName(set)}: Secret ${ref.name} in ${namespaceOf(set)}`);
          const keys = String(input(secrets[0]!, `metadata.annotations.${SECRET_KEYS_ANNOTATION}`)).split(",");
          assert.ok(keys.includes(ref.key), `${setName(set)}: Secret ${ref.name} has key ${ref.key}`);
          assert.equal(input(secrets[0]!, "stringData"), "[secret]");
        }
      }
      assert.equal(refs, declared, "each secret variable the stack declares is read from a Secret");
      const plan = JSON.stringify(planDocument(recording, buildPlan(recording.resources)));
      assert.ok(!plan.includes(OFFLINE_GENERATED_PASSWORD), "a generated password appears in the plan");
    });

    it("names adopted volumes' claims data-<set>-<ordinal> below replicas, bound both ways to their volume", () => {
      const adopting = workloads.filter((w) => (w.volumes ?? []).length > 0);
      for (const workload of adopting) {
        const [set] = ofType(recording, STS).filter((s) => setName(s) === workload.name);
        assert.ok(set, `a StatefulSet for ${workload.name}`);
        (workload.volumes ?? []).forEach((volume, i) => {
          assert.ok(i < replicasOf(set), `${volume} is adopted by an existing replica`);
          const claims = claimNamed(recording, namespaceOf(set), `data-${workload.name}-${i}`);
          assert.equal(claims.length, 1, `claim data-${workload.name}-${i} for ${volume}`);
          const pvs = ofType(recording, PV).filter(
            (pv) => input(pv, "spec.claimRef.name") === `data-${workload.name}-${i}`,
          );
          assert.equal(pvs.length, 1, `one volume is pre-bound to data-${workload.name}-${i}`);
          assert.equal(input(pvs[0]!, "spec.claimRef.namespace"), namespaceOf(set));
          assert.ok(claims[0]!.propertyDependencies["spec"]?.includes(pvs[0]!.urn), "the claim names its volume");
          assert.deepEqual(input(pvs[0]!, "spec.accessModes"), ["ReadWriteOnce"]);
        });
      }
    });

    it("uses every static volume it creates, and mounts no ReadWriteOnce claim in more than one replica", () => {
      const used = new Set(ofType(recording, STS).flatMap((set) => claimsUsedBy(set)));
      const statics = ofType(recording, PV).filter((pv) => input(pv, "spec.storageClassName") === "");
      for (const pv of statics) {
        const claim = input(pv, "spec.claimRef.name") as string;
        assert.ok(
          used.has(claim),
          `${pv.name} (claim ${claim}) is created${pv.retainOnDelete ? " and retained" : ""} but nothing mounts it`,
        );
      }
      assertNoSharedReadWriteOnce(recording);
    });
  });
}

describe("workload contracts: several replicas", () => {
  it("mounts only ReadWriteMany claims in every replica of a self-clustering workload", async () => {
    const recording = await recordEditedStack("prod-eks", (config) => {
      const workloads = config["stateful-stack:workloads"] as Record<string, unknown>[];
      for (const w of workloads) Object.assign(w, { clustering: "self", replicas: 3, volumes: undefined });
    });
    assert.ok(assertNoSharedReadWriteOnce(recording) > 0, "the edited stack runs a set with several replicas");
  });
});
