/**
 * Renaming a stack entry with `renamedFrom`: the shipped stacks recorded before and after the rename,
 * compared by the plan diff. Every resource the entry made is taken over through an alias naming its
 * old URN exactly, and nothing holding data is deleted or replaced.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ProviderSettings } from "../config/schema.ts";
import { ConfigError, validateStackConfig } from "../config/validate.ts";
import { buildPlan } from "../tools/plan/graph.ts";
import { planDocument, type PlanDocument } from "../tools/plan/render.ts";
import { recordStack } from "../tools/recorder/program.ts";
import { engineUrn, type Recording } from "../tools/recorder/record.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { dataLossChanges, diffPlans } from "../tools/review/planDiff.ts";

function doc(recording: Recording): PlanDocument {
  return planDocument(recording, buildPlan(recording.resources));
}

type Entry = Record<string, unknown>;

/** Renames entry `from` of the list at `key` (a top-level key or `aks.disks`) and the workloads' references to it. */
function rename(key: string, from: string, to: string) {
  return (config: Record<string, unknown>) => {
    const [top, list] = key.split(".") as [string, string | undefined];
    const holder = config[`stateful-stack:${top}`] as Record<string, unknown>;
    const entries = (list === undefined ? holder : holder[list]) as Entry[];
    const entry = entries.find((e) => e["name"] === from);
    assert.ok(entry, `${key} has an entry ${from}`);
    entry["name"] = to;
    entry["renamedFrom"] = from;
    for (const w of config["stateful-stack:workloads"] as Entry[]) {
      const volumes = w["volumes"] as string[] | undefined;
      if (volumes) w["volumes"] = volumes.map((v) => (v === from ? to : v));
      if (w["share"] === from) w["share"] = to;
    }
  };
}

/** The old URNs the name aliases of `recording` name, as the engine computes them (type aliases aside). */
function aliasUrns(recording: Recording): string[] {
  return recording.resources.flatMap((r) =>
    (r.aliases as { spec?: { name?: string; type?: string } }[])
      .filter((alias) => alias.spec?.name)
      .map((alias) =>
        engineUrn(
          recording.stack,
          recording.project,
          r.parent ?? "",
          alias.spec?.type || r.type,
          alias.spec?.name ?? "",
        ),
      ),
  );
}

/**
 * `kept`: types that must be taken over under an alias; `renamed`: types (holding no data) that
 * follow the new name, created anew and the old one deleted.
 */
const cases: { stack: string; key: string; from: string; to: string; kept: string[]; renamed?: string[] }[] = [
  {
    stack: "prod-aks",
    key: "aks.disks",
    from: "cache-data",
    to: "cache-volume",
    kept: [
      "azure-native:compute:Disk",
      "kubernetes:core/v1:PersistentVolume",
      "kubernetes:core/v1:PersistentVolumeClaim",
    ],
  },
  {
    stack: "prod-eks",
    key: "eks.volumes",
    from: "journal-a",
    to: "journal-main",
    kept: ["aws:ebs/volume:Volume", "kubernetes:core/v1:PersistentVolume", "kubernetes:core/v1:PersistentVolumeClaim"],
  },
  {
    stack: "prod-aks",
    key: "aks.shares",
    from: "shared-assets",
    to: "assets",
    kept: [
      "azure-native:storage:StorageAccount",
      "azure-native:storage:FileShare",
      "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:PersistentVolume",
      "kubernetes:core/v1:PersistentVolumeClaim",
    ],
  },
  {
    stack: "prod-eks",
    key: "eks.fileSystems",
    from: "shared",
    to: "common",
    kept: [
      "aws:efs/fileSystem:FileSystem",
      "aws:efs/accessPoint:AccessPoint",
      "aws:efs/mountTarget:MountTarget",
      "aws:ec2/securityGroup:SecurityGroup",
      "kubernetes:core/v1:PersistentVolume",
      "kubernetes:core/v1:PersistentVolumeClaim",
    ],
    renamed: ["kubernetes:storage.k8s.io/v1:StorageClass"],
  },
  {
    stack: "prod-aks",
    key: "workloads",
    from: "cache",
    to: "cache-api",
    kept: [
      "kubernetes:apps/v1:StatefulSet",
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:Secret",
      "kubernetes:policy/v1:PodDisruptionBudget",
      "random:index/randomPassword:RandomPassword",
    ],
  },
  {
    stack: "prod-aks",
    key: "etcdClusters",
    from: "config-store",
    to: "config",
    kept: ["kubernetes:operator.etcd.io/v1alpha1:EtcdCluster"],
  },
];

