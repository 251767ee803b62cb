/**
 * Cluster backups on the shipped stacks: prod-aks and prod-eks install Velero into a store they
 * create, reached by an identity trusted for Velero's service account only and scoped to that store;
 * Velero waits for the snapshot class (after the snapshot controller) and the identity, schedules
 * and restores for Velero; dev stacks have none until turned on; the policy refuses a prod copy
 * without a schedule; the review shows schedule and retention changes.
 */
import assert from "node:assert/strict";
import { VELERO_OBJECT_ACTIONS } from "../components/backups/policies.ts";
import { VELERO_SERVICE_ACCOUNT, VELERO_SNAPSHOT_CLASS_LABEL } from "../components/backups/veleroTypes.ts";
import { checkRecording } from "../policy/offline.ts";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, renderPlan, renderViolations } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { diffPlans } from "../tools/review/planDiff.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";
import { EVERY_OPTION_STACKS, recordUnderTest } from "./support/stacksUnderTest.ts";

const SCHEDULE = "kubernetes:velero.io/v1:Schedule";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SNAPSHOT_CLASS = "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass";
const POLICY = "production-data-has-a-backup";

const recordings = new Map<string, Promise<Recording>>();
const recorded = (stack: string) => {
  // Deployed: the IAM documents are known.
  if (!recordings.has(stack)) recordings.set(stack, recordStack(stack, false));
  return recordings.get(stack)!;
};
const velero = (r: Recording) => named(r, "platform-velero-server", RELEASE);
const off = (c: Record<string, unknown>) => (c["stateful-stack:backups"] = { enabled: false });

describe("cluster backups (Velero) with the data mover on AKS", () => {
  it("gives the node agent the workload-identity label its data-mover pods copy", async () => {
    const r = await recordEditedStack(
      "prod-aks",
      (c) => {
        c["stateful-stack:backups"] = { snapshotMoveData: true };
      },
      { preview: false },
    );
    const values = input(velero(r), "values") as Record<string, unknown>;
    assert.equal(values["deployNodeAgent"], true);
    assert.deepEqual(values["nodeAgent"], { podLabels: { "azure.workload.identity/use": "true" } });
  });
});

describe("cluster backups (Velero) of AKS volumes outlive the cluster", () => {
  const OUTLIVE = "backups-outlive-the-cluster";
  const text = (r: Recording) => renderPlan(r, buildPlan(r.resources));

  it("prod-aks moves the snapshots' data into its store by default, and the plan says so", async () => {
    const r = await recordStack("prod-aks");
    assert.match(text(r), /Schedule daily: .*volumes: CSI snapshots moved to the object store \(data mover\)/);
    assert.deepEqual(
      checkRecording(r).filter((v) => v.policy === OUTLIVE),
      [],
    );
    const deployed = await recorded("prod-aks");
    assert.equal(input(velero(deployed), "values.deployNodeAgent"), true);
    // The store's URI is the account's own blob endpoint (right in every Azure cloud).
    const location = (input(velero(deployed), "values.configuration.backupStorageLocation") as { config: Record<string, string> }[])[0]!; // prettier-ignore
    const account = String(input(named(deployed, "platform-velero-backups-account"), "accountName"));
    assert.equal(location.config["storageAccountURI"], `https://${account}.blob.core.windows.net/`);
  });

  it("an explicit snapshotMoveData: false on prod AKS is kept, with a warning that names the fix", async () => {
    const r = await recordEditedStack("prod-aks", (c) => {
      c["stateful-stack:backups"] = { snapshotMoveData: false };
    });
    assert.equal(input(ofType(r, SCHEDULE)[0]!, "spec.template.snapshotMoveData"), false);
    const warnings = checkRecording(r).filter((v) => v.policy === OUTLIVE);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.enforcement, "advisory");
    assert.match(warnings[0]!.message, /AKS node resource group, deleted with the cluster/);
    assert.match(warnings[0]!.message, /set stateful-stack:backups\.snapshotMoveData to true/);
    assert.match(renderViolations(checkRecording(r)), /! \[advisory\] backups-outlive-the-cluster: schedule "daily"/);
  });

  it("EBS snapshots outlive an EKS cluster (and it has no claim on a Ceph class), and dev keeps snapshots unless told", async () => {
    const eks = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:backups"] = { snapshotMoveData: false };
    });
    // Ceph claims kept as in-pool snapshots are advised on (veleroCephPolicy.test.ts); prod-eks has none.
    assert.deepEqual(
      checkRecording(eks).filter((v) => v.policy === OUTLIVE),
      [],
    );
    const dev = await recordEditedStack("dev-aks", (c) => (c["stateful-stack:backups"] = { enabled: true }));
    assert.equal(input(ofType(dev, SCHEDULE)[0]!, "spec.template.snapshotMoveData"), false);
  });
});

