/**
 * The contract with OLM v0.46.0 (operator-framework/operator-lifecycle-manager@v0.46.0, which serves
 * the `operators.coreos.com` API of operator-framework/api v0.45.0): what a subscription renders,
 * where it may live, and that a cluster has OLM before anything subscribes.
 *
 * Facts from upstream at those tags:
 * - deploy/upstream/quickstart/olm.yaml and deploy/upstream/values.yaml: OLM creates the namespaces
 *   `olm` (OperatorGroup `olm-operators`, CatalogSource `operatorhubio-catalog`) and `operators`
 *   (the global OperatorGroup `global-operators`).
 * - pkg/controller/operators/olm/operator.go: a ClusterServiceVersion in a namespace with more than
 *   one OperatorGroup fails with reason `TooManyOperatorGroups`.
 * - deploy/chart/crds/0000_50_olm_00-subscriptions.crd.yaml: `spec` requires `name`, `source`,
 *   `sourceNamespace`; pkg/operators/v1alpha1/installplan_types.go (api): approval is `Automatic` or `Manual`.
 */
import assert from "node:assert/strict";
import {
  OLM_OWNED_NAMESPACES,
  Operator,
  operatorLayerProblems,
  operatorProblems,
  type SubscriptionSpec,
} from "../../components/index.ts";
import { OLM_CRDS_URL, OLM_MANIFEST_URL, OLM_VERSION } from "../../components/operators/versions.ts";
import { validateStackConfig } from "../../config/index.ts";
import { record, type RecordedResource, type Recording } from "../../tools/recorder/record.ts";
import { problemsOf } from "../support/config.ts";
import { input, ofType, transitiveDependencies } from "../support/graph.ts";
import { clusterWithNodes } from "../support/operators.ts";
import { recordStackWith, stackRaw } from "../support/stackConfig.ts";
import { cloudOf, recordUnderTest, STACKS_UNDER_TEST } from "../support/stacksUnderTest.ts";

const SUBSCRIPTION = "kubernetes:operators.coreos.com/v1alpha1:Subscription";
const OPERATOR_GROUP = "kubernetes:operators.coreos.com/v1:OperatorGroup";
const CONFIG_FILE = "kubernetes:yaml/v2:ConfigFile";
const APPROVALS: readonly string[] = ["Automatic", "Manual"];
const pg = { name: "pg", namespace: "pg-operator", olm: { package: "postgresql", channel: "v5" } };

/** Checks every subscription and operator group of a recording against the contract; returns the subscriptions. */
function checkSubscriptions(recording: Recording): RecordedResource[] {
  const subscriptions = ofType(recording, SUBSCRIPTION);
  const groups = ofType(recording, OPERATOR_GROUP);
  const groupNamespaces = groups.map((g) => String(input(g, "metadata.namespace")));
  assert.equal(new Set(groupNamespaces).size, groups.length, "at most one OperatorGroup per namespace");
  for (const subscription of subscriptions) {
    const spec = input(subscription, "spec") as SubscriptionSpec;
    for (const field of ["name", "source", "sourceNamespace"] as const)
      assert.equal(typeof spec[field], "string", `${subscription.name}: spec.${field} is required`);
    if (spec.installPlanApproval !== undefined) assert.ok(APPROVALS.includes(spec.installPlanApproval));
    const namespace = String(input(subscription, "metadata.namespace"));
    assert.ok(!(OLM_OWNED_NAMESPACES as readonly string[]).includes(namespace), `${subscription.name} in ${namespace}`);
    assert.ok(groupNamespaces.includes(namespace), `${subscription.name}: an OperatorGroup shares its namespace`);
  }
  return subscriptions;
}

