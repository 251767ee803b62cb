/**
 * The plaintext-secret rule's two sides: settings about a secret, switches, token types and
 * `$(VAR)` references are not secrets (and never get a `generate: true` fix); passwords inside a
 * connection string, a `-D` property or a `*_CREDENTIALS` variable are. Generated names and
 * values, through the workload's check and at the stack key.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { statefulWorkloadProblems } from "../components/workloads/check.ts";
import { isSecretName } from "../components/workloads/plaintext.ts";
import {
  aboutWord,
  paths,
  prefix,
  rejection,
  RUNS,
  secretVariable,
  secretWord,
  stack,
  switchValue,
  switchVariable,
  value,
  workload,
} from "./support/secrets.ts";
import { propertyRuns } from "./support/properties.ts";

/** Settings about a secret and switches, as the images document them, with a typical value. */
const NOT_SECRETS: Record<string, string> = {
  TOKEN_AUDIENCE: "api://app",
  TOKEN_ISSUER: "https://login.example.com",
  TOKEN_LIFETIME: "3600",
  ACCESS_TOKEN_TTL_SECONDS: "900",
  PASSWORD_RESET_TIMEOUT_DAYS: "3",
  PASSWORD_ENCRYPTION: "scram-sha-256",
  SECRETS_BACKEND: "vault",
  PASSWORD_MIN_LENGTH: "12",
  AUTH_METHOD: "scram-sha-256",
  ALLOW_EMPTY_PASSWORD: "no",
  MYSQL_ALLOW_EMPTY_PASSWORD: "yes",
  MYSQL_RANDOM_ROOT_PASSWORD: "yes",
  MARIADB_RANDOM_ROOT_PASSWORD: "1",
  MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "1",
  ETCD_AUTH_TOKEN: "simple",
  REDIS_PASSWORD: "",
  GOOGLE_APPLICATION_CREDENTIALS: "/var/run/secrets/google/key.json",
};
/** Names that hold a secret, whatever else they say, from the images' documentation. */
const SECRETS = [
  "AWS_SECRET_ACCESS_KEY",
  "SECRET_KEY_BASE",
  "MINIO_SECRET_KEY",
  "DJANGO_SECRET_KEY",
  "MYSQL_PWD",
  "PGPASSWORD",
  "RABBITMQ_DEFAULT_PASS",
  "GF_SECURITY_ADMIN_PASSWORD",
  "DB_CREDENTIALS",
  "AZURE_CREDENTIALS",
  "TOKEN_BASE64",
  "requirepass",
  "masterauth",
];

