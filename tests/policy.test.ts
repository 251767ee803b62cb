/**
 * The safety policies: for each, a resource that passes and one that fails with its message; the
 * deliberately unsafe fixture fails with every violation named; every shipped stack passes.
 */
import assert from "node:assert/strict";
import type { CheckedResource, CheckedStack, StackPolicy } from "../policy/model.ts";
import { checkRecording } from "../policy/offline.ts";
import { POLICIES } from "../policy/policies.ts";
import { encryptedAtRest, protectedInProduction, retainedInProduction } from "../policy/rules/data.ts";
import { apiEndpointNotPublic } from "../policy/rules/endpoint.ts";
import { csiDriverIdentity } from "../policy/rules/identity.ts";
import { customResourceAfterOperator, explicitProvider, statefulSetCompanions } from "../policy/rules/kubernetes.ts";
import { backupsOutliveCluster } from "../policy/rules/snapshotLocation.ts";
import { storageAccountTransport } from "../policy/rules/storageAccount.ts";
import { CLOUD_DATA_TYPES, KUBERNETES_DATA_TYPES } from "../policy/dataTypes.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { loadProject, listStacks } from "../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import { record } from "../tools/recorder/record.ts";
import { unsafeProgram } from "./fixtures/unsafeProgram.ts";

