/**
 * OperatorAccess and `operatorAccess`: a team manages one operator's custom resources in its own
 * namespace, and reads its pods and claims, without cluster-admin.
 */
import assert from "node:assert/strict";
import { OperatorAccess, bindingName } from "../components/index.ts";
import { ConfigError, validateStackConfig } from "../config/index.ts";
import { record } from "../tools/recorder/record.ts";
import { input, named } from "./support/graph.ts";
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
