/**
 * OperatorAccess and `operatorAccess`: a team manages one operator's custom resources in its own
 * namespace, and reads its pods and claims, without cluster-admin.
 */
import assert from "node:assert/strict";
import {
  ENTRA_OBJECT_ID,
  OperatorAccess,
  bindingName,
  eksGroupMembers,
  operatorAccessProblems,
  platformProblems,
} from "../components/index.ts";
import { formatPath } from "../components/problems.ts";
import { EksCluster, eksClusterProblems } from "../components/cluster/eks/index.ts";
import { problem } from "../components/problems.ts";
import { ConfigError, validateStackConfig } from "../config/index.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { listStacks, loadProject } from "../tools/plan/project.ts";
import { PROJECT_ROOT, recordStack } from "../tools/recorder/program.ts";
import { record } from "../tools/recorder/record.ts";
import { problemsOf } from "./support/config.ts";
import { eksArgs } from "./support/eks.ts";
import { input, named, ofType } from "./support/graph.ts";
import { stackRaw } from "./support/stackConfig.ts";
import { kubernetesSchemaProblems } from "./support/kubernetesSchema.ts";
import { clusterWithNodes } from "./support/operators.ts";

describe("OperatorAccess", () => {
  it("binds the group to a Role that manages only EtcdClusters and reads pods, logs, claims and events", async () => {
    const recording = await record(
      () =>
        new OperatorAccess("a", {
          cluster: clusterWithNodes(),
          namespace: "team-a",
          group: "Team A",
          operator: "etcd",
        }),
      { project: "proj", stack: "test" },
    );
    const role = named(recording, "a-role");
    const binding = named(recording, "a-binding");
    assert.equal(input(role, "metadata.namespace"), "team-a");
    assert.deepEqual(input(role, "rules"), [
      {
        apiGroups: ["operator.etcd.io"],
        resources: ["etcdclusters"],
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
      },
      {
        apiGroups: [""],
        resources: ["pods", "pods/log", "persistentvolumeclaims", "events"],
        verbs: ["get", "list", "watch"],
      },
    ]);
    assert.equal(input(binding, "metadata.namespace"), "team-a");
    assert.equal(input(binding, "metadata.name"), "etcd-operator-user-team-a");
    assert.deepEqual(input(binding, "subjects"), [
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "Team A" },
    ]);
    assert.deepEqual(input(binding, "roleRef"), {
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: "etcd-operator-user-team-a",
    });
    for (const r of [role, binding]) {
      assert.equal(
        r.type.startsWith("kubernetes:rbac.authorization.k8s.io/v1:Role"),
        true,
        "namespaced, never a ClusterRole",
      );
      assert.deepEqual(await kubernetesSchemaProblems(r), []);
    }
  });

  it("creates each application namespace once, retained on delete in prod, and binds each team in it", async () => {
    const { Platform } = await import("../components/index.ts");
    const recording = await record(
      () =>
        new Platform("p", {
          environment: "prod",
          cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
          storageClasses: ["standard"],
          operators: {
            etcdClusters: [{ name: "e", storageClass: "standard" }],
            access: [
              { namespace: "apps", group: "devs", operator: "etcd" },
              { namespace: "apps", group: "ops", operator: "etcd" },
              { namespace: "data", group: "dba", operator: "etcd" },
            ],
          },
        }),
      { project: "proj", stack: "test" },
    );
    const namespaces = recording.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace");
    assert.deepEqual(
      namespaces.map((n) => [input(n, "metadata.name"), n.retainOnDelete]),
      [
        ["data", true],
        ["apps", true],
      ],
    );
    const bindings = recording.resources.filter(
      (r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    );
    assert.deepEqual(bindings.map((b) => [input(b, "metadata.namespace"), input(b, "subjects.0.name")]).sort(), [
      ["apps", "devs"],
      ["apps", "ops"],
      ["data", "dba"],
    ]);
    const roles = recording.resources.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:Role");
    const roleKeys = roles.map((r) => `${String(input(r, "metadata.namespace"))}/${String(input(r, "metadata.name"))}`);
    assert.equal(new Set(roleKeys).size, 3, "no two roles share a name");
  });

  it("refuses an empty group and an operator that is not built in, before registering anything", async () => {
    assert.deepEqual(operatorAccessProblems({ group: "", operator: "postgres" as "etcd" }), [
      { path: ["group"], value: "", message: "name the group to give access, as the cluster's sign-in names it" },
      { path: ["operator"], value: "postgres", message: 'expected one of "etcd", "rook-ceph"' },
    ]);
    await assert.rejects(
      record(
        () => new OperatorAccess("a", { cluster: clusterWithNodes(), namespace: "n", group: "", operator: "etcd" }),
        {
          project: "proj",
          stack: "test",
        },
      ),
      /OperatorAccess "a": group = "": name the group to give access/,
    );
  });

  it("derives a valid object name from any group name", () => {
    assert.equal(bindingName("rook-ceph", "oidc:Data Team/SRE"), "rook-ceph-operator-user-oidc-data-team-sre");
  });

  it("refuses the same grant twice", () => {
    const grant = { namespace: "apps", group: "devs", operator: "etcd" };
    const raw = {
      environment: "dev",
      cloud: "existing",
      kubeconfigPath: "~/.kube/config",
      kubeContext: "kind-stateful",
      storageClasses: ["standard"],
      etcdClusters: [{ name: "e", storageClass: "standard" }],
      operatorAccess: [grant, grant],
    };
    assert.throws(
      () => validateStackConfig(raw),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          {
            key: "stateful-stack:operatorAccess[1]",
            value: grant,
            message: 'group "devs" already has access to "etcd" in namespace "apps"; remove the duplicate',
          },
        ]);
        return true;
      },
    );
  });

  it("refuses access to an operator the stack does not install", () => {
    const raw = {
      environment: "dev",
      cloud: "existing",
      kubeconfigPath: "~/.kube/config",
      kubeContext: "kind-stateful",
      operatorAccess: [{ namespace: "apps", group: "devs", operator: "rook-ceph" }],
    };
    assert.throws(
      () => validateStackConfig(raw),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          {
            key: "stateful-stack:operatorAccess[0].operator",
            value: "rook-ceph",
            message: 'the stack does not install the "rook-ceph" operator; set rook or remove this access entry',
          },
        ]);
        return true;
      },
    );
  });
});

const ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
const apps = { namespace: "apps", group: "apps-developers", operator: "etcd" };
const teamRole = "arn:aws:iam::123456789012:role/apps-developer";

describe("operatorAccess groups that can match", () => {
  it("on AKS with Entra ID, refuses a group that is not an Entra ID object id", () => {
    const { raw, provider } = stackRaw("prod-aks");
    const [problem, ...rest] = problemsOf({ ...raw, operatorAccess: [apps] }, provider);
    assert.deepEqual(rest, []);
    assert.equal(problem?.key, "stateful-stack:operatorAccess[0].group");
    assert.equal(problem?.value, "apps-developers");
    assert.match(problem?.message ?? "", /Entra ID group object ids, so "apps-developers" would never match/);
    const upper = "7C9E4B2A-1D3F-4E5A-9B8C-2F6D0A1E3B57";
    assert.deepEqual(
      problemsOf({ ...raw, operatorAccess: [{ ...apps, group: upper }] }, provider).map((p) => [p.key, p.value]),
      [["stateful-stack:operatorAccess[0].group", upper]],
      "RBAC compares names exactly, and tokens carry lowercase object ids",
    );
  });

  it("on AKS with local accounts only, refuses any access entry and says to enable Entra ID", () => {
    const { raw, provider } = stackRaw("dev-aks");
    assert.deepEqual(problemsOf({ ...raw, operatorAccess: [apps] }, provider), [
      {
        key: "stateful-stack:operatorAccess[0]",
        value: apps,
        message:
          "this AKS cluster has local accounts only (aks.adminGroupObjectIds is empty): nobody but the admin certificate signs in, so no group can match; enable Entra ID by setting aks.adminGroupObjectIds, then name Entra ID group object ids here",
      },
    ]);
  });

  it("on EKS, needs the group's principals, refuses system: groups and admins, and maps principals to access entries", () => {
    const { raw, provider } = stackRaw("dev-eks");
    const admin = "arn:aws:iam::123456789012:role/platform-admin";
    const problems = problemsOf(
      {
        ...raw,
        operatorAccess: [
          apps,
          { ...apps, group: "system:masters", principals: [teamRole] },
          { ...apps, group: "ops", principals: [admin] },
        ],
      },
      provider,
    );
    assert.deepEqual(
      problems.map((p) => [p.key, p.value]),
      [
        ["stateful-stack:operatorAccess[0].principals", undefined],
        ["stateful-stack:operatorAccess[1].group", "system:masters"],
        ["stateful-stack:operatorAccess[2].principals[0]", admin],
      ],
    );
    assert.match(problems[0]?.message ?? "", /on EKS a group has members only through access entries/);
    assert.match(problems[2]?.message ?? "", /one access entry per principal/);
    const config = validateStackConfig(
      {
        ...raw,
        operatorAccess: [
          { ...apps, principals: [teamRole] },
          { ...apps, namespace: "web", group: "web-developers", principals: [teamRole] },
        ],
      },
      "dev-eks",
      provider,
    );
    assert.deepEqual(eksGroupMembers(toPlatformArgs(config).operators?.access ?? []), [
      { principalArn: teamRole, kubernetesGroups: ["apps-developers", "web-developers"] },
    ]);
  });

  it("refuses principals outside EKS, and takes any group name on an existing cluster", () => {
    const { raw, provider } = stackRaw("local");
    assert.deepEqual(
      problemsOf({ ...raw, operatorAccess: [{ ...apps, principals: [teamRole] }] }, provider).map((p) => p.key),
      ["stateful-stack:operatorAccess[0].principals"],
    );
    const config = validateStackConfig(
      { ...raw, operatorAccess: [{ ...apps, group: "oidc:Data Team" }] },
      "local",
      provider,
    );
    assert.equal(config.operatorAccess[0]?.group, "oidc:Data Team");
  });

  it("Platform reports each principal at its entry of operators.access: an IAM ARN, not an admin, not already a member", () => {
    const admin = "arn:aws:iam::123456789012:role/platform-admin";
    const member = "arn:aws:iam::123456789012:role/ops";
    const problems = platformProblems({
      environment: "prod",
      cluster: { cloud: "eks", eks: eksArgs({ groupMembers: [{ principalArn: member, kubernetesGroups: ["ops"] }] }) },
      storageClasses: ["standard"],
      operators: {
        etcdClusters: [{ name: "e", storageClass: "standard" }],
        access: [{ ...apps, operator: "etcd", principals: ["apps-developer", admin, member, teamRole] }],
      },
    });
    assert.deepEqual(
      problems.map((p) => [formatPath(p.path), p.value, p.message]),
      [
        [
          "operators.access[0].principals[0]",
          "apps-developer",
          'expected an IAM role or user ARN such as "arn:aws:iam::123456789012:role/apps-developer"',
        ],
        [
          "operators.access[0].principals[1]",
          admin,
          "is an EKS admin: it already has an access entry (with cluster-admin) and EKS allows one access entry per principal; remove it here",
        ],
        [
          "operators.access[0].principals[2]",
          member,
          "already has an access entry in the cluster's groupMembers and EKS allows one access entry per principal; add this group to that entry's kubernetesGroups instead",
        ],
      ],
    );
  });

  it("Platform refuses etcd access in a stack without etcd clusters, as the configuration does", () => {
    const problems = platformProblems({
      environment: "dev",
      cluster: { cloud: "existing", existing: { kubeconfigPath: "/k", context: "ctx" } },
      operators: { access: [{ namespace: "apps", group: "devs", operator: "etcd" }] },
    });
    assert.deepEqual(problems, [
      {
        path: ["operators", "access", 0, "operator"],
        value: "etcd",
        message:
          'the stack does not install the "etcd" operator; add an entry to etcdClusters or remove this access entry',
      },
    ]);
  });

  it("EksCluster gives each group member one STANDARD access entry with its groups, and refuses a second entry", async () => {
    const members = [{ principalArn: teamRole, kubernetesGroups: ["apps-developers"] }];
    const recording = await record(() => new EksCluster("prod", eksArgs({ groupMembers: members })), {
      project: "proj",
      stack: "test",
    });
    const entry = named(recording, "prod-member-0", ACCESS_ENTRY);
    assert.equal(input(entry, "principalArn"), teamRole);
    assert.equal(input(entry, "type"), "STANDARD");
    assert.deepEqual(input(entry, "kubernetesGroups"), ["apps-developers"]);
    assert.deepEqual(
      ofType(recording, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((a) => input(a, "principalArn")),
      ["arn:aws:iam::123456789012:role/platform-admin"],
      "members get no access policy: RoleBindings decide what they may do",
    );
    const admin = "arn:aws:iam::123456789012:role/platform-admin";
    assert.deepEqual(
      eksClusterProblems(
        eksArgs({
          groupMembers: [
            { principalArn: admin, kubernetesGroups: ["system:masters"] },
            { principalArn: teamRole, kubernetesGroups: [] },
          ],
        }),
      ),
      [
        problem(
          ["groupMembers", 0, "principalArn"],
          admin,
          "already has an access entry (as an admin or an earlier member) and EKS allows one per principal; list each principal once, with all its groups",
        ),
        problem(
          ["groupMembers", 0, "kubernetesGroups", 0],
          "system:masters",
          'group names starting with "system:" are reserved for Kubernetes itself; use a group name of your own such as "apps-developers"',
        ),
        problem(["groupMembers", 1, "kubernetesGroups"], [], "give at least one group"),
      ],
    );
  });

  it("in every shipped stack, each RoleBinding group can match: an Entra ID object id on AKS, an access entry's group on EKS", async () => {
    const stacks = listStacks(loadProject(PROJECT_ROOT));
    let checked = 0;
    for (const stack of stacks) {
      const { raw } = stackRaw(stack);
      const recording = await recordStack(stack);
      const groups = ofType(recording, ROLE_BINDING).flatMap((b) =>
        (input(b, "subjects") as { kind: string; name: string }[]).filter((s) => s.kind === "Group").map((s) => s.name),
      );
      if (raw["cloud"] === "aks") {
        const cluster = ofType(recording, "azure-native:containerservice:ManagedCluster")[0];
        assert.ok(cluster, stack);
        const entra = ((input(cluster, "aadProfile.adminGroupObjectIDs") as string[] | undefined) ?? []).length > 0;
        if (!entra) assert.deepEqual(groups, [], `${stack} has local accounts only: no group can sign in`);
        for (const group of groups) assert.match(group, ENTRA_OBJECT_ID, `${stack}: group ${group}`);
      } else if (raw["cloud"] === "eks") {
        const entries = ofType(recording, ACCESS_ENTRY);
        const principals = entries.map((e) => String(input(e, "principalArn")));
        assert.equal(new Set(principals).size, principals.length, `${stack}: one access entry per principal`);
        const memberGroups = entries
          .filter((e) => input(e, "type") === "STANDARD")
          .flatMap((e) => (input(e, "kubernetesGroups") as string[] | undefined) ?? []);
        for (const group of groups)
          assert.ok(memberGroups.includes(group), `${stack}: an access entry puts someone in ${group}`);
      }
      checked += groups.length;
    }
    assert.ok(checked >= 3, `checked ${checked} group subjects`);
  });
});
