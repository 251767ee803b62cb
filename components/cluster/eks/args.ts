import type * as pulumi from "@pulumi/pulumi";
import type { NatGatewayMode } from "../../network/aws/natGatewayMode.ts";
import type { Environment } from "../../options.ts";

/**
 * What EKS does at the end of a Kubernetes version's standard support (`@pulumi/aws` 7.48.0
 * `types/input.d.ts`, `eks.ClusterUpgradePolicy.supportType`).
 */
export const EksSupportType = {
  /** Upgrade the control plane at the end of standard support. */
  Standard: "STANDARD",
  /** Keep the version 12 more months, at extra cost per cluster hour. */
  Extended: "EXTENDED",
} as const;
/** What EKS does at the end of standard support: `"STANDARD"` or `"EXTENDED"`. */
export type EksSupportType = (typeof EksSupportType)[keyof typeof EksSupportType];

/**
 * Control-plane log types EKS sends to CloudWatch (`@pulumi/aws` 7.48.0 `eks/cluster.d.ts`,
 * `enabledClusterLogTypes`; Amazon EKS User Guide, "Send control plane logs to CloudWatch Logs").
 */
export const EksLogType = {
  /** API server logs. */
  Api: "api",
  /** Audit logs: who did what through the API. */
  Audit: "audit",
  /** IAM authenticator logs. */
  Authenticator: "authenticator",
  /** Controller manager logs. */
  ControllerManager: "controllerManager",
  /** Scheduler logs. */
  Scheduler: "scheduler",
} as const;
/** A control-plane log type: `"api"`, `"audit"`, `"authenticator"`, `"controllerManager"` or `"scheduler"`. */
export type EksLogType = (typeof EksLogType)[keyof typeof EksLogType];

/** Capacity of a managed node group's instances (`@pulumi/aws` 7.48.0 `eks/nodeGroup.d.ts`, `capacityType`). */
export const EksCapacityType = {
  /** On-demand instances. */
  OnDemand: "ON_DEMAND",
  /** Spot instances: cheaper, reclaimed by EC2 at two minutes' notice. */
  Spot: "SPOT",
} as const;
/** Capacity of a node group's instances: `"ON_DEMAND"` or `"SPOT"`. */
export type EksCapacityType = (typeof EksCapacityType)[keyof typeof EksCapacityType];

/** Where the cluster's network comes from: a new VPC (`cidr`) or an existing one (`vpcId` and subnets). */
export interface EksNetworkArgs {
  /**
   * IPv4 block of a new VPC, /16 to /24.
   * @default none: `vpcId` and `privateSubnetIds` must be given instead
   */
  cidr?: string;
  /**
   * NAT gateways of a new VPC: `"single"` or `"perZone"`.
   * @default "single" in dev, "perZone" in prod
   */
  natGateways?: NatGatewayMode;
  /**
   * Id of an existing VPC to use instead of creating one.
   * @default none: a VPC is created from `cidr`
   */
  vpcId?: pulumi.Input<string>;
  /**
   * Private subnets of the existing VPC, one per zone, in the order of `zones`; they need a route out (NAT).
   * @default []
   */
  privateSubnetIds?: pulumi.Input<string>[];
}

/** One managed node group. */
export interface EksNodeGroupArgs {
  /** Name of the node group, a DNS label; also the `node-group` node label. */
  name: string;
  /** EC2 instance types of the `family.size` form, e.g. `"m7i.large"`; all of one architecture. */
  instanceTypes: string[];
  /** Fewest nodes, 0 to 450. */
  minSize: number;
  /** Most nodes, 1 to 450; at least `minSize`. */
  maxSize: number;
  /**
   * Nodes at creation, from `minSize` to `maxSize`; later changes by the cluster autoscaler are kept
   * (the value is ignored on update).
   * @default `minSize`
   */
  desiredSize?: number;
  /**
   * Size of each node's encrypted gp3 root volume, in whole GiB from `"20Gi"` to `"16384Gi"`.
   * @default "50Gi"
   */
  diskSize?: string;
  /**
   * `"ON_DEMAND"` or `"SPOT"`.
   * @default "ON_DEMAND"
   */
  capacityType?: EksCapacityType;
}

