/**
 * The contract with OLM v1 (operator-framework/operator-controller v1.11.0, API
 * `olm.operatorframework.io/v1`): what an `olmV1` operator renders (checked against the hand-written
 * contract of the standard CRD, tests/support/olmV1Contract.ts), how OLM v1 is installed (pinned
 * release manifests, after cert-manager), that custom resources wait for the `ClusterExtension`, and
 * that what OLM v1 cannot do is refused in config (docs/project/olmv1_limitations.md).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CATALOG_NAME_LABEL,
  customResourceProblems,
  OLMV1_LIMITS,
  Operator,
  operatorLayerProblems,
  operatorControllerProblems,
  operatorProblems,
} from "../../components/index.ts";
import { OLMV1_CATALOGS_URL, OLMV1_MANIFEST_URL, OLMV1_VERSION } from "../../components/operators/versions.ts";
import { validateStackConfig } from "../../config/index.ts";
import { record, type RecordedResource, type Recording } from "../../tools/recorder/record.ts";
import { problemsOf } from "../support/config.ts";
import { contractProblems } from "../support/crdContract.ts";
import { input, ofType, transitiveDependencies } from "../support/graph.ts";
import { CLUSTER_CATALOG_CONTRACT, CLUSTER_EXTENSION_CONTRACT } from "../support/olmV1Contract.ts";
import { buildPlan } from "../../tools/plan/graph.ts";
import { planDocument } from "../../tools/plan/render.ts";
import { diffPlans } from "../../tools/review/planDiff.ts";
import { clusterWithNodes } from "../support/operators.ts";
import { recordStackWith, stackRaw } from "../support/stackConfig.ts";
import { recordUnderTest, STACKS_UNDER_TEST } from "../support/stacksUnderTest.ts";
import { propertyRuns } from "../support/properties.ts";

const EXTENSION = "kubernetes:olm.operatorframework.io/v1:ClusterExtension";
const CATALOG = "kubernetes:olm.operatorframework.io/v1:ClusterCatalog";
const CONFIG_FILE = "kubernetes:yaml/v2:ConfigFile";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const argocd = {
  name: "argocd",
  namespace: "argocd",
  olmV1: { package: "argocd-operator", channels: ["alpha"], version: "0.6.0" },
};

/** Every ClusterExtension of a recording, each checked against the contract. */
function checkExtensions(recording: Recording): RecordedResource[] {
  const extensions = ofType(recording, EXTENSION);
  for (const extension of extensions) {
    const object = {
      apiVersion: input(extension, "apiVersion"),
      kind: input(extension, "kind"),
      metadata: input(extension, "metadata"),
      spec: input(extension, "spec"),
    };
    assert.deepEqual(contractProblems(CLUSTER_EXTENSION_CONTRACT, object), [], extension.name);
    assert.equal(input(extension, "spec.serviceAccount"), undefined, "deprecated and ignored at v1.11.0");
    const annotations = input(extension, "metadata.annotations") as Record<string, string>;
    assert.equal(annotations["pulumi.com/waitFor"], "condition=Installed");
  }
  return extensions;
}

