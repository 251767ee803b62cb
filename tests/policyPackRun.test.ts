/**
 * The policy pack as `pulumi preview --policy-pack policy` runs it: Pulumi's runner starts it in
 * its own process, the engine's Analyzer client asks for its policies and sends it a preview's
 * resources, and it reports exactly what the offline check (policy/offline.ts) reports.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CLOUD_DATA_TYPES } from "../policy/dataTypes.ts";
import { isProduction } from "../policy/model.ts";
import { checkRecording } from "../policy/offline.ts";
import { POLICIES } from "../policy/policies.ts";
import { loadProject, listStacks } from "../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import type { RecordedResource, Recording } from "../tools/recorder/record.ts";
import { COMPUTED } from "../tools/recorder/values.ts";
import { SUBPROCESS_BUDGET_MS } from "./support/cli.ts";
import {
  analyzerInfo,
  analyzerResources,
  analyzeStack,
  POLICY_PACK_DIR,
  startPolicyPack,
  type PackDiagnostic,
  type RunningPack,
} from "./support/policyPack.ts";

const PROD_STACKS = listStacks(loadProject(PROJECT_ROOT)).filter(isProduction);

/**
 * What the offline check finds that the engine can judge, as the pack reports it: the policy's
 * description, a new line and the message (@pulumi/policy@1.21.0 server.js, `makeReportViolationFun`).
 * The engine does not send retainOnDelete (see policy/index.ts), so that half of
 * data-retained-in-production is offline only.
 */
function offlineDiagnostics(recording: Recording): PackDiagnostic[] {
  const byName = new Map(POLICIES.map((p) => [p.name, p]));
  const resources = new Map(recording.resources.map((r) => [r.urn, r]));
  return checkRecording(recording)
    .filter(
      (v) =>
        !(
          v.policy === "data-retained-in-production" &&
          resources.get(v.urn)?.type.startsWith("kubernetes:core/v1:Persistent")
        ),
    )
    .map((v) => ({
      policy: v.policy,
      enforcement: v.enforcement,
      urn: v.urn,
      message: `${byName.get(v.policy)!.description}\n${v.message}`,
    }));
}

const sorted = (diagnostics: PackDiagnostic[]) =>
  [...diagnostics].sort((a, b) => `${a.policy} ${a.urn}`.localeCompare(`${b.policy} ${b.urn}`));

/** A copy of `recording` with `change` applied to every resource of `type`; fails when there is none. */
function changed(recording: Recording, type: string, change: (r: RecordedResource) => void): Recording {
  const copy = structuredClone(recording);
  const targets = copy.resources.filter((r) => r.type === type);
  assert.ok(targets.length > 0, `stack ${recording.stack} has no ${type}`);
  targets.forEach(change);
  return copy;
}

/** The advice the shipped prod stacks get, by policy: none. */
const SHIPPED_ADVICE: Record<string, string[]> = { "prod-aks": [], "prod-eks": [] };
/** The diagnostics beyond a shipped stack's known advice. */
const beyondAdvice = (stack: string, diagnostics: PackDiagnostic[]) =>
  diagnostics.filter((d) => !(d.enforcement === "advisory" && (SHIPPED_ADVICE[stack] ?? []).includes(d.policy)));

