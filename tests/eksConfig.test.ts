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
import { EKS_KUBERNETES_VERSION } from "../components/cluster/eks/constants.ts";

const NO_PATH =
  'the API endpoint is private-only (publicEndpoint false, the default in prod) and privateAccessCidrs is empty, so nothing where pulumi up runs can reach the API server and every Kubernetes resource would fail: either set publicEndpoint true with publicAccessCidrs listing the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or keep it private, deploy into a VPC your runner or VPN routes to (network.vpcId) and list those ranges in privateAccessCidrs (port 443 is then opened to them on the cluster security group)';
const NO_ROUTE =
  'the API endpoint is private-only in a VPC this stack creates (network.cidr): no runner or VPN routes into that VPC on the first up, so privateAccessCidrs cannot reach it: either set publicEndpoint true with publicAccessCidrs listing the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or keep it private, deploy into a VPC your runner or VPN routes to (network.vpcId) and list those ranges in privateAccessCidrs (port 443 is then opened to them on the cluster security group)';
const EMPTY_PUBLIC =
  'publicAccessCidrs is empty, so no address may reach the public endpoint: list the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or turn the public endpoint off and use privateAccessCidrs';

const eks = {
  network: { cidr: "10.20.0.0/16" },
  cluster: { publicEndpoint: true, publicAccessCidrs: ["198.51.100.0/24"] },
  nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4 }],
  admins: ["arn:aws:iam::123456789012:role/platform-admin"],
  volumes: [{ name: "journal", zone: "eu-west-1a", size: "20Gi" }],
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
const VPC_BLOCK = 'expected an IPv4 CIDR block from /16 to /24 with host bits zero, such as "10.0.0.0/16" (VPC block)';

const withEks = (patch: Record<string, unknown>) => ({ ...valid, eks: { ...eks, ...patch } });
const group = (patch: Record<string, unknown>) => [{ ...eks.nodeGroups[0], ...patch }];

const problemsOf = (raw: Record<string, unknown>, provider: ProviderSettings = region) => rejected(raw, provider);

