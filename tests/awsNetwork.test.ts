/**
 * AwsNetwork and the CIDR arithmetic under it: subnets per zone, NAT gateways per mode, routes and
 * the subnet tags EKS load balancers look for.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AwsNetwork,
  awsNetworkProblems,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  subnetLayout,
  type AwsNetworkArgs,
  type NatGatewayMode,
} from "../components/network/aws/index.ts";
import { describeProblem, problem, type Problem } from "../components/problems.ts";
import { record } from "../tools/recorder/record.ts";
import { input, named, ofType } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };
const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

describe("CIDR arithmetic", () => {
  it("parses network blocks and rejects malformed ones or ones with host bits", () => {
    assert.deepEqual(parseCidr("10.0.0.0/16"), { base: 0x0a000000, prefix: 16 });
    for (const bad of ["10.0.0.300/16", "10.0.0.0", "10.0.0.0/33", "10.0.1.0/16", "ten/8"])
      assert.equal(parseCidr(bad), undefined, bad);
  });

  it("lays out disjoint private and public subnets inside the VPC", () => {
    assert.deepEqual(subnetLayout("10.20.0.0/16", 3), {
      private: ["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"],
      public: ["10.20.128.0/19", "10.20.160.0/19", "10.20.192.0/19"],
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 16, max: 24 }),
        fc.integer({ min: 1, max: 4 }),
        (a, prefix, count) => {
          const vpc = { base: ((10 << 24) | (a << 16)) >>> 0, prefix };
          const aligned = formatCidr({ base: vpc.base - (vpc.base % 2 ** (32 - prefix)), prefix });
          const layout = subnetLayout(aligned, count);
          const all = [...layout.private, ...layout.public].map((c) => parseCidr(c)!);
          const parent = parseCidr(aligned)!;
          all.forEach((x, i) => {
            assert.ok(cidrsOverlap(x, parent) && x.prefix > parent.prefix);
            all.slice(i + 1).forEach((y) => assert.ok(!cidrsOverlap(x, y)));
          });
        },
      ),
    );
  });
});

describe("AwsNetwork", () => {
  it("creates a private and a public subnet per zone, tagged for internal and internet-facing load balancers", async () => {
    const recording = await record(() => new AwsNetwork("net", { cidr: "10.20.0.0/16", zones }), options);
    const subnets = ofType(recording, "aws:ec2/subnet:Subnet");
    assert.equal(subnets.length, 6);
    const priv = named(recording, "net-private-eu-west-1b", "aws:ec2/subnet:Subnet");
    assert.equal((input(priv, "tags") as Record<string, string>)["kubernetes.io/role/internal-elb"], "1");
    assert.equal(input(priv, "cidrBlock"), "10.20.32.0/19");
    const pub = named(recording, "net-public-eu-west-1b", "aws:ec2/subnet:Subnet");
    assert.equal((input(pub, "tags") as Record<string, string>)["kubernetes.io/role/elb"], "1");
    assert.equal(input(pub, "mapPublicIpOnLaunch"), false);
  });

  it("routes each private subnet through its own zone's NAT gateway with perZone, through one with single", async () => {
    const perZone = await record(() => new AwsNetwork("net", { cidr: "10.20.0.0/16", zones }), options);
    assert.equal(ofType(perZone, "aws:ec2/natGateway:NatGateway").length, 3);
    const routes = named(perZone, "net-private-eu-west-1c", "aws:ec2/routeTable:RouteTable");
    assert.deepEqual(routes.propertyDependencies["routes"], [
      named(perZone, "net-nat-eu-west-1c", "aws:ec2/natGateway:NatGateway").urn,
    ]);
    const single = await record(
      () => new AwsNetwork("net", { cidr: "10.20.0.0/16", zones, natGateways: "single" }),
      options,
    );
    assert.equal(ofType(single, "aws:ec2/natGateway:NatGateway").length, 1);
    const nat = named(single, "net-nat-eu-west-1a", "aws:ec2/natGateway:NatGateway").urn;
    for (const zone of zones)
      assert.deepEqual(
        named(single, `net-private-${zone}`, "aws:ec2/routeTable:RouteTable").propertyDependencies["routes"],
        [nat],
      );
  });
});

describe("awsNetworkProblems", () => {
  const VPC_BLOCK =
    'expected an IPv4 CIDR block from /16 to /24 with host bits zero, such as "10.0.0.0/16" (VPC block)';
  // One row per rule: the arguments that break it, and the one problem reported.
  const cases: [string, AwsNetworkArgs, Problem][] = [
    ["a block that does not parse", { cidr: "10.20.0.300/16", zones }, problem(["cidr"], "10.20.0.300/16", VPC_BLOCK)],
    ["a block with host bits", { cidr: "10.20.1.0/16", zones }, problem(["cidr"], "10.20.1.0/16", VPC_BLOCK)],
    ["a block larger than /16", { cidr: "10.0.0.0/12", zones }, problem(["cidr"], "10.0.0.0/12", VPC_BLOCK)],
    ["a block smaller than /24", { cidr: "10.0.0.0/25", zones }, problem(["cidr"], "10.0.0.0/25", VPC_BLOCK)],
    [
      "more zones than the layout holds",
      { cidr: "10.20.0.0/16", zones: [...zones, "eu-west-1d", "eu-west-1e"] },
      problem(
        ["zones"],
        [...zones, "eu-west-1d", "eu-west-1e"],
        "a new VPC spans one to 4 zones: its block is cut in eighths, a private and a public subnet per zone",
      ),
    ],
    [
      "an unknown NAT gateway mode",
      { cidr: "10.20.0.0/16", zones, natGateways: "none" as NatGatewayMode },
      problem(["natGateways"], "none", 'expected one of "single", "perZone"'),
    ],
  ];
  for (const [what, args, expected] of cases) {
    it(`rejects ${what}, before registering anything`, () => {
      assert.deepEqual(awsNetworkProblems(args), [expected]);
      assert.throws(() => new AwsNetwork("net", args), {
        name: "ArgumentError",
        message: `AwsNetwork "net": ${describeProblem(expected)}`,
      });
    });
  }

  it("accepts /16 to /24 blocks over one to four zones", () => {
    assert.deepEqual(awsNetworkProblems({ cidr: "10.20.0.0/16", zones, natGateways: "single" }), []);
    assert.deepEqual(awsNetworkProblems({ cidr: "192.168.4.0/24", zones: ["eu-west-1a"] }), []);
  });
});
