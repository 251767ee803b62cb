import type * as k8s from "@pulumi/kubernetes";
import { Role } from "@pulumi/kubernetes/rbac/v1/role.js";
import { RoleBinding } from "@pulumi/kubernetes/rbac/v1/roleBinding.js";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/handle.ts";
import { forwardedDependsOn } from "../options.ts";
import { OperatorPreset } from "../operators/presets.ts";
import { problem, refuse, variantProblems, type Problem } from "../problems.ts";

/** One RBAC rule, as `rbac.authorization.k8s.io/v1` `PolicyRule`. */
export interface AccessRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const MANAGE = ["get", "list", "watch", "create", "update", "patch", "delete"];
const READ = ["get", "list", "watch"];

/** The custom resources a team may manage for each built-in operator. */
export const OPERATOR_RESOURCES: Record<OperatorPreset, AccessRule[]> = {
  etcd: [{ apiGroups: ["operator.etcd.io"], resources: ["etcdclusters"], verbs: MANAGE }],
  "rook-ceph": [{ apiGroups: ["objectbucket.io"], resources: ["objectbucketclaims"], verbs: MANAGE }],
};

/** What every team may read in its namespace: pods (and their logs), claims, events. */
export const READ_RULES: AccessRule[] = [
  { apiGroups: [""], resources: ["pods", "pods/log", "persistentvolumeclaims", "events"], verbs: READ },
];

/** The rules of a role letting a team manage `operator`'s custom resources. */
export function operatorAccessRules(operator: OperatorPreset): AccessRule[] {
  return [...OPERATOR_RESOURCES[operator], ...READ_RULES];
}

/**
 * The name of the Role and RoleBinding for `group`: one pair per group, so several teams can share
 * a namespace (group names may hold characters object names cannot).
 */
export function bindingName(operator: OperatorPreset, group: string): string {
  const safe = group
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${operator}-operator-user-${safe}`.slice(0, 253).replace(/-+$/, "");
}

/** Arguments of {@link OperatorAccess}. */
export interface OperatorAccessArgs {
  /** The cluster; the Role and RoleBinding use its provider. */
  cluster: ClusterHandle;
  /** The application namespace the team works in. */
  namespace: pulumi.Input<string>;
  /**
   * The group given access, as the cluster's sign-in names it: on AKS with Entra ID the group's
   * object id (a lowercase GUID); on EKS a name that access entries put principals in
   * (`kubernetesGroups`, see `EksClusterArgs.groupMembers`); on an existing cluster whatever its
   * authentication reports.
   */
  group: string;
  /** The operator whose custom resources the group may manage. */
  operator: OperatorPreset;
}

/** The check of {@link OperatorAccessArgs} (paths relative to them): a group, and a built-in operator. */
export function operatorAccessProblems(args: Pick<OperatorAccessArgs, "group" | "operator">): Problem[] {
  return [
    ...(typeof args.group === "string" && args.group !== ""
      ? []
      : [problem(["group"], args.group, "name the group to give access, as the cluster's sign-in names it")]),
    ...variantProblems(["operator"], args.operator, OperatorPreset),
  ];
}

/**
 * Lets a group run stateful services in one namespace without cluster-admin: a Role allowing only
 * the operator's custom resources (plus reading pods, logs, claims and events) and a RoleBinding to
 * the group.
 *
 * @example
 * ```ts
 * new OperatorAccess("team-a-etcd", { cluster, namespace: "team-a", group: "team-a-devs", operator: "etcd" });
 * ```
 */
export class OperatorAccess extends pulumi.ComponentResource {
  /** The Role. */
  readonly role: k8s.rbac.v1.Role;

  constructor(name: string, args: OperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stateful-stack:index:OperatorAccess", name, {}, opts);
    refuse(`OperatorAccess "${name}"`, operatorAccessProblems(args));
    const provider = args.cluster.provider;
    const dependsOn = forwardedDependsOn(opts);
    this.role = new Role(
      `${name}-role`,
      {
        metadata: { name: bindingName(args.operator, args.group), namespace: args.namespace },
        rules: operatorAccessRules(args.operator),
      },
      { parent: this, provider, dependsOn },
    );
    new RoleBinding(
      `${name}-binding`,
      {
        metadata: { name: bindingName(args.operator, args.group), namespace: args.namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: this.role.metadata.name },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.group }],
      },
      { parent: this, provider, dependsOn },
    );
    this.registerOutputs({});
  }
}
