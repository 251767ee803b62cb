/**
 * Contract of the AWS storage layer with the EBS and EFS CSI drivers, at the releases the EKS
 * add-ons ship: the rendered storage classes carry only documented parameters with documented
 * values, the required ones present, and the names that must agree across objects do (provisioner,
 * persistent volume driver, snapshot class driver, the controllers' service accounts given IAM roles).
 */
import assert from "node:assert/strict";
import { EksCluster } from "../../components/cluster/eks/index.ts";
import { AwsStorage } from "../../components/storage/aws/index.ts";
import {
  CSI_CONTROLLER_SERVICE_ACCOUNTS,
  EBS_CSI_DRIVER,
  EBS_CSI_DRIVER_TAG,
  EBS_STORAGE_CLASS_PARAMETERS,
  EFS_CSI_DRIVER,
  EFS_CSI_DRIVER_TAG,
  EFS_FILE_SYSTEM_SOURCES,
  EFS_REQUIRED_PARAMETERS,
  EFS_STORAGE_CLASS_PARAMETERS,
} from "../../components/storage/aws/contracts.ts";
import { record, type Recording } from "../../tools/recorder/record.ts";
import { cloudOf, recordUnderTest, STACKS_UNDER_TEST } from "../support/stacksUnderTest.ts";
import { eksArgs } from "../support/eks.ts";
import { input, isDescendant, ofType } from "../support/graph.ts";

const EBS_DOC = `kubernetes-sigs/aws-ebs-csi-driver@${EBS_CSI_DRIVER_TAG}:docs/parameters.md`;
const EFS_DOC = `kubernetes-sigs/aws-efs-csi-driver@${EFS_CSI_DRIVER_TAG}:docs/parameters.md`;

/**
 * Problems of a rendered parameter map against a documented table: unknown names (exact case),
 * values outside a listed set, non-integers where integers are documented.
 */
function parameterProblems(
  parameters: Record<string, unknown>,
  documented: Record<string, readonly string[] | "string" | "integer">,
  source: string,
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const allowed = documented[name];
    if (allowed === undefined) problems.push(`parameter "${name}" is not documented in ${source}`);
    else if (typeof value !== "string") problems.push(`parameter "${name}" is not a string: ${JSON.stringify(value)}`);
    else if (Array.isArray(allowed) && !allowed.includes(value))
      problems.push(`parameter "${name}" is "${value}"; ${source} allows ${allowed.join(", ")}`);
    else if (allowed === "integer" && !/^\d+$/.test(value))
      problems.push(`parameter "${name}" is "${value}"; ${source} expects a whole number`);
  }
  return problems;
}

function storageProgram() {
  const cluster = new EksCluster("c", eksArgs());
  new AwsStorage("s", {
    cluster,
    environment: "prod",
    namespace: "data",
    volumes: [{ name: "journal", zone: "eu-west-1b", size: "100Gi", iops: 6000, throughput: 500 }],
    fileSystems: [{ name: "shared", uid: 999 }, { name: "media" }],
  });
}

/** The storage classes the AWS storage component renders (not those of other layers, such as Rook's). */
function awsClasses(recording: Recording) {
  const storage = ofType(recording, "stateful-stack:index:AwsStorage");
  assert.equal(storage.length, 1, "one AwsStorage component");
  return ofType(recording, "kubernetes:storage.k8s.io/v1:StorageClass").filter((c) =>
    isDescendant(recording, c, storage[0]!.urn),
  );
}

const classesBy = (recording: Recording, provisioner: string) =>
  awsClasses(recording).filter((c) => input(c, "provisioner") === provisioner);

