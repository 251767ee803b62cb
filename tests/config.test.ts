/**
 * Stack configuration: what a valid stack gets by default, and the exact message for each kind of
 * bad input, which must name the key, show the value, say what is allowed and how to fix it.
 */
import { problemsOf, EXISTING_CLUSTER_STACK, VALID_WORKLOAD } from "./support/config.ts";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ConfigError, validateStackConfig, type ConfigProblem } from "../config/index.ts";
import { parseConfigValue, rawProjectConfig } from "../config/load.ts";
import { toPlatformArgs } from "../config/platformArgs.ts";
import { PLAINTEXT_KUBECONFIG } from "../config/secrets.ts";
import { propertyRuns } from "./support/properties.ts";

const workload = VALID_WORKLOAD;
const valid = { ...EXISTING_CLUSTER_STACK, workloads: [workload] };

describe("stack configuration", () => {
  it("leaves a workload's unset keys to the component's defaults", () => {
    const config = validateStackConfig(valid);
    assert.equal(config.namespace, "data");
    assert.deepEqual(config.zones, []);
    const [w] = toPlatformArgs(config).workloads ?? [];
    for (const key of ["mountPath", "replicas", "runAsUser", "readOnlyRootFilesystem", "cpu", "memory"] as const)
      assert.equal(w?.[key], undefined, `${key} is the component's default`);
  });

  it("reads this project's keys from Pulumi config, parsing JSON objects and arrays", () => {
    const raw = rawProjectConfig({
      "stateful-stack:environment": "prod",
      "stateful-stack:storageClasses": '["a","b"]',
      "aws:region": "eu-west-1",
    });
    assert.deepEqual(raw, { environment: "prod", storageClasses: ["a", "b"] });
    assert.equal(parseConfigValue("{not json"), "{not json");
  });

  it("maps a kubeconfig value to a secret and the path form to a path with its context", () => {
    const args = toPlatformArgs(validateStackConfig(valid));
    assert.equal(args.cluster.existing?.kubeconfigPath, "~/.kube/config");
    assert.equal(args.cluster.existing?.context, "kind-stateful");
    assert.equal(args.cluster.existing?.kubeconfig, undefined);
    assert.equal(args.workloads?.[0]?.memory, undefined);
  });

  it("maps clustering and secret variables to the workload's args, defaulting to one unclustered replica", () => {
    const secretEnv = { REDIS_PASSWORD: { generate: true }, API_TOKEN: { secretName: "vendor", key: "token" } };
    const config = validateStackConfig({
      ...valid,
      workloads: [{ ...workload, secretEnv, args: ["--requirepass", "$(REDIS_PASSWORD)"] }],
    });
    const [w] = toPlatformArgs(config).workloads ?? [];
    assert.equal(w?.clustering, undefined);
    assert.equal(w?.replicas, undefined);
    assert.deepEqual(w?.secretEnv, secretEnv);
    assert.deepEqual(w?.args, ["--requirepass", "$(REDIS_PASSWORD)"]);
  });

  it("formats one message naming the key, the value, what is allowed and the fix", () => {
    assert.throws(
      () => validateStackConfig({ ...valid, environment: "staging" }, "local"),
      (error: Error) => {
        assert.equal(
          error.message,
          [
            "Invalid stack configuration (1 problem); nothing was deployed:",
            '  - stateful-stack:environment = "staging": expected one of "dev", "prod".',
            "    Fix: edit stacks/Pulumi.local.yaml, or run `pulumi config set environment <value>`.",
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("tells a misspelt key's right name and fixes it by moving the value to the right key", () => {
    assert.throws(
      () => validateStackConfig({ ...valid, workloads: [{ ...workload, replica: 3 }] }, "local"),
      (error: Error) => {
        assert.equal(
          error.message,
          [
            "Invalid stack configuration (1 problem); nothing was deployed:",
            '  - stateful-stack:workloads[0].replica = 3: unknown key "replica"; did you mean "replicas"?',
            "    Fix: edit stacks/Pulumi.local.yaml, or run `pulumi config rm --path 'workloads[0].replica' && pulumi config set --path 'workloads[0].replicas' 3`.",
          ].join("\n"),
        );
        return true;
      },
    );
  });

  const badInputs: [string, Record<string, unknown>, ConfigProblem[]][] = [
    [
      "missing environment",
      { ...valid, environment: undefined },
      [{ key: "stateful-stack:environment", value: undefined, message: 'is required: expected one of "dev", "prod"' }],
    ],
    [
      "unknown cloud",
      { ...valid, cloud: "gke" },
      [{ key: "stateful-stack:cloud", value: "gke", message: 'expected one of "existing", "aks", "eks"' }],
    ],
    [
      "misspelt top-level key",
      { ...valid, workload: [] },
      [
        {
          key: "stateful-stack:workload",
          value: [],
          message: 'unknown key "workload"; did you mean "workloads"?',
        },
      ],
    ],
    [
      "no way to reach the cluster",
      { ...valid, kubeconfigPath: undefined, kubeContext: undefined },
      [
        {
          key: "stateful-stack:kubeconfigPath",
          value: undefined,
          message:
            "an existing cluster needs a kubeconfig to reach it: set kubeconfigPath (with its context) or the secret kubeconfig",
        },
      ],
    ],
    [
      "kubeconfig file without a context",
      { ...valid, kubeContext: undefined },
      [
        {
          key: "stateful-stack:kubeContext",
          value: undefined,
          message:
            "a kubeconfig file can hold many clusters: name the context to deploy to, so the stack never follows whatever context is current",
        },
      ],
    ],
    [
      "both kubeconfig forms",
      { ...valid, kubeconfig: "apiVersion: v1" },
      [
        { key: "stateful-stack:kubeconfig", value: "(hidden)", message: PLAINTEXT_KUBECONFIG },
        {
          key: "stateful-stack:kubeconfigPath",
          value: "~/.kube/config",
          message: "set either kubeconfig (secret contents) or kubeconfigPath, not both",
        },
      ],
    ],
    [
      "reserved namespace",
      { ...valid, namespace: "kube-system" },
      [
        {
          key: "stateful-stack:namespace",
          value: "kube-system",
          message: '"kube-system" belongs to Kubernetes; choose a namespace of your own such as "data"',
        },
      ],
    ],
    [
      "namespace that is not a DNS label",
      { ...valid, namespace: "Data_1" },
      [
        {
          key: "stateful-stack:namespace",
          value: "Data_1",
          message:
            'must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (data namespace)',
        },
      ],
    ],
    [
      "undefined storage class",
      { ...valid, workloads: [{ ...workload, storageClass: "fast" }] },
      [
        {
          key: "stateful-stack:workloads[0].storageClass",
          value: "fast",
          message:
            'the stack defines no storage class "fast" (defined: "standard"); add it to storageClasses or use a defined one',
        },
      ],
    ],
    [
      "zero replicas",
      { ...valid, workloads: [{ ...workload, replicas: 0 }] },
      [
        {
          key: "stateful-stack:workloads[0].replicas",
          value: 0,
          message: "expected a whole number from 1 to 99 (replicas)",
        },
      ],
    ],
    [
      "port out of range",
      { ...valid, workloads: [{ ...workload, port: 70000 }] },
      [
        {
          key: "stateful-stack:workloads[0].port",
          value: 70000,
          message: "expected a whole number from 1 to 65535 (container port)",
        },
      ],
    ],
    [
      "unpinned image",
      { ...valid, workloads: [{ ...workload, image: "redis" }] },
      [
        {
          key: "stateful-stack:workloads[0].image",
          value: "redis",
          message:
            'has no tag, so the runtime pulls the moving tag "latest", which changes under you; pin a release (a tag with at least major.minor, e.g. "redis:7.4.2-alpine" or "postgres:17.2") or a digest ("redis@sha256:<64 hex digits>")',
        },
      ],
    ],
    [
      "size in the wrong unit",
      { ...valid, workloads: [{ ...workload, storageSize: "10GB" }] },
      [
        {
          key: "stateful-stack:workloads[0].storageSize",
          value: "10GB",
          message: 'expected a size in Mi, Gi or Ti such as "10Gi"',
        },
      ],
    ],
    [
      "misspelt workload key",
      { ...valid, workloads: [{ ...workload, replica: 3 }] },
      [
        {
          key: "stateful-stack:workloads[0].replica",
          value: 3,
          message: 'unknown key "replica"; did you mean "replicas"?',
        },
      ],
    ],
    [
      "duplicate workload names",
      { ...valid, workloads: [workload, workload] },
      [
        {
          key: "stateful-stack:workloads[1].name",
          value: "cache",
          message: "workload names must be unique; this name is used earlier, rename one of them",
        },
      ],
    ],
    [
      "root user",
      { ...valid, workloads: [{ ...workload, runAsUser: 0 }] },
      [
        {
          key: "stateful-stack:workloads[0].runAsUser",
          value: 0,
          message: "expected a whole number from 1 to 2147483647 (non-root user id)",
        },
      ],
    ],
    [
      "numeric environment variable",
      { ...valid, workloads: [{ ...workload, env: { PORT: 80 } }] },
      [
        {
          key: "stateful-stack:workloads[0].env.PORT",
          value: 80,
          message: "expected a string (an environment variable value; quote numbers in YAML), found a number",
        },
      ],
    ],
    [
      "share the stack does not declare",
      { ...valid, workloads: [{ ...workload, share: "files" }] },
      [
        {
          key: "stateful-stack:workloads[0].share",
          value: "files",
          message: 'the stack declares no volume "files" to share (declared: none)',
        },
      ],
    ],
    [
      "a password in plaintext in env",
      { ...valid, workloads: [{ ...workload, env: { REDIS_PASSWORD: "hunter2" } }] },
      [
        {
          key: "stateful-stack:workloads[0].env.REDIS_PASSWORD",
          value: "(hidden)",
          message:
            "a secret in plaintext; move it to secretEnv.REDIS_PASSWORD with generate: true (a password generated into a Kubernetes Secret) or secretName and key (an existing Secret)",
        },
      ],
    ],
    [
      "a password in plaintext in args",
      { ...valid, workloads: [{ ...workload, args: ["--requirepass", "hunter2"] }] },
      [
        {
          key: "stateful-stack:workloads[0].args[1]",
          value: "(hidden)",
          message:
            'a secret in plaintext after "--requirepass"; put it in secretEnv (e.g. secretEnv.PASSWORD with generate: true) and pass "$(PASSWORD)", which Kubernetes expands from the container\'s environment',
        },
      ],
    ],
    [
      "a secret variable with two sources",
      { ...valid, workloads: [{ ...workload, secretEnv: { TOKEN: { generate: true, secretName: "s", key: "k" } } }] },
      [
        {
          key: "stateful-stack:workloads[0].secretEnv.TOKEN",
          value: { generate: true, secretName: "s", key: "k" },
          message: "set exactly one source: generate: true, or secretName and key of an existing Secret",
        },
      ],
    ],
    [
      "a postgres workload without its password",
      { ...valid, workloads: [{ ...workload, image: "postgres:17.2-alpine" }] },
      [
        {
          key: "stateful-stack:workloads[0].secretEnv",
          value: undefined,
          message:
            'image "postgres:17.2-alpine" does not start without POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (docker-library/docs postgres/content.md); set secretEnv.POSTGRES_PASSWORD with generate: true',
        },
      ],
    ],
    [
      "several replicas of single-node software",
      { ...valid, workloads: [{ ...workload, replicas: 3 }] },
      [
        {
          key: "stateful-stack:workloads[0].replicas",
          value: 3,
          message:
            'clustering "none" (the default) allows exactly 1 replica, not 3: more would be independent servers behind one client service (writes scatter, reads disagree); set replicas to 1, set clustering to "self" only for software that clusters its replicas itself (etcd, NATS JetStream, Redis Cluster), or use an operator-managed database for a replicated one',
        },
      ],
    ],
    [
      "more replicas than a StatefulSet may have, told once",
      { ...valid, workloads: [{ ...workload, replicas: 100 }] },
      [
        {
          key: "stateful-stack:workloads[0].replicas",
          value: 100,
          message: "expected a whole number from 1 to 99 (replicas)",
        },
      ],
    ],
    [
      "a storage class name Kubernetes refuses, told once",
      { ...valid, workloads: [{ ...workload, storageClass: "Bad_Class" }] },
      [
        {
          key: "stateful-stack:workloads[0].storageClass",
          value: "Bad_Class",
          message:
            'must be a DNS subdomain: lowercase letters, digits, "-" and "." (storage class name), e.g. "standard"',
        },
      ],
    ],
    [
      "the eks key on a stack of another cloud",
      { ...valid, eks: { network: { cidr: "10.0.0.0/16" }, nodeGroups: [], admins: [] } },
      [
        {
          key: "stateful-stack:eks",
          // The value as parsed, with the eks key's defaults.
          value: {
            network: { cidr: "10.0.0.0/16" },
            cluster: {},
            nodeGroups: [],
            admins: [],
            addonVersions: {},
            volumes: [],
            fileSystems: [],
            tags: {},
          },
          message: 'the eks key applies only to cloud "eks"; remove it, or set cloud to "eks"',
        },
      ],
    ],
    [
      "an unknown clustering mode",
      { ...valid, workloads: [{ ...workload, clustering: "primary" }] },
      [
        {
          key: "stateful-stack:workloads[0].clustering",
          value: "primary",
          message: 'expected one of "none", "self"',
        },
      ],
    ],
    [
      "cloud aks without its settings",
      { ...valid, cloud: "aks" },
      [
        {
          key: "stateful-stack:aks",
          value: undefined,
          message: 'cloud "aks" needs the aks settings (at least nodePools)',
        },
      ],
    ],
  ];

  for (const [what, raw, expected] of badInputs) {
    it(`rejects ${what}`, () => {
      assert.deepEqual(problemsOf(raw), expected);
    });
  }

  describe("static volumes", () => {
    const aks = {
      nodePools: [{ name: "data", zones: ["1", "2"] }],
      authorizedIpRanges: ["203.0.113.0/24"],
      disks: [
        { name: "db", size: "64Gi", zone: "1" },
        { name: "small", size: "8Gi", zone: "1" },
      ],
      shares: [{ name: "files", size: "100Gi" }],
    };
    const onAks = (workloads: Record<string, unknown>[]) => ({
      environment: "dev",
      cloud: "aks",
      aks,
      workloads: workloads.map((w) => ({ ...workload, storageClass: "azure-disk-data", storageSize: "32Gi", ...w })),
    });
    const westeurope = { azureLocation: "westeurope" };

    it("adopts a disk as a replica's data volume, mapped to the platform", () => {
      const config = validateStackConfig(onAks([{ volumes: ["db"], share: "files" }]), undefined, westeurope);
      assert.deepEqual(toPlatformArgs(config).workloads?.[0]?.volumes, ["db"]);
    });

    it("refuses adopting an undeclared, shared, twice-adopted or too small volume, a count unlike replicas, and a shared disk", () => {
      const raw = onAks([
        { volumes: ["db", "nope"] },
        { name: "b", volumes: ["db"], share: "small" },
        { name: "c", volumes: ["files"] },
        { name: "d", volumes: ["small"] },
      ]);
      assert.deepEqual(problemsOf(raw, westeurope), [
        {
          key: "stateful-stack:workloads[0].volumes[1]",
          value: "nope",
          message: 'the stack declares no disk or EBS volume "nope" to adopt (declared: "db", "small")',
        },
        {
          key: "stateful-stack:workloads[0].volumes",
          value: ["db", "nope"],
          message: "adopts 2 volumes for 1 replica; adopt exactly one volume per replica (replica i gets volumes[i])",
        },
        {
          key: "stateful-stack:workloads[1].volumes[0]",
          value: "db",
          message: '"db" is already adopted by workload "cache"; a disk can be the data volume of one replica only',
        },
        {
          key: "stateful-stack:workloads[1].share",
          value: "small",
          message:
            '"small" is a ReadWriteOnce disk, which attaches to one node at a time; share only ReadWriteMany volumes (Azure Files shares, EFS file systems), or adopt the disk with volumes',
        },
        {
          key: "stateful-stack:workloads[2].volumes[0]",
          value: "files",
          message:
            '"files" is a ReadWriteMany share, not a disk; mount it with share, and adopt only disks (Azure disks, EBS volumes)',
        },
        {
          key: "stateful-stack:workloads[3].volumes[0]",
          value: "small",
          message: '"small" holds 8 GiB, less than storageSize "32Gi"; adopt a larger volume or lower storageSize',
        },
      ]);
    });
  });

  it("holds a stack named as production to environment prod, so its data is protected", () => {
    const devConfig = { environment: "dev", cloud: "existing", kubeconfigPath: "~/.kube/config", kubeContext: "kind" };
    for (const stack of ["prod", "prod-eu", "prod_aks"]) {
      assert.throws(
        () => validateStackConfig(devConfig, stack),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems.length === 1 &&
          error.problems[0]?.key === "stateful-stack:environment" &&
          error.problems[0].message ===
            `stack "${stack}" is named as production, and production stacks keep their data: set environment to "prod" (or give a non-production stack another name)`,
      );
    }
    for (const stack of ["dev", "production-like", "preprod"])
      assert.equal(validateStackConfig(devConfig, stack).environment, "dev");
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({
      ...valid,
      environment: "qa",
      workloads: [{ ...workload, port: 0, storageSize: "1" }],
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      ["stateful-stack:environment", "stateful-stack:workloads[0].port", "stateful-stack:workloads[0].storageSize"],
    );
  });

  it("accepts every DNS-1035 label of at most 52 characters as a workload name and rejects every other string with a message naming the key", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (name) => {
        const isLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 52;
        const raw = { ...valid, workloads: [{ ...workload, name }] };
        if (isLabel) {
          assert.equal(validateStackConfig(raw).workloads[0]?.name, name);
        } else {
          const problems = problemsOf(raw);
          assert.ok(problems.length > 0 && problems.every((p) => p.key === "stateful-stack:workloads[0].name"));
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("names a key that shares its name with an Object method (toString, hasOwnProperty) as unknown, not a renamed key", () => {
    for (const key of ["toString", "hasOwnProperty", "valueOf"]) {
      const problems = problemsOf({ ...valid, workloads: [{ ...VALID_WORKLOAD, [key]: false }] });
      const problem = problems.find((p) => p.key === `stateful-stack:workloads[0].${key}`);
      assert.ok(problem, `${key}: ${JSON.stringify(problems)}`);
      assert.doesNotMatch(problem.message, /was renamed/);
    }
  });

  it("never throws anything but a ConfigError for arbitrary JSON input", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(valid), "other"), fc.jsonValue()), (overrides) => {
        try {
          validateStackConfig({ ...valid, ...overrides });
        } catch (error) {
          assert.ok(error instanceof ConfigError, String(error));
          assert.ok(error.problems.length > 0);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
