/**
 * The four verdicts on modified copies of the real stacks: what is refused (Azure disk zone, a
 * static claim resized, an AKS system pool resized, an EKS version jump), what disrupts (node group
 * and pool replacements, upgrades), and how `plan:diff` and `preview:check` exit on each.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack, type ConfigEdit } from "../tools/recorder/variants.ts";
import { planDiffCommand, previewCheckCommand } from "../tools/review/commands.ts";
import { runReview } from "../tools/review/gate.ts";
import { isIgnored } from "../tools/review/inputs.ts";
import { diffPlans, type StackDiff } from "../tools/review/planDiff.ts";
import { previewDiff, type PreviewStep } from "../tools/review/previewGate.ts";
import { captured } from "./support/cli.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

type Entry = Record<string, unknown>;
const key = (config: Record<string, unknown>, name: string) => config[`stateful-stack:${name}`] as Entry;
const first = (config: Record<string, unknown>, name: string, list: string) =>
  (key(config, name)[list] as Entry[])[0] as Entry;

/** `verdict kind type name` of every change that is not safe. */
function judged(diff: StackDiff): string[] {
  return diff.changes
    .filter((c) => c.verdict !== "safe")
    .map((c) => `${c.verdict}: ${c.kind} ${c.type} ${c.name}`)
    .sort();
}

const bases = new Map<string, PlanDocument>();
async function diffOf(stack: string, edit: ConfigEdit): Promise<StackDiff> {
  if (!bases.has(stack)) bases.set(stack, doc(await recordStack(stack)));
  return diffPlans(bases.get(stack) as PlanDocument, doc(await recordEditedStack(stack, edit)));
}

function find(diff: StackDiff, type: string) {
  const found = diff.changes.find((c) => c.type === type);
  assert.ok(found, `${type} in ${diff.changes.map((c) => c.type).join(", ")}`);
  return found;
}

/** Runs a review command on two plans written to files. */
function reviewFiles(base: PlanDocument, head: PlanDocument, ...options: string[]) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "verdicts-"));
  const files = [path.join(folder, "base.json"), path.join(folder, "head.json")];
  fs.writeFileSync(files[0] as string, JSON.stringify(base));
  fs.writeFileSync(files[1] as string, JSON.stringify(head));
  const { output, text } = captured();
  return { code: runReview(planDiffCommand, [...files, ...options], output), ...text };
}

/** dev-aks with its pool in zones 1 and 2 and its disk in `zone`. */
const diskIn =
  (zone: string): ConfigEdit =>
  (c) => {
    first(c, "aks", "nodePools")["zones"] = ["1", "2"];
    first(c, "aks", "disks")["zone"] = zone;
  };

/** The diff between two edited copies of one stack. */
async function diffEdits(
  stack: string,
  base: ConfigEdit,
  head: ConfigEdit,
): Promise<[PlanDocument, PlanDocument, StackDiff]> {
  const [a, b] = [doc(await recordEditedStack(stack, base)), doc(await recordEditedStack(stack, head))];
  return [a, b, diffPlans(a, b)];
}

