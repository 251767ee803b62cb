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
import { input, named, ofType } from "./support/graph.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { imageRequirement } from "../components/workloads/images.ts";
import { describeProblem } from "../components/problems.ts";
import { kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";

type Spec = Omit<StatefulWorkloadArgs, "cluster" | "namespace">;
const STS = "kubernetes:apps/v1:StatefulSet";
const COMPONENT = "stateful-stack:index:StatefulWorkload";
const base: Spec = { image: "redis:7.4.2-alpine", port: 6379, storageClass: "fast", storageSize: "5Gi" };

/** A spec's problems as the component words them, `path = value: message`. */
function described(spec: Spec): string[] {
  return statefulWorkloadProblems(spec).map(describeProblem);
}

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

  it("runs 1 replica by default and retains the StatefulSet on delete in prod; not retained in dev", async () => {
    const prod = named(await recordWorkload(), "db", STS);
    assert.equal(input(prod, "spec.replicas"), 1);
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
      described({
        ...base,
        replicas: 0,
        port: 0,
        podManagementPolicy: "Random",
        storageSize: "5GB",
      } as unknown as Spec),
      [
        "replicas = 0: expected a whole number from 1 to 99 (replicas)",
        'podManagementPolicy = "Random": expected one of "OrderedReady", "Parallel"',
        "port = 0: expected a whole number from 1 to 65535 (container port)",
        'storageSize = "5GB": expected a size in Mi, Gi or Ti such as "10Gi"',
      ],
    );
  });

  describe("clustering", () => {
    it("refuses more than one replica of software that does not cluster itself, saying why and what to use", () => {
      assert.deepEqual(described({ ...base, replicas: 3 }), [
        'replicas = 3: clustering "none" (the default) allows exactly 1 replica, not 3: more would be independent servers behind one client service (writes scatter, reads disagree); set replicas to 1, set clustering to "self" only for software that clusters its replicas itself (etcd, NATS JetStream, Redis Cluster), or use an operator-managed database for a replicated one',
      ]);
      assert.deepEqual(described({ ...base, replicas: 3, clustering: "self" }), []);
      assert.deepEqual(described({ ...base, replicas: 1, clustering: "none" }), []);
    });

    it("refuses an unknown clustering mode", () => {
      const loose = { ...base, clustering: "primary" } as unknown as Spec;
      assert.deepEqual(described(loose), ['clustering = "primary": expected one of "none", "self"']);
    });

    it("runs the replicas of self-clustering software together behind the client service", async () => {
      const sts = named(await recordWorkload({ replicas: 3, clustering: "self" }), "db", STS);
      assert.equal(input(sts, "spec.replicas"), 3);
    });
  });

  describe("secrets", () => {
    it("generates a password per generated variable into one Secret in the namespace, and reads it by secretKeyRef", async () => {
      const recording = await recordWorkload({
        image: "postgres:17.2-alpine",
        secretEnv: { POSTGRES_PASSWORD: { generate: true } },
        env: { PGDATA: "/data/pgdata" },
      });
      const passwords = ofType(recording, "random:index/randomPassword:RandomPassword");
      assert.equal(passwords.length, 1);
      assert.equal(input(passwords[0]!, "length"), 32);
      assert.equal(input(passwords[0]!, "special"), false);
      const secrets = ofType(recording, "kubernetes:core/v1:Secret");
      assert.equal(secrets.length, 1);
      const secret = secrets[0]!;
      assert.equal(input(secret, "metadata.name"), "db-secrets");
      assert.equal(input(secret, "metadata.namespace"), "data");
      assert.equal(input(secret, "stringData"), SECRET);
      assert.equal(input(secret, "metadata.annotations.stateful-stack/keys"), "POSTGRES_PASSWORD");
      assert.equal(secret.provider, named(recording, "c-provider").urn);
      assert.equal(secret.retainOnDelete, true, "the password of retained data is retained with it");
      const sts = named(recording, "db", STS);
      assert.ok(sts.dependencies.includes(secret.urn), "pods start after their Secret exists");
      const [container] = input(sts, "spec.template.spec.containers") as { env: unknown[] }[];
      assert.deepEqual(container?.env, [
        { name: "PGDATA", value: "/data/pgdata" },
        { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: "db-secrets", key: "POSTGRES_PASSWORD" } } },
      ]);
    });

    it("reads a variable from an existing Secret by name and key, creating nothing for it", async () => {
      const recording = await recordWorkload({ secretEnv: { API_TOKEN: { secretName: "vendor", key: "token" } } });
      assert.equal(ofType(recording, "random:index/randomPassword:RandomPassword").length, 0);
      assert.equal(ofType(recording, "kubernetes:core/v1:Secret").length, 0);
      const [container] = input(named(recording, "db", STS), "spec.template.spec.containers") as { env: unknown[] }[];
      assert.deepEqual(container?.env, [
        { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "vendor", key: "token" } } },
      ]);
    });

    it("refuses plaintext secrets in env and args, pointing at secretEnv", () => {
      assert.deepEqual(
        described({
          ...base,
          env: { POSTGRES_PASSWORD: "hunter2", PGDATA: "/data/pgdata", POSTGRES_PASSWORD_FILE: "/run/pw" },
          args: ["--requirepass", "hunter2", "--appendonly", "yes", "password=hunter2"],
        }),
        [
          'env.POSTGRES_PASSWORD = "(hidden)": a secret in plaintext; move it to secretEnv.POSTGRES_PASSWORD with generate: true (a password generated into a Kubernetes Secret) or secretName and key (an existing Secret)',
          'args[1] = "(hidden)": a secret in plaintext after "--requirepass"; put it in secretEnv (e.g. secretEnv.PASSWORD with generate: true) and pass "$(PASSWORD)", which Kubernetes expands from the container\'s environment',
          'args[4] = "(hidden)": a secret in plaintext after "password"; put it in secretEnv (e.g. secretEnv.PASSWORD with generate: true) and pass "password=$(PASSWORD)", which Kubernetes expands from the container\'s environment',
        ],
      );
      assert.deepEqual(
        described({
          ...base,
          args: ["--requirepass", "$(REDIS_PASSWORD)"],
          secretEnv: { REDIS_PASSWORD: { generate: true } },
        }),
        [],
      );
    });

    it("refuses a secret source that is not exactly one of generate and secretName + key, and names that clash", () => {
      assert.deepEqual(
        described({
          ...base,
          env: { LOG_LEVEL: "info", A: "1" },
          args: ["--requirepass", "$(MISSING)"],
          secretEnv: {
            A: { generate: true },
            B: {},
            C: { generate: true, secretName: "s", key: "k" },
            D: { secretName: "s" },
            E: { generate: true, length: 8 },
          },
        }),
        [
          'secretEnv.A = {"generate":true}: is also set in env; set each variable in only one of env and secretEnv',
          "secretEnv.B = {}: set exactly one source: generate: true, or secretName and key of an existing Secret",
          'secretEnv.C = {"generate":true,"secretName":"s","key":"k"}: set exactly one source: generate: true, or secretName and key of an existing Secret',
          'secretEnv.D.key = (not set): is required with secretName: the key of Secret "s" that holds the value',
          "secretEnv.E.length = 8: expected a whole number from 16 to 128 (length of the generated password)",
          'args[1] = "$(MISSING)": refers to $(MISSING), which neither env nor secretEnv sets; Kubernetes would pass it unexpanded',
        ],
      );
    });

    it("knows an image family by its repository, with or without registry, namespace, tag or digest", () => {
      const digest = `@sha256:${"a".repeat(64)}`;
      for (const image of ["postgres:17.2-alpine", "docker.io/library/postgres:17", `library/postgres${digest}`])
        assert.equal(imageRequirement(image)?.anyOf[0], "POSTGRES_PASSWORD", image);
      for (const image of ["bitnami/postgresql:17", "registry.example.com:5000/postgres-exporter:1", "nats:2.10.22"])
        assert.equal(imageRequirement(image), undefined, image);
      assert.deepEqual(imageRequirement("redis:7.4.2-alpine")?.anyOf, []);
    });

    it("refuses a postgres image started without the superuser password it needs", () => {
      assert.deepEqual(described({ ...base, image: "postgres:17.2-alpine" }), [
        'secretEnv = (not set): image "postgres:17.2-alpine" does not start without POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (docker-library/docs postgres/content.md); set secretEnv.POSTGRES_PASSWORD with generate: true',
      ]);
    });
  });
});
