/**
 * A restore in `pulumi up` fails fast: a Job first waits, for a bounded time, until Velero has read
 * from its store the backup the restore names (on a new cluster it reads them about a minute after
 * starting, and a Restore created before fails validation for good); then `pulumi up` waits for the
 * Restore to end in any phase, and fails with Velero's reason unless it is Completed.
 */
import assert from "node:assert/strict";
import {
  RESTORE_FINAL_PHASES,
  RESTORE_GATE_DEADLINE_SECONDS,
  restoreVerdict,
} from "../components/backups/veleroRestore.ts";
import { platformBackupsProblems } from "../components/backups/veleroArgs.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";
import { kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";

const RESTORE = "kubernetes:velero.io/v1:Restore";
const JOB = "kubernetes:batch/v1:Job";
const LOCATION_PATCH = "kubernetes:velero.io/v1:BackupStorageLocationPatch";

const withRestore = (stack: string, restore: Record<string, unknown> | undefined, preview = true) =>
  recordEditedStack(
    stack,
    (c) => {
      if (restore) c["stateful-stack:restore"] = restore;
    },
    { preview },
  );
const only = (r: Recording, type: string) => {
  const found = ofType(r, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!;
};

describe("a restore in pulumi up fails fast", () => {
  for (const stack of ["prod-eks", "prod-aks"]) {
    describe(stack, () => {
      it("creates the Restore only once Velero lists the backup it restores, waiting at most 10 minutes", async () => {
        const r = await withRestore(stack, { name: "drill-1", scheduleName: "daily" });
        const restore = only(r, RESTORE);
        const gate = only(r, JOB);
        assert.ok(transitiveDependencies(r, restore).has(gate.urn), "the Restore waits for the gate");
        const release = ofType(r, "kubernetes:helm.sh/v3:Release").find((x) => input(x, "chart") === "velero")!;
        assert.ok(transitiveDependencies(r, gate).has(release.urn), "the gate runs once Velero is installed");
        assert.equal(input(gate, "metadata.namespace"), "velero");
        assert.equal(input(gate, "metadata.name"), "drill-1-gate");
        const pod = input(gate, "spec.template.spec") as Record<string, unknown>;
        assert.equal(pod["serviceAccountName"], "velero-server");
        assert.equal(pod["restartPolicy"], "Never");
        const [container] = pod["containers"] as Record<string, unknown>[];
        assert.equal(container!["image"], "docker.io/velero/velero:v1.17.2");
        assert.deepEqual(container!["command"], ["/velero"]);
        assert.deepEqual(container!["args"], [
          "restore",
          "create",
          "drill-1",
          "--from-schedule",
          "daily",
          "--namespace",
          "velero",
          "--output",
          "json",
        ]);
        assert.ok(RESTORE_GATE_DEADLINE_SECONDS <= 600);
        assert.equal(input(gate, "spec.activeDeadlineSeconds"), RESTORE_GATE_DEADLINE_SECONDS);
        assert.ok(
          Number((input(gate, "metadata.annotations") as Record<string, string>)["pulumi.com/timeoutSeconds"]) >
            RESTORE_GATE_DEADLINE_SECONDS,
          "pulumi up waits for the Job past its deadline, so the Job's own failure is what it reports",
        );
        assert.equal(
          (input(gate, "metadata.annotations") as Record<string, string>)["pulumi.com/replaceUnready"],
          "true",
          "a gate that failed runs again on the next up",
        );
        assert.equal(input(gate, "spec.template.spec.securityContext.runAsNonRoot"), true);
        assert.equal(input(gate, "spec.template.spec.containers.0.securityContext.allowPrivilegeEscalation"), false);
        // Pod Security "restricted", whatever the namespace enforces: Helm creates Velero's unlabelled.
        assert.equal(input(gate, "spec.template.spec.securityContext.runAsUser"), 1002);
        assert.equal(input(gate, "spec.template.spec.securityContext.seccompProfile.type"), "RuntimeDefault");
        assert.deepEqual(input(gate, "spec.template.spec.containers.0.securityContext.capabilities.drop"), ["ALL"]);
        assert.deepEqual(await kubernetesSchemaProblems(gate), []);
      });

      it("restores a schedule's latest backup only once Velero has read every backup of the store", async () => {
        const r = await withRestore(stack, { name: "drill-1", scheduleName: "daily" });
        const sync = only(r, LOCATION_PATCH);
        assert.equal(input(sync, "metadata.name"), "default");
        assert.equal(input(sync, "metadata.namespace"), "velero");
        assert.deepEqual(input(sync, "metadata.annotations"), {
          "pulumi.com/waitFor": "jsonpath={.status.lastSyncedTime}",
          "pulumi.com/timeoutSeconds": String(RESTORE_GATE_DEADLINE_SECONDS),
        });
        assert.equal(input(sync, "spec"), undefined, "the patch changes nothing Velero reads");
        const release = ofType(r, "kubernetes:helm.sh/v3:Release").find((x) => input(x, "chart") === "velero")!;
        assert.ok(transitiveDependencies(r, sync).has(release.urn), "after the chart creates the location");
        assert.ok(transitiveDependencies(r, only(r, JOB)).has(sync.urn), "the gate runs once the store is read");
        const byName = await withRestore(stack, { name: "drill-2", backupName: "daily-20260101030000" });
        assert.equal(ofType(byName, LOCATION_PATCH).length, 0, "a named backup is listed or not: no wait");
      });

      it("does not run the gate again when a newer Velero image comes with the program", async () => {
        const r = await withRestore(stack, { name: "drill-1", scheduleName: "daily" });
        const gate = only(r, JOB);
        assert.deepEqual(gate.ignoreChanges, ["spec.template.spec.containers[0].image"]);
        assert.equal(input(gate, "spec.template.spec.containers.0.image"), "docker.io/velero/velero:v1.17.2");
      });

      it("names the backup when the restore does", async () => {
        const r = await withRestore(stack, { name: "drill-2", backupName: "daily-20260101030000" });
        const args = input(only(r, JOB), "spec.template.spec.containers.0.args") as string[];
        assert.deepEqual(args.slice(0, 5), ["restore", "create", "drill-2", "--from-backup", "daily-20260101030000"]);
      });

      it("waits for the Restore to end in any phase, not only Completed", async () => {
        const r = await withRestore(stack, { name: "drill-1", scheduleName: "daily" });
        const annotations = input(only(r, RESTORE), "metadata.annotations") as Record<string, string>;
        assert.equal(
          annotations["pulumi.com/waitFor"],
          'jsonpath={.status[?@=="Completed" || @=="PartiallyFailed" || @=="Failed" || @=="FailedValidation"]}',
        );
        assert.equal(annotations["pulumi.com/timeoutSeconds"], "21600");
        assert.deepEqual(RESTORE_FINAL_PHASES, ["Completed", "PartiallyFailed", "Failed", "FailedValidation"]);
      });

      it("creates no Job without a restore", async () => {
        const r = await withRestore(stack, undefined);
        assert.equal(ofType(r, JOB).length, 0);
      });
    });
  }

  it("lets the workloads through once the deployed Restore is Completed", async () => {
    const r = await withRestore("prod-eks", { name: "drill-1", scheduleName: "daily" }, false);
    assert.ok(named(r, "platform-data", "kubernetes:core/v1:Namespace"));
    assert.ok(ofType(r, "kubernetes:apps/v1:StatefulSet").length >= 1);
  });

  it("refuses a restore name too long for its gate Job's name", () => {
    const context = { environment: "prod" as const, cloud: "eks" };
    const restore = (name: string) => ({ name, scheduleName: "daily" });
    assert.deepEqual(platformBackupsProblems(undefined, restore("r".repeat(58)), context), []);
    const problems = platformBackupsProblems(undefined, restore("r".repeat(59)), context);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]!.path, ["restore", "name"]);
    assert.match(problems[0]!.message, /at most 58 characters: its gate Job is named "<name>-gate"/);
  });

  describe("the verdict on a Restore that ended", () => {
    it("passes a Completed restore", () => {
      assert.equal(restoreVerdict("drill-1", { phase: "Completed", warnings: 2 }), undefined);
    });

    it("fails with Velero's validation errors", () => {
      const text = restoreVerdict("drill-1", {
        phase: "FailedValidation",
        validationErrors: ["No backups found for schedule"],
      });
      assert.match(text ?? "", /Velero restore "drill-1" ended FailedValidation: No backups found for schedule/);
      assert.match(text ?? "", /give the restore a new name/);
      assert.match(
        text ?? "",
        /If this restore completed in an earlier up, Velero deleted it with its backup \(expired or deleted\) and a refresh made pulumi up create it again: remove stateful-stack:restore\./,
      );
    });

    it("fails with the failure reason, or the count of errors, and where to read them", () => {
      const failed = restoreVerdict("drill-1", { phase: "Failed", failureReason: "error downloading backup" });
      assert.match(failed ?? "", /ended Failed: error downloading backup/);
      const partial = restoreVerdict("drill-1", { phase: "PartiallyFailed", errors: 3, warnings: 1 });
      assert.match(partial ?? "", /ended PartiallyFailed: 3 errors, 1 warning/);
      assert.match(partial ?? "", /velero restore describe drill-1 --details/);
    });

    it("fails a restore that reports no phase", () => {
      assert.match(restoreVerdict("drill-1", undefined) ?? "", /ended without a phase/);
    });
  });
});