describe("OLM v1 (operator-controller v1.11.0) contract", () => {
  it("renders a Namespace and a ClusterExtension as the standard CRD takes it, waiting for Installed", async () => {
    const recording = await record(
      () =>
        new Operator("argocd", {
          cluster: clusterWithNodes(),
          namespace: "argocd",
          olmV1: { ...argocd.olmV1, catalog: "operatorhubio" },
        }),
      { project: "proj", stack: "test" },
    );
    const [extension, ...others] = checkExtensions(recording);
    assert.ok(extension);
    assert.deepEqual(others, []);
    assert.equal(input(extension, "metadata.name"), "argocd-operator");
    assert.deepEqual(input(extension, "spec"), {
      namespace: "argocd",
      source: {
        sourceType: "Catalog",
        catalog: {
          packageName: "argocd-operator",
          channels: ["alpha"],
          version: "0.6.0",
          selector: { matchLabels: { [CATALOG_NAME_LABEL]: "operatorhubio" } },
        },
      },
    });
    const [namespace] = ofType(recording, "kubernetes:core/v1:Namespace");
    assert.ok(namespace && extension.dependencies.includes(namespace.urn), "the install namespace exists first");
  });

  it("the contract catches what the CRD refuses (it can fail)", () => {
    const spec = { namespace: "argocd", source: { sourceType: "Catalog", catalog: { packageName: "a" } } };
    const object = (s: unknown) => ({
      apiVersion: "olm.operatorframework.io/v1",
      kind: "ClusterExtension",
      metadata: {},
      spec: s,
    });
    assert.deepEqual(contractProblems(CLUSTER_EXTENSION_CONTRACT, object(spec)), []);
    const broken = [
      { ...spec, serviceAccount: { name: "installer" } },
      { ...spec, namespace: "Argo_CD" },
      { ...spec, source: { sourceType: "Catalog" } },
      { ...spec, source: { sourceType: "Catalog", catalog: { packageName: "a", channels: ["Alpha"] } } },
      { source: spec.source },
    ];
    assert.equal(broken.length, 5);
    for (const s of broken)
      assert.notDeepEqual(contractProblems(CLUSTER_EXTENSION_CONTRACT, object(s)), [], JSON.stringify(s));
  });

  it("installs OLM v1 from the pinned release after cert-manager, and its operators and their custom resources after it", async () => {
    assert.equal(OLMV1_VERSION, "v1.11.0");
    assert.match(
      OLMV1_MANIFEST_URL,
      /\/operator-controller\/releases\/download\/v1\.11\.0\/operator-controller\.yaml$/,
    );
    assert.match(OLMV1_CATALOGS_URL, /\/operator-controller\/releases\/download\/v1\.11\.0\/default-catalogs\.yaml$/);
    const argoCd = { apiVersion: "argoproj.io/v1alpha1", kind: "ArgoCD", name: "argocd" };
    const recording = await recordStackWith("dev-eks", {
      installOlmV1: "true",
      operators: [{ ...argocd, customResources: [argoCd] }],
    });
    const [extension, ...others] = checkExtensions(recording);
    assert.ok(extension);
    assert.equal(others.length, 0);
    const files = ofType(recording, CONFIG_FILE);
    const controllers = files.find((r) => r.name.endsWith("-olmv1-controllers"));
    const catalogs = files.find((r) => r.name.endsWith("-olmv1-catalogs"));
    assert.ok(controllers && catalogs, "the release manifest and the default catalogs");
    assert.equal(input(controllers, "file"), OLMV1_MANIFEST_URL);
    assert.equal(input(catalogs, "file"), OLMV1_CATALOGS_URL);
    const certManagers = ofType(recording, RELEASE).filter((r) => input(r, "chart") === "cert-manager");
    assert.equal(certManagers.length, 1, "one cert-manager, shared with the databases' plugin");
    assert.ok(transitiveDependencies(recording, controllers).has((certManagers[0] as RecordedResource).urn));
    assert.ok(transitiveDependencies(recording, catalogs).has(controllers.urn));
    assert.ok(transitiveDependencies(recording, extension).has(catalogs.urn));
    const [cr, ...more] = ofType(recording, "kubernetes:argoproj.io/v1alpha1:ArgoCD");
    assert.ok(cr);
    assert.deepEqual(more, []);
    assert.ok(
      cr.dependencies.includes(extension.urn),
      "the ArgoCD waits for the ClusterExtension's Installed condition",
    );
    assert.equal(input(cr, "metadata.namespace"), "data");
  });

  it("an every-option configuration installs an operator through OLM v1 and a custom resource that waits for it", async () => {
    assert.ok(STACKS_UNDER_TEST.length >= 8);
    let extensions = 0;
    let waiting = 0;
    for (const stack of STACKS_UNDER_TEST) {
      const recording = await recordUnderTest(stack);
      const found = checkExtensions(recording);
      extensions += found.length;
      for (const r of recording.resources)
        if (found.some((e) => r.dependencies.includes(e.urn)) && r.type !== EXTENSION) waiting += 1;
    }
    assert.ok(extensions >= 1, "some configuration installs through OLM v1");
    assert.ok(waiting >= 1, "and a custom resource waits for it");
  });

  it("refuses an install mode OLM v1 lacks (any target namespaces), in the component and at the key, pointing to olm", () => {
    const { raw, provider } = stackRaw("local");
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), { minLength: 1, maxLength: 4 }),
        (targets) => {
          const olmV1 = { ...argocd.olmV1, targetNamespaces: targets };
          const own = operatorProblems({ namespace: "argocd", olmV1 });
          assert.equal(own.length, 1);
          assert.deepEqual(own[0]?.path, ["olmV1", "targetNamespaces"]);
          assert.ok(own[0]?.message.startsWith(OLMV1_LIMITS));
          assert.match(own[0]?.message ?? "", /install the operator from the olm \(v0\) source/);
          const problems = problemsOf({ ...raw, operators: [{ ...argocd, olmV1 }] }, provider);
          assert.deepEqual(
            problems.map((p) => [p.key, p.message]),
            [["stateful-stack:operators[0].olmV1.targetNamespaces", own[0]?.message]],
          );
        },
      ),
      { numRuns: propertyRuns(25) },
    );
  });

  it("refuses a missing or malformed package, naming the key", () => {
    const { raw, provider } = stackRaw("local");
    const bad = fc.oneof(
      fc.constant(""),
      fc.stringMatching(/^[A-Z][A-Za-z]{0,10}$/),
      fc.stringMatching(/^[a-z]{1,5}_[a-z]{1,5}$/),
      fc.stringMatching(/^-[a-z]{1,8}$/),
      fc.constant("a".repeat(254)),
    );
    fc.assert(
      fc.property(bad, (pkg) => {
        const problems = problemsOf({ ...raw, operators: [{ ...argocd, olmV1: { package: pkg } }] }, provider);
        assert.deepEqual(
          problems.map((p) => [p.key, p.value]),
          [["stateful-stack:operators[0].olmV1.package", pkg]],
        );
        assert.match(
          problems[0]?.message ?? "",
          pkg === "" ? /^expected the package name in the catalog/ : /DNS subdomain/,
        );
      }),
      { numRuns: propertyRuns(40) },
    );
    const absent = problemsOf({ ...raw, operators: [{ name: "x", namespace: "x", olmV1: {} }] }, provider);
    assert.equal(absent.length, 1);
    assert.equal(absent[0]?.key, "stateful-stack:operators[0].olmV1.package");
  });

  it("refuses an olmV1 operator on AKS or EKS without installOlmV1, naming both fixes", () => {
    for (const stack of ["dev-eks", "dev-aks"]) {
      const { raw, provider } = stackRaw(stack);
      const cloud = stack === "dev-eks" ? "eks" : "aks";
      assert.deepEqual(
        problemsOf({ ...raw, operators: [argocd] }, provider).map((p) => [p.key, p.message]),
        [
          [
            "stateful-stack:operators[0].olmV1",
            `cloud "${cloud}" comes without OLM v1 (operator-controller), so this ClusterExtension would never install: set installOlmV1 to true, or install the operator from helm, manifest or olm`,
          ],
        ],
      );
      assert.equal(
        validateStackConfig({ ...raw, operators: [argocd], installOlmV1: "true" }, stack, provider).installOlmV1,
        true,
      );
    }
    assert.deepEqual(operatorLayerProblems({ operators: [argocd] }, [], { cloud: "existing" }), []);
  });

  it("refuses OLM v1's namespace, a package twice, and custom resources it cannot create", () => {
    const [own, ...rest] = operatorProblems({ namespace: "olmv1-system", olmV1: argocd.olmV1 });
    assert.deepEqual(rest, []);
    assert.match(own?.message ?? "", /^belongs to OLM v1/);
    const twice = operatorLayerProblems(
      { operators: [argocd, { ...argocd, name: "argocd-2", namespace: "argocd-2" }] },
      [],
      { cloud: "existing" },
    );
    assert.deepEqual(
      twice.map((p) => p.path),
      [["operators", 1, "olmV1", "package"]],
    );
    const resources = [
      { apiVersion: "v1", kind: "ArgoCD", name: "a" },
      { apiVersion: "argoproj.io/v1alpha1", kind: "argocd", name: "a" },
      { apiVersion: "argoproj.io/v1alpha1", kind: "ArgoCD", name: "A" },
      { apiVersion: "argoproj.io/v1alpha1", kind: "ArgoCD", name: "b" },
      { apiVersion: "argoproj.io/v1beta1", kind: "ArgoCD", name: "b" },
    ];
    assert.deepEqual(
      customResourceProblems(resources).map((p) => p.path),
      [
        [0, "apiVersion"],
        [1, "kind"],
        [2, "name"],
        [4, "name"],
      ],
    );
  });

  it("serves configured catalogs as ClusterCatalogs the CRD takes, and refuses what it would not", async () => {
    const catalogs = [
      { name: "mine", image: "registry.example.com/org/catalog:v4.18", pollIntervalMinutes: 30, priority: 5 },
    ];
    const recording = await recordStackWith("dev-eks", {
      installOlmV1: "true",
      olmV1Catalogs: catalogs,
      operators: [{ ...argocd, olmV1: { ...argocd.olmV1, catalog: "mine" } }],
    });
    const [catalog, ...others] = ofType(recording, CATALOG);
    assert.ok(catalog);
    assert.deepEqual(others, []);
    assert.equal(ofType(recording, CONFIG_FILE).filter((r) => r.name.endsWith("-olmv1-catalogs")).length, 0);
    const object = {
      apiVersion: input(catalog, "apiVersion"),
      kind: input(catalog, "kind"),
      metadata: input(catalog, "metadata"),
      spec: input(catalog, "spec"),
    };
    assert.deepEqual(contractProblems(CLUSTER_CATALOG_CONTRACT, object), []);
    assert.deepEqual(input(catalog, "spec"), {
      source: { type: "Image", image: { ref: catalogs[0]?.image, pollIntervalMinutes: 30 } },
      priority: 5,
    });
    const [extension] = checkExtensions(recording);
    assert.ok(extension && transitiveDependencies(recording, extension).has(catalog.urn));

    const { raw, provider } = stackRaw("dev-eks");
    const refused = (olmV1Catalogs: unknown[], catalogName = "mine") =>
      problemsOf(
        {
          ...raw,
          installOlmV1: "true",
          olmV1Catalogs,
          operators: [{ ...argocd, olmV1: { ...argocd.olmV1, catalog: catalogName } }],
        },
        provider,
      )
        .map((p) => p.key)
        .sort();
    assert.deepEqual(
      operatorControllerProblems({ catalogs: [{ name: "mine", image: "catalog:latest" }] }).map((p) => p.path),
      [["catalogs", 0, "image"]],
    );
    const digest = `quay.io/org/catalog@sha256:${"a".repeat(64)}`;
    const cases: [unknown[], string, string[]][] = [
      [[{ name: "mine", image: "catalog:latest" }], "mine", ["stateful-stack:olmV1Catalogs[0].image"]],
      [[{ name: "mine", image: "quay.io/org/catalog" }], "mine", ["stateful-stack:olmV1Catalogs[0].image"]],
      [
        [{ name: "mine", image: digest, pollIntervalMinutes: 5 }],
        "mine",
        ["stateful-stack:olmV1Catalogs[0].pollIntervalMinutes"],
      ],
      [
        [{ name: "mine", image: "quay.io/org/catalog:1", pollIntervalMinutes: 0 }],
        "mine",
        ["stateful-stack:olmV1Catalogs[0].pollIntervalMinutes"],
      ],
      [
        [{ name: "Mine", image: "quay.io/org/catalog:1" }],
        "operatorhubio",
        ["stateful-stack:olmV1Catalogs[0].name", "stateful-stack:operators[0].olmV1.catalog"],
      ],
      [[], "mine", ["stateful-stack:operators[0].olmV1.catalog"]],
    ];
    assert.equal(cases.length, 6);
    for (const [given, name, keys] of cases) assert.deepEqual(refused(given, name), keys, JSON.stringify(given));
    assert.deepEqual(
      problemsOf({ ...raw, olmV1Catalogs: catalogs }, provider).map((p) => [p.key, p.message]),
      [
        [
          "stateful-stack:olmV1Catalogs",
          "catalogs are served by the OLM v1 the stack installs; set installOlmV1 to true, or remove olmV1Catalogs",
        ],
      ],
    );
  });

  it("moving an operator to another namespace replaces its ClusterExtension (the field is immutable), and the review says so", async () => {
    const at = (namespace: string) =>
      recordStackWith("dev-eks", { installOlmV1: "true", operators: [{ ...argocd, namespace }] });
    const [before, after] = [await at("argocd"), await at("gitops")];
    const [extension] = checkExtensions(after);
    assert.ok(extension);
    assert.equal(extension.deleteBeforeReplace, true, "the old extension (same name) goes first");
    const doc = (r: Recording) => planDocument(r, buildPlan(r.resources));
    const change = diffPlans(doc(before), doc(after)).changes.find((c) => c.type === EXTENSION);
    assert.equal(change?.kind, "replace");
    assert.equal(change?.verdict, "disruption");
    assert.match(change?.reason ?? "", /ClusterExtensionSpec\.Namespace/);
    // The catalogs the stack renders are awaited until they serve.
    const catalogs = await recordStackWith("dev-eks", {
      installOlmV1: "true",
      olmV1Catalogs: [{ name: "mine", image: "registry.example.com/org/catalog:v4.18" }],
      operators: [{ ...argocd, olmV1: { ...argocd.olmV1, catalog: "mine" } }],
    });
    assert.deepEqual(input(ofType(catalogs, CATALOG)[0] as RecordedResource, "metadata.annotations"), {
      "pulumi.com/waitFor": "condition=Serving",
    });
  });
});