let counter = 0;
function res(type: string, props: Record<string, unknown>, extra: Partial<CheckedResource> = {}): CheckedResource {
  const name = `r${++counter}`;
  return {
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    props,
    protect: false,
    retainOnDelete: false,
    provider: "urn:pulumi:s::p::pulumi:providers:kubernetes::k8s",
    parent: undefined,
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

function messages(policy: StackPolicy, resources: CheckedResource[], stack = "prod"): string[] {
  const checked: CheckedStack = { stack, resources };
  return policy.check(checked).map((v) => v.message);
}

describe("policies", () => {
  it("protects in production exactly the cloud types the review warns of losing, by the same names", () => {
    const protectedTypes = Object.keys(CLOUD_DATA_TYPES);
    assert.equal(protectedTypes.length, 7);
    for (const type of [...protectedTypes, ...Object.keys(KUBERNETES_DATA_TYPES)]) {
      const rule = ruleFor(type);
      assert.equal(rule?.holdsData, true, type);
      assert.equal(rule?.what, CLOUD_DATA_TYPES[type] ?? KUBERNETES_DATA_TYPES[type]);
    }
  });

  it("data-encrypted-at-rest: encrypted EBS passes; unencrypted EFS fails", () => {
    assert.deepEqual(messages(encryptedAtRest, [res("aws:ebs/volume:Volume", { encrypted: true })]), []);
    const fs = res("aws:efs/fileSystem:FileSystem", {});
    assert.deepEqual(messages(encryptedAtRest, [fs]), [
      `EFS file system "${fs.name}" is not encrypted at rest: set encrypted: true (found undefined)`,
    ]);
  });

  it("data-protected-in-production: protected disk passes; unprotected share fails in prod only", () => {
    assert.deepEqual(messages(protectedInProduction, [res("azure-native:compute:Disk", {}, { protect: true })]), []);
    const share = res("azure-native:storage:FileShare", {});
    assert.deepEqual(messages(protectedInProduction, [share], "dev"), []);
    assert.deepEqual(messages(protectedInProduction, [share], "prod-aks"), [
      `Azure file share "${share.name}" must be protected in production stack "prod-aks" (resource option protect: true)`,
    ]);
  });

  it("data-retained-in-production: Retain classes and retained claims pass; Delete and unretained fail", () => {
    const good = [
      res("kubernetes:storage.k8s.io/v1:StorageClass", { provisioner: "disk.csi.azure.com", reclaimPolicy: "Retain" }),
      res("kubernetes:core/v1:PersistentVolumeClaim", {}, { retainOnDelete: true }),
      res("kubernetes:core/v1:PersistentVolume", {}, { retainOnDelete: undefined }),
    ];
    assert.deepEqual(messages(retainedInProduction, good), []);
    const cls = res("kubernetes:storage.k8s.io/v1:StorageClass", { provisioner: "ebs.csi.aws.com" });
    const pv = res("kubernetes:core/v1:PersistentVolume", {});
    const db = res("kubernetes:postgresql.cnpg.io/v1:Cluster", {});
    assert.deepEqual(messages(retainedInProduction, [cls, pv, db]), [
      `storage class "${cls.name}" (ebs.csi.aws.com) must use reclaimPolicy: Retain in production (found "Delete (the default)")`,
      `PersistentVolume "${pv.name}" must be retainOnDelete in production, so removing it from the program never deletes its data`,
      `Cluster "${db.name}" must be retainOnDelete in production, so removing it from the program never deletes its data`,
    ]);
  });

  it("storage-account-secure-access: HTTPS, TLS 1.2 and no public blobs pass; each lapse fails", () => {
    assert.deepEqual(
      messages(storageAccountTransport, [
        res("azure-native:storage:StorageAccount", {
          enableHttpsTrafficOnly: true,
          minimumTlsVersion: "TLS1_2",
          allowBlobPublicAccess: false,
        }),
      ]),
      [],
    );
    const account = res("azure-native:storage:StorageAccount", {
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_0",
      allowBlobPublicAccess: false,
    });
    assert.deepEqual(messages(storageAccountTransport, [account]), [
      `storage account "${account.name}": minimumTlsVersion must be TLS1_2 or newer (found "TLS1_0")`,
    ]);
  });

  it("api-endpoint-not-public-in-production: limited CIDRs or private pass; 0.0.0.0/0 and no ranges fail", () => {
    const limited = res("aws:eks/cluster:Cluster", {
      vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    });
    const privateAks = res("azure-native:containerservice:ManagedCluster", {
      apiServerAccessProfile: { enablePrivateCluster: true },
    });
    assert.deepEqual(messages(apiEndpointNotPublic, [limited, privateAks]), []);
    const open = res("aws:eks/cluster:Cluster", {
      vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
    });
    const aks = res("azure-native:containerservice:ManagedCluster", {});
    assert.deepEqual(messages(apiEndpointNotPublic, [open, aks]), [
      `cluster "${open.name}" exposes its API endpoint to the internet in production: publicAccessCidrs includes 0.0.0.0/0`,
      `cluster "${aks.name}" exposes its API endpoint to the internet in production: the API server is public with no authorizedIPRanges: set them or enablePrivateCluster`,
    ]);
    assert.deepEqual(messages(apiEndpointNotPublic, [open], "dev"), []);
  });

  it("csi-driver-own-identity: a Pod Identity role passes; the node role with the EBS policy fails", () => {
    const trust = (service: string) => JSON.stringify({ Statement: [{ Principal: { Service: service } }] });
    const podRole = res("aws:iam/role:Role", { assumeRolePolicy: trust("pods.eks.amazonaws.com") });
    const nodeRole = res("aws:iam/role:Role", { assumeRolePolicy: trust("ec2.amazonaws.com") });
    const attach = (role: CheckedResource) =>
      res(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" },
        { propertyDependencies: { role: [role.urn] } },
      );
    const addon = res("aws:eks/addon:Addon", {
      addonName: "aws-ebs-csi-driver",
      podIdentityAssociations: [{ roleArn: "x", serviceAccount: "ebs-csi-controller-sa" }],
    });
    assert.deepEqual(messages(csiDriverIdentity, [podRole, attach(podRole), addon]), []);
    const bad = attach(nodeRole);
    assert.deepEqual(messages(csiDriverIdentity, [nodeRole, bad]), [
      `AmazonEBSCSIDriverPolicy is attached to role "${nodeRole.name}", trusted by ec2.amazonaws.com: storage permissions belong to a role trusted only by pods.eks.amazonaws.com`,
    ]);
  });

  it("explicit-kubernetes-provider: an explicit provider passes; the default provider fails", () => {
    assert.deepEqual(messages(explicitProvider, [res("kubernetes:core/v1:ConfigMap", {})]), []);
    const cm = res("kubernetes:core/v1:ConfigMap", {}, { provider: undefined });
    assert.deepEqual(messages(explicitProvider, [cm]), [
      `kubernetes:core/v1:ConfigMap "${cm.name}" uses the default Kubernetes provider: pass the cluster's provider`,
    ]);
  });

  it("custom-resource-after-operator: a custom resource waiting for its Helm release passes; one without fails", () => {
    const release = res("kubernetes:helm.sh/v3:Release", {});
    const good = res("kubernetes:operator.etcd.io/v1alpha1:EtcdCluster", {}, { dependencies: [release.urn] });
    assert.deepEqual(messages(customResourceAfterOperator, [release, good]), []);
    const orphan = res("kubernetes:ceph.rook.io/v1:CephCluster", {});
    assert.deepEqual(messages(customResourceAfterOperator, [orphan]), [
      `custom resource kubernetes:ceph.rook.io/v1:CephCluster "${orphan.name}" does not depend on any operator installation (Release, Chart, ConfigFile, ConfigGroup, Subscription, ClusterExtension)`,
    ]);
  });

  it("statefulset-headless-service-and-budget: with both passes; without them fails", () => {
    const sts = res("kubernetes:apps/v1:StatefulSet", {
      metadata: { namespace: "d" },
      spec: { serviceName: "db-h", template: { metadata: { labels: { app: "db" } } } },
    });
    const svc = res("kubernetes:core/v1:Service", {
      metadata: { name: "db-h", namespace: "d" },
      spec: { clusterIP: "None" },
    });
    const pdb = res("kubernetes:policy/v1:PodDisruptionBudget", {
      metadata: { namespace: "d" },
      spec: { selector: { matchLabels: { app: "db" } } },
    });
    assert.deepEqual(messages(statefulSetCompanions, [sts, svc, pdb]), []);
    assert.deepEqual(messages(statefulSetCompanions, [sts]), [
      `StatefulSet "${sts.name}" has no headless service (clusterIP: None) named "db-h" in its namespace`,
      `StatefulSet "${sts.name}" has no PodDisruptionBudget selecting its pods`,
    ]);
  });

  it("backups-outlive-the-cluster: warns of Azure Disk snapshots kept in the disks' resource group, in prod only", () => {
    const SCHEDULE = "kubernetes:velero.io/v1:Schedule";
    const azureClass = (parameters: Record<string, string>) =>
      res("kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", {
        metadata: { name: "azure-disk-snapshots", labels: { "velero.io/csi-volumesnapshot-class": "true" } },
        driver: "disk.csi.azure.com",
        parameters,
      });
    const schedule = (template: Record<string, unknown>) =>
      res(SCHEDULE, { metadata: { name: "daily" }, spec: { schedule: "@daily", template } });
    const kept = schedule({ snapshotMoveData: false });
    const warned = messages(backupsOutliveCluster, [azureClass({ incremental: "true" }), kept]);
    assert.equal(warned.length, 1);
    assert.match(warned[0]!, /schedule "daily" .* AKS node resource group, deleted with the cluster/);
    assert.equal(backupsOutliveCluster.enforcement, "advisory");
    // Moved data, a class that names a resource group, EBS snapshots, a dev stack: nothing to say.
    assert.deepEqual(messages(backupsOutliveCluster, [azureClass({}), schedule({ snapshotMoveData: true })]), []);
    assert.deepEqual(messages(backupsOutliveCluster, [azureClass({ resourceGroup: "rg-snapshots" }), kept]), []);
    const ebs = res("kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", {
      metadata: { name: "ebs", labels: { "velero.io/csi-volumesnapshot-class": "true" } },
      driver: "ebs.csi.aws.com",
    });
    assert.deepEqual(messages(backupsOutliveCluster, [ebs, kept]), []);
    assert.deepEqual(messages(backupsOutliveCluster, [azureClass({}), kept], "dev-aks"), []);
  });

  it("the unsafe fixture, as a production stack, breaks every policy", async () => {
    const recording = await record(unsafeProgram, { project: "stateful-stack", stack: "prod-unsafe" });
    // Each policy at its own level: an advisory policy's violations are advisory.
    const broken = new Set(checkRecording(recording).map((v) => `${v.policy} (${v.enforcement})`));
    assert.deepEqual([...broken].sort(), POLICIES.map((p) => `${p.name} (${p.enforcement})`).sort());
  });

  for (const stack of listStacks(loadProject(PROJECT_ROOT))) {
    it(`stack ${stack} has no mandatory violation`, async () => {
      const violations = checkRecording(await recordStack(stack)).filter((v) => v.enforcement === "mandatory");
      assert.deepEqual(
        violations.map((v) => `${v.policy}: ${v.message}`),
        [],
      );
    });
  }
});
