/**
 * Volatile values of the EKS cluster in one place: the Kubernetes version, the add-ons and the AWS
 * managed policies each IAM role gets. Override the version and add-on versions through the args.
 */
import { EksCapacityType, EksLogType, EksSupportType } from "./args.ts";

/**
 * EKS Kubernetes version new clusters get: the newest minor version EKS offers. Standard support
 * lasts 14 months from a version's EKS release, then extended support 12 more (Amazon EKS User
 * Guide, "Understand the Kubernetes version lifecycle on EKS",
 * docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html, whose current pages name 1.36
 * as the newest minor version). 1.36 followed upstream's April 2026 release, so its standard
 * support runs past mid-2027; 1.35 (EKS release 2026-01-27) ends it on 2027-03-27 and 1.34, the
 * previous default, ended it on 2026-12-02 (endoflife.date/amazon-eks). Raise it before the end of
 * standard support: with the `STANDARD` support type EKS then upgrades the control plane itself,
 * and the next `up` would ask for a downgrade.
 */
export const EKS_KUBERNETES_VERSION = "1.36";

/** Support type new clusters get: no silent extended-support charges. */
export const DEFAULT_SUPPORT_TYPE: EksSupportType = EksSupportType.Standard;

/** Port of the EKS API server's endpoints (HTTPS). */
export const API_PORT = 443;

/** AMI family of managed node groups (Amazon Linux 2023). */
export const NODE_AMI_TYPES = { x86: "AL2023_x86_64_STANDARD", arm: "AL2023_ARM_64_STANDARD" } as const;

/** Control-plane log types sent to CloudWatch by default. */
export const DEFAULT_LOG_TYPES: readonly EksLogType[] = [EksLogType.Api, EksLogType.Audit, EksLogType.Authenticator];

/** Size of a node's root volume when its group gives none. */
export const DEFAULT_NODE_DISK_SIZE = "50Gi";

/** Capacity of a node group's instances when it gives none. */
export const DEFAULT_CAPACITY_TYPE: EksCapacityType = EksCapacityType.OnDemand;

/** Kubernetes service CIDR default (EKS's own default when none is given). */
export const DEFAULT_SERVICE_CIDR = "172.20.0.0/16";

/** EKS add-ons the cluster installs. */
export const ADDONS = {
  vpcCni: "vpc-cni",
  kubeProxy: "kube-proxy",
  coreDns: "coredns",
  podIdentityAgent: "eks-pod-identity-agent",
  ebsCsiDriver: "aws-ebs-csi-driver",
  efsCsiDriver: "aws-efs-csi-driver",
  snapshotController: "snapshot-controller",
} as const;

/** Service accounts of the storage drivers' controllers, which get their own IAM roles. */
export const DRIVER_SERVICE_ACCOUNTS = {
  ebs: { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" },
  efs: { namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" },
} as const;

/** AWS managed policies (path and name under `arn:<partition>:iam::aws:policy/`) of each role: nothing broader. */
export const MANAGED_POLICIES = {
  cluster: ["AmazonEKSClusterPolicy"],
  node: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy"],
  ebsCsiDriver: ["service-role/AmazonEBSCSIDriverPolicy"],
  efsCsiDriver: ["service-role/AmazonEFSCSIDriverPolicy"],
} as const;

/** EKS access policy given to the admin principals. */
export const ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";
