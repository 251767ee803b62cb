import { Eip } from "@pulumi/aws/ec2/eip.js";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway.js";
import { NatGateway } from "@pulumi/aws/ec2/natGateway.js";
import { RouteTable } from "@pulumi/aws/ec2/routeTable.js";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation.js";
import { Subnet } from "@pulumi/aws/ec2/subnet.js";
import { Vpc } from "@pulumi/aws/ec2/vpc.js";
import * as pulumi from "@pulumi/pulumi";
import { refuse } from "../../problems.ts";
import { subnetLayout } from "./cidr.ts";
import type { NatGatewayMode } from "./natGatewayMode.ts";
import { awsNetworkProblems } from "./validate.ts";

/** Arguments of {@link AwsNetwork}. */
export interface AwsNetworkArgs {
  /** IPv4 block of the VPC, /16 to /24, e.g. `"10.0.0.0/16"`. */
  cidr: string;
  /** Availability zones, one to four; one private and one public subnet each. */
  zones: string[];
  /**
   * `"single"`: one NAT gateway for all zones (cheaper, a zone failure cuts egress);
   * `"perZone"`: one per zone, each private subnet routing through its own zone's.
   * @default "perZone"
   */
  natGateways?: NatGatewayMode;
  /**
   * Tags on every network resource.
   * @default {}
   */
  tags?: Record<string, string>;
}

/**
 * A VPC for an EKS cluster: one public and one private subnet per zone, an internet gateway, NAT
 * gateway(s) and route tables. Public subnets carry `kubernetes.io/role/elb`, private ones
 * `kubernetes.io/role/internal-elb`, so the AWS load balancer integration finds them.
 *
 * @example
 * ```ts
 * const network = new AwsNetwork("net", { cidr: "10.0.0.0/16", zones: ["eu-west-1a", "eu-west-1b"], natGateways: "single" });
 * export const privateSubnets = network.privateSubnetIds;
 * ```
 */
export class AwsNetwork extends pulumi.ComponentResource {
  /** The VPC id. */
  readonly vpcId: pulumi.Output<string>;
  /** Private subnet ids, in the order of `zones`. */
  readonly privateSubnetIds: pulumi.Output<string>[];
  /** Public subnet ids, in the order of `zones`. */
  readonly publicSubnetIds: pulumi.Output<string>[];
  /**
   * What the private subnets' egress is ready with (NAT gateways and private routes): nodes must
   * wait for it, or they cannot reach the EKS and ECR endpoints to join the cluster.
   */
  readonly egress: pulumi.Resource[];

  constructor(name: string, args: AwsNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:AwsNetwork", name, {}, opts);
    refuse(`AwsNetwork "${name}"`, awsNetworkProblems(args));
    const layout = subnetLayout(args.cidr, args.zones.length);
    const tags = args.tags ?? {};
    const perZone = (args.natGateways ?? "perZone") === "perZone";

    const vpc = new Vpc(
      `${name}-vpc`,
      { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } },
      { parent: this },
    );
    const gateway = new InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: { ...tags, Name: name } },
      { parent: this },
    );
    const publicRoutes = new RouteTable(
      `${name}-public`,
      {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }],
        tags: { ...tags, Name: `${name}-public` },
      },
      { parent: this },
    );

    const publicSubnets = args.zones.map((zone, i) => {
      const subnet = new Subnet(
        `${name}-public-${zone}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: layout.public[i],
          mapPublicIpOnLaunch: false,
          tags: { ...tags, Name: `${name}-public-${zone}`, "kubernetes.io/role/elb": "1" },
        },
        { parent: this },
      );
      new RouteTableAssociation(
        `${name}-public-${zone}`,
        { subnetId: subnet.id, routeTableId: publicRoutes.id },
        { parent: this },
      );
      return subnet;
    });

    const natZones = perZone ? args.zones : args.zones.slice(0, 1);
    const natGateways = natZones.map((zone, i) => {
      const address = new Eip(
        `${name}-nat-${zone}`,
        { domain: "vpc", tags: { ...tags, Name: `${name}-nat-${zone}` } },
        { parent: this },
      );
      return new NatGateway(
        `${name}-nat-${zone}`,
        {
          allocationId: address.id,
          subnetId: (publicSubnets[i] as Subnet).id,
          tags: { ...tags, Name: `${name}-nat-${zone}` },
        },
        { parent: this, dependsOn: [gateway] },
      );
    });

    this.egress = [...natGateways];
    const privateSubnets = args.zones.map((zone, i) => {
      const subnet = new Subnet(
        `${name}-private-${zone}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: layout.private[i],
          tags: { ...tags, Name: `${name}-private-${zone}`, "kubernetes.io/role/internal-elb": "1" },
        },
        { parent: this },
      );
      const nat = (perZone ? natGateways[i] : natGateways[0]) as NatGateway;
      const routes = new RouteTable(
        `${name}-private-${zone}`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
          tags: { ...tags, Name: `${name}-private-${zone}` },
        },
        { parent: this },
      );
      const association = new RouteTableAssociation(
        `${name}-private-${zone}`,
        { subnetId: subnet.id, routeTableId: routes.id },
        { parent: this },
      );
      this.egress.push(association);
      return subnet;
    });

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
  }
}