describe("OLM v0.46.0 contract", () => {
  it("renders an OperatorGroup and a Subscription as the operators.coreos.com API takes them", async () => {
    const recording = await record(
      () =>
        new Operator("pg", {
          cluster: clusterWithNodes(),
          namespace: "pg-operator",
          olm: { package: "postgresql", channel: "v5", targetNamespaces: ["apps"] },
        }),
      { project: "proj", stack: "test" },
    );
    const [subscription] = checkSubscriptions(recording);
    assert.ok(subscription);
    assert.deepEqual(input(subscription, "spec"), {
      name: "postgresql",
      channel: "v5",
      source: "operatorhubio-catalog",
      sourceNamespace: "olm",
      installPlanApproval: "Automatic",
    });
    const [group] = ofType(recording, OPERATOR_GROUP);
    assert.deepEqual(input(group as RecordedResource, "spec"), { targetNamespaces: ["apps"] });
  });

  it("installs OLM from the pinned release, and a cloud stack's subscriptions wait for it", async () => {
    assert.equal(OLM_VERSION, "v0.46.0");
    assert.match(OLM_CRDS_URL, /\/releases\/download\/v0\.46\.0\/crds\.yaml$/);
    assert.match(OLM_MANIFEST_URL, /\/releases\/download\/v0\.46\.0\/olm\.yaml$/);
    const recording = await recordStackWith("dev-eks", { installOlm: "true", operators: [pg] });
    const subscriptions = checkSubscriptions(recording);
    assert.equal(subscriptions.length, 1);
    const olm = ofType(recording, CONFIG_FILE).filter((r) => r.name.endsWith("-olm-olm"));
    assert.equal(olm.length, 1, "OLM is installed");
    for (const subscription of subscriptions)
      assert.ok(transitiveDependencies(recording, subscription).has((olm[0] as RecordedResource).urn));
  });

  it("no stack subscribes in a namespace OLM owns, or on a cloud cluster without OLM", async () => {
    assert.ok(STACKS_UNDER_TEST.length >= 8);
    let subscribed = 0;
    for (const stack of STACKS_UNDER_TEST) {
      const recording = await recordUnderTest(stack);
      const subscriptions = checkSubscriptions(recording);
      subscribed += subscriptions.length;
      if (cloudOf(stack) !== "existing" && subscriptions.length > 0)
        assert.ok(
          ofType(recording, CONFIG_FILE).some((r) => r.name.endsWith("-olm-olm")),
          `${stack.name} installs OLM for its subscriptions`,
        );
    }
    assert.ok(subscribed >= 3, "the every-option stacks subscribe to operators on every kind of cluster");
  });

  it("config refuses an OLM subscription on AKS or EKS without installOlm, naming both fixes", () => {
    for (const stack of ["dev-eks", "dev-aks"]) {
      const { raw, provider } = stackRaw(stack);
      const cloud = stack === "dev-eks" ? "eks" : "aks";
      assert.deepEqual(problemsOf({ ...raw, operators: [pg] }, provider), [
        {
          key: "stateful-stack:operators[0].olm",
          value: { ...pg.olm, targetNamespaces: [] },
          message: `cloud "${cloud}" comes without the Operator Lifecycle Manager, so this subscription would never install: set installOlm to true, or install the operator from helm or manifest`,
        },
      ]);
      assert.equal(
        validateStackConfig({ ...raw, operators: [pg], installOlm: "true" }, stack, provider).installOlm,
        true,
      );
    }
    const { raw, provider } = stackRaw("local");
    assert.equal(
      validateStackConfig({ ...raw, operators: [pg] }, "local", provider).operators.length,
      1,
      "an existing cluster may have OLM",
    );
  });

  it("the operator layer refuses the same, given the cluster", () => {
    const spec = { operators: [pg] };
    assert.deepEqual(operatorLayerProblems(spec, [], { cloud: "eks" }), [
      {
        path: ["operators", 0, "olm"],
        value: pg.olm,
        message:
          'cloud "eks" comes without the Operator Lifecycle Manager, so this subscription would never install: set installOlm to true, or install the operator from helm or manifest',
      },
    ]);
    assert.deepEqual(operatorLayerProblems({ ...spec, installOlm: true }, [], { cloud: "eks" }), []);
    assert.deepEqual(operatorLayerProblems(spec, [], { cloud: "existing" }), []);
  });

  it("refuses OLM's own namespaces for a subscription, and for anything the stack creates when it installs OLM", () => {
    for (const namespace of OLM_OWNED_NAMESPACES) {
      const [problem, ...rest] = operatorProblems({ ...pg, namespace });
      assert.deepEqual(rest, []);
      assert.deepEqual([problem?.path, problem?.value], [["namespace"], namespace]);
      assert.match(problem?.message ?? "", /^belongs to OLM .*second OperatorGroup.*TooManyOperatorGroups/);
    }
    const { raw, provider } = stackRaw("local");
    const helm = { repository: "https://charts.example.com", chart: "thing", version: "1.0.0" };
    const problems = problemsOf(
      {
        ...raw,
        installOlm: "true",
        operators: [
          { ...pg, namespace: "operators" },
          { name: "thing", namespace: "olm", helm },
        ],
      },
      provider,
    );
    assert.deepEqual(
      problems.map((p) => [p.key, p.value]),
      [
        ["stateful-stack:operators[0].namespace", "operators"],
        ["stateful-stack:operators[1].namespace", "olm"],
      ],
    );
    assert.match(problems[1]?.message ?? "", /which this stack installs, and its objects would clash with OLM's/);
    assert.deepEqual(
      problemsOf({ ...raw, installOlm: "true", namespace: "operators" }, provider).map((p) => [p.key, p.message]),
      [
        [
          "stateful-stack:namespace",
          "belongs to OLM, which this stack installs: the stack would create it a second time and delete it with its own; choose another name",
        ],
      ],
    );
    assert.deepEqual(
      operatorLayerProblems(
        {
          installOlm: true,
          access: [{ namespace: "olm", group: "devs", operator: "etcd" }],
          etcdClusters: [{ name: "e", storageClass: "s" }],
        },
        ["s"],
        { cloud: "existing" },
      ),
      [
        {
          path: ["access", 0, "namespace"],
          value: "olm",
          message:
            "belongs to OLM, which this stack installs: the stack would create it a second time and delete it with its own; choose another name",
        },
      ],
    );
    assert.equal(
      validateStackConfig({ ...raw, operators: [{ name: "thing", namespace: "olm", helm }] }, "local", provider)
        .operators.length,
      1,
      "without OLM in the stack, a chart may use any namespace",
    );
  });
});
