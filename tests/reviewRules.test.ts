/**
 * Every resource type the program creates has a review rule: the plans of every shipped stack and
 * every every-option configuration are listed, and a type without a rule fails. Each replacement
 * trigger of a cluster-level type is checked on a modified copy of a real stack.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { recordEditedStack, type ConfigEdit } from "../tools/recorder/variants.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";
import { ruleFor } from "../tools/review/statefulTypes.ts";
import { recordUnderTest, STACKS_UNDER_TEST } from "./support/stacksUnderTest.ts";
import { propertyRuns } from "./support/properties.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

/** `value`, with every object in it frozen: a shared fixture that a mutation would make throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
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

describe("replacement triggers that depend on the resource's state", () => {
  let base: PlanDocument;
  before(async () => {
    // Frozen: each generated case shares it, and edits only a copy of the one resource it changes.
    base = deepFreeze(doc(await recordStack("prod-eks")));
  });

  /**
   * The change to the first resource of `type` when its inputs are `before` in one copy of `base` and
   * `after` in another. Other changes may follow from it (what takes values from a replaced resource),
   * but none is edited directly.
   */
  function diffOfEdited(type: string, before: Entry, after: Entry) {
    const target = base.resources.findIndex((r) => r.type === type);
    assert.ok(target >= 0, `prod-eks has a ${type}`);
    // A copy of the plan that shares every resource but the edited one (a whole copy per case was
    // most of these property tests' time).
    const edited = (inputs: Entry): PlanDocument => ({
      ...base,
      resources: base.resources.map((r, i) => (i === target ? { ...r, inputs: { ...r.inputs, ...inputs } } : r)),
    });
    const [from, to] = [edited(before), edited(after)];
    const changes = diffPlans(from, to).changes;
    const own = changes.filter((c) => c.urn === from.resources[target]!.urn);
    assert.ok(own.length <= 1);
    const followers = changes.filter((c) => c.urn !== from.resources[target]!.urn);
    assert.ok(
      followers.every((c) =>
        / (known only after deployment and may change with|may change with) /.test(c.reason ?? ""),
      ),
      followers.map((c) => `${c.name}: ${c.reason ?? ""}`).join("\n"),
    );
    if (own.length === 0) assert.deepEqual(followers, [], "nothing follows from an unchanged resource");
    return own[0];
  }

  it("a subnet's IPv6 CIDR replaces it only when it assigned IPv6 addresses on creation before", () => {
    const cidrs = ["2600:1f14:1:100::/64", "2600:1f14:1:200::/64"];
    let replaced = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...cidrs),
        fc.constantFrom(...cidrs),
        (wasOn, isOn, from, to) => {
          const change = diffOfEdited(
            "aws:ec2/subnet:Subnet",
            { assignIpv6AddressOnCreation: wasOn, ipv6CidrBlock: from },
            { assignIpv6AddressOnCreation: isOn, ipv6CidrBlock: to },
          );
          const expected = from !== to && wasOn ? "replace" : from !== to || wasOn !== isOn ? "update" : undefined;
          assert.equal(change?.kind, expected, `assign ${wasOn}→${isOn}, ${from}→${to}`);
          if (expected === "replace") {
            replaced++;
            assert.match(
              change?.reason ?? "",
              /^ipv6CidrBlock cannot change in place .*assign_ipv6_address_on_creation/,
            );
          }
        },
      ),
      { numRuns: propertyRuns(64) },
    );
    assert.ok(replaced > 0, "some generated change replaced the subnet");
  });

  it("an EKS cluster is replaced when its envelope encryption is removed, updated when only the key changes", () => {
    const encryption = (keyArn: string) => ({ resources: ["secrets"], provider: { keyArn } });
    const key = "arn:aws:kms:eu-west-1:111122223333:key/";
    const removed = diffOfEdited(
      "aws:eks/cluster:Cluster",
      { encryptionConfig: encryption(`${key}a`) },
      { encryptionConfig: undefined },
    );
    assert.equal(removed?.kind, "replace");
    assert.match(
      removed?.reason ?? "",
      /^encryptionConfig cannot change in place .*encryption_config that was set is removed/,
    );
    assert.equal(removed?.verdict, "data loss");
    const rekeyed = diffOfEdited(
      "aws:eks/cluster:Cluster",
      { encryptionConfig: encryption(`${key}a`) },
      { encryptionConfig: encryption(`${key}b`) },
    );
    assert.equal(rekeyed?.kind, "update");
    const added = diffOfEdited(
      "aws:eks/cluster:Cluster",
      { encryptionConfig: undefined },
      { encryptionConfig: encryption(`${key}a`) },
    );
    assert.equal(added?.kind, "update");
  });

  it("a security group ingress rule is replaced when its source changes kind, updated when only its value does", () => {
    const sources = {
      cidrIpv4: ["10.0.0.0/16", "192.168.0.0/24"],
      cidrIpv6: ["2600:1f14::/56", "fd00::/8"],
      prefixListId: ["pl-0123456789abcdef0", "pl-0fedcba9876543210"],
      referencedSecurityGroupId: ["sg-0123456789abcdef0", "(computed)"],
    };
    type Source = keyof typeof sources;
    const source = fc
      .constantFrom(...(Object.keys(sources) as Source[]))
      .chain((kind) => fc.constantFrom(...sources[kind]).map((value) => ({ kind, value })));
    const inputs = (s: { kind: Source; value: string }): Entry =>
      Object.fromEntries(Object.keys(sources).map((k) => [k, k === s.kind ? s.value : undefined]));
    let replaced = 0;
    fc.assert(
      fc.property(source, source, (from, to) => {
        const change = diffOfEdited(
          "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          inputs(from),
          inputs(to),
        );
        if (from.kind !== to.kind) {
          replaced++;
          assert.equal(change?.kind, "replace", `${from.kind} → ${to.kind}`);
          assert.match(change?.reason ?? "", /ModifyPlan/);
        } else {
          assert.notEqual(change?.kind, "replace", `${from.kind} ${from.value} → ${to.value}`);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
    assert.ok(replaced > 0, "some generated change switched the source");
  });

  it("an Azure disk's new zone is an update (which Azure refuses), not a replacement, at azure-native 3.28.0", async () => {
    const { diff, losses } = await changesOf("prod-aks", (c) => {
      Object.assign((key(c, "aks")["disks"] as Entry[])[0] as Entry, { sku: "Premium_LRS", zone: "1" });
    });
    const disk = diff.changes.filter((c) => c.type === "azure-native:compute:Disk");
    assert.equal(disk.length, 1, "the edit changes the disk");
    assert.equal(disk[0]?.kind, "update");
    assert.equal(disk[0]?.verdict, "refused");
    assert.ok(
      disk[0]?.paths.some((p) => p.startsWith("zones")),
      disk[0]?.paths.join(", "),
    );
    // The volume's node affinity follows the zone: that object is the Kubernetes rules' concern.
    assert.deepEqual(
      losses.filter((l) => l.includes("compute:Disk")),
      [],
    );
  });

  it("a change at each Azure storage path is a replacement exactly when azure-native 3.28.0 forces new", () => {
    const table: [string, string[], string[]][] = [
      [
        "azure-native:compute:Disk",
        ["diskName", "resourceGroupName"],
        ["location", "zones", "creationData", "extendedLocation", "diskSizeGB"],
      ],
      [
        "azure-native:storage:StorageAccount",
        ["accountName", "resourceGroupName", "location", "isHnsEnabled"],
        ["extendedLocation", "kind", "sku"],
      ],
      [
        "azure-native:storage:FileShare",
        ["shareName", "accountName", "resourceGroupName", "enabledProtocols"],
        ["shareQuota", "accessTier"],
      ],
    ];
    for (const [type, forcing, inPlace] of table) {
      const paths = ruleFor(type)?.replace?.paths ?? [];
      assert.deepEqual([...paths].sort(), [...forcing].sort(), type);
      for (const path of inPlace)
        assert.ok(!paths.some((p) => path === p || path.startsWith(`${p}.`)), `${type} ${path}`);
    }
  });
});
