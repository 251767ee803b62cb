/**
 * EksCluster: least-privilege IAM, the control plane's settings, access entries, node groups,
 * add-ons with pod identity, the explicit provider, and what waits (and does not wait) for the
 * control plane.
 */
import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  EksCluster,
  eksClusterProblems,
  type EksCapacityType,
  type EksClusterArgs,
  type EksLogType,
  type EksNodeGroupArgs,
  type EksSupportType,
} from "../components/cluster/eks/index.ts";
import type { NatGatewayMode } from "../components/network/aws/index.ts";
import type { Environment } from "../components/options.ts";
import { describeProblem, problem, type Problem } from "../components/problems.ts";
import { eksKubeconfig } from "../components/cluster/eks/kubeconfig.ts";
import { amiTypeFor } from "../components/cluster/eks/nodeGroups.ts";
import { record, type Recording } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { eksArgs, privateEksArgs } from "./support/eks.ts";
import {
  EXEC_API_VERSIONS,
  EXEC_INTERACTIVE_MODES,
  type KubeconfigExec,
} from "../components/cluster/eks/kubeconfig.ts";
import { EKS_KUBERNETES_VERSION } from "../components/cluster/eks/constants.ts";
import { input, named, ofType, transitiveDependencies } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };

const FIX =
  'either set publicEndpoint true with publicAccessCidrs listing the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or keep it private, deploy into a VPC your runner or VPN routes to (network.vpcId) and list those ranges in privateAccessCidrs (port 443 is then opened to them on the cluster security group)';
const NO_PATH = `the API endpoint is private-only (publicEndpoint false, the default in prod) and privateAccessCidrs is empty, so nothing where pulumi up runs can reach the API server and every Kubernetes resource would fail: ${FIX}`;
const NO_ROUTE = `the API endpoint is private-only in a VPC this stack creates (network.cidr): no runner or VPN routes into that VPC on the first up, so privateAccessCidrs cannot reach it: ${FIX}`;
const EMPTY_PUBLIC =
  'publicAccessCidrs is empty, so no address may reach the public endpoint: list the egress ranges of your runner or VPN (e.g. ["203.0.113.0/24"]), or turn the public endpoint off and use privateAccessCidrs';