describe("the policy pack under Pulumi's policy-pack runner", function () {
  this.timeout(SUBPROCESS_BUDGET_MS);
  let pack: RunningPack | undefined;
  const running = () => {
    assert.ok(pack, "the policy pack did not start");
    return pack;
  };
  const recordings = new Map<string, Promise<Recording>>();
  const recorded = (stack: string) => {
    if (!recordings.has(stack)) recordings.set(stack, recordStack(stack));
    return recordings.get(stack)!;
  };
  /** Sends `recording` to the pack and checks it reports what the offline check reports. */
  async function sameAsOffline(recording: Recording): Promise<PackDiagnostic[]> {
    const online = await analyzeStack(running(), analyzerResources(recording));
    assert.deepEqual(sorted(online), sorted(offlineDiagnostics(recording)), running().stderr());
    return online;
  }

  before(async () => {
    pack = await startPolicyPack();
  });
  after(() => pack?.stop());

  it("describes itself to the engine with every policy of policy/policies.ts and its enforcement level", async () => {
    const { version } = JSON.parse(readFileSync(path.join(POLICY_PACK_DIR, "package.json"), "utf8")) as {
      version: string;
    };
    const info = await analyzerInfo(running());
    assert.equal(info.name, "stateful-stack");
    assert.equal(info.version, version);
    assert.ok(POLICIES.length >= 9);
    assert.deepEqual(
      info.policies,
      POLICIES.map((p) => ({ name: p.name, enforcement: p.enforcement })),
    );
  });

  it("has production stacks to judge", () => assert.deepEqual(PROD_STACKS, ["prod-aks", "prod-eks"]));

  for (const stack of PROD_STACKS) {
    it(`reports no violation (only the stack's known advice) in the preview of ${stack}, as the offline check`, async () => {
      const online = await sameAsOffline(await recorded(stack));
      assert.deepEqual(
        online.map((d) => [d.policy, d.enforcement]),
        (SHIPPED_ADVICE[stack] ?? []).map((policy) => [policy, "advisory"]),
      );
    });

    it(`refuses each unprotected data resource of ${stack} with the offline check's violation`, async () => {
      const recording = await recorded(stack);
      const data = recording.resources.filter((r) => r.type in CLOUD_DATA_TYPES);
      assert.ok(data.length >= 2, `${stack} has ${data.length} data resources`);
      for (const resource of data) {
        const unprotected = structuredClone(recording);
        unprotected.resources.find((r) => r.urn === resource.urn)!.protect = false;
        const online = beyondAdvice(stack, await sameAsOffline(unprotected));
        assert.deepEqual(
          online.map((d) => [d.policy, d.enforcement, d.urn]),
          [["data-protected-in-production", "mandatory", resource.urn]],
        );
      }
    });
  }

  // In a first preview, what comes from resources not yet created is unknown. The engine sends it
  // as unknown and @pulumi/policy throws when a policy reads it, which skips the whole policy
  // with an advisory note; the policies read it as `(computed)`, as offline, and judge the rest.
  const unknowns: { what: string; change: (disk: RecordedResource) => void }[] = [
    { what: "encryption type", change: (disk) => (disk.inputs["encryption"] = { type: COMPUTED }) },
    { what: "whole encryption", change: (disk) => (disk.inputs["encryption"] = COMPUTED) },
  ];
  for (const { what, change } of unknowns) {
    it(`a disk whose ${what} is known only after deployment hides no other resource's violation`, async () => {
      const recording = changed(
        changed(await recorded("prod-aks"), "azure-native:compute:Disk", change),
        "azure-native:storage:StorageAccount",
        (account) => ((account.inputs["encryption"] as { services: object }).services = { blob: { enabled: false } }),
      );
      // Every storage account (the share's, the database backups' and Velero's) lost its blob encryption.
      const accounts = recording.resources.filter((r) => r.type === "azure-native:storage:StorageAccount");
      assert.equal(accounts.length, 3);
      const online = await sameAsOffline(recording);
      assert.deepEqual(
        online.map((d) => [d.policy, d.enforcement, d.urn]).sort(),
        accounts.map((a) => ["data-encrypted-at-rest", "mandatory", a.urn]).sort(),
      );
    });
  }

  it("refuses Kubernetes resources on the default provider, named as the engine names it, as offline", async () => {
    const recording = changed(await recorded("prod-eks"), "kubernetes:core/v1:Service", (service) => {
      service.provider = undefined;
    });
    const services = recording.resources.filter((r) => r.type === "kubernetes:core/v1:Service");
    const online = beyondAdvice("prod-eks", await sameAsOffline(recording));
    assert.deepEqual(
      online.map((d) => [d.policy, d.enforcement, d.urn]),
      services.map((s) => ["explicit-kubernetes-provider", "mandatory", s.urn]),
    );
  });

  it("leaves retainOnDelete to the offline check: the engine does not send it", async () => {
    const recording = changed(
      await recorded("prod-aks"),
      "kubernetes:core/v1:PersistentVolume",
      (volume) => (volume.retainOnDelete = false),
    );
    const offline = checkRecording(recording).map((v) => v.policy);
    assert.deepEqual(offline, ["data-retained-in-production", "data-retained-in-production"]);
    assert.deepEqual(await sameAsOffline(recording), []);
  });
});