describe("renaming a stack entry with renamedFrom", () => {
  for (const c of cases) {
    it(`${c.stack}: ${c.key} ${c.from} → ${c.to} keeps every resource of the entry, under an alias`, async () => {
      const baseRecording = await recordStack(c.stack);
      const headRecording = await recordEditedStack(c.stack, rename(c.key, c.from, c.to));
      const baseUrns = new Set(baseRecording.resources.map((r) => r.urn));
      const aliased = aliasUrns(headRecording);
      assert.ok(aliased.length >= c.kept.length, `aliases registered: ${aliased.length}`);
      for (const urn of aliased) assert.ok(baseUrns.has(urn), `alias names a URN of the base plan: ${urn}`);

      const diff = diffPlans(doc(baseRecording), doc(headRecording));
      assert.deepEqual(dataLossChanges(diff), []);
      assert.deepEqual(
        diff.changes
          .filter((ch) => ch.kind !== "update" && !(c.renamed ?? []).includes(ch.type))
          .map((ch) => `${ch.kind} ${ch.urn}`),
        [],
        "nothing added, removed or replaced",
      );
      const renamed = diff.changes.filter((ch) => ch.renamedFrom !== undefined);
      for (const type of c.kept)
        assert.ok(
          renamed.some((ch) => ch.type === type),
          `${type} renamed with an alias`,
        );
      // The objects keep their physical names: no Kubernetes object's metadata.name changes.
      for (const ch of renamed) assert.ok(!ch.paths.includes("metadata.name"), `${ch.urn}: ${ch.paths.join(", ")}`);
    });
  }
});

const aksStack = (list: "disks" | "shares") => (entries: Entry[]) => ({
  environment: "prod",
  cloud: "aks",
  aks: {
    nodePools: [{ name: "data", zones: ["1"] }],
    authorizedIpRanges: ["203.0.113.0/24"],
    disks: [],
    shares: [],
    [list]: entries,
  },
});
const eksStack = (list: "volumes" | "fileSystems") => (entries: Entry[]) => ({
  environment: "prod",
  cloud: "eks",
  zones: ["eu-west-1a", "eu-west-1b"],
  eks: {
    network: { cidr: "10.20.0.0/16" },
    cluster: { publicEndpoint: true, publicAccessCidrs: ["198.51.100.0/24"] },
    nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4 }],
    admins: ["arn:aws:iam::123456789012:role/platform-admin"],
    volumes: [],
    fileSystems: [],
    [list]: entries,
  },
});

/** DNS labels. */
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
/** Azure share names: 3-63 lowercase letters and digits, single hyphens. */
const shareName = fc.stringMatching(/^[a-z0-9]{3,8}(-[a-z0-9]{1,6}){0,2}$/);
const azure = { azureLocation: "westeurope" };
const aws = { awsRegion: "eu-west-1" };

const kinds: {
  list: string;
  what: string;
  stack: (entries: Entry[]) => Record<string, unknown>;
  entry: (name: string) => Entry;
  provider: ProviderSettings;
  name: fc.Arbitrary<string>;
  /** How the name rule's message starts. */
  invalid: RegExp;
}[] = [
  {
    list: "aks.disks",
    what: "disk",
    stack: aksStack("disks"),
    entry: (name) => ({ name, size: "64Gi", zone: "1" }),
    provider: azure,
    name: label,
    invalid: /^must be a DNS label/,
  },
  {
    list: "aks.shares",
    what: "share",
    stack: aksStack("shares"),
    entry: (name) => ({ name, size: "100Gi" }),
    provider: azure,
    name: shareName,
    invalid: /^expected a share name/,
  },
  {
    list: "eks.volumes",
    what: "volume",
    stack: eksStack("volumes"),
    entry: (name) => ({ name, size: "20Gi", zone: "eu-west-1a" }),
    provider: aws,
    name: label,
    invalid: /^must be a DNS label/,
  },
  {
    list: "eks.fileSystems",
    what: "file system",
    stack: eksStack("fileSystems"),
    entry: (name) => ({ name }),
    provider: aws,
    name: label,
    invalid: /^must be a DNS label/,
  },
  {
    list: "workloads",
    what: "workload",
    stack: (workloads) => ({ ...eksStack("volumes")([]), workloads }),
    entry: (name) => ({ name, image: "redis:7.4.2-alpine", port: 6379, storageClass: "gp3", storageSize: "1Gi" }),
    provider: aws,
    name: fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/),
    invalid: /^(names|has \d+ characters)/,
  },
  {
    list: "etcdClusters",
    what: "etcd cluster",
    stack: (etcdClusters) => ({ ...eksStack("volumes")([]), etcdClusters }),
    entry: (name) => ({ name, storageClass: "gp3" }),
    provider: aws,
    name: fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/),
    invalid: /^(names|has \d+ characters)/,
  },
];

