/**
 * Every resource type the program creates has a review rule: the plans of every shipped stack and
 * every every-option configuration are listed, and a type without a rule fails. Each replacement
 * trigger of a cluster-level type is checked on a modified copy of a real stack.
 */
import assert from "node:assert/strict";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack, type ConfigEdit } from "../tools/recorder/variants.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { recordUnderTest, STACKS_UNDER_TEST } from "./support/stacksUnderTest.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

type Entry = Record<string, unknown>;
/** The `stateful-stack:<key>` object of an edited configuration. */
const key = (config: Record<string, unknown>, name: string) => config[`stateful-stack:${name}`] as Entry;

/** The plan diff of `stack` against a copy edited by `edit`: `kind type name` of each change, and which lose data. */
async function changesOf(stack: string, edit: ConfigEdit) {
  const diff = diffPlans(doc(await recordStack(stack)), doc(await recordEditedStack(stack, edit)));
  const line = (c: { kind: string; type: string; name: string }) => `${c.kind} ${c.type} ${c.name}`;
  return {
    diff,
    replaced: diff.changes
      .filter((c) => c.kind === "replace")
      .map(line)
      .sort(),
    losses: dataLossChanges(diff).map(line).sort(),
  };
}

describe("review rules", () => {
  it("cover every type that any stack or every-option configuration creates", async () => {
    assert.ok(STACKS_UNDER_TEST.length >= 8, "every shipped stack and every-option configuration");
    const stacksByType = new Map<string, Set<string>>();
    for (const stack of STACKS_UNDER_TEST) {
      for (const r of (await recordUnderTest(stack)).resources) {
        if (!r.custom && !r.remote) continue;
        if (ruleFor(r.type, r.inputs) !== undefined) continue;
        stacksByType.set(r.type, (stacksByType.get(r.type) ?? new Set()).add(stack.name));
      }
    }
    const missing = [...stacksByType].map(([type, stacks]) => `${type} (${[...stacks].join(", ")})`).sort();
    assert.deepEqual(missing, [], "types without a rule in tools/review/statefulTypes.ts");
  });

  it("give every rule a source", async () => {
    const types = new Set<string>();
    for (const stack of STACKS_UNDER_TEST) {
      for (const r of (await recordUnderTest(stack)).resources) {
        if (!r.custom && !r.remote) continue;
        const rule = ruleFor(r.type, r.inputs);
        assert.ok(rule?.replace?.source, `${r.type} names where its replacement triggers come from`);
        types.add(r.type);
      }
    }
    assert.ok(types.size >= 40, `${types.size} types`);
  });

  describe("cluster-level triggers on modified copies of the real stacks", () => {
    it("a new EKS service CIDR replaces the cluster: data loss, as everything inside goes", async () => {
      const { diff, losses } = await changesOf("prod-eks", (c) => {
        (key(c, "eks")["cluster"] as Entry)["serviceCidr"] = "172.21.0.0/16";
      });
      assert.deepEqual(losses, ["replace aws:eks/cluster:Cluster platform-cluster-cluster"]);
      const cluster = diff.changes.find((c) => c.type === "aws:eks/cluster:Cluster");
      assert.match(
        cluster?.reason ?? "",
        /^kubernetesNetworkConfig\.serviceIpv4Cidr cannot change in place \(hashicorp\/terraform-provider-aws/,
      );
      assert.equal(cluster?.verdict, "data loss");
      assert.match(cluster?.what ?? "", /every Kubernetes object/);
    });

    it("a new Azure location replaces the resource group and the AKS cluster: data loss", async () => {
      const { losses } = await changesOf("prod-aks", (c) => (c["azure-native:location"] = "northeurope"));
      for (const container of [
        "replace azure-native:resources:ResourceGroup platform-cluster-rg",
        "replace azure-native:containerservice:ManagedCluster platform-cluster-aks",
      ]) {
        assert.ok(losses.includes(container), `${container} in ${losses.join("; ")}`);
      }
    });

    it("a new EKS instance type replaces the node group: disruption, not data loss", async () => {
      const { diff, replaced, losses } = await changesOf("prod-eks", (c) => {
        ((key(c, "eks")["nodeGroups"] as Entry[])[1] as Entry)["instanceTypes"] = ["r7i.2xlarge"];
      });
      assert.deepEqual(replaced, ["replace aws:eks/nodeGroup:NodeGroup platform-cluster-memory"]);
      assert.deepEqual(losses, []);
      assert.deepEqual(
        diff.changes.filter((c) => c.verdict !== "safe").map((c) => `${c.verdict} ${c.name}`),
        ["disruption platform-cluster-memory"],
      );
    });

    it("a new AKS node pool VM size replaces the pool: disruption, not data loss", async () => {
      const { replaced, losses } = await changesOf("prod-aks", (c) => {
        ((key(c, "aks")["nodePools"] as Entry[])[0] as Entry)["vmSize"] = "Standard_E8ds_v5";
      });
      assert.deepEqual(replaced, ["replace azure-native:containerservice:AgentPool platform-cluster-data"]);
      assert.deepEqual(losses, []);
    });
  });
});