describe("cluster backups (Velero)", () => {
  for (const stack of ["prod-eks", "prod-aks"]) {
    describe(stack, () => {
      it("plans a daily schedule of every namespace kept 720h, after Velero", async () => {
        const r = await recorded(stack);
        const schedules = ofType(r, SCHEDULE);
        assert.equal(schedules.length, 1);
        const [daily] = schedules;
        assert.equal(input(daily!, "spec.schedule"), "0 3 * * *");
        assert.equal(input(daily!, "spec.template.ttl"), "720h");
        assert.equal(input(daily!, "spec.template.includedNamespaces"), undefined);
        assert.equal(input(daily!, "metadata.namespace"), "velero");
        assert.ok(daily!.dependencies.includes(velero(r).urn), "the schedule waits for the release (its CRDs)");
        assert.equal(daily!.retainOnDelete, true, "kept with the kept release");
        // The stack's static volumes (no storage class, or a file share), which Velero cannot
        // snapshot, are copied by the node agent's file-system backup through a volume policy in
        // place before the schedule.
        const policy = named(r, "platform-velero-volume-policy", "kubernetes:core/v1:ConfigMap");
        assert.deepEqual(input(daily!, "spec.template.resourcePolicy"), {
          kind: "configmap",
          name: input(policy, "metadata.name"),
        });
        assert.ok(daily!.dependencies.includes(policy.urn));
        // Velero reads a policy ConfigMap with exactly one key (internal/resourcepolicies getResourcePoliciesFromConfig).
        const data = input(policy, "data") as Record<string, string>;
        assert.deepEqual(Object.keys(data), ["policies.yaml"]);
        const text = data["policies.yaml"] as string;
        const statics = stack === "prod-aks" ? ["cache-data", "shared-assets"] : ["journal-a", "shared"];
        for (const volume of statics)
          assert.match(text, new RegExp(`stateful-stack/volume: "${volume}"\\n    action:\\n      type: fs-backup`));
        assert.equal((text.match(/type: fs-backup/g) ?? []).length, statics.length);
        assert.equal((text.match(/type: /g) ?? []).length, statics.length);
        assert.equal(input(velero(r), "values.deployNodeAgent"), true, "the file-system backup runs in the node agent");
        // AKS keeps CSI snapshots in the node resource group, deleted with the cluster: prod moves the data.
        assert.equal(input(velero(r), "values.configuration.defaultSnapshotMoveData"), stack === "prod-aks");
        assert.equal(input(daily!, "spec.template.snapshotMoveData"), stack === "prod-aks");
        if (stack === "prod-aks")
          assert.deepEqual(input(velero(r), "values.nodeAgent.podLabels"), { "azure.workload.identity/use": "true" });
        // The chart's CRD-upgrade hook pulls a kubectl image not published for these clusters' versions.
        assert.equal(input(velero(r), "values.upgradeCRDs"), false);
      });

      it("installs Velero after the snapshot class marked for it and after the store's identity", async () => {
        const r = await recorded(stack);
        const release = velero(r);
        const classes = ofType(r, SNAPSHOT_CLASS);
        assert.equal(classes.length, 1);
        assert.equal(
          (input(classes[0]!, "metadata.labels") as Record<string, string>)[VELERO_SNAPSHOT_CLASS_LABEL],
          "true",
        );
        const waits = transitiveDependencies(r, release);
        assert.ok(waits.has(classes[0]!.urn), "after the snapshot class");
        const identity =
          stack === "prod-eks"
            ? [named(r, "platform-velero-backups-access"), named(r, "platform-velero-backups-role")]
            : [named(r, "platform-velero-backups-federation"), named(r, "platform-velero-backups-blob-access")];
        for (const i of identity) assert.ok(waits.has(i.urn), `after ${i.name}`);
        assert.equal(input(release, "chart"), "velero");
        assert.equal(input(release, "version"), "11.4.0");
        assert.equal(input(release, "namespace"), "velero");
        assert.equal(release.retainOnDelete, true);
      });

      it("keeps its backups in a protected store of its own, reached by an identity scoped to it", async () => {
        const r = await recorded(stack);
        if (stack === "prod-eks") {
          const bucket = named(r, "platform-velero-backups-bucket");
          assert.equal(bucket.protect, true);
          const trust = JSON.parse(String(input(named(r, "platform-velero-backups-role"), "assumeRolePolicy"))) as {
            Statement: { Condition: { StringEquals: Record<string, string> } }[];
          };
          const subjects = Object.entries(trust.Statement[0]!.Condition.StringEquals).filter(([k]) =>
            k.endsWith(":sub"),
          );
          assert.deepEqual(
            subjects.map(([, v]) => v),
            [`system:serviceaccount:velero:${VELERO_SERVICE_ACCOUNT}`],
          );
          const policy = JSON.parse(String(input(named(r, "platform-velero-backups-access"), "policy"))) as {
            Statement: { Action: string[]; Resource: string }[];
          };
          assert.deepEqual(policy.Statement[1]!.Action, [...VELERO_OBJECT_ACTIONS]);
          for (const s of policy.Statement)
            assert.match(s.Resource, /^arn:aws:s3:::platform-velero-backups-[0-9a-f]{8}(\/\*)?$/);
          // One IAM OIDC provider serves the database's role and Velero's.
          assert.equal(ofType(r, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
        } else {
          assert.equal(named(r, "platform-velero-backups-account").protect, true);
          assert.equal(input(named(r, "platform-velero-backups-account"), "allowSharedKeyAccess"), false);
          const federation = named(r, "platform-velero-backups-federation");
          assert.equal(input(federation, "subject"), `system:serviceaccount:velero:${VELERO_SERVICE_ACCOUNT}`);
          const role = named(r, "platform-velero-backups-blob-access");
          assert.ok(role.propertyDependencies["scope"]?.includes(named(r, "platform-velero-backups-container").urn));
          // The user delegation key (links to a backup's logs) is the account's: "Storage Blob
          // Delegator" on this account alone, for the same identity, before Velero starts.
          const delegator = named(r, "platform-velero-backups-delegation-key");
          assert.ok(delegator.propertyDependencies["scope"]?.includes(named(r, "platform-velero-backups-account").urn));
          assert.match(
            String(input(delegator, "roleDefinitionId")),
            /\/providers\/Microsoft\.Authorization\/roleDefinitions\/db58b8e5-c6ad-4a2a-8342-4190687cbf4a$/,
          );
          assert.equal(input(delegator, "principalId"), input(role, "principalId"));
          assert.equal(delegator.retainOnDelete, true);
          assert.ok(transitiveDependencies(r, velero(r)).has(delegator.urn));
          // No Secret: the workload identity reaches the store.
          assert.equal(
            r.resources.filter((x) => x.type === "kubernetes:core/v1:Secret" && x.name.includes("velero")).length,
            0,
          );
        }
      });

      it("the policy passes, and refuses a copy without backups on every data object", async () => {
        const r = await recorded(stack);
        assert.deepEqual(
          checkRecording(r).filter((v) => v.policy === POLICY),
          [],
        );
        const copy = await recordEditedStack(stack, off);
        assert.equal(ofType(copy, SCHEDULE).length, 0);
        const violations = checkRecording(copy).filter((v) => v.policy === POLICY);
        assert.ok(violations.length >= 3, `${violations.length} violations`);
        assert.ok(violations.every((v) => v.enforcement === "mandatory"));
        assert.ok(violations.some((v) => v.message.includes("StatefulSet")));
        assert.match(violations[0]!.message, /keep stateful-stack:backups enabled/);
      });
    });
  }

  it("the policy refuses data outside every running schedule's namespaces", async () => {
    const copy = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:backups"] = { schedules: [{ name: "apps", cron: "@daily", includedNamespaces: ["apps"] }] };
    });
    const violations = checkRecording(copy).filter((v) => v.policy === POLICY);
    assert.ok(violations.length >= 3);
    assert.ok(
      violations.every((v) => /in namespace "(data|rook-ceph)"/.test(v.message)),
      violations[0]?.message,
    );
  });

  it("dev stacks have no Velero until backups are turned on", async () => {
    for (const stack of ["dev-aks", "dev-eks"]) {
      const r = await recorded(stack);
      assert.equal(ofType(r, SCHEDULE).length, 0, stack);
      assert.equal(r.resources.filter((x) => x.name.includes("velero")).length, 0, stack);
      const on = await recordEditedStack(stack, (c) => (c["stateful-stack:backups"] = { enabled: true }));
      assert.equal(ofType(on, SCHEDULE).length, 1, `${stack} with backups.enabled: true`);
    }
  });

  it("gives Velero the cron line the check read, without the blanks robfig/cron would refuse before a descriptor", async () => {
    const r = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:backups"] = { schedules: [{ name: "daily", cron: " @every 6h " }] };
    });
    assert.equal(input(ofType(r, SCHEDULE)[0]!, "spec.schedule"), "@every 6h");
  });

  it("the review shows a schedule's new cron line and shorter retention", async () => {
    const base = await recorded("prod-eks");
    const head = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:backups"] = { schedules: [{ name: "daily", cron: "0 1 * * *", ttl: "168h" }] };
    });
    const doc = (r: Recording) => planDocument(r, buildPlan(r.resources));
    const diff = diffPlans(doc(base), doc(head));
    const changes = diff.changes.filter((c) => c.type === SCHEDULE);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.kind, "update");
    assert.equal(changes[0]!.verdict, "safe");
    assert.match(changes[0]!.consequence, /backups now run at "0 1 \* \* \*" instead of "0 3 \* \* \*"/);
    assert.match(changes[0]!.consequence, /retention changes from 720h to 168h \(shorter/);
  });

  it("the review refuses a changed Restore, which Velero never runs again, and advises a new name", async () => {
    const restore = (namespaces: string[]) => (c: Record<string, unknown>) => {
      c["stateful-stack:restore"] = { name: "drill-1", scheduleName: "daily", includedNamespaces: namespaces };
    };
    const doc = (r: Recording) => planDocument(r, buildPlan(r.resources));
    const base = await recordEditedStack("prod-eks", restore(["data"]));
    const head = await recordEditedStack("prod-eks", restore(["data", "apps"]));
    const changes = diffPlans(doc(base), doc(head)).changes.filter((c) => c.type === "kubernetes:velero.io/v1:Restore");
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.verdict, "refused");
    assert.match(changes[0]!.advice ?? "", /new name/);
  });

  it("the review describes a new Restore: from which backup, what, and that running objects stay as they are", async () => {
    const doc = (r: Recording) => planDocument(r, buildPlan(r.resources));
    const base = await recordStack("prod-eks");
    const head = await recordEditedStack("prod-eks", (c) => {
      c["stateful-stack:restore"] = { name: "drill-1", scheduleName: "daily", includedNamespaces: ["data"] };
    });
    const added = diffPlans(doc(base), doc(head)).changes.filter((c) => c.type === "kubernetes:velero.io/v1:Restore");
    assert.equal(added.length, 1);
    assert.equal(added[0]!.kind, "add");
    assert.equal(
      added[0]!.reason,
      "restores namespaces data (persistentvolumeclaims, persistentvolumes, volumesnapshots.snapshot.storage.k8s.io) from the latest backup of schedule daily; objects that exist are left as they are; remove stateful-stack:restore once it has completed: Velero deletes the Restore when its backup expires, and an up after a refresh creates it again",
    );
  });

  it("the every-option configurations plan a restore and show what it brings back", async () => {
    const prod = EVERY_OPTION_STACKS.filter((s) => s.name.startsWith("prod-"));
    assert.equal(prod.length, 2);
    for (const stack of prod) {
      const r = await recordUnderTest(stack);
      const restores = ofType(r, "kubernetes:velero.io/v1:Restore");
      assert.equal(restores.length, 1, stack.name);
      assert.ok(restores[0]!.dependencies.includes(velero(r).urn));
      const text = renderPlan(r, buildPlan(r.resources));
      assert.match(text, /Cluster backups \(Velero\):/);
      assert.match(text, /Restore drill-[a-z]+: from /);
      assert.match(text, /brings back the claims of, created once it completes[^:]*: [a-z.]+ data\//);
    }
  });
});