describe("eks configuration", () => {
  it("maps a valid EKS stack to the cluster and storage arguments, with the region from aws:region", () => {
    const sized = withEks({ nodeGroups: group({ diskSize: "100Gi", capacityType: "SPOT" }) });
    const args = toPlatformArgs(validateStackConfig(sized, undefined, providerSettings({ "aws:region": "eu-west-1" })));
    assert.equal(args.cluster.eks?.region, "eu-west-1");
    assert.deepEqual(args.cluster.eks?.zones, ["eu-west-1a", "eu-west-1b"]);
    assert.deepEqual(args.cluster.eks?.publicAccessCidrs, ["198.51.100.0/24"]);
    assert.deepEqual(args.cluster.eks?.nodeGroups, [
      {
        name: "general",
        instanceTypes: ["m7i.large"],
        minSize: 2,
        maxSize: 4,
        diskSize: "100Gi",
        capacityType: "SPOT",
      },
    ]);
    assert.deepEqual(args.storage?.aws?.volumes, [{ name: "journal", zone: "eu-west-1a", size: "20Gi" }]);
    assert.deepEqual(args.storage?.aws?.fileSystems, [{ name: "shared" }]);
  });

  it("tells a stack file with the old GiB number keys what replaced them", () => {
    const old = withEks({
      nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, diskSizeGib: 100 }],
      volumes: [{ name: "journal", zone: "eu-west-1a", sizeGib: 20 }],
    });
    assert.deepEqual(problemsOf(old), [
      {
        key: "stateful-stack:eks.nodeGroups[0].diskSizeGib",
        value: 100,
        message: '"diskSizeGib" was renamed: use diskSize: "100Gi"',
      },
      { key: "stateful-stack:eks.volumes[0].sizeGib", value: 20, message: '"sizeGib" was renamed: use size: "20Gi"' },
    ]);
    // The fix removes the old key and sets the new one to the same size: a disk cannot shrink.
    assert.throws(() => validateStackConfig(old, "dev-eks", region), {
      message:
        /Fix: edit stacks\/Pulumi\.dev-eks\.yaml, or run `pulumi config rm --path 'eks\.volumes\[0\]\.sizeGib' && pulumi config set --path 'eks\.volumes\[0\]\.size' 20Gi`\./,
    });
  });

  it('reports a cloud "eks" stack without the eks key at that key', () => {
    assert.deepEqual(problemsOf({ ...valid, eks: undefined, workloads: [] }), [
      {
        key: "stateful-stack:eks",
        value: undefined,
        message: 'cloud "eks" needs the eks settings: network, nodeGroups and admins at least',
      },
    ]);
  });

  const table: [string, Record<string, unknown>, ConfigProblem][] = [
    [
      "a CIDR that does not parse",
      withEks({ network: { cidr: "10.20.0.300/16" } }),
      {
        key: "stateful-stack:eks.network.cidr",
        value: "10.20.0.300/16",
        message: VPC_BLOCK,
      },
    ],
    [
      "a VPC block larger than /16",
      withEks({ network: { cidr: "10.0.0.0/12" } }),
      {
        key: "stateful-stack:eks.network.cidr",
        value: "10.0.0.0/12",
        message: VPC_BLOCK,
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
      withEks({ volumes: [{ name: "journal", zone: "eu-west-1a", size: "20000Gi" }] }),
      {
        key: "stateful-stack:eks.volumes[0].size",
        value: "20000Gi",
        message: 'expected a size in whole GiB from 1Gi to 16384Gi such as "100Gi" (gp3 volume)',
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
        message: 'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"',
      },
    ],
    [
      "an EBS volume outside the stack's zones",
      withEks({ volumes: [{ name: "journal", zone: "eu-west-1c", size: "20Gi" }] }),
      {
        key: "stateful-stack:eks.volumes[0].zone",
        value: "eu-west-1c",
        message: "is not one of the cluster's zones (eu-west-1a, eu-west-1b); nodes there could never mount it",
      },
    ],
    [
      "a zone of another region",
      { ...valid, zones: ["eu-west-1a", "us-east-1a"] },
      {
        key: "stateful-stack:zones[1]",
        value: "us-east-1a",
        message: 'is not in region "eu-west-1"; use zones of it such as "eu-west-1a"',
      },
    ],
    [
      "an unknown NAT gateway mode",
      withEks({ network: { cidr: "10.20.0.0/16", natGateways: "many" } }),
      {
        key: "stateful-stack:eks.network.natGateways",
        value: "many",
        message: 'expected one of "single", "perZone"',
      },
    ],
    [
      "an unknown support type",
      withEks({ cluster: { ...eks.cluster, supportType: "LONG" } }),
      {
        key: "stateful-stack:eks.cluster.supportType",
        value: "LONG",
        message: 'expected one of "STANDARD", "EXTENDED"',
      },
    ],
    [
      "a node group root volume not in whole GiB",
      withEks({ nodeGroups: group({ diskSize: "100G" }) }),
      {
        key: "stateful-stack:eks.nodeGroups[0].diskSize",
        value: "100G",
        message: 'expected a size in whole GiB from 20Gi to 16384Gi such as "100Gi" (root volume)',
      },
    ],
    [
      "no admin",
      withEks({ admins: [] }),
      {
        key: "stateful-stack:eks.admins",
        value: [],
        message:
          "give at least one admin ARN, including the principal that runs pulumi up (the creator gets no implicit access)",
      },
    ],
  ];
  for (const [what, raw, problem] of table) {
    it(`rejects ${what}`, () => {
      assert.deepEqual(problemsOf(raw), [problem]);
    });
  }

  it("keeps a production public endpoint off the open internet", () => {
    assert.deepEqual(
      problemsOf(withEks({ cluster: { publicEndpoint: true, publicAccessCidrs: [] } })).map((p) => p.message),
      [
        'a production public endpoint must not be open to the internet (EKS opens it to 0.0.0.0/0 without a list): list the ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set publicEndpoint false',
      ],
      "one message for an empty list in prod",
    );
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

  it("refuses an API endpoint with no path from where pulumi up runs, naming both ways to fix it", () => {
    assert.deepEqual(problemsOf(withEks({ cluster: { publicEndpoint: false } })), [
      {
        key: "stateful-stack:eks.cluster.privateAccessCidrs",
        value: undefined,
        message: NO_PATH,
      },
    ]);
    assert.deepEqual(problemsOf({ ...valid, eks: { ...eks, cluster: undefined } }), [
      { key: "stateful-stack:eks.cluster.privateAccessCidrs", value: undefined, message: NO_PATH },
    ]);
    assert.deepEqual(problemsOf(withEks({ cluster: { publicEndpoint: false, privateAccessCidrs: ["10.8.0.0/16"] } })), [
      {
        key: "stateful-stack:eks.cluster.privateAccessCidrs",
        value: ["10.8.0.0/16"],
        message: NO_ROUTE,
      },
    ]);
    assert.deepEqual(
      problemsOf({ ...withEks({ cluster: { publicEndpoint: true, publicAccessCidrs: [] } }), environment: "dev" }),
      [{ key: "stateful-stack:eks.cluster.publicAccessCidrs", value: [], message: EMPTY_PUBLIC }],
    );
  });

  it("maps a private endpoint in an existing VPC with runner/VPN ranges to the cluster arguments", () => {
    const existing = withEks({
      network: { vpcId: "vpc-0abc12345def67890", privateSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] },
      cluster: { publicEndpoint: false, privateAccessCidrs: ["10.8.0.0/16"] },
    });
    const args = toPlatformArgs(validateStackConfig(existing, "prod-eks", region));
    assert.equal(args.cluster.eks?.publicEndpoint, false);
    assert.deepEqual(args.cluster.eks?.privateAccessCidrs, ["10.8.0.0/16"]);
  });

  it("accepts a Kubernetes minor version in standard support, and says which form it expects", () => {
    const pinned = withEks({ cluster: { ...eks.cluster, version: "1.35" } });
    assert.equal(toPlatformArgs(validateStackConfig(pinned, "prod-eks", region)).cluster.eks?.version, "1.35");
    assert.deepEqual(problemsOf(withEks({ cluster: { ...eks.cluster, version: "1.35.2" } })), [
      {
        key: "stateful-stack:eks.cluster.version",
        value: "1.35.2",
        message: `expected a Kubernetes minor version such as "${EKS_KUBERNETES_VERSION}" (major.minor, no patch)`,
      },
    ]);
  });

  it("refuses gp3 throughput above 0.25 MiB/s per provisioned IOPS, giving the numbers and the fix", () => {
    assert.deepEqual(
      problemsOf(withEks({ volumes: [{ name: "journal", zone: "eu-west-1a", size: "200Gi", throughput: 1000 }] })),
      [
        {
          key: "stateful-stack:eks.volumes[0].throughput",
          value: 1000,
          message:
            "gp3 allows at most 0.25 MiB/s per provisioned IOPS: 3000 IOPS (the default) allow 750 MiB/s, not 1000; lower throughput to 750 or raise iops to at least 4000",
        },
      ],
    );
    const balanced = withEks({
      volumes: [{ name: "journal", zone: "eu-west-1a", size: "200Gi", iops: 4000, throughput: 1000 }],
    });
    assert.equal(validateStackConfig(balanced, "prod-eks", region).eks?.volumes[0]?.throughput, 1000);
  });

  it("hands the aws provider's profile and assumed role to the kubeconfig's get-token", () => {
    const args = toPlatformArgs(
      validateStackConfig(
        valid,
        undefined,
        providerSettings({
          "aws:region": "eu-west-1",
          "aws:profile": "prod-deployer",
          "aws:assumeRoles": JSON.stringify([
            { roleArn: "arn:aws:iam::123456789012:role/deployer", sessionName: "ci" },
          ]),
        }),
      ),
    );
    assert.deepEqual(args.cluster.eks?.credentials, {
      profile: "prod-deployer",
      roleArn: "arn:aws:iam::123456789012:role/deployer",
    });
    const none = toPlatformArgs(validateStackConfig(valid, undefined, providerSettings({ "aws:region": "eu-west-1" })));
    assert.deepEqual(none.cluster.eks?.credentials, {});
  });

  it("refuses assumed roles that `aws eks get-token` cannot reproduce, pointing at a CLI profile", () => {
    const roles = (value: unknown[]) => ({ ...region, awsAssumeRoles: value });
    assert.deepEqual(
      problemsOf(
        valid,
        roles([{ roleArn: "arn:aws:iam::123456789012:role/a" }, { roleArn: "arn:aws:iam::210987654321:role/b" }]),
      ),
      [
        {
          key: "aws:assumeRoles",
          value: [{ roleArn: "arn:aws:iam::123456789012:role/a" }, { roleArn: "arn:aws:iam::210987654321:role/b" }],
          message:
            "a chain of 2 roles cannot be reproduced by `aws eks get-token`, which assumes one role (--role-arn): define the chain as an AWS CLI profile (role_arn, source_profile) and set aws:profile to it instead",
        },
      ],
    );
    assert.deepEqual(problemsOf(valid, roles([{ roleArn: "arn:aws:iam::123456789012:role/a", externalId: "x" }])), [
      {
        key: "aws:assumeRoles",
        value: [{ roleArn: "arn:aws:iam::123456789012:role/a", externalId: "x" }],
        message:
          "`aws eks get-token` cannot pass an external id (it has only --role-arn and --session-name): define the role as an AWS CLI profile (role_arn, external_id, source_profile) and set aws:profile to it instead",
      },
    ]);
  });

  it("tells a stack without zones once, not again for its VPC and its volumes", () => {
    assert.deepEqual(
      problemsOf({ ...valid, zones: [] }, region).map((p) => p.key),
      ["stateful-stack:zones"],
    );
  });

  it("rejects an EKS stack without aws:region at that provider key, naming the command that fixes it", () => {
    assert.deepEqual(problemsOf(valid, {}), [
      { key: "aws:region", value: undefined, message: 'is required: the AWS region, such as "eu-west-1"' },
    ]);
    assert.throws(() => validateStackConfig(valid, "prod-eks", {}), {
      message:
        /aws:region = \(not set\): is required: the AWS region, such as "eu-west-1"\.\n {4}Fix: .*`pulumi config set aws:region <value>`/,
    });
  });

  it("rejects a share or storage class the EKS storage does not create", () => {
    const workloads = [{ ...valid.workloads[0], storageClass: "standard", share: "nfs" }];
    assert.deepEqual(
      problemsOf({ ...valid, workloads }).map((p) => p.key),
      ["stateful-stack:workloads[0].storageClass", "stateful-stack:workloads[0].share"],
    );
  });
});
