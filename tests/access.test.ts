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
      name: "etcd-operator-user",
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

  it("derives a valid object name from any group name", () => {
    assert.equal(bindingName("rook-ceph", "oidc:Data Team/SRE"), "rook-ceph-operator-user-oidc-data-team-sre");
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