function attachedPolicies(recording: Recording, role: string): string[] {
  const roleUrn = named(recording, role, "aws:iam/role:Role").urn;
  return ofType(recording, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    .filter((a) => a.dependencies.includes(roleUrn))
    .map((a) => String(input(a, "policyArn")))
    .sort();
}

function trusted(recording: Recording, role: string): unknown {
  return JSON.parse(String(input(named(recording, role, "aws:iam/role:Role"), "assumeRolePolicy"))) as unknown;
}

describe("EksCluster", () => {
  let recording: Recording;
  let cluster: EksCluster | undefined;
  before(async () => {
    recording = await record(() => {
      cluster = new EksCluster("prod", eksArgs());
    }, options);
  });

  it("attaches exactly the managed policies each role needs, and nothing broader", () => {
    assert.deepEqual(attachedPolicies(recording, "prod-cluster-role"), [
      "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    ]);
    assert.deepEqual(attachedPolicies(recording, "prod-node-role"), [
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
    assert.deepEqual(attachedPolicies(recording, "prod-ebs-csi-role"), [
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    ]);
    assert.deepEqual(attachedPolicies(recording, "prod-efs-csi-role"), [
      "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy",
    ]);
    assert.equal(ofType(recording, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 6);
  });

  it("lets only the right service assume each role; the storage drivers' roles only through pod identity", () => {
    const principal = (role: string) =>
      (trusted(recording, role) as { Statement: { Principal: { Service: string }; Action: unknown }[] }).Statement;
    assert.deepEqual(principal("prod-cluster-role")[0]?.Principal, { Service: "eks.amazonaws.com" });
    assert.deepEqual(principal("prod-node-role")[0]?.Principal, { Service: "ec2.amazonaws.com" });
    for (const role of ["prod-ebs-csi-role", "prod-efs-csi-role"]) {
      assert.deepEqual(principal(role), [
        {
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
        },
      ]);
    }
  });

  it("limits the cluster role's KMS rights to the secrets key", () => {
    const kmsPolicy = named(recording, "prod-cluster-role-kms", "aws:iam/rolePolicy:RolePolicy");
    assert.deepEqual(kmsPolicy.propertyDependencies["policy"], [named(recording, "prod-secrets").urn]);
    assert.equal(ofType(recording, "aws:iam/rolePolicy:RolePolicy").length, 1, "no other inline policy");
  });

  it("creates a pinned, API-authenticated control plane on standard support, encrypted secrets and logs", () => {
    const eks = named(recording, "prod-cluster", "aws:eks/cluster:Cluster");
    assert.equal(
      EKS_KUBERNETES_VERSION,
      "1.36",
      "1.34 left standard support on 2026-12-02, 1.35 leaves it on 2027-03-27",
    );
    assert.equal(input(eks, "version"), "1.36");
    assert.deepEqual(input(eks, "upgradePolicy"), { supportType: "STANDARD" });
    assert.equal(input(eks, "accessConfig.authenticationMode"), "API");
    assert.equal(input(eks, "accessConfig.bootstrapClusterCreatorAdminPermissions"), false);
    assert.equal(input(eks, "vpcConfig.endpointPrivateAccess"), true);
    assert.equal(input(eks, "vpcConfig.endpointPublicAccess"), true);
    assert.deepEqual(input(eks, "vpcConfig.publicAccessCidrs"), ["198.51.100.0/24"]);
    assert.deepEqual(input(eks, "encryptionConfig.resources"), ["secrets"]);
    assert.ok(eks.dependencies.includes(named(recording, "prod-secrets").urn));
    assert.deepEqual(input(eks, "enabledClusterLogTypes"), ["api", "audit", "authenticator"]);
    assert.equal(named(recording, "prod-secrets").protect, true);
    assert.equal(ofType(recording, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 0);
  });

  it("can opt into extended support instead of the automatic upgrade at the end of standard support", async () => {
    const extended = await record(() => new EksCluster("x", eksArgs({ supportType: "EXTENDED" })), options);
    assert.deepEqual(input(named(extended, "x-cluster", "aws:eks/cluster:Cluster"), "upgradePolicy"), {
      supportType: "EXTENDED",
    });
  });

  it("private endpoint: admits HTTPS from the runner/VPN ranges on the cluster security group, and the provider waits for it", async () => {
    const reached = await record(() => new EksCluster("p", privateEksArgs()), options);
    const eks = named(reached, "p-cluster", "aws:eks/cluster:Cluster");
    assert.equal(input(eks, "vpcConfig.endpointPublicAccess"), false);
    assert.equal(input(eks, "vpcConfig.endpointPrivateAccess"), true);
    const rules = ofType(reached, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rules.length, 2, "one rule per private access range");
    assert.deepEqual(rules.map((r) => input(r, "cidrIpv4")).sort(), ["10.8.0.0/16", "192.168.10.0/24"]);
    const provider = named(reached, "p-provider", "pulumi:providers:kubernetes");
    for (const rule of rules) {
      assert.equal(input(rule, "ipProtocol"), "tcp");
      assert.equal(input(rule, "fromPort"), 443);
      assert.equal(input(rule, "toPort"), 443);
      assert.ok(rule.dependencies.includes(eks.urn), "on the cluster security group EKS creates");
      assert.ok(provider.dependencies.includes(rule.urn), `the provider must wait for ${rule.name}`);
    }
  });

  it("opens the public endpoint in dev, to the given CIDRs only", async () => {
    const dev = await record(
      () =>
        new EksCluster(
          "dev",
          eksArgs({ environment: "dev", publicEndpoint: undefined, publicAccessCidrs: ["203.0.113.0/24"] }),
        ),
      options,
    );
    const eks = named(dev, "dev-cluster", "aws:eks/cluster:Cluster");
    assert.equal(input(eks, "vpcConfig.endpointPublicAccess"), true);
    assert.deepEqual(input(eks, "vpcConfig.publicAccessCidrs"), ["203.0.113.0/24"]);
    assert.equal(ofType(dev, "aws:ec2/natGateway:NatGateway").length, 1, "one NAT gateway in dev");
    assert.equal(ofType(recording, "aws:ec2/natGateway:NatGateway").length, 3, "one per zone in prod");
  });

  it("creates IAM roles, the key, the network and the node security group without waiting for the control plane", () => {
    const controlPlane = named(recording, "prod-cluster", "aws:eks/cluster:Cluster").urn;
    const early = recording.resources.filter(
      (r) =>
        r.custom &&
        (r.type.startsWith("aws:iam/") || r.type.startsWith("aws:kms/") || r.type.startsWith("aws:ec2/")) &&
        r.type !== "aws:ec2/launchTemplate:LaunchTemplate",
    );
    assert.ok(early.length > 20);
    for (const r of early)
      assert.ok(!transitiveDependencies(recording, r).has(controlPlane), `${r.name} waits for the cluster`);
  });

  it("gives each admin an access entry and the cluster-admin access policy, and the provider waits for them", () => {
    const association = named(recording, "prod-admin-0", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    assert.equal(input(association, "policyArn"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    assert.deepEqual(input(association, "accessScope"), { type: "cluster" });
    assert.equal(input(association, "principalArn"), "arn:aws:iam::123456789012:role/platform-admin");
    assert.equal(input(named(recording, "prod-admin-0", "aws:eks/accessEntry:AccessEntry"), "type"), "STANDARD");
    const provider = named(recording, "prod-provider", "pulumi:providers:kubernetes");
    assert.ok(
      provider.dependencies.includes(association.urn),
      "Kubernetes calls would be refused before access exists",
    );
  });

  it("runs AL2023 managed node groups in the private subnets, behind NAT egress, leaving desired size to the autoscaler", () => {
    const group = named(recording, "prod-general", "aws:eks/nodeGroup:NodeGroup");
    assert.equal(input(group, "amiType"), "AL2023_x86_64_STANDARD");
    assert.deepEqual(input(group, "scalingConfig"), { minSize: 3, maxSize: 6, desiredSize: 3 });
    assert.deepEqual(group.ignoreChanges, ["scalingConfig.desiredSize"]);
    const cluster = named(recording, "prod-cluster", "aws:eks/cluster:Cluster");
    assert.ok(
      group.propertyDependencies["version"]?.includes(cluster.urn),
      "the nodes' Kubernetes version is the control plane's, so a version bump upgrades them too",
    );
    const privateSubnets = ofType(recording, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-"));
    for (const subnet of privateSubnets) assert.ok(group.dependencies.includes(subnet.urn));
    const nat = ofType(recording, "aws:ec2/natGateway:NatGateway")[0];
    assert.ok(nat && transitiveDependencies(recording, group).has(nat.urn));
    const template = named(recording, "prod-general", "aws:ec2/launchTemplate:LaunchTemplate");
    assert.equal(input(template, "metadataOptions.httpTokens"), "required");
    assert.equal(input(template, "blockDeviceMappings.0.ebs.encrypted"), "true");
    assert.equal(input(template, "blockDeviceMappings.0.ebs.volumeSize"), 50, "a 50Gi root volume by default");
    assert.ok(
      template.dependencies.includes(named(recording, "prod-nodes").urn),
      "nodes carry the node security group",
    );
    assert.equal(amiTypeFor(["m7g.large"]), "AL2023_ARM_64_STANDARD");
    assert.equal(amiTypeFor(["c7gn.xlarge"]), "AL2023_ARM_64_STANDARD");
    assert.equal(amiTypeFor(["m7i-flex.large"]), "AL2023_x86_64_STANDARD");
  });

  it("installs the seven add-ons; storage drivers start after nodes, the pod identity agent and their association", () => {
    const addons = ofType(recording, "aws:eks/addon:Addon");
    assert.deepEqual(addons.map((a) => input(a, "addonName")).sort(), [
      "aws-ebs-csi-driver",
      "aws-efs-csi-driver",
      "coredns",
      "eks-pod-identity-agent",
      "kube-proxy",
      "snapshot-controller",
      "vpc-cni",
    ]);
    const ebs = named(recording, "prod-aws-ebs-csi-driver");
    for (const dep of ["prod-general", "prod-eks-pod-identity-agent", "prod-ebs-csi"]) {
      assert.ok(
        ebs.dependencies.some((d) => d.endsWith(`::${dep}`)),
        `ebs driver must wait for ${dep}`,
      );
    }
    const identity = named(recording, "prod-ebs-csi", "aws:eks/podIdentityAssociation:PodIdentityAssociation");
    assert.equal(input(identity, "serviceAccount"), "ebs-csi-controller-sa");
    assert.equal(input(identity, "namespace"), "kube-system");
    assert.equal(
      input(
        named(recording, "prod-efs-csi", "aws:eks/podIdentityAssociation:PodIdentityAssociation"),
        "serviceAccount",
      ),
      "efs-csi-controller-sa",
    );
    assert.deepEqual(
      named(recording, "prod-vpc-cni").dependencies.filter((d) => d.includes("NodeGroup")),
      [],
    );
  });

  it("hands out a secret exec kubeconfig, the provider built from it, and readiness = node groups, access and drivers", async () => {
    assert.equal(input(named(recording, "prod-provider"), "kubeconfig"), SECRET);
    assert.equal(await pulumi.isSecret(cluster!.kubeconfig), true);
    const withConsumer = await record(() => {
      const eks = new EksCluster("k", eksArgs());
      new k8s.core.v1.Namespace("consumer", {}, { provider: eks.provider, dependsOn: eks.readiness });
    }, options);
    const consumer = named(withConsumer, "consumer");
    const byUrn = new Map(withConsumer.resources.map((r) => [r.urn, r.name]));
    assert.deepEqual(consumer.dependencies.map((d) => byUrn.get(d)).sort(), [
      "k-admin-0",
      "k-aws-ebs-csi-driver",
      "k-aws-efs-csi-driver",
      "k-coredns",
      "k-general",
      "k-snapshot-controller",
    ]);
  });

  const kubeconfigOf = (credentials?: { profile?: string; roleArn?: string }) =>
    new Promise<string>((resolve) =>
      eksKubeconfig("prod-abc", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Q0E=", "eu-west-1", credentials).apply(
        resolve,
      ),
    ).then(
      (text) =>
        JSON.parse(text) as {
          clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
          users: { user: { exec: KubeconfigExec } }[];
        },
    );

  /** client-go's own checks of an exec user (kubernetes/client-go@v0.35.7:tools/clientcmd/validation.go). */
  const assertExecContract = (exec: KubeconfigExec) => {
    assert.ok(exec.command.length > 0, "command must be specified");
    assert.ok((EXEC_API_VERSIONS as readonly string[]).includes(exec.apiVersion), exec.apiVersion);
    assert.ok((EXEC_INTERACTIVE_MODES as readonly string[]).includes(exec.interactiveMode), exec.interactiveMode);
    for (const variable of exec.env ?? []) assert.ok(variable.name.length > 0, "env variable name must be specified");
  };

  it("writes a kubeconfig that authenticates with `aws eks get-token` for the cluster and region, storing no credential", async () => {
    const config = await kubeconfigOf();
    assert.equal(config.clusters[0]?.cluster.server, "https://ABC.gr7.eu-west-1.eks.amazonaws.com");
    assert.equal(config.clusters[0]?.cluster["certificate-authority-data"], "Q0E=");
    const exec = config.users[0]!.user.exec;
    assertExecContract(exec);
    assert.equal(exec.command, "aws");
    assert.deepEqual(exec.args, [
      "eks",
      "get-token",
      "--cluster-name",
      "prod-abc",
      "--region",
      "eu-west-1",
      "--output",
      "json",
    ]);
  });

  it("signs the token as the aws provider's identity: its profile and the role it assumes", async () => {
    const exec = (await kubeconfigOf({ profile: "prod-deployer", roleArn: "arn:aws:iam::123456789012:role/deployer" }))
      .users[0]!.user.exec;
    assertExecContract(exec);
    assert.deepEqual(exec.args, [
      "eks",
      "get-token",
      "--cluster-name",
      "prod-abc",
      "--region",
      "eu-west-1",
      "--output",
      "json",
      "--profile",
      "prod-deployer",
      "--role-arn",
      "arn:aws:iam::123456789012:role/deployer",
    ]);
    assert.equal(exec.env, undefined, "the profile is passed as --profile, not through the environment");
    const roleOnly = (await kubeconfigOf({ roleArn: "arn:aws:iam::123456789012:role/deployer" })).users[0]!.user.exec;
    assert.deepEqual(roleOnly.args.slice(-2), ["--role-arn", "arn:aws:iam::123456789012:role/deployer"]);
    assert.ok(!roleOnly.args.includes("--profile"));
  });

  it("renders its credentials into the kubeconfig the provider uses", async () => {
    let built: EksCluster | undefined;
    await record(
      () => {
        built = new EksCluster("cred", eksArgs({ credentials: { profile: "prod-deployer" } }));
      },
      { ...options, preview: false },
    );
    const text = await new Promise<string>((resolve) => built!.kubeconfig.apply(resolve));
    const exec = (JSON.parse(text) as { users: { user: { exec: KubeconfigExec } }[] }).users[0]!.user.exec;
    assert.deepEqual(exec.args.slice(-2), ["--profile", "prod-deployer"]);
  });

  it("sizes each node's root volume from diskSize, in the GiB EC2 takes", async () => {
    const sized = await record(
      () =>
        new EksCluster(
          "sized",
          eksArgs({
            nodeGroups: [{ name: "big", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2, diskSize: "1Ti" }],
          }),
        ),
      options,
    );
    const template = named(sized, "sized-big", "aws:ec2/launchTemplate:LaunchTemplate");
    assert.equal(input(template, "blockDeviceMappings.0.ebs.volumeSize"), 1024);
  });

  it("builds ARNs from the region's partition without calling AWS", async () => {
    const china = await record(
      () =>
        new EksCluster(
          "cn",
          eksArgs({
            region: "cn-north-1",
            zones: ["cn-north-1a", "cn-north-1b"],
            admins: ["arn:aws-cn:iam::123456789012:role/platform-admin"],
          }),
        ),
      options,
    );
    assert.equal(recording.invokes.length, 0);
    assert.deepEqual(attachedPolicies(china, "cn-cluster-role"), ["arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy"]);
  });

  it("uses an existing VPC's subnets and creates no network", async () => {
    const existing = await record(
      () =>
        new EksCluster(
          "byo",
          eksArgs({
            zones: ["eu-west-1a", "eu-west-1b"],
            network: { vpcId: "vpc-0abc12345def67890", privateSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] },
          }),
        ),
      options,
    );
    assert.equal(ofType(existing, "aws:ec2/vpc:Vpc").length, 0);
    assert.deepEqual(input(named(existing, "byo-cluster", "aws:eks/cluster:Cluster"), "vpcConfig.subnetIds"), [
      "subnet-0aaa1111",
      "subnet-0bbb2222",
    ]);
  });
});

describe("eksClusterProblems", () => {
  const ARN = 'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"';
  const admin = "arn:aws:iam::123456789012:role/platform-admin";
  const team = "arn:aws:iam::123456789012:role/apps-developer";
  const group = (patch: Partial<EksNodeGroupArgs>): EksNodeGroupArgs[] => [
    { name: "general", instanceTypes: ["m7i.large"], minSize: 3, maxSize: 6, ...patch },
  ];
  const PROD_OPEN =
    'a production public endpoint must not be open to the internet (EKS opens it to 0.0.0.0/0 without a list): list the ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set publicEndpoint false';
  // One row per rule: the arguments that break it, and the one problem reported.
  const cases: [string, EksClusterArgs, Problem][] = [
    [
      "an environment that is not one",
      eksArgs({ environment: "staging" as Environment }),
      problem(["environment"], "staging", 'expected one of "dev", "prod"'),
    ],
    [
      "a region that is not an AWS region",
      eksArgs({ region: "europe", zones: ["europea", "europeb"] }),
      problem(["region"], "europe", 'expected an AWS region such as "eu-west-1"'),
    ],
    [
      "one zone",
      eksArgs({ zones: ["eu-west-1a"] }),
      problem(
        ["zones"],
        ["eu-west-1a"],
        'EKS needs at least two availability zones, e.g. ["eu-west-1a", "eu-west-1b"]',
      ),
    ],
    [
      "a zone of another region",
      eksArgs({ zones: ["eu-west-1a", "us-east-1b"] }),
      problem(["zones", 1], "us-east-1b", 'is not in region "eu-west-1"; use zones of it such as "eu-west-1a"'),
    ],
    [
      "both a new and an existing VPC",
      eksArgs({ network: { cidr: "10.20.0.0/16", vpcId: "vpc-0abc12345def67890" } }),
      problem(
        ["network"],
        { cidr: "10.20.0.0/16", vpcId: "vpc-0abc12345def67890" },
        "set exactly one of cidr (create a VPC) and vpcId (with privateSubnetIds, use an existing VPC)",
      ),
    ],
    [
      "a VPC block that does not parse",
      eksArgs({ network: { cidr: "10.0.0.300/16" } }),
      problem(
        ["network", "cidr"],
        "10.0.0.300/16",
        'expected an IPv4 CIDR block from /16 to /24 with host bits zero, such as "10.0.0.0/16" (VPC block)',
      ),
    ],
    [
      "a VPC block larger than /16",
      eksArgs({ network: { cidr: "10.0.0.0/12" } }),
      problem(
        ["network", "cidr"],
        "10.0.0.0/12",
        'expected an IPv4 CIDR block from /16 to /24 with host bits zero, such as "10.0.0.0/16" (VPC block)',
      ),
    ],
    [
      "a new VPC over five zones",
      eksArgs({ zones: ["a", "b", "c", "d", "e"].map((z) => `eu-west-1${z}`) }),
      problem(
        ["zones"],
        ["a", "b", "c", "d", "e"].map((z) => `eu-west-1${z}`),
        "a new VPC spans one to 4 zones: its block is cut in eighths, a private and a public subnet per zone",
      ),
    ],
    [
      "an unknown NAT gateway mode",
      eksArgs({ network: { cidr: "10.20.0.0/16", natGateways: "many" as NatGatewayMode } }),
      problem(["network", "natGateways"], "many", 'expected one of "single", "perZone"'),
    ],
    [
      "a VPC id that is not one",
      privateEksArgs({ network: { vpcId: "my-vpc", privateSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] } }),
      problem(["network", "vpcId"], "my-vpc", 'expected a VPC id such as "vpc-0abc12345def67890"'),
    ],
    [
      "an existing VPC with a subnet missing",
      privateEksArgs({ network: { vpcId: "vpc-0abc12345def67890", privateSubnetIds: ["subnet-0aaa1111"] } }),
      problem(
        ["network", "privateSubnetIds"],
        ["subnet-0aaa1111"],
        "give one private subnet per zone (2), in the order of zones",
      ),
    ],
    [
      "a subnet id that is not one",
      privateEksArgs({
        network: { vpcId: "vpc-0abc12345def67890", privateSubnetIds: ["subnet-0aaa1111", "private-b"] },
      }),
      problem(
        ["network", "privateSubnetIds", 1],
        "private-b",
        'expected a subnet id such as "subnet-0abc12345def67890"',
      ),
    ],
    [
      "a public access range that is not a CIDR block",
      eksArgs({ publicAccessCidrs: ["198.51.100.0/24", "198.51.100.7"] }),
      problem(
        ["publicAccessCidrs", 1],
        "198.51.100.7",
        'expected an IPv4 CIDR block with host bits zero, such as "203.0.113.0/24" (public endpoint allow-list)',
      ),
    ],
    [
      "a private access range that is not a CIDR block",
      privateEksArgs({ privateAccessCidrs: ["10.8.0.0"] }),
      problem(
        ["privateAccessCidrs", 0],
        "10.8.0.0",
        'expected an IPv4 CIDR block with host bits zero, such as "203.0.113.0/24" (runner or VPN range)',
      ),
    ],
    [
      "a production public endpoint with no allow-list",
      eksArgs({ publicAccessCidrs: undefined }),
      problem(["publicAccessCidrs"], undefined, PROD_OPEN),
    ],
    [
      "a production public endpoint with an empty allow-list",
      eksArgs({ publicAccessCidrs: [] }),
      problem(["publicAccessCidrs"], [], PROD_OPEN),
    ],
    [
      "a production public endpoint open to the internet",
      eksArgs({ publicAccessCidrs: ["0.0.0.0/0"] }),
      problem(
        ["publicAccessCidrs"],
        ["0.0.0.0/0"],
        "0.0.0.0/0 lets the whole internet reach a production API endpoint: list narrower ranges, or set publicEndpoint false",
      ),
    ],
    [
      "a private-only endpoint with no private access ranges",
      eksArgs({ publicEndpoint: false, publicAccessCidrs: undefined }),
      problem(["privateAccessCidrs"], undefined, NO_PATH),
    ],
    [
      "the prod default (private-only) with no private access ranges",
      eksArgs({ publicEndpoint: undefined, publicAccessCidrs: undefined }),
      problem(["privateAccessCidrs"], undefined, NO_PATH),
    ],
    [
      "a private-only endpoint in a VPC the cluster creates",
      eksArgs({ publicEndpoint: false, publicAccessCidrs: undefined, privateAccessCidrs: ["10.8.0.0/16"] }),
      problem(["privateAccessCidrs"], ["10.8.0.0/16"], NO_ROUTE),
    ],
    [
      "a public endpoint no address may reach (outside prod)",
      eksArgs({ environment: "dev", publicAccessCidrs: [] }),
      problem(["publicAccessCidrs"], [], EMPTY_PUBLIC),
    ],
    [
      "a version with a patch",
      eksArgs({ version: "1.35.2" }),
      problem(
        ["version"],
        "1.35.2",
        `expected a Kubernetes minor version such as "${EKS_KUBERNETES_VERSION}" (major.minor, no patch)`,
      ),
    ],
    [
      "an unknown support type",
      eksArgs({ supportType: "LONG" as EksSupportType }),
      problem(["supportType"], "LONG", 'expected one of "STANDARD", "EXTENDED"'),
    ],
    [
      "an unknown log type",
      eksArgs({ logTypes: ["api", "kubelet" as EksLogType] }),
      problem(
        ["logTypes", 1],
        "kubelet",
        'expected one of "api", "audit", "authenticator", "controllerManager", "scheduler"',
      ),
    ],
    [
      "a service block that does not parse",
      eksArgs({ serviceCidr: "172.20.0.0" }),
      problem(
        ["serviceCidr"],
        "172.20.0.0",
        'expected an IPv4 CIDR block with host bits zero, such as "172.20.0.0/16" (Kubernetes service block)',
      ),
    ],
    [
      "overlapping VPC and service blocks",
      eksArgs({ network: { cidr: "172.20.0.0/16" } }),
      problem(
        ["serviceCidr"],
        "172.20.0.0/16",
        'overlaps the VPC block "172.20.0.0/16"; choose disjoint blocks, e.g. a VPC in 10.0.0.0/8 and services in 172.20.0.0/16',
      ),
    ],
    ["no node group", eksArgs({ nodeGroups: [] }), problem(["nodeGroups"], [], "give at least one node group")],
    [
      "two node groups of one name",
      eksArgs({ nodeGroups: [...group({}), ...group({})] }),
      problem(
        ["nodeGroups", 1, "name"],
        "general",
        "node group names must be unique; this name is used earlier, rename one of them",
      ),
    ],
    [
      "a node group name that is not a DNS label",
      eksArgs({ nodeGroups: group({ name: "General" }) }),
      problem(
        ["nodeGroups", 0, "name"],
        "General",
        'must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (node group name)',
      ),
    ],
    [
      "a node group without instance types",
      eksArgs({ nodeGroups: group({ instanceTypes: [] }) }),
      problem(["nodeGroups", 0, "instanceTypes"], [], 'give at least one instance type, e.g. ["m7i.large"]'),
    ],
    [
      "an instance type without a size",
      eksArgs({ nodeGroups: group({ instanceTypes: ["m7i"] }) }),
      problem(
        ["nodeGroups", 0, "instanceTypes", 0],
        "m7i",
        'expected an EC2 instance type of the form family.size, e.g. "m7i.large"',
      ),
    ],
    [
      "a node count beyond a managed node group's",
      eksArgs({ nodeGroups: group({ maxSize: 451 }) }),
      problem(["nodeGroups", 0, "maxSize"], 451, "expected a whole number from 1 to 450 (most nodes)"),
    ],
    [
      "min above max",
      eksArgs({ nodeGroups: group({ minSize: 3, maxSize: 2, desiredSize: 2 }) }),
      problem(["nodeGroups", 0, "minSize"], 3, "is greater than maxSize 2; lower minSize or raise maxSize"),
    ],
    [
      "a desired size outside min..max",
      eksArgs({ nodeGroups: group({ desiredSize: 7 }) }),
      problem(["nodeGroups", 0, "desiredSize"], 7, "must be between minSize 3 and maxSize 6"),
    ],
    [
      "a root volume size that is a number",
      eksArgs({ nodeGroups: group({ diskSize: 100 as unknown as string }) }),
      problem(
        ["nodeGroups", 0, "diskSize"],
        100,
        'expected a size in whole GiB from 20Gi to 16384Gi such as "100Gi" (root volume)',
      ),
    ],
    [
      "a root volume too small for the node image",
      eksArgs({ nodeGroups: group({ diskSize: "10Gi" }) }),
      problem(
        ["nodeGroups", 0, "diskSize"],
        "10Gi",
        'expected a size in whole GiB from 20Gi to 16384Gi such as "100Gi" (root volume)',
      ),
    ],
    [
      "an unknown capacity type",
      eksArgs({ nodeGroups: group({ capacityType: "RESERVED" as EksCapacityType }) }),
      problem(["nodeGroups", 0, "capacityType"], "RESERVED", 'expected one of "ON_DEMAND", "SPOT"'),
    ],
    [
      "no admin",
      eksArgs({ admins: [] }),
      problem(
        ["admins"],
        [],
        "give at least one admin ARN, including the principal that runs pulumi up (the creator gets no implicit access)",
      ),
    ],
    [
      "an admin that is not an IAM ARN",
      eksArgs({ admins: [admin, "alice@example.com"] }),
      problem(["admins", 1], "alice@example.com", ARN),
    ],
    [
      "a group member that is not an IAM ARN",
      eksArgs({ groupMembers: [{ principalArn: "apps", kubernetesGroups: ["apps-developers"] }] }),
      problem(
        ["groupMembers", 0, "principalArn"],
        "apps",
        'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"',
      ),
    ],
    [
      "a group member that already has an access entry",
      eksArgs({ groupMembers: [{ principalArn: admin, kubernetesGroups: ["apps-developers"] }] }),
      problem(
        ["groupMembers", 0, "principalArn"],
        admin,
        "already has an access entry (as an admin or an earlier member) and EKS allows one per principal; list each principal once, with all its groups",
      ),
    ],
    [
      "a group member without groups",
      eksArgs({ groupMembers: [{ principalArn: team, kubernetesGroups: [] }] }),
      problem(["groupMembers", 0, "kubernetesGroups"], [], "give at least one group"),
    ],
    [
      "a group member in a group Kubernetes reserves",
      eksArgs({ groupMembers: [{ principalArn: team, kubernetesGroups: ["apps", "system:masters"] }] }),
      problem(
        ["groupMembers", 0, "kubernetesGroups", 1],
        "system:masters",
        'group names starting with "system:" are reserved for Kubernetes itself; use a group name of your own such as "apps-developers"',
      ),
    ],
  ];
  for (const [what, args, expected] of cases) {
    it(`rejects ${what}, before registering anything`, () => {
      assert.deepEqual(eksClusterProblems(args), [expected]);
      assert.throws(() => new EksCluster("bad", args), {
        name: "ArgumentError",
        message: `EksCluster "bad": ${describeProblem(expected)}`,
      });
    });
  }

  it("accepts the valid arguments", () => {
    assert.deepEqual(eksClusterProblems(eksArgs()), []);
    assert.deepEqual(eksClusterProblems(privateEksArgs()), []);
    assert.deepEqual(
      eksClusterProblems(
        eksArgs({
          nodeGroups: group({ diskSize: "100Gi", capacityType: "SPOT", desiredSize: 4 }),
          logTypes: ["api", "scheduler"],
          supportType: "EXTENDED",
          groupMembers: [{ principalArn: team, kubernetesGroups: ["apps-developers"] }],
        }),
      ),
      [],
    );
  });
});
