/**
 * ExistingCluster: the explicit Kubernetes provider for a cluster reached through a kubeconfig.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ExistingCluster, existingClusterProblems } from "../components/index.ts";
import { record } from "../tools/recorder/record.ts";
import { SECRET } from "../tools/recorder/values.ts";
import { named, ofType } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };

describe("ExistingCluster", () => {
  it("builds one provider from a kubeconfig path and a named context, and changes nothing in the cluster", async () => {
    const recording = await record(() => {
      new ExistingCluster("laptop", { kubeconfigPath: "~/.kube/config", context: "kind-stateful" });
    }, options);
    const custom = recording.resources.filter((r) => r.custom);
    assert.deepEqual(
      custom.map((r) => r.type),
      ["pulumi:providers:kubernetes"],
    );
    const provider = named(recording, "laptop-provider");
    assert.equal(provider.parent, named(recording, "laptop").urn);
    assert.equal(provider.inputs["kubeconfig"], "~/.kube/config");
    assert.equal(provider.inputs["context"], "kind-stateful");
  });

  it("keeps kubeconfig contents secret in the provider and the output", async () => {
    let cluster: ExistingCluster | undefined;
    const recording = await record(
      () => {
        cluster = new ExistingCluster("corp", { kubeconfig: "apiVersion: v1\nusers: [{token: s3cr3t}]" });
      },
      { ...options, preview: false },
    );
    const provider = ofType(recording, "pulumi:providers:kubernetes")[0];
    assert.equal(provider?.inputs["kubeconfig"], SECRET);
    assert.ok(!JSON.stringify(recording).includes("s3cr3t"));
    assert.equal(await pulumi.isSecret(cluster!.kubeconfig), true);
    assert.deepEqual(cluster!.readiness, [], "an existing cluster is ready by definition");
  });

  it("rejects neither or both kubeconfig forms, and a path without a context", () => {
    // The messages are asserted at the stack keys in config.test.ts; here, where each problem points.
    const paths = (args: Parameters<typeof existingClusterProblems>[0]) =>
      existingClusterProblems(args).map((p) => p.path.join("."));
    assert.deepEqual(paths({}), ["kubeconfigPath"]);
    assert.deepEqual(paths({ kubeconfig: "x", kubeconfigPath: "/k", context: "c" }), ["kubeconfigPath"]);
    assert.deepEqual(paths({ kubeconfigPath: "/k" }), ["context"]);
    assert.deepEqual(paths({ kubeconfigPath: "/k", context: "c" }), []);
    assert.throws(
      () => new ExistingCluster("bad", {}),
      /^ArgumentError: ExistingCluster "bad": kubeconfigPath = \(not set\): an existing cluster needs a kubeconfig/,
    );
  });
});
