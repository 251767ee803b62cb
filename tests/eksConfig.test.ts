/**
 * The `eks` configuration key: a valid EKS stack's mapping to component arguments, and the exact
 * message for each kind of bad input, reported before any resource is registered.
 */
import { problemsOf as rejected } from "./support/config.ts";
import assert from "node:assert/strict";
import { validateStackConfig, type ConfigProblem } from "../config/index.ts";
import { providerSettings } from "../config/load.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";
import type { ProviderSettings } from "../config/schema.ts";

const eks = {
  network: { cidr: "10.20.0.0/16" },
  nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4 }],
  admins: ["arn:aws:iam::123456789012:role/platform-admin"],
  volumes: [{ name: "journal", zone: "eu-west-1a", sizeGib: 20 }],
  fileSystems: [{ name: "shared" }],
};
const valid = {
  environment: "prod",
  cloud: "eks",
  zones: ["eu-west-1a", "eu-west-1b"],
  eks,
  workloads: [
    {
      name: "cache",
      image: "redis:7.4.2-alpine",
      port: 6379,
      storageClass: "gp3",
      storageSize: "1Gi",
      share: "shared",
    },
  ],
};
const region = { awsRegion: "eu-west-1" };

const withEks = (patch: Record<string, unknown>) => ({ ...valid, eks: { ...eks, ...patch } });
const group = (patch: Record<string, unknown>) => [{ ...eks.nodeGroups[0], ...patch }];

const problemsOf = (raw: Record<string, unknown>, provider: ProviderSettings = region) => rejected(raw, provider);

