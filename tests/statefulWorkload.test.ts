/**
 * StatefulWorkload: the objects a stateful application needs, wired to each other and to the
 * cluster's provider, with data kept when the workload goes away.
 */
import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import {
  ExistingCluster,
  StatefulWorkload,
  statefulWorkloadProblems,
  type StatefulWorkloadArgs,
} from "../components/index.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { input, named } from "./support/graph.ts";
import { kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";

type Spec = Omit<StatefulWorkloadArgs, "cluster" | "namespace">;
const STS = "kubernetes:apps/v1:StatefulSet";
const COMPONENT = "stateful-stack:index:StatefulWorkload";
const base: Spec = { image: "redis:7.4.2-alpine", port: 6379, storageClass: "fast", storageSize: "5Gi" };

async function recordWorkload(spec: Partial<Spec> = {}): Promise<Recording> {
  return record(
    () => {
      const cluster = new ExistingCluster("c", { kubeconfigPath: "/k", context: "ctx" });
      const ns = new k8s.core.v1.Namespace("ns", { metadata: { name: "data" } }, { provider: cluster.provider });
      new StatefulWorkload("db", { ...base, ...spec, cluster, namespace: ns.metadata.name }, { dependsOn: [ns] });
    },
    { project: "proj", stack: "test" },
  );
}

describe("StatefulWorkload", () => {
  it("creates a headless service, a client service, a StatefulSet and a disruption budget, all on the cluster's provider", async () => {
    const recording = await recordWorkload();
    const provider = named(recording, "c-provider").urn;
    const children = recording.resources.filter((r) => r.parent === named(recording, "db", COMPONENT).urn);
    assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
      "kubernetes:apps/v1:StatefulSet db",
      "kubernetes:core/v1:Service db-client",
      "kubernetes:core/v1:Service db-headless",
      "kubernetes:policy/v1:PodDisruptionBudget db-pdb",
    ]);
    for (const child of children) assert.equal(child.provider, provider, `${child.name} uses the cluster's provider`);
    for (const child of children) assert.deepEqual(await kubernetesSchemaProblems(child), []);
  });

  it("gives each replica a stable DNS name through a headless service the StatefulSet names and waits for", async () => {
    const recording = await recordWorkload();
    const headless = named(recording, "db-headless");
    const sts = named(recording, "db", STS);
    assert.equal(input(headless, "spec.clusterIP"), "None");
    assert.equal(input(headless, "spec.publishNotReadyAddresses"), true);
    assert.equal(input(sts, "spec.serviceName"), input(headless, "metadata.name"));
    assert.deepEqual(input(headless, "spec.selector"), input(sts, "spec.selector.matchLabels"));
    assert.ok(sts.dependencies.includes(headless.urn));
    assert.ok(sts.dependencies.includes(named(recording, "ns").urn), "the component's dependsOn reaches its children");
  });

  it("keeps replica volumes on the requested class, ordered start-up and claims retained on delete and scale-down", async () => {
    const sts = named(await recordWorkload(), "db", STS);
    assert.equal(input(sts, "spec.podManagementPolicy"), "OrderedReady");
    assert.deepEqual(input(sts, "spec.persistentVolumeClaimRetentionPolicy"), {
      whenDeleted: "Retain",
      whenScaled: "Retain",
    });
    const [claim] = input(sts, "spec.volumeClaimTemplates") as { spec: Record<string, unknown> }[];
    assert.deepEqual(claim?.spec, {
      accessModes: ["ReadWriteOnce"],
      storageClassName: "fast",
      resources: { requests: { storage: "5Gi" } },
    });
  });

  it("runs non-root with no privilege escalation, probes the port and spreads over zones and nodes", async () => {
    const sts = named(await recordWorkload({ runAsUser: 999 }), "db", STS);
    assert.deepEqual(input(sts, "spec.template.spec.securityContext"), {
      runAsNonRoot: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      fsGroupChangePolicy: "OnRootMismatch",
      seccompProfile: { type: "RuntimeDefault" },
    });
    const [container] = input(sts, "spec.template.spec.containers") as Record<string, unknown>[];
    assert.deepEqual(container?.["securityContext"], {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    assert.deepEqual((container?.["readinessProbe"] as Record<string, unknown>)["tcpSocket"], { port: "main" });
    const spread = input(sts, "spec.template.spec.topologySpreadConstraints") as { topologyKey: string }[];
    assert.deepEqual(
      spread.map((s) => s.topologyKey),
      ["topology.kubernetes.io/zone", "kubernetes.io/hostname"],
    );
  });

  it("runs 3 replicas and retains the StatefulSet on delete by default (prod); 1 and not retained in dev", async () => {
    const prod = named(await recordWorkload(), "db", STS);
    assert.equal(input(prod, "spec.replicas"), 3);
    assert.equal(prod.retainOnDelete, true);
    const dev = named(await recordWorkload({ environment: "dev" }), "db", STS);
    assert.equal(input(dev, "spec.replicas"), 1);
    assert.equal(dev.retainOnDelete, false);
  });

  it("mounts an existing shared claim when given one, and probes over HTTP when given a path", async () => {
    const sts = named(
      await recordWorkload({ sharedClaim: "files", sharedMountPath: "/files", httpHealthPath: "/health" }),
      "db",
      STS,
    );
    const volumes = input(sts, "spec.template.spec.volumes") as { name: string; persistentVolumeClaim?: unknown }[];
    assert.deepEqual(volumes.find((v) => v.name === "shared")?.persistentVolumeClaim, { claimName: "files" });
    const [container] = input(sts, "spec.template.spec.containers") as Record<string, unknown>[];
    const mounts = container?.["volumeMounts"] as { name: string; mountPath: string }[];
    assert.deepEqual(
      mounts.find((m) => m.name === "shared"),
      { name: "shared", mountPath: "/files" },
    );
    assert.deepEqual((container?.["livenessProbe"] as Record<string, unknown>)["httpGet"], {
      path: "/health",
      port: "main",
    });
  });

  it("rejects replicas, ports, policies and sizes Kubernetes would not accept", () => {
    assert.deepEqual(
      statefulWorkloadProblems("db", {
        ...base,
        replicas: 0,
        port: 0,
        podManagementPolicy: "Random",
        storageSize: "5GB",
      }),
      [
        'StatefulWorkload "db": replicas 0 is not a whole number from 1 to 99',
        'StatefulWorkload "db": port 0 is not a whole number from 1 to 65535',
        'StatefulWorkload "db": podManagementPolicy "Random" must be "OrderedReady" or "Parallel"',
        'StatefulWorkload "db": storageSize "5GB" must be a size such as "10Gi"',
      ],
    );
  });
});