describe("contract: AWS storage with the EBS and EFS CSI drivers", () => {
  const recordings: [string, () => Promise<Recording>][] = [
    ["AwsStorage", () => record(storageProgram, { project: "proj", stack: "test" })],
    ...STACKS_UNDER_TEST.filter((s) => cloudOf(s) === "eks").map((stack): [string, () => Promise<Recording>] => [
      `stack ${stack.name}`,
      () => recordUnderTest(stack),
    ]),
  ];
  for (const [what, recordIt] of recordings) {
    describe(what, () => {
      let recording: Recording;
      before(async () => {
        recording = await recordIt();
      });

      it(`every storage class is provisioned by ${EBS_CSI_DRIVER} or ${EFS_CSI_DRIVER}`, () => {
        const classes = awsClasses(recording);
        assert.ok(classes.length >= 2, `${classes.length} storage classes`);
        for (const c of classes)
          assert.ok([EBS_CSI_DRIVER, EFS_CSI_DRIVER].includes(String(input(c, "provisioner"))), c.name);
      });

      it(`EBS classes carry only the parameters of ${EBS_DOC}, with documented values`, () => {
        const classes = classesBy(recording, EBS_CSI_DRIVER);
        assert.ok(classes.length > 0, "no EBS class");
        for (const c of classes) {
          const parameters = (input(c, "parameters") ?? {}) as Record<string, unknown>;
          assert.deepEqual(parameterProblems(parameters, EBS_STORAGE_CLASS_PARAMETERS, EBS_DOC), [], c.name);
          assert.ok(!("iops" in parameters && "iopsPerGB" in parameters), `${c.name}: iops and iopsPerGB together`);
          assert.equal(parameters["encrypted"], "true", `${c.name}: volumes are encrypted at rest`);
        }
      });

      it(`EFS classes carry the required parameters of ${EFS_DOC} and exactly one file system source`, () => {
        const classes = classesBy(recording, EFS_CSI_DRIVER);
        assert.ok(classes.length > 0, "no EFS class");
        for (const c of classes) {
          const parameters = (input(c, "parameters") ?? {}) as Record<string, unknown>;
          assert.deepEqual(parameterProblems(parameters, EFS_STORAGE_CLASS_PARAMETERS, EFS_DOC), [], c.name);
          for (const name of EFS_REQUIRED_PARAMETERS) assert.ok(name in parameters, `${c.name}: ${name} is required`);
          assert.equal(
            EFS_FILE_SYSTEM_SOURCES.filter((name) => name in parameters).length,
            1,
            `${c.name}: exactly one of ${EFS_FILE_SYSTEM_SOURCES.join(", ")}`,
          );
          assert.equal("gidRangeStart" in parameters, "gidRangeEnd" in parameters, `${c.name}: gid range in pairs`);
        }
      });

      it("static persistent volumes and the snapshot class name the drivers the classes provision with", () => {
        const volumes = ofType(recording, "kubernetes:core/v1:PersistentVolume");
        assert.ok(volumes.length >= 2, `${volumes.length} persistent volumes`);
        for (const pv of volumes) {
          const driver = input(pv, "spec.csi.driver");
          assert.ok(driver === EBS_CSI_DRIVER || driver === EFS_CSI_DRIVER, `${pv.name}: driver ${String(driver)}`);
          if (driver === EBS_CSI_DRIVER)
            assert.ok(
              EBS_STORAGE_CLASS_PARAMETERS["csi.storage.k8s.io/fstype"].includes(
                input(pv, "spec.csi.fsType") as "ext4",
              ),
              `${pv.name}: fsType`,
            );
        }
        const snapshots = ofType(recording, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
        assert.equal(snapshots.length, 1);
        assert.equal(input(snapshots[0]!, "driver"), EBS_CSI_DRIVER);
      });

      it("gives the IAM roles to the service accounts the drivers' controllers run as", () => {
        const identities = ofType(recording, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.equal(identities.length, 2);
        assert.deepEqual(identities.map((i) => [input(i, "namespace"), input(i, "serviceAccount")]).sort(), [
          ["kube-system", CSI_CONTROLLER_SERVICE_ACCOUNTS.ebs],
          ["kube-system", CSI_CONTROLLER_SERVICE_ACCOUNTS.efs],
        ]);
      });
    });
  }
});
