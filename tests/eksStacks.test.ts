/**
 * Whole-stack invariants of the EKS stacks (dev-eks, prod-eks): what does not wait for the control
 * plane, data protection by environment, the workload on gp3 with the EFS share, and time to environment.
 */
import assert from "node:assert/strict";
import { buildPlan, type Plan } from "../tools/plan/graph.ts";
import { listStacks, loadProject, loadStack } from "../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const project = loadProject(PROJECT_ROOT);
/** Every shipped stack whose cloud is EKS. */
const eksStacks = listStacks(project).filter(
  (stack) => loadStack(project, stack).config["stateful-stack:cloud"] === "eks",
);

describe("shipped EKS stacks", () => {
  it("are dev-eks and prod-eks at least", () => {
    assert.ok(eksStacks.includes("dev-eks") && eksStacks.includes("prod-eks"), eksStacks.join(", "));
  });

  for (const stack of eksStacks) {
    it(`${stack}: the deployer has a path to the API server (public endpoint limited to listed ranges, or private ranges admitted on 443 before the provider)`, async () => {
      const recording = await recordStack(stack);
      const clusters = ofType(recording, "aws:eks/cluster:Cluster");
      assert.equal(clusters.length, 1);
      const eks = clusters[0]!;
      const publicCidrs = (input(eks, "vpcConfig.publicAccessCidrs") as string[] | undefined) ?? [];
      const publicPath = input(eks, "vpcConfig.endpointPublicAccess") === true && publicCidrs.length > 0;
      const provider = ofType(recording, "pulumi:providers:kubernetes").filter((p) =>
        p.dependencies.some((d) => recording.resources.some((r) => r.urn === d && r.type.startsWith("aws:eks/"))),
      );
      assert.equal(provider.length, 1, "one Kubernetes provider built from the EKS cluster");
      const privateRules = ofType(recording, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
        (rule) =>
          input(rule, "ipProtocol") === "tcp" &&
          input(rule, "fromPort") === 443 &&
          input(rule, "toPort") === 443 &&
          rule.dependencies.includes(eks.urn) &&
          provider[0]!.dependencies.includes(rule.urn),
      );
      const privatePath = input(eks, "vpcConfig.endpointPrivateAccess") === true && privateRules.length > 0;
      assert.ok(
        publicPath || privatePath,
        `${stack}: public endpoint ${String(input(eks, "vpcConfig.endpointPublicAccess"))} with ranges [${publicCidrs.join(", ")}], ${privateRules.length} private 443 rule(s) the provider waits for`,
      );
    });
  }
});

for (const stack of ["dev-eks", "prod-eks"]) {
  const prod = stack === "prod-eks";
  describe(`stack ${stack}`, () => {
    let recording: Recording;
    let plan: Plan;
    before(async () => {
      recording = await recordStack(stack);
      plan = buildPlan(recording.resources);
    });

    it("starts EBS volumes, EFS file systems and IAM roles in the first wave, not behind the cluster", () => {
      const controlPlane = ofType(recording, "aws:eks/cluster:Cluster")[0]!.urn;
      // A database's backup role (IRSA) trusts the cluster's OIDC issuer, known once the cluster exists.
      const irsa = (r: { name: string }) => r.name.endsWith("-backups-role");
      const early = recording.resources.filter(
        (r) =>
          ["aws:ebs/volume:Volume", "aws:efs/fileSystem:FileSystem", "aws:iam/role:Role"].includes(r.type) && !irsa(r),
      );
      assert.equal(early.length, 6, "1 volume, 1 file system, 4 roles");
      const oidc = ofType(recording, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
      for (const role of ofType(recording, "aws:iam/role:Role").filter(irsa))
        assert.ok(transitiveDependencies(recording, role).has(oidc[0]!.urn), `${role.name} trusts the OIDC provider`);
      const waveOf = new Map(plan.resources.map((p) => [p.resource.urn, p.wave]));
      for (const r of early) {
        assert.equal(waveOf.get(r.urn), 0, `${r.name} should start at once`);
        assert.ok(!transitiveDependencies(recording, r).has(controlPlane));
      }
      for (const target of ofType(recording, "aws:efs/mountTarget:MountTarget"))
        assert.ok(!transitiveDependencies(recording, target).has(controlPlane), `${target.name} waits for the cluster`);
    });

    it(`${prod ? "protects" : "does not protect"} cloud data and ${prod ? "retains" : "does not retain"} volumes, claims and the data namespace`, () => {
      for (const r of [
        ...ofType(recording, "aws:ebs/volume:Volume"),
        ...ofType(recording, "aws:efs/fileSystem:FileSystem"),
      ])
        assert.equal(r.protect, prod, r.name);
      for (const type of ["PersistentVolume", "PersistentVolumeClaim", "Namespace"])
        for (const r of ofType(recording, `kubernetes:core/v1:${type}`)) assert.equal(r.retainOnDelete, prod, r.name);
      assert.equal(input(named(recording, "platform-storage-gp3"), "reclaimPolicy"), prod ? "Retain" : "Delete");
    });

    it("runs the workload on gp3 with the EFS share mounted, after the storage drivers and claims", () => {
      const sts = named(recording, "platform-cache", "kubernetes:apps/v1:StatefulSet");
      assert.equal(input(sts, "spec.volumeClaimTemplates.0.spec.storageClassName"), "gp3");
      const volumes = input(sts, "spec.template.spec.volumes") as { persistentVolumeClaim?: { claimName: string } }[];
      assert.ok(volumes.some((v) => v.persistentVolumeClaim?.claimName === "shared"));
      const waits = transitiveDependencies(recording, sts);
      for (const name of [
        "platform-cluster-aws-ebs-csi-driver",
        "platform-cluster-aws-efs-csi-driver",
        "platform-storage-efs-shared-claim",
      ])
        assert.ok(
          recording.resources.some((r) => r.name === name && waits.has(r.urn)),
          `waits for ${name}`,
        );
    });

    it("reaches a working environment in at most 22 minutes along a path through the control plane and node groups", () => {
      // Control plane, node groups and add-ons (~15.5 min), then cert-manager and the Barman Cloud
      // plugin (3 min) and a PostgreSQL cluster awaited until Ready (3 min); the Rook operator, CSI
      // drivers and Ceph cluster charts (4.5 min) run beside them.
      assert.ok(plan.criticalSeconds <= 22 * 60, `${plan.criticalSeconds}s`);
      const path = plan.criticalPath.map((p) => p.resource.type);
      assert.ok(path.includes("aws:eks/cluster:Cluster") && path.includes("aws:eks/nodeGroup:NodeGroup"));
      assert.ok(
        !path.some((t) => t.startsWith("aws:efs/") || t.startsWith("aws:ebs/")),
        "storage is off the critical path",
      );
    });
  });
}