describe("secrets and settings about them", () => {
  it("accepts settings about a secret, switches and token types, in env and args", () => {
    assert.equal(Object.keys(NOT_SECRETS).length, 17);
    for (const [name, setting] of Object.entries(NOT_SECRETS))
      assert.deepEqual(paths({ env: { [name]: setting } }), [], name);
    const args = [
      ["--auth-token", "simple"],
      ["--auth-token=jwt,pub-key=/etc/etcd/jwt.pub,priv-key=/etc/etcd/jwt.key,sign-method=RS256"],
      ["-c", "password_encryption=scram-sha-256"],
      ["--requirepass", ""],
      ["--protected-mode", "no", "--tls-auth-clients", "no"],
    ];
    for (const argv of args) assert.deepEqual(paths({ args: argv }), [], argv.join(" "));
    fc.assert(
      fc.property(prefix, secretWord, aboutWord, (p, w, about) => {
        assert.equal(isSecretName(`${p}${w}_${about}`), false, `${p}${w}_${about}`);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("never takes a switch or a yes/no value for a secret, so never suggests generate: true for one", () => {
    fc.assert(
      fc.property(switchVariable, fc.oneof(value, switchValue), secretVariable, switchValue, (sw, v, name, yes) => {
        assert.equal(isSecretName(sw), false, sw);
        assert.deepEqual(paths({ env: { [sw]: v } }), [], `${sw}=${v}`);
        assert.deepEqual(paths({ env: { [name]: yes } }), [], `${name}=${yes}`);
        assert.deepEqual(paths({ args: [`--${name}`, yes, `--${name}=${yes}`] }), []);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("keeps taking secrets for secrets, whatever they end in", () => {
    for (const name of SECRETS) assert.equal(isSecretName(name), true, name);
    fc.assert(
      fc.property(secretVariable, (name) => assert.equal(isSecretName(name), true, name)),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("accepts a secret variable passed under another name with $(VAR), and refuses an undefined one", () => {
    fc.assert(
      fc.property(secretVariable, secretVariable, (name, source) => {
        fc.pre(name !== source);
        const env = { [name]: `$(${source})` };
        assert.deepEqual(paths({ env, secretEnv: { [source]: { generate: true } } }), []);
        assert.deepEqual(paths({ env }), [`.env.${name}`]);
        const [problem] = statefulWorkloadProblems({ ...workload, env });
        assert.match(problem?.message ?? "", /neither env nor secretEnv sets/);
      }),
      { numRuns: propertyRuns(RUNS) },
    );
  });

  it("refuses a password in a connection string, with the value to set and the secret to generate", () => {
    const key = fc.constantFrom("Password", "password", "PWD", "Pwd", "PassWord");
    const head = fc.constantFrom("Server=db;User Id=sa;", "Driver={ODBC Driver 18};Server=db;Uid=app;", "");
    fc.assert(
      fc.property(head, key, value, fc.constantFrom("", ";", ";Encrypt=true"), (h, k, secret, tail) => {
        const connection = `${h}${k}=${secret}${tail}`;
        assert.deepEqual(paths({ env: { CONNECTION_STRING: connection } }), [".env.CONNECTION_STRING"]);
        assert.deepEqual(paths({ args: [`--connection-string=${connection}`] }), [".args[0]"]);
        const message = rejection({ ...stack, workloads: [{ ...workload, env: { CONNECTION_STRING: connection } }] });
        assert.ok(!message.includes(`=${secret}`), "the password is hidden");
        const fixed = `${h}${k}=$(PASSWORD)${tail}`;
        assert.ok(
          message.includes(
            `\`pulumi config set --path 'workloads[0].env.CONNECTION_STRING' '${fixed}' && pulumi config set --path 'workloads[0].secretEnv.PASSWORD.generate' true\``,
          ),
          message,
        );
        const referenced = { env: { CONNECTION_STRING: fixed }, secretEnv: { PASSWORD: { generate: true } } };
        assert.deepEqual(paths(referenced), []);
      }),
      { numRuns: propertyRuns(30) },
    );
  });

  it("refuses a secret -D property or option inside an env value", () => {
    const property = fc.constantFrom("spring.datasource.password", "db.pass", "javax.net.ssl.keyStorePassword");
    fc.assert(
      fc.property(property, value, fc.constantFrom("", "-Xmx512m ", "-Dfile.encoding=UTF-8 "), (prop, secret, before) => {
        const env = { JAVA_OPTS: `${before}-D${prop}=${secret} -Dserver.port=8080` };
        assert.deepEqual(paths({ env }), [".env.JAVA_OPTS"]);
        assert.deepEqual(paths({ env: { REDIS_ARGS: `--appendonly yes --requirepass ${secret}` } }), [".env.REDIS_ARGS"]);
        const fixed = { JAVA_OPTS: `${before}-D${prop}=$(PASSWORD)` };
        assert.deepEqual(paths({ env: fixed, secretEnv: { PASSWORD: { generate: true } } }), []);
      }),
      { numRuns: propertyRuns(30) },
    ); // prettier-ignore
    assert.deepEqual(paths({ env: { JAVA_OPTS: "-Xmx512m -Dspring.profiles.active=prod -Dtoken.ttl=60" } }), []);
  });
});
