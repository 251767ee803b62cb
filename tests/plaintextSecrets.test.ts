/**
 * Secrets in plain keys: a password in a workload's `env` or `args` and a kubeconfig in plaintext
 * in the stack file are refused, through the workload's check and at the stack key, with the
 * `pulumi config` commands that fix them (`secretEnv`, `set --secret`). Generated names, with the
 * names that must not be taken for secrets next to them.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { isSecretName } from "../components/workloads/plaintext.ts";
import { secretConfigKeys } from "../config/load.ts";
import { PLAINTEXT_KUBECONFIG } from "../config/secrets.ts";
import { validateStackConfig } from "../config/validate.ts";
import { recordEditedStack } from "../tools/recorder/variants.ts";
import { paths, plainVariable, rejection, RUNS, secretVariable, stack, value, workload } from "./support/secrets.ts";
import { propertyRuns } from "./support/properties.ts";

describe("secrets in plain keys", () => {
  it("takes generated secret variable names for secrets, and names about them or without them not", () => {
    fc.assert(
      fc.property(secretVariable, plainVariable, (secret, plain) => {
        assert.equal(isSecretName(secret), true, secret);
        assert.equal(isSecretName(plain), false, plain);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
    for (const name of ["PWD", "AWS_ACCESS_KEY_ID", "GOOGLE_APPLICATION_CREDENTIALS", "POSTGRES_HOST_AUTH_METHOD"])
      assert.equal(isSecretName(name), false, name);
  });

  it("refuses a secret variable in env, at the stack key, with the move to secretEnv as the fix", () => {
    fc.assert(
      fc.property(secretVariable, value, (name, secret) => {
        assert.deepEqual(paths({ env: { [name]: secret } }), [`.env.${name}`]);
        const message = rejection({ ...stack, workloads: [{ ...workload, env: { [name]: secret } }] });
        assert.ok(!message.includes(secret) || secret.length < 5 || name.includes(secret), "the value is hidden");
        assert.ok(message.includes(`stateful-stack:workloads[0].env.${name} = "(hidden)": a secret in plaintext`));
        assert.ok(
          message.includes(
            `\`pulumi config rm --path 'workloads[0].env.${name}' && pulumi config set --path 'workloads[0].secretEnv.${name}.generate' true\``,
          ),
          message,
        );
      }),
      { numRuns: propertyRuns(30) },
    );
  });

  it("refuses a password after a secret option, or assigned to one, and accepts $(VAR)", () => {
    const option = fc.constantFrom(
      "--requirepass",
      "--masterauth",
      "--password",
      "--pass",
      "--db-password",
      "--api-key",
      "--token",
      "--auth",
      "-adminPassword",
    );
    fc.assert(
      fc.property(option, value, (flag, secret) => {
        assert.deepEqual(paths({ args: [flag, secret] }), [".args[1]"]);
        assert.deepEqual(paths({ args: ["--appendonly", "yes", `${flag}=${secret}`] }), [".args[2]"]);
        const reference = { args: [flag, "$(PASSWORD)"], secretEnv: { PASSWORD: { generate: true } } };
        assert.deepEqual(paths(reference), []);
        const message = rejection({ ...stack, workloads: [{ ...workload, args: [flag, secret] }] });
        assert.ok(
          message.includes(
            `\`pulumi config set --path 'workloads[0].args[1]' '$(PASSWORD)' && pulumi config set --path 'workloads[0].secretEnv.PASSWORD.generate' true\``,
          ),
          message,
        );
      }),
      { numRuns: propertyRuns(30) },
    );
    // A flag without a value, and options about a secret, are not secrets.
    assert.deepEqual(
      paths({ args: ["--auth", "--bind_ip_all", "--password-file", "/run/pw", "--tls-auth-clients", "no"] }),
      [],
    );
  });

  it("knows the short password options of a few images, and leaves -p a port elsewhere", () => {
    assert.deepEqual(paths({ args: ["redis-cli", "-a", "hunter2", "-p", "6379"] }), [".args[2]"]);
    assert.deepEqual(paths({ image: "mysql:8.4.3", args: ["mysqladmin", "-phunter2", "-p"] }), [".args[1]"]);
    assert.deepEqual(paths({ image: "nats:2.10.22-alpine", port: 4222, args: ["-p", "4222", "-a", "0.0.0.0"] }), []);
    assert.deepEqual(
      paths({ image: "mysql:8.4.3", args: ["-p$(MYSQL_PWD)"], secretEnv: { MYSQL_PWD: { generate: true } } }),
      [],
    );
  });

  it("refuses a password inside a URL in env or args", () => {
    fc.assert(
      fc.property(fc.constantFrom("postgres", "redis", "mongodb+srv", "amqp"), value, (scheme, secret) => {
        const url = `${scheme}://app:${secret}@db.data.svc:5432/app`;
        assert.deepEqual(paths({ env: { DATABASE_URL: url } }), [".env.DATABASE_URL"]);
        assert.deepEqual(paths({ args: [`--db-url=${url}`] }), [".args[0]"]);
        assert.deepEqual(paths({ env: { DATABASE_URL: `${scheme}://db.data.svc:5432/app` } }), []);
      }),
      { numRuns: propertyRuns(20) },
    );
  });

  it("fixes a password inside a URL by a reference to a generated secret variable, which the container expands", () => {
    const url = "postgres://app:hunter2@db.data.svc:5432/app";
    const message = rejection({ ...stack, workloads: [{ ...workload, env: { DATABASE_URL: url } }] });
    assert.ok(!message.includes("hunter2"), message);
    assert.ok(
      message.includes(
        "`pulumi config set --path 'workloads[0].env.DATABASE_URL' 'postgres://app:$(PASSWORD)@db.data.svc:5432/app' && pulumi config set --path 'workloads[0].secretEnv.PASSWORD.generate' true`",
      ),
      message,
    );
    // The fixed configuration is accepted: the reference comes after the variable it names.
    const fixed = {
      ...workload,
      env: { DATABASE_URL: "postgres://app:$(PASSWORD)@db.data.svc:5432/app" },
      secretEnv: { PASSWORD: { generate: true } },
    };
    assert.doesNotThrow(() => validateStackConfig({ ...stack, workloads: [fixed] }, "local", {}, []));
  });

  it("refuses a kubeconfig in plaintext in the stack file, with the --secret command", () => {
    const raw = { ...stack, kubeconfigPath: "", kubeconfig: "apiVersion: v1\nusers: [{token: s3cr3t}]" };
    const message = rejection(raw);
    assert.ok(message.includes(`stateful-stack:kubeconfig = "(hidden)": ${PLAINTEXT_KUBECONFIG}`), message);
    assert.ok(message.includes("`pulumi config set --secret kubeconfig < <kubeconfig file>`"), message);
    assert.ok(!message.includes("s3cr3t"));
    assert.equal(validateStackConfig(raw, "local", {}, ["stateful-stack:kubeconfig"]).kubeconfig, raw.kubeconfig);
  });

  it("learns which keys are encrypted from the Pulumi runtime, and refuses a plaintext kubeconfig before registering anything", async () => {
    pulumi.runtime.setAllConfig({ "stateful-stack:kubeconfig": "k", "stateful-stack:cloud": "existing" }, [
      "stateful-stack:kubeconfig",
    ]);
    assert.deepEqual(secretConfigKeys(pulumi.runtime.allConfig()), ["stateful-stack:kubeconfig"]);
    // Without the runtime's function, the language host's variable; without both, every key.
    const all = { "stateful-stack:kubeconfig": "k", "stateful-stack:cloud": "existing" };
    const env = { PULUMI_CONFIG_SECRET_KEYS: '["stateful-stack:kubeconfig"]' };
    assert.deepEqual(secretConfigKeys(all, { env }), ["stateful-stack:kubeconfig"]);
    assert.deepEqual(secretConfigKeys(all, { env: {} }), Object.keys(all));
    const registered: string[] = [];
    await assert.rejects(
      recordEditedStack(
        "local",
        (config) => {
          config["stateful-stack:kubeconfig"] = "apiVersion: v1";
          config["stateful-stack:kubeconfigPath"] = "";
        },
        { onRegister: (r) => void registered.push(r.type) },
      ),
      (error: Error) => error.message.includes("stateful-stack:kubeconfig") && error.message.includes("--secret"),
    );
    assert.deepEqual(
      registered.filter((type) => type !== "pulumi:pulumi:Stack"),
      [],
    );
  });
});