describe("eks configuration", () => {
  it("maps a valid EKS stack to the cluster and storage arguments, with the region from aws:region", () => {
    const args = toPlatformArgs(validateStackConfig(valid, undefined, providerSettings({ "aws:region": "eu-west-1" })));
    assert.equal(args.cluster.eks?.region, "eu-west-1");
    assert.deepEqual(args.cluster.eks?.zones, ["eu-west-1a", "eu-west-1b"]);
    assert.equal(args.cluster.eks?.serviceCidr, "172.20.0.0/16");
    assert.equal(args.cluster.eks?.nodeGroups[0]?.diskSizeGib, 50);
    assert.deepEqual(args.storage?.aws?.fileSystems, [{ name: "shared", uid: 1000 }]);
  });

  const table: [string, Record<string, unknown>, ConfigProblem][] = [
    [
      "a CIDR that does not parse",
      withEks({ network: { cidr: "10.20.0.300/16" } }),
      {
        key: "stateful-stack:eks.network.cidr",
        value: "10.20.0.300/16",
        message: 'expected an IPv4 CIDR block such as "10.0.0.0/16", with host bits zero (VPC block)',
      },
    ],
    [
      "a VPC block larger than /16",
      withEks({ network: { cidr: "10.0.0.0/12" } }),
      {
        key: "stateful-stack:eks.network.cidr",
        value: "10.0.0.0/12",
        message: "a VPC block must be /16 to /24",
      },
    ],
    [
      "a service block overlapping the VPC",
      withEks({ network: { cidr: "172.20.0.0/16" } }),
      {
        key: "stateful-stack:eks.cluster.serviceCidr",
        value: "172.20.0.0/16",
        message:
          'overlaps the VPC block "172.20.0.0/16"; choose disjoint blocks, e.g. a VPC in 10.0.0.0/8 and services in 172.20.0.0/16',
      },
    ],
    [
      "fewer than two zones",
      { ...valid, zones: ["eu-west-1a"] },
      {
        key: "stateful-stack:zones",
        value: ["eu-west-1a"],
        message: 'EKS needs at least two availability zones, e.g. ["eu-west-1a", "eu-west-1b"]',
      },
    ],
    [
      "an EBS size beyond gp3 limits",
      withEks({ volumes: [{ name: "journal", zone: "eu-west-1a", sizeGib: 20000 }] }),
      {
        key: "stateful-stack:eks.volumes[0].sizeGib",
        value: 20000,
        message: "expected a whole number from 1 to 16384 (gp3 size in GiB)",
      },
    ],
    [
      "an instance type not of the family.size form",
      withEks({ nodeGroups: group({ instanceTypes: ["large"] }) }),
      {
        key: "stateful-stack:eks.nodeGroups[0].instanceTypes[0]",
        value: "large",
        message: 'expected an EC2 instance type of the form family.size, e.g. "m7i.large"',
      },
    ],
    [
      "min above max in a node group",
      withEks({ nodeGroups: group({ minSize: 5, maxSize: 2 }) }),
      {
        key: "stateful-stack:eks.nodeGroups[0].minSize",
        value: 5,
        message: "is greater than maxSize 2; lower minSize or raise maxSize",
      },
    ],
    [
      "an admin that is not an IAM ARN",
      withEks({ admins: ["alice"] }),
      {
        key: "stateful-stack:eks.admins[0]",
        value: "alice",
        message: 'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admin"',
      },
    ],
    [
      "an EBS volume outside the stack's zones",
      withEks({ volumes: [{ name: "journal", zone: "eu-west-1c", sizeGib: 20 }] }),
      {
        key: "stateful-stack:eks.volumes[0].zone",
        value: "eu-west-1c",
        message: "is not one of the stack's zones (eu-west-1a, eu-west-1b); nodes there could never mount it",
      },
    ],
    [
      "a zone of another region",
      { ...valid, zones: ["eu-west-1a", "us-east-1a"] },
      {
        key: "stateful-stack:zones[1]",
        value: "us-east-1a",
        message: 'zone "us-east-1a" is not in region "eu-west-1" (aws:region); use zones such as "eu-west-1a"',
      },
    ],
  ];
  for (const [what, raw, problem] of table) {
    it(`rejects ${what}`, () => {
      assert.deepEqual(problemsOf(raw), [problem]);
    });
  }

  it("keeps a production public endpoint off the open internet", () => {
    assert.deepEqual(problemsOf(withEks({ cluster: { publicEndpoint: true } })), [
      {
        key: "stateful-stack:eks.cluster.publicAccessCidrs",
        value: undefined,
        message:
          'a production public endpoint must not be open to the internet (EKS opens it to 0.0.0.0/0 without a list): list the ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set publicEndpoint false',
      },
    ]);
    assert.deepEqual(problemsOf(withEks({ cluster: { publicEndpoint: true, publicAccessCidrs: ["0.0.0.0/0"] } })), [
      {
        key: "stateful-stack:eks.cluster.publicAccessCidrs",
        value: ["0.0.0.0/0"],
        message:
          "0.0.0.0/0 lets the whole internet reach a production API endpoint: list narrower ranges, or set publicEndpoint false",
      },
    ]);
    const listed = withEks({ cluster: { publicEndpoint: true, publicAccessCidrs: ["203.0.113.0/24"] } });
    assert.equal(validateStackConfig(listed, "prod-eks", region).eks?.cluster.publicEndpoint, true);
    const dev = { ...withEks({ cluster: { publicEndpoint: true } }), environment: "dev" };
    assert.equal(validateStackConfig(dev, "dev-eks", region).eks?.cluster.publicEndpoint, true);
  });

  it("rejects an EKS stack without aws:region, naming the command that fixes it", () => {
    assert.deepEqual(problemsOf(valid, {}), [
      {
        key: "stateful-stack:cloud",
        value: "eks",
        message:
          'cloud "eks" needs the provider key aws:region set to a region such as "eu-west-1" (found "nothing"); run `pulumi config set aws:region eu-west-1`',
      },
    ]);
  });

  it("rejects a share or storage class the EKS storage does not create", () => {
    const workloads = [{ ...valid.workloads[0], storageClass: "standard", share: "nfs" }];
    assert.deepEqual(
      problemsOf({ ...valid, workloads }).map((p) => p.key),
      ["stateful-stack:workloads[0].storageClass", "stateful-stack:workloads[0].share"],
    );
  });
});