describe("review verdicts", () => {
  describe("refused: updates Kubernetes or the cloud rejects", () => {
    it("an Azure disk moved to another zone: the disk update and its volume's node affinity are refused", async () => {
      const [, , diff] = await diffEdits("dev-aks", diskIn("1"), diskIn("2"));
      assert.deepEqual(judged(diff), [
        "refused: update azure-native:compute:Disk platform-storage-cache-backup-disk",
        "refused: update kubernetes:core/v1:PersistentVolume platform-storage-cache-backup-pv",
      ]);
      const disk = find(diff, "azure-native:compute:Disk");
      assert.match(
        disk.consequence,
        /^zones changes: it is fixed when the disk is created, and Azure refuses the update \("Availability zone must not be changed on existing resource"\)/,
      );
      assert.match(disk.advice ?? "", /snapshot the disk/);
      assert.match(find(diff, "kubernetes:core/v1:PersistentVolume").consequence, /^spec\.nodeAffinity changes/);
    });

    it("a static disk shrunk: Azure refuses the smaller disk and Kubernetes the smaller claim", async () => {
      const diff = await diffOf("dev-aks", (c) => (first(c, "aks", "disks")["size"] = "16Gi"));
      assert.deepEqual(judged(diff), [
        "refused: update azure-native:compute:Disk platform-storage-cache-backup-disk",
        "refused: update kubernetes:core/v1:PersistentVolumeClaim platform-storage-cache-backup-pvc",
      ]);
      assert.match(find(diff, "azure-native:compute:Disk").consequence, /^diskSizeGB shrinks from 32 to 16/);
      assert.match(
        find(diff, "kubernetes:core/v1:PersistentVolumeClaim").consequence,
        /^spec\.resources\.requests\.storage shrinks from 32Gi to 16Gi: Kubernetes refuses a claim smaller than its volume/,
      );
    });

    it("a static disk grown: the disk grows, but Kubernetes refuses to resize a claim without a StorageClass", async () => {
      const diff = await diffOf("dev-aks", (c) => (first(c, "aks", "disks")["size"] = "64Gi"));
      assert.deepEqual(judged(diff), [
        "refused: update kubernetes:core/v1:PersistentVolumeClaim platform-storage-cache-backup-pvc",
      ]);
      assert.match(
        find(diff, "kubernetes:core/v1:PersistentVolumeClaim").consequence,
        /grows from 32Gi to 64Gi, but the claim has no StorageClass .*"only dynamically provisioned pvc can be resized/,
      );
    });

    it("an AKS system pool resized inside the cluster is refused; a separate pool resized is replaced (disruption)", async () => {
      const system = await diffOf(
        "prod-aks",
        (c) => ((key(c, "aks")["systemPool"] as Entry)["vmSize"] = "Standard_D4ds_v5"),
      );
      assert.deepEqual(judged(system), [
        "refused: update azure-native:containerservice:ManagedCluster platform-cluster-aks",
      ]);
      assert.match(
        find(system, "azure-native:containerservice:ManagedCluster").advice ?? "",
        /add a pool with the new setting, move the workloads to it/,
      );
      const pool = await diffOf("prod-aks", (c) => (first(c, "aks", "nodePools")["vmSize"] = "Standard_E8ds_v5"));
      assert.deepEqual(judged(pool), [
        "disruption: replace azure-native:containerservice:AgentPool platform-cluster-data",
      ]);
    });

    it("a node pool's zones changed are refused: AKS fixes them when it creates the pool", async () => {
      const diff = await diffOf("dev-aks", (c) => (first(c, "aks", "nodePools")["zones"] = ["1", "2"]));
      assert.deepEqual(judged(diff), ["refused: update azure-native:containerservice:AgentPool platform-cluster-data"]);
      assert.match(
        find(diff, "azure-native:containerservice:AgentPool").consequence,
        /^availabilityZones changes: AKS fixes a node pool's zones/,
      );
    });

    it("a new VPC range: the network and what takes its ids is replaced, and the cluster's move to the new VPC is refused", async () => {
      const diff = await diffOf("dev-eks", (c) => ((key(c, "eks")["network"] as Entry)["cidr"] = "10.30.0.0/16"));
      const cluster = find(diff, "aws:eks/cluster:Cluster");
      assert.equal(cluster.verdict, "refused");
      assert.match(cluster.consequence, /^vpcConfig takes its subnets and security groups from a VPC that is replaced/);
      assert.match(
        cluster.reason ?? "",
        /^vpcConfig\.subnetIds\[0\] is known only after deployment and may change with `platform-cluster-network-private-eu-west-1a` \(Subnet\)/,
      );
      const replaced = diff.changes.filter((c) => c.kind === "replace").map((c) => c.type);
      for (const type of [
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:eks/nodeGroup:NodeGroup",
        "aws:efs/mountTarget:MountTarget",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/natGateway:NatGateway",
      ]) {
        assert.ok(replaced.includes(type), `${type} in ${replaced.join(", ")}`);
      }
      // The node group takes its subnets from the replaced subnets: possibly replaced, with the reason.
      assert.equal(find(diff, "aws:eks/nodeGroup:NodeGroup").possible, true);
    });

    it("an EKS upgrade by two minor versions is refused; by one it disrupts (nodes are replaced)", async () => {
      const jump = await diffOf("prod-eks", (c) => ((key(c, "eks")["cluster"] as Entry)["version"] = "1.38"));
      assert.ok(
        judged(jump).includes("refused: update aws:eks/cluster:Cluster platform-cluster-cluster"),
        judged(jump).join("\n"),
      );
      assert.match(find(jump, "aws:eks/cluster:Cluster").consequence, /EKS upgrades one minor version at a time/);
      const next = await diffOf("prod-eks", (c) => ((key(c, "eks")["cluster"] as Entry)["version"] = "1.37"));
      assert.deepEqual(judged(next), [
        "disruption: update aws:eks/cluster:Cluster platform-cluster-cluster",
        "disruption: update aws:eks/nodeGroup:NodeGroup platform-cluster-general",
        "disruption: update aws:eks/nodeGroup:NodeGroup platform-cluster-memory",
      ]);
    });

    it("a refused update fails the gate even with --allow-data-loss", async () => {
      const [base, zone] = await diffEdits("dev-aks", diskIn("1"), diskIn("2"));
      const refused = reviewFiles(base, zone, "--allow-data-loss");
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /## Plan diff: 2 refused\n/);
      assert.match(
        refused.stdout,
        /> \[!IMPORTANT\]\n> \*\*Refused\*\* \(2\): Kubernetes, the cloud or an operator will reject the update/,
      );
      assert.equal(refused.stderr, "plan:diff: 2 update(s) will be refused; change the stack as the comment says\n");
    });
  });

  describe("data loss through what contains the data", () => {
    it("another kube context replaces the Kubernetes provider, and with it every object it manages: data loss", async () => {
      const diff = await diffOf("local", (c) => (c["stateful-stack:kubeContext"] = "kind-other"));
      assert.deepEqual(judged(diff), ["data loss: replace pulumi:providers:kubernetes platform-cluster-provider"]);
      const provider = find(diff, "pulumi:providers:kubernetes");
      assert.match(provider.what, /every object it manages, claims and namespaces included/);
      assert.match(
        provider.reason ?? "",
        /^context cannot change in place \(.*step_generator\.go then replaces every resource it manages\)/,
      );
    });
  });

  describe("etcd clusters", () => {
    const etcd = (c: Record<string, unknown>) => (c["stateful-stack:etcdClusters"] as Entry[])[0] as Entry;
    it("a new storage size is refused: the operator can never apply it to its StatefulSet", async () => {
      const diff = await diffOf("prod-aks", (c) => (etcd(c)["storageSize"] = "20Gi"));
      assert.deepEqual(judged(diff), [
        "refused: update kubernetes:operator.etcd.io/v1alpha1:EtcdCluster platform-etcd-config-store",
      ]);
      assert.match(
        find(diff, "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster").consequence,
        /^spec\.storageSpec changes: the operator rewrites its StatefulSet's claim templates/,
      );
    });

    it("a patch or one-minor upgrade restarts the members; a jump of two minors or a downgrade is refused", async () => {
      const verdictFor = async (version: string) =>
        find(
          await diffOf("prod-aks", (c) => (etcd(c)["version"] = version)),
          "kubernetes:operator.etcd.io/v1alpha1:EtcdCluster",
        ).verdict;
      assert.equal(await verdictFor("v3.5.22"), "disruption");
      assert.equal(await verdictFor("v3.6.0"), "disruption");
      assert.equal(await verdictFor("v3.7.0"), "refused");
      assert.equal(await verdictFor("v3.5.20"), "refused");
    });
  });

  describe("disruption", () => {
    it("a new claim size for a workload whose pod adopts a static claim gives no resize command: that claim cannot grow", async () => {
      const diff = await diffOf(
        "dev-aks",
        (c) => (((c["stateful-stack:workloads"] as Entry[])[0] as Entry)["storageSize"] = "16Gi"),
      );
      const statefulSet = find(diff, "kubernetes:apps/v1:StatefulSet");
      assert.equal(statefulSet.verdict, "disruption");
      assert.doesNotMatch(statefulSet.advice ?? "", /kubectl/);
      assert.match(
        statefulSet.advice ?? "",
        /^data-cache-0 is a claim the stack creates itself for a static volume, which the pod adopts by name/,
      );
    });
  });

  describe("node pools", () => {
    it("a node pool removed is a disruption: its nodes are drained", async () => {
      const diff = await diffOf("prod-aks", (c) => (key(c, "aks")["nodePools"] as Entry[]).splice(1, 1));
      assert.deepEqual(judged(diff), [
        "disruption: remove azure-native:containerservice:AgentPool platform-cluster-apps",
      ]);
      assert.match(find(diff, "azure-native:containerservice:AgentPool").consequence, /its nodes are drained/);
    });
  });

  describe("retained objects", () => {
    it("a retained StatefulSet cannot be replaced: refused, with the orphaning delete that lets the new one adopt the pods", async () => {
      const diff = await diffOf(
        "prod-aks",
        (c) => (((c["stateful-stack:workloads"] as Entry[])[0] as Entry)["storageSize"] = "16Gi"),
      );
      const statefulSet = find(diff, "kubernetes:apps/v1:StatefulSet");
      assert.equal(statefulSet.verdict, "refused");
      assert.equal(statefulSet.retainOnDelete, true);
      assert.match(
        statefulSet.advice ?? "",
        /^delete the StatefulSet without its pods first, `kubectl -n data delete statefulset cache --cascade=orphan`, then `pulumi up`/,
      );
    });
  });

  describe("ignoreChanges", () => {
    it("a difference at a path the resource ignores is no change (AKS version owned by the upgrade channel)", async () => {
      const diff = await diffOf("prod-aks", (c) => (key(c, "aks")["kubernetesVersion"] = "1.36"));
      assert.equal(
        diff.changes.find((c) => c.type === "azure-native:containerservice:ManagedCluster"),
        undefined,
        "kubernetesVersion and agentPoolProfiles[*].orchestratorVersion are ignoreChanges of a channel-upgraded cluster",
      );
    });

    it("matches nested and listed paths, not mere prefixes", () => {
      const ignore = ["kubernetesVersion", "agentPoolProfiles[*].orchestratorVersion"];
      assert.ok(isIgnored("kubernetesVersion", ignore));
      assert.ok(isIgnored("agentPoolProfiles[0].orchestratorVersion", ignore));
      assert.ok(isIgnored("agentPoolProfiles[12].orchestratorVersion", ignore));
      assert.ok(!isIgnored("agentPoolProfiles[0].vmSize", ignore));
      assert.ok(!isIgnored("kubernetesVersionX", ignore));
    });
  });

  describe("preview gate: the engine's steps, judged the same way", () => {
    const statefulSet = (storage: string) => ({
      type: "kubernetes:apps/v1:StatefulSet",
      inputs: {
        metadata: { name: "cache", namespace: "data" },
        spec: {
          replicas: 3,
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
          volumeClaimTemplates: [
            { metadata: { name: "data" }, spec: { storageClassName: "fast", resources: { requests: { storage } } } },
          ],
        },
      },
    });
    const urn = (type: string, name: string) => `urn:pulumi:prod::stateful-stack::${type}::${name}`;
    const steps: PreviewStep[] = [
      ...["create-replacement", "replace", "delete-replaced"].map((op) => ({
        op,
        urn: urn("kubernetes:apps/v1:StatefulSet", "cache"),
        oldState: statefulSet("8Gi"),
        newState: statefulSet("16Gi"),
        replaceReasons: ["spec"],
      })),
      {
        op: "update",
        urn: urn("kubernetes:core/v1:PersistentVolumeClaim", "static"),
        oldState: {
          type: "kubernetes:core/v1:PersistentVolumeClaim",
          inputs: { spec: { storageClassName: "", resources: { requests: { storage: "32Gi" } } } },
        },
        newState: {
          type: "kubernetes:core/v1:PersistentVolumeClaim",
          inputs: { spec: { storageClassName: "", resources: { requests: { storage: "16Gi" } } } },
        },
        diffReasons: ["spec"],
      },
      {
        op: "update",
        urn: urn("kubernetes:policy/v1:PodDisruptionBudget", "cache-pdb"),
        oldState: { type: "kubernetes:policy/v1:PodDisruptionBudget", inputs: { spec: { maxUnavailable: 1 } } },
        newState: { type: "kubernetes:policy/v1:PodDisruptionBudget", inputs: { spec: { maxUnavailable: 2 } } },
        diffReasons: ["spec"],
      },
      {
        op: "same",
        urn: urn("kubernetes:storage.k8s.io/v1:StorageClass", "fast"),
        newState: {
          type: "kubernetes:storage.k8s.io/v1:StorageClass",
          inputs: { metadata: { name: "fast" }, allowVolumeExpansion: true },
        },
      },
    ];

    it("a StatefulSet the engine replaces keeps its claims: disruption, with the in-place resize the class allows", () => {
      const diff = previewDiff({ steps }, "prod", "stateful-stack");
      assert.deepEqual(judged(diff), [
        "disruption: replace kubernetes:apps/v1:StatefulSet cache",
        "disruption: update kubernetes:policy/v1:PodDisruptionBudget cache-pdb",
        "refused: update kubernetes:core/v1:PersistentVolumeClaim static",
      ]);
      const replaced = find(diff, "kubernetes:apps/v1:StatefulSet");
      assert.match(replaced.reason ?? "", /the engine replaces it \(changes to spec\)/);
      assert.match(replaced.consequence, /its claims data-cache-<0\.\.2> are retained/);
      assert.match(
        replaced.advice ?? "",
        /patch pvc data-cache-<0\.\.2> .*"16Gi".* \(StorageClass fast allows expansion\)/,
      );
      assert.deepEqual(find(diff, "kubernetes:core/v1:PersistentVolumeClaim").paths, [
        "spec.resources.requests.storage",
      ]);
    });

    it("gives no resize command for a claim the stack creates itself (seen in an unchanged step)", () => {
      const claim: PreviewStep = {
        op: "same",
        urn: urn("kubernetes:core/v1:PersistentVolumeClaim", "cache-backup"),
        newState: {
          type: "kubernetes:core/v1:PersistentVolumeClaim",
          inputs: { metadata: { name: "data-cache-0", namespace: "data" }, spec: { storageClassName: "" } },
        },
      };
      const replaced = find(
        previewDiff({ steps: [...steps, claim] }, "prod", "stateful-stack"),
        "kubernetes:apps/v1:StatefulSet",
      );
      assert.match(replaced.advice ?? "", /^data-cache-0 is a claim the stack creates itself/);
    });

    it("exits 1 on the refused claim even with --allow-data-loss, and lists verdicts most serious first", () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preview-")), "preview.json");
      fs.writeFileSync(file, JSON.stringify({ steps, changeSummary: {} }));
      const { output, text } = captured();
      assert.equal(runReview(previewCheckCommand, [file, "--stack", "prod", "--allow-data-loss"], output), 1);
      assert.match(text.stdout, /## Preview gate for prod: 2 disruptions, 1 refused\n/);
      const order = ["[!WARNING]", "[!IMPORTANT]", "| disruption |", "| refused |"].map((s) => text.stdout.indexOf(s));
      assert.ok(
        order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number))),
        order.join(", "),
      );
    });
  });
});
