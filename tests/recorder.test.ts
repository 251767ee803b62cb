/**
 * The recorder captures what the engine would receive: this is what every other test and the
 * offline plan rely on, so it is checked against resources whose graph is known.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword.js";
import { programRuns, recordStack } from "../tools/recorder/program.ts";
import { engineUrn, record, RECORDING_STACK_FRAMES } from "../tools/recorder/record.ts";
import { OFFLINE_GENERATED_PASSWORD } from "../tools/recorder/resources.ts";
import { COMPUTED, SECRET } from "../tools/recorder/values.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { named } from "./support/graph.ts";

const options = { project: "proj", stack: "test" };

class Box extends pulumi.ComponentResource {
  readonly inner: k8s.core.v1.ConfigMap;
  constructor(name: string, provider: k8s.Provider, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.inner = new k8s.core.v1.ConfigMap(`${name}-inner`, { data: { a: "b" } }, { parent: this, provider });
    this.registerOutputs({});
  }
}

describe("recorder", () => {
  it("runs against the pinned Pulumi SDK whose mock monitor it extends", () => {
    const version = (createRequire(import.meta.url)("@pulumi/pulumi/package.json") as { version: string }).version;
    assert.equal(
      version,
      "3.270.0",
      "the recorder wraps MockMonitor internals: re-check tools/recorder/record.ts when the SDK changes",
    );
  });

  it("records explicit, implicit and component dependencies as the engine receives them", async () => {
    const recording = await record(() => {
      const provider = new k8s.Provider("p", { kubeconfig: "k", context: "c" });
      const ns = new k8s.core.v1.Namespace("ns", { metadata: { name: "data" } }, { provider });
      const box = new Box("box", provider);
      new k8s.core.v1.ConfigMap("implicit", { metadata: { namespace: ns.metadata.name } }, { provider });
      new k8s.core.v1.ConfigMap("explicit", {}, { provider, dependsOn: [ns] });
      new k8s.core.v1.ConfigMap("on-component", {}, { provider, dependsOn: [box] });
    }, options);

    const ns = named(recording, "ns");
    const inner = named(recording, "box-inner");
    assert.deepEqual(named(recording, "implicit").dependencies, [ns.urn]);
    assert.deepEqual(named(recording, "implicit").propertyDependencies["metadata"], [ns.urn]);
    assert.deepEqual(named(recording, "explicit").dependencies, [ns.urn]);
    assert.deepEqual(
      named(recording, "on-component").dependencies,
      [inner.urn],
      "a component dependency stands for its children",
    );
  });

  it("records the explicit provider, the parent and engine-style URNs", async () => {
    const recording = await record(() => {
      const provider = new k8s.Provider("p", {});
      new Box("box", provider);
      new k8s.core.v1.ConfigMap("defaulted", {});
    }, options);

    const provider = named(recording, "p");
    const box = named(recording, "box");
    const inner = named(recording, "box-inner");
    assert.equal(provider.urn, "urn:pulumi:test::proj::pulumi:providers:kubernetes::p");
    assert.equal(box.urn, "urn:pulumi:test::proj::test:index:Box::box");
    assert.equal(inner.urn, "urn:pulumi:test::proj::test:index:Box$kubernetes:core/v1:ConfigMap::box-inner");
    assert.equal(inner.parent, box.urn);
    assert.equal(inner.provider, provider.urn);
    assert.equal(named(recording, "defaulted").provider, undefined, "no provider means the default provider");
    assert.equal(engineUrn("s", "p", box.urn, "a:b:C", "n"), "urn:pulumi:s::p::test:index:Box$a:b:C::n");
  });

  it("records resource options", async () => {
    const recording = await record(() => {
      new k8s.core.v1.ConfigMap("kept", {}, { protect: true, retainOnDelete: true, ignoreChanges: ["data"] });
      new k8s.core.v1.ConfigMap("plain", {});
    }, options);
    const kept = named(recording, "kept");
    assert.equal(kept.protect, true);
    assert.equal(kept.retainOnDelete, true);
    assert.deepEqual(kept.ignoreChanges, ["data"]);
    const plain = named(recording, "plain");
    assert.equal(plain.protect, false);
    assert.equal(plain.retainOnDelete, false);
  });

  it("masks secrets and shows values known only after deployment as computed", async () => {
    const recording = await record(() => {
      const provider = new k8s.Provider("p", { kubeconfig: pulumi.secret("apiVersion: v1 # token abc") });
      const ns = new k8s.core.v1.Namespace("ns", {}, { provider });
      new k8s.core.v1.ConfigMap(
        "cm",
        { metadata: { namespace: ns.id }, data: { token: pulumi.secret("abc") } },
        { provider },
      );
    }, options);
    const text = JSON.stringify(recording.resources);
    assert.ok(!text.includes("abc"), "no secret value appears in the recording");
    assert.equal(named(recording, "p").inputs["kubeconfig"], SECRET);
    assert.deepEqual(named(recording, "cm").secretInputs, ["data.token"]);
    assert.equal((named(recording, "cm").inputs["metadata"] as { namespace: string }).namespace, COMPUTED);
  });

  it("fails loudly on a provider function it has no offline answer for", async () => {
    await assert.rejects(
      record(() => {
        pulumi.runtime.invoke("aws:index/getCallerIdentity:getCallerIdentity", {});
      }, options),
      /provider function "aws:index\/getCallerIdentity:getCallerIdentity", which has no offline answer/,
    );
  });

  it("keeps a failed run's errors to that run", async () => {
    const failing = record(() => {
      new k8s.core.v1.ConfigMap("before", {});
      return Promise.reject(new Error("late failure"));
    }, options);
    await assert.rejects(failing, /late failure/);
    const next = await record(() => {
      new k8s.core.v1.ConfigMap("after", {});
    }, options);
    assert.deepEqual(
      next.resources.map((r) => r.name),
      ["proj-test", "after"],
    );
  });

  it("refuses a Kubernetes resource on the default provider when pulumi:disable-default-providers lists kubernetes", async () => {
    const disabled = { ...options, config: { "pulumi:disable-default-providers": '["kubernetes"]' } };
    await assert.rejects(
      record(() => {
        new k8s.core.v1.ConfigMap("defaulted", { data: { a: "b" } });
      }, disabled),
      /Default provider for 'kubernetes' disabled\. 'urn:pulumi:test::proj::kubernetes:core\/v1:ConfigMap::defaulted' must use an explicit provider/,
    );
    const explicit = await record(() => {
      const provider = new k8s.Provider("p", { kubeconfig: "k" });
      new Box("box", provider);
    }, disabled);
    assert.equal(named(explicit, "box-inner").provider, named(explicit, "p").urn, "explicit providers are allowed");
    await assert.rejects(
      record(
        () => {
          new k8s.core.v1.ConfigMap("defaulted", {});
        },
        { ...options, config: { "pulumi:disable-default-providers": '["aws", " * "]' } },
      ),
      /Default provider for 'kubernetes' disabled/,
      '"*" disables every default provider',
    );
    const allowed = await record(
      () => {
        new k8s.core.v1.ConfigMap("defaulted", {});
      },
      { ...options, config: { "pulumi:disable-default-providers": '["aws"]' } },
    );
    assert.equal(named(allowed, "defaulted").provider, undefined, "only the listed packages are refused");
    const malformed = { ...options, config: { "pulumi:disable-default-providers": "[1]" } };
    await assert.rejects(
      record(() => {
        new k8s.core.v1.ConfigMap("defaulted", {});
      }, malformed),
      /pulumi:disable-default-providers\[0\] must be a string/,
    );
    await record(() => new Box("box", new k8s.Provider("p", {})), malformed);
  });

  it("refuses a second resource under a URN already registered, with the engine's error", async () => {
    const failed: string[] = [];
    await assert.rejects(
      record(
        () => {
          const provider = new k8s.Provider("p", {});
          new k8s.core.v1.ConfigMap("same", { data: { a: "1" } }, { provider });
          const again = new k8s.core.v1.ConfigMap("same", { data: { a: "2" } }, { provider });
          // What depends on the refused resource fails too; the engine's error is the one reported.
          new k8s.core.v1.ConfigMap("dependent", { data: { from: again.metadata.name } }, { provider });
          return { name: again.metadata.name };
        },
        { ...options, onRegister: (r) => failed.push(r.name) },
      ),
      (error: Error) => {
        assert.equal(
          error.message,
          "Duplicate resource URN 'urn:pulumi:test::proj::kubernetes:core/v1:ConfigMap::same'; try giving it a unique name",
        );
        return true;
      },
    );
    assert.deepEqual(failed.slice(0, 3), ["proj-test", "p", "same"]);
    assert.equal(
      failed.filter((name) => name === "same").length,
      1,
      "the second registration is refused, not recorded",
    );
    // The same name is another URN under another parent type, or as another type.
    const distinct = await record(() => {
      const provider = new k8s.Provider("p", {});
      new Box("same", provider);
      new k8s.core.v1.ConfigMap("same-inner", {}, { provider });
      new k8s.core.v1.Secret("same-inner", {}, { provider });
    }, options);
    assert.equal(distinct.resources.filter((r) => r.name === "same-inner").length, 3);
  });

  it("surfaces the program's own errors", async () => {
    await assert.rejects(
      record(() => {
        throw new Error("bad config");
      }, options),
      /bad config/,
    );
  });

  it("answers a RandomPassword with a secret result: unknown in a preview, a fake value after deployment", async () => {
    const results: { known: boolean; secret: boolean; value: unknown }[] = [];
    for (const preview of [true, false]) {
      let password: RandomPassword | undefined;
      await record(
        () => {
          password = new RandomPassword("pw", { length: 32 });
        },
        { ...options, preview },
      );
      const result = password!.result;
      const known = await (result as unknown as { isKnown: Promise<boolean> }).isKnown;
      const value = known ? await new Promise((resolve) => result.apply(resolve)) : undefined;
      results.push({ known, secret: await pulumi.isSecret(result), value });
    }
    assert.deepEqual(results, [
      { known: false, secret: true, value: undefined },
      { known: true, secret: true, value: OFFLINE_GENERATED_PASSWORD },
    ]);
  });
});

describe("recording the project's program", () => {
  it("runs the program once for the same stack, configuration and mode, and hands each caller its own copy", async () => {
    const first = await recordStack("local");
    const runs = programRuns();
    const second = await recordStack("local");
    assert.equal(programRuns(), runs, "the second recording reuses the first run");
    assert.deepEqual(second, first);
    assert.notEqual(second, first);
    assert.ok(first.resources.length > 0);
    first.resources.length = 0;
    assert.ok((await recordStack("local")).resources.length > 0, "a caller's change never reaches the next caller");
  });

  it("runs the program again for another configuration, mode or watcher", async () => {
    // A configuration no other test records: another test file in the same mocha worker may have
    // recorded the shipped stacks already, in either mode.
    const edit = (config: Record<string, unknown>) => {
      config["stateful-stack:namespace"] = "data-two";
    };
    let before = programRuns();
    await recordEditedStack("local", edit);
    assert.equal(programRuns() - before, 1, "another configuration");
    await recordEditedStack("local", edit, { preview: false });
    assert.equal(programRuns() - before, 2, "the same configuration in another mode");
    before = programRuns();
    const seen: string[] = [];
    await recordEditedStack("local", () => undefined, { onRegister: (r) => seen.push(r.urn) });
    assert.equal(programRuns() - before, 1, "a run watched as it registers is always made anew");
    assert.ok(seen.length > 0);
  });

  it("keeps one frame on errors made while recording, and restores the limit after", async () => {
    const limit = Error.stackTraceLimit;
    let inside = -1;
    await record(() => {
      inside = Error.stackTraceLimit;
    }, options);
    assert.equal(inside, RECORDING_STACK_FRAMES);
    assert.equal(Error.stackTraceLimit, limit);
  });
});