/**
 * The identity `aws eks get-token` signs the kubeconfig's token with: the same as the aws provider's
 * (its `aws:profile` and assumed role), or the access entries would not match it.
 */
export interface EksKubeconfigCredentials {
  /**
   * AWS CLI profile, passed as `--profile`.
   * @default none: the CLI's default credential chain
   */
  profile?: string;
  /**
   * IAM role to assume for the token, passed as `--role-arn`.
   * @default none: the profile's (or default chain's) own identity
   */
  roleArn?: string;
}

/**
 * An IAM principal that belongs to Kubernetes groups, through an EKS access entry of type
 * `STANDARD` with `kubernetesGroups` (`@pulumi/aws` 7.48.0 `eks/accessEntry.d.ts`; EKS allows one
 * access entry per principal and cluster: awsdocs/amazon-eks-user-guide doc_source/access-entries.md).
 */
export interface EksGroupMember {
  /** IAM role or user ARN; not one of the cluster's `admins`, which have an access entry already. */
  principalArn: string;
  /** Names used as `Group` subjects of RoleBindings; none may start with `system:`. */
  kubernetesGroups: string[];
}

/** Arguments of {@link EksCluster}. */
export interface EksClusterArgs {
  /** AWS region, e.g. `"eu-west-1"` (the stack's `aws:region`); ARNs are built from its partition. */
  region: string;
  /** Availability zones of the region the nodes run in, at least two. */
  zones: string[];
  /** `prod` turns off the public endpoint by default and uses one NAT gateway per zone. */
  environment: Environment;
  /** The network: a new VPC or an existing one. */
  network: EksNetworkArgs;
  /** Managed node groups, at least one, with unique names; they run in the private subnets. */
  nodeGroups: EksNodeGroupArgs[];
  /**
   * IAM role or user ARNs given cluster-admin through EKS access entries, at least one. Include the
   * principal that runs `pulumi up`: the cluster creator gets no implicit rights.
   */
  admins: string[];
  /**
   * IAM principals given Kubernetes group memberships (and nothing else: what the groups may do is
   * up to RoleBindings), one access entry each.
   * @default []
   */
  groupMembers?: EksGroupMember[];
  /**
   * Kubernetes minor version (`major.minor`, no patch), e.g. `"1.35"`.
   * @default {@link EKS_KUBERNETES_VERSION}
   */
  version?: string;
  /**
   * What EKS does at the end of the version's standard support: `"STANDARD"` upgrades the control
   * plane (raise `version` before then, or the next `up` asks for a downgrade), `"EXTENDED"` keeps it
   * 12 more months at extra cost.
   * @default "STANDARD"
   */
  supportType?: EksSupportType;
  /**
   * Serve the API on a public endpoint as well as the private one. Whoever runs `pulumi up` must
   * reach one of them: a public endpoint with `publicAccessCidrs`, or the private one with
   * `privateAccessCidrs` in a VPC their network routes to.
   * @default true in dev, false in prod
   */
  publicEndpoint?: boolean;
  /**
   * IPv4 blocks allowed to reach the public endpoint.
   * @default ["0.0.0.0/0"] when the public endpoint is on
   */
  publicAccessCidrs?: string[];
  /**
   * IPv4 blocks of runners or VPNs that route into the VPC, admitted to the private endpoint on TCP
   * 443 by a rule on the cluster security group; the Kubernetes provider waits for the rules.
   * @default []
   */
  privateAccessCidrs?: string[];
  /**
   * The identity the kubeconfig's `aws eks get-token` uses: the aws provider's profile and role.
   * @default {} (the AWS CLI's default credential chain)
   */
  credentials?: EksKubeconfigCredentials;
  /**
   * Kubernetes service IPv4 block; must not overlap the VPC block.
   * @default "172.20.0.0/16"
   */
  serviceCidr?: string;
  /**
   * Control-plane log types sent to CloudWatch.
   * @default ["api", "audit", "authenticator"]
   */
  logTypes?: EksLogType[];
  /**
   * Add-on versions by add-on name (e.g. `{ "aws-ebs-csi-driver": "v1.50.0-eksbuild.1" }`).
   * @default EKS's default version of each add-on for the cluster's Kubernetes version
   */
  addonVersions?: Record<string, string>;
  /**
   * Tags on every AWS resource.
   * @default {}
   */
  tags?: Record<string, string>;
}