/** The problems `raw` is refused with, and the rendered message (none when it is accepted). */
function refusal(raw: Record<string, unknown>, provider: ProviderSettings): { keys: string[]; text: string } {
  try {
    validateStackConfig(raw, undefined, provider);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return { keys: error.problems.map((p) => `${p.key}: ${p.message}`), text: error.message };
  }
  return { keys: [], text: "" };
}

describe("renamedFrom in the stack configuration", () => {
  for (const kind of kinds) {
    const key = (i: number) => `stateful-stack:${kind.list}[${i}].renamedFrom`;

    it(`${kind.list}: a previous name that is valid and no other entry's is accepted`, () => {
      fc.assert(
        fc.property(kind.name, kind.name, kind.name, (a, b, previous) => {
          fc.pre(new Set([a, b, previous]).size === 3);
          const raw = kind.stack([kind.entry(a), { ...kind.entry(b), renamedFrom: previous }]);
          assert.deepEqual(refusal(raw, kind.provider).keys, []);
        }),
      );
    });

    it(`${kind.list}: refuses a previous name equal to its own name, at the key, with the fix`, () => {
      fc.assert(
        fc.property(kind.name, (name) => {
          const { keys, text } = refusal(kind.stack([{ ...kind.entry(name), renamedFrom: name }]), kind.provider);
          assert.deepEqual(keys, [
            `${key(0)}: is the ${kind.what}'s own name; remove renamedFrom, or set it to the name the ${kind.what} had before`,
          ]);
          assert.match(
            text,
            new RegExp(`pulumi config (rm|set) --path '${kind.list.replace(".", "\\.")}\\[0\\]\\.renamedFrom'`),
          );
        }),
      );
    });

    it(`${kind.list}: refuses a previous name its name rule refuses`, () => {
      const bad = fc.oneof(
        fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)),
        fc.constant("x".repeat(64)),
        fc.constant(""),
      );
      fc.assert(
        fc.property(kind.name, bad, (name, previous) => {
          const { keys } = refusal(kind.stack([{ ...kind.entry(name), renamedFrom: previous }]), kind.provider);
          assert.equal(keys.length, 1, keys.join("\n"));
          assert.ok(keys[0]?.startsWith(`${key(0)}: `), keys[0]);
          assert.match(keys[0]?.slice(key(0).length + 2) ?? "", kind.invalid);
        }),
      );
    });

    it(`${kind.list}: refuses a previous name that another entry has, or already had`, () => {
      fc.assert(
        fc.property(kind.name, kind.name, kind.name, fc.boolean(), (a, b, c, previousOfOther) => {
          fc.pre(new Set([a, b, c]).size === 3);
          const first = previousOfOther ? { ...kind.entry(a), renamedFrom: c } : kind.entry(a);
          const taken = previousOfOther ? c : a;
          const { keys } = refusal(kind.stack([first, { ...kind.entry(b), renamedFrom: taken }]), kind.provider);
          assert.equal(keys.length, 1, keys.join("\n"));
          assert.ok(keys[0]?.startsWith(`${key(1)}: is `), keys[0]);
          assert.match(keys[0] ?? "", previousOfOther ? /already the previous name of another/ : /the name of another/);
        }),
      );
    });
  }
});
