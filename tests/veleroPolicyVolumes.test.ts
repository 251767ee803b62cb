/**
 * The policy "production data has a backup" judges how a claim's data is copied as Velero v1.17.2
 * does: a CSI snapshot needs a VolumeSnapshotClass labelled for Velero on the driver of the claim's
 * storage class; a volume policy Velero refuses fails every backup of the schedule; volume-policy
 * conditions are evaluated where the stack shows the volume, and taken both ways where it does not;
 * a node agent the stack cannot see deployed is not assumed. Hand-built stacks, and copies of the
 * shipped prod stacks.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { CheckedResource } from "../policy/model.ts";
import { checkRecording } from "../policy/offline.ts";
import { productionDataBackedUp, productionSnapshotUnverified, VELERO_SCHEDULE } from "../policy/rules/backup.ts";
import { readVolumePolicies } from "../policy/rules/veleroVolumePolicy.ts";
import { recordStack } from "../tools/recorder/program.ts";
import type { Recording } from "../tools/recorder/record.ts";
import { RUNS } from "./support/names.ts";
import { checkedResource } from "./support/checkedResources.ts";
import { propertyRuns } from "./support/properties.ts";

const POLICY = "production-data-has-a-backup";
const ADVISORY = "production-backup-snapshot-unverified";
const LABEL = "velero.io/csi-volumesnapshot-class";

const res = (type: string, props: Record<string, unknown>) => checkedResource(type, props, "v");
const schedule = (template: Record<string, unknown> = {}) =>
  res(VELERO_SCHEDULE, { metadata: { name: "s", namespace: "velero" }, spec: { schedule: "@daily", template } });
const withPolicy = schedule({ resourcePolicy: { kind: "configmap", name: "p" } });
const policyMap = (yaml: string) =>
  res("kubernetes:core/v1:ConfigMap", {
    metadata: { name: "p", namespace: "velero" },
    data: { "policies.yaml": yaml },
  });
const claim = (storageClassName: string | undefined, size = "100Gi", labels: Record<string, string> = {}) =>
  res("kubernetes:core/v1:PersistentVolumeClaim", {
    metadata: { name: "data-0", namespace: "data", labels },
    spec: {
      ...(storageClassName === undefined ? {} : { storageClassName }),
      resources: { requests: { storage: size } },
    },
  });
const storageClass = (name: string, provisioner: string, isDefault = false) =>
  res("kubernetes:storage.k8s.io/v1:StorageClass", {
    metadata: {
      name,
      ...(isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}),
    },
    provisioner,
  });
let snapshotClasses = 0;
const snapshotClass = (driver: string, metadata: Record<string, unknown> = { labels: { [LABEL]: "true" } }) =>
  res("kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", {
    metadata: { name: `vsc-${++snapshotClasses}`, ...metadata },
    driver,
  });
const agent = (deployNodeAgent: unknown) =>
  res("kubernetes:helm.sh/v3:Release", { chart: "velero", values: { deployNodeAgent } });
const mounting = () =>
  res("kubernetes:apps/v1:Deployment", {
    metadata: { name: "app", namespace: "data" },
    spec: { template: { spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data-0" } }] } } },
  });
const check = (resources: CheckedResource[]) =>
  productionDataBackedUp.check({ stack: "prod", resources }).map((v) => v.message);
const advise = (resources: CheckedResource[]) =>
  productionSnapshotUnverified.check({ stack: "prod", resources }).map((v) => v.message);
const DISK = "disk.csi.azure.com";

describe("production data has a backup: a CSI snapshot needs a VolumeSnapshotClass Velero picks", () => {
  it("counts a snapshot only when the driver of the claim's storage class has a class labelled (or annotated default) for Velero", () => {
    const base = [schedule(), storageClass("fast", DISK), claim("fast")];
    const none = check(base);
    assert.equal(none.length, 1);
    assert.match(none[0]!, /persistent volume claim "data-0" in namespace "data" has no backup of its data/);
    assert.match(
      none[0]!,
      /no VolumeSnapshotClass of the stack for driver "disk\.csi\.azure\.com" \(storage class "fast"\)/,
    );
    assert.match(none[0]!, /fix: set the claim's spec\.storageClassName to a storage class whose driver has one/);
    assert.match(
      check([...base, snapshotClass(DISK, {})])[0]!,
      /does not, so Velero picks it only if it is the driver's only class/,
    );
    assert.equal(check([...base, snapshotClass("file.csi.azure.com")]).length, 1);
    assert.deepEqual(check([...base, snapshotClass(DISK)]), []);
    // Velero reads the label's presence, and falls back to the default-class annotation.
    assert.deepEqual(check([...base, snapshotClass(DISK, { labels: { [LABEL]: "false" } })]), []);
    assert.deepEqual(
      check([
        ...base,
        snapshotClass(DISK, { annotations: { "snapshot.storage.kubernetes.io/is-default-class": "true" } }),
      ]),
      [],
    );
  });

  it("refuses a class with an in-tree provisioner, whose volumes are not CSI volumes", () => {
    const found = check([
      schedule(),
      storageClass("old", "kubernetes.io/azure-disk"),
      claim("old"),
      snapshotClass(DISK),
    ]);
    assert.match(found[0]!, /in-tree provisioner "kubernetes\.io\/azure-disk".*not CSI volumes/);
  });

  it("resolves a claim without a class to the stack's default class", () => {
    const gp3 = storageClass("gp3", "ebs.csi.aws.com", true);
    assert.match(check([schedule(), gp3, claim(undefined)])[0]!, /driver "ebs\.csi\.aws\.com" \(storage class "gp3"\)/);
    assert.deepEqual(check([schedule(), gp3, claim(undefined), snapshotClass("ebs.csi.aws.com")]), []);
  });

  it("resolves the Rook chart's Ceph classes and snapshot classes from the release's values", () => {
    const rook = (values: Record<string, unknown>) =>
      res("kubernetes:helm.sh/v3:Release", {
        chart: "rook-ceph-cluster",
        values: { cephBlockPools: [{ name: "p", storageClass: { enabled: true, name: "ceph-block" } }], ...values },
      });
    const found = check([schedule(), rook({}), claim("ceph-block")]);
    assert.match(found[0]!, /driver "rook-ceph\.rbd\.csi\.ceph\.com" \(storage class "ceph-block"\)/);
    assert.match(found[0]!, /cephBlockPoolsVolumeSnapshotClass\.enabled/);
    assert.match(check([schedule(), rook({ operatorNamespace: "ops" }), claim("ceph-block")])[0]!, /"ops\.rbd\.csi/);
    // The chart annotates its class is-default-class ("true" or "false"), which Velero takes.
    assert.deepEqual(
      check([schedule(), rook({ cephBlockPoolsVolumeSnapshotClass: { enabled: true } }), claim("ceph-block")]),
      [],
    );
    assert.deepEqual(advise([schedule(), rook({}), claim("ceph-block")]), []);
  });

  it("says it cannot tell (advisory, naming the class and the key) when the class is not in the stack", () => {
    for (const [name, why] of [
      ["managed-csi", /its storage class "managed-csi" is not created by the stack/],
      [undefined, /names no storage class, so it gets the cluster's default class, which the stack does not create/],
    ] as const) {
      const stack = [schedule(), storageClass("fast", DISK), snapshotClass(DISK), claim(name)];
      assert.deepEqual(check(stack), []);
      const advice = advise(stack);
      assert.equal(advice.length, 1, name);
      assert.match(advice[0]!, /persistent volume claim "data-0" in namespace "data" may have no backup of its data/);
      assert.match(advice[0]!, why);
      assert.match(advice[0]!, /to a storage class whose driver has one \(in this stack: "fast"\)/);
    }
    assert.deepEqual(advise([schedule(), storageClass("fast", DISK), snapshotClass(DISK), claim("fast")]), []);
  });
});

describe("production data has a backup: a volume policy Velero refuses", () => {
  const valid = `version: v1\nvolumePolicies:\n  - conditions:\n      capacity: "0,10Gi"\n      csi: {driver: ${DISK}}\n      storageClass: [fast]\n      volumeTypes: [csi]\n      nfs: {}\n      pvcLabels: {a: b}\n    action:\n      type: skip\n`;
  const bad: [string, string, RegExp][] = [
    [
      "version",
      valid.replace("version: v1", "version: v2"),
      /version "v2", and Velero v1\.17\.2 reads only version "v1"/,
    ],
    ["no version", valid.replace("version: v1\n", ""), /version "", and Velero/],
    [
      "action type",
      valid.replace("type: skip", "type: backup"),
      /volumePolicies\[0\]\.action\.type "backup" is not an action .*\(skip, fs-backup, snapshot\)/,
    ],
    [
      "condition key",
      valid.replace("pvcLabels:", "labels:"),
      /volumePolicies\[0\]\.conditions: field "labels" is not one Velero reads/,
    ],
    ["top field", `${valid}extra: 1\n`, /field "extra" is not one Velero reads/],
    [
      "capacity",
      valid.replace('"0,10Gi"', '"10Gi,1Gi"'),
      /capacity "10Gi,1Gi" has its upper bound below its lower bound/,
    ],
    ["capacity format", valid.replace('"0,10Gi"', '"10Gi"'), /capacity "10Gi" is not "<lower>,<upper>"/],
    [
      "csi attributes",
      valid.replace(`csi: {driver: ${DISK}}`, "csi: {volumeAttributes: {a: b}}"),
      /csi\.volumeAttributes needs csi\.driver/,
    ],
    ["pvcLabels", valid.replace("pvcLabels: {a: b}", "pvcLabels: [a]"), /pvcLabels is not a map/],
    [
      "action field",
      valid.replace("type: skip", "type: skip\n      mode: x"),
      /action: field "mode" is not one Velero reads/,
    ],
  ];

  it("accepts every v1 condition and action", () =>
    assert.equal((readVolumePolicies({ k: valid }) as unknown[]).length, 1));

  for (const [what, yaml, named] of bad)
    it(`refuses a policy with a bad ${what}, naming the field, for every claim and data object of the schedule`, () => {
      const sts = res("kubernetes:apps/v1:StatefulSet", { metadata: { name: "db", namespace: "data" }, spec: {} });
      const found = check([
        withPolicy,
        policyMap(yaml),
        storageClass("fast", DISK),
        snapshotClass(DISK),
        claim("fast"),
        sts,
      ]);
      assert.equal(found.length, 2, found.join("\n"));
      for (const m of found) {
        assert.match(m, /its volume policy in ConfigMap "p" /);
        assert.match(m, named);
        assert.match(m, /Velero fails every backup of the schedule \(FailedValidation\)/);
        assert.match(m, /fix: correct the field named/);
      }
    });

  it("refuses any action type but the three Velero accepts", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((t) => /^[a-z-]+$/.test(t)),
        (type) => {
          const read = readVolumePolicies({ k: `version: v1\nvolumePolicies:\n  - action: {type: ${type}}\n` });
          assert.equal(typeof read === "string", !["skip", "fs-backup", "snapshot"].includes(type), type);
        },
      ),
      { numRuns: propertyRuns(RUNS) },
    );
  });
});

describe("production data has a backup: conditions evaluated, or taken both ways", () => {
  const skipIf = (conditions: string) =>
    policyMap(`version: v1\nvolumePolicies:\n  - conditions:\n${conditions}    action:\n      type: skip\n`);
  const snapshotted = [withPolicy, storageClass("fast", DISK), snapshotClass(DISK)];

  it("evaluates csi.driver, volumeTypes, nfs and storageClass against the claim's storage class", () => {
    assert.deepEqual(check([...snapshotted, skipIf("      csi: {driver: file.csi.azure.com}\n"), claim("fast")]), []);
    assert.match(
      check([...snapshotted, skipIf(`      csi: {driver: ${DISK}}\n`), claim("fast")])[0]!,
      /skips the claim's data/,
    );
    assert.deepEqual(check([...snapshotted, skipIf("      volumeTypes: [nfs]\n"), claim("fast")]), []);
    assert.match(check([...snapshotted, skipIf("      volumeTypes: [csi]\n"), claim("fast")])[0]!, /skips/);
    assert.deepEqual(check([...snapshotted, skipIf("      nfs: {}\n"), claim("fast")]), []);
    assert.deepEqual(check([...snapshotted, skipIf("      storageClass: [slow]\n"), claim("fast")]), []);
  });

  it("takes a condition it cannot evaluate both ways, naming it", () => {
    // A provisioned volume is at least its request: above the range it surely does not match.
    assert.deepEqual(check([...snapshotted, skipIf('      capacity: "0,10Gi"\n'), claim("fast", "100Gi")]), []);
    const maybe = check([...snapshotted, skipIf('      capacity: "0,10Gi"\n'), claim("fast", "5Gi")]);
    assert.match(
      maybe[0]!,
      /skips the claim's data \(action skip\), should volumePolicies\[0\]\.conditions\.capacity of its volume policy go that way/,
    );
    const attrs = check([
      ...snapshotted,
      skipIf(`      csi: {driver: ${DISK}, volumeAttributes: {skuName: Premium_LRS}}\n`),
      claim("fast"),
    ]);
    assert.match(attrs[0]!, /conditions\.csi of its volume policy go that way/);
    // The other way: an fs-backup the conditions may give needs what a file-system backup needs.
    const fs = policyMap(
      `version: v1\nvolumePolicies:\n  - conditions:\n      capacity: "0,10Gi"\n    action:\n      type: fs-backup\n`,
    );
    assert.match(
      check([...snapshotted, fs, claim("fast", "5Gi"), agent(true)])[0]!,
      /no workload of the stack mounts the claim/,
    );
    assert.deepEqual(check([...snapshotted, fs, claim("fast", "5Gi"), agent(true), mounting()]), []);
  });

  it("applies a policy's snapshot action even when the schedule sets snapshotVolumes: false", () => {
    const off = schedule({ resourcePolicy: { kind: "configmap", name: "p" }, snapshotVolumes: false });
    const snap = policyMap("version: v1\nvolumePolicies:\n  - action:\n      type: snapshot\n");
    assert.deepEqual(check([off, snap, storageClass("fast", DISK), snapshotClass(DISK), claim("fast")]), []);
    assert.match(
      check([schedule({ snapshotVolumes: false }), storageClass("fast", DISK), snapshotClass(DISK), claim("fast")])[0]!,
      /snapshotVolumes: false/,
    );
  });
});

describe("production data has a backup: the node agent", () => {
  const fs = policyMap("version: v1\nvolumePolicies:\n  - action:\n      type: fs-backup\n");
  it("does not assume a node agent it cannot see deployed", () => {
    assert.deepEqual(check([withPolicy, fs, claim(""), mounting(), agent(true)]), []);
    for (const unknown of ["(computed)", undefined]) {
      const found = check([withPolicy, fs, claim(""), mounting(), agent(unknown)]);
      assert.equal(found.length, 1);
      assert.match(found[0]!, /the stack cannot tell whether the node agent that runs it is deployed/);
      assert.match(found[0]!, /fix: give the Velero release a plain deployNodeAgent: true/);
    }
  });
});

describe("production data has a backup: the data mover", () => {
  it("needs the node agent to move a snapshot's data", () => {
    const stack = [storageClass("fast", DISK), snapshotClass(DISK), claim("fast")];
    const moved = schedule({ snapshotMoveData: true });
    assert.deepEqual(check([moved, ...stack, agent(true)]), []);
    assert.match(
      check([moved, ...stack, agent(false)])[0]!,
      /moved to the object store by the data mover.*the node agent is not deployed/,
    );
    const byDefault = res("kubernetes:helm.sh/v3:Release", {
      chart: "velero",
      values: { deployNodeAgent: false, configuration: { defaultSnapshotMoveData: true } },
    });
    assert.match(check([schedule(), ...stack, byDefault])[0]!, /data mover/);
    assert.deepEqual(check([schedule({ snapshotMoveData: false }), ...stack, byDefault]), []);
  });
});

describe("production data has a backup: the prod stacks in a first preview", () => {
  const previews = new Map<string, Promise<Recording>>();
  const preview = (stack: string) => {
    if (!previews.has(stack)) previews.set(stack, recordStack(stack));
    return previews.get(stack)!;
  };
  const violations = (r: Recording, policy = POLICY) => checkRecording(r).filter((v) => v.policy === policy);
  const edited = async (stack: string, edit: (inputs: Record<string, unknown>, type: string) => void) => {
    const copy = structuredClone(await preview(stack));
    for (const r of copy.resources) edit(r.inputs, r.type);
    return copy;
  };
  const spec = (inputs: Record<string, unknown>) => inputs["spec"] as Record<string, unknown>;
  const classes: Record<string, [snapshotted: string, unsnapshotted: string]> = {
    "prod-aks": ["azure-disk-data", "azure-files-data"],
    "prod-eks": ["gp3", "efs-shared"],
  };

  for (const [stack, [snapshotted, unsnapshotted]] of Object.entries(classes)) {
    describe(stack, () => {
      it("knows in a preview that the node agent is deployed, and passes with no advice", async () => {
        const r = await preview(stack);
        const release = r.resources.find(
          (x) => x.type === "kubernetes:helm.sh/v3:Release" && x.inputs["chart"] === "velero",
        );
        assert.equal((release?.inputs["values"] as Record<string, unknown> | undefined)?.["deployNodeAgent"], true);
        assert.deepEqual(violations(r), []);
        assert.deepEqual(violations(r, ADVISORY), []);
      });

      it(`fails on a copy with a second replica on a class without a Velero snapshot class (${unsnapshotted}), naming the claim and the class`, async () => {
        const twice = (storageClassName: string) =>
          edited(stack, (inputs, type) => {
            if (type !== "kubernetes:apps/v1:StatefulSet") return;
            spec(inputs)["replicas"] = 2;
            for (const t of spec(inputs)["volumeClaimTemplates"] as { spec: Record<string, unknown> }[])
              t.spec["storageClassName"] = storageClassName;
          });
        assert.deepEqual(violations(await twice(snapshotted)), []);
        const found = violations(await twice(unsnapshotted));
        assert.equal(found.length, 1, found.map((v) => v.message).join("\n"));
        assert.match(found[0]!.message, /claim "data-cache-1" of StatefulSet "cache"/);
        assert.match(found[0]!.message, new RegExp(`storage class "${unsnapshotted}"`));
        assert.match(
          found[0]!.message,
          new RegExp(
            // The Rook-Ceph classes have Velero snapshot classes too.
            `stateful-stack:workloads\\[<i>\\]\\.storageClass\\) to a storage class whose driver has one \\(in this stack: "${snapshotted}", "ceph-block", "ceph-filesystem"\\)`,
          ),
        );
      });

      it("fails on a copy whose volume policy Velero refuses (version v2), for every claim and data object", async () => {
        const copy = await edited(stack, (inputs, type) => {
          const data = inputs["data"] as Record<string, string> | undefined;
          if (type === "kubernetes:core/v1:ConfigMap" && data?.["policies.yaml"])
            data["policies.yaml"] = data["policies.yaml"].replace("version: v1", "version: v2");
        });
        const found = violations(copy);
        assert.ok(found.length >= 5, `${found.length}`);
        assert.ok(found.every((v) => /version "v2", and Velero v1\.17\.2 reads only version "v1"/.test(v.message)));
      });

      it("evaluates a csi.driver condition against the static volumes: the share falls to a snapshot it cannot take", async () => {
        const disk = stack === "prod-aks" ? DISK : "ebs.csi.aws.com";
        const copy = await edited(stack, (inputs, type) => {
          const data = inputs["data"] as Record<string, string> | undefined;
          if (type === "kubernetes:core/v1:ConfigMap" && data?.["policies.yaml"])
            data["policies.yaml"] = data["policies.yaml"].replaceAll(
              "      pvcLabels:",
              `      csi: {driver: ${disk}}\n      pvcLabels:`,
            );
        });
        const found = violations(copy);
        assert.equal(found.length, 1, found.map((v) => v.message).join("\n"));
        assert.match(found[0]!.message, /persistent volume claim "shared(-assets)?".*bound without a storage class/);
      });
    });
  }
});
