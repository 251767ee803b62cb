/**
 * Generated names and values for the tests of plaintext secrets: secret variables, names about a
 * secret, switches, and the workload and stack they are tried in.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { statefulWorkloadProblems } from "../../components/workloads/check.ts";
import { ConfigError, validateStackConfig } from "../../config/validate.ts";
import { EXISTING_CLUSTER_STACK, VALID_WORKLOAD } from "./config.ts";

/** Runs of each property: pure checks, so cheap. */
export const RUNS = 100;
/** A valid workload entry. */
export const workload = VALID_WORKLOAD;
/** A valid stack configuration on an existing cluster, without workloads. */
export const stack = EXISTING_CLUSTER_STACK;

/** The message of the configuration's rejection (fails when it is accepted). */
export function rejection(raw: Record<string, unknown>, secretKeys: string[] = []): string {
  try {
    validateStackConfig(raw, "local", {}, secretKeys);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail("expected the configuration to be rejected");
}

/** The paths of the workload's problems, as `env.X` / `args[1]`. */
export function paths(spec: Partial<typeof workload> & Record<string, unknown>): string[] {
  return statefulWorkloadProblems({ ...workload, ...spec }).map((p) =>
    p.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join(""),
  );
}

/** Last words of settings about a secret (how long it lives, who issued it, how it is stored). */
export const aboutWord = fc.constantFrom(
  "FILE", "PATH", "TTL", "NAME", "MIN_LENGTH", "ID", "AUDIENCE", "ISSUER", "LIFETIME", "TTL_SECONDS", "RESET_TIMEOUT_DAYS",
  "ENCRYPTION", "BACKEND", "METHOD", "TYPE", "MODE", "POLICY", "AUTHENTICATION", "HEADER", "ALGORITHM", "URL",
); // prettier-ignore
/** Prefixes of secret variables. */
export const prefix = fc.constantFrom("", "DB_", "REDIS_", "APP_", "ADMIN_", "POSTGRES_", "MYSQL_ROOT_", "MINIO_ROOT_");
/** Words that end a secret variable. */
export const secretWord = fc.constantFrom(
  "PASSWORD",
  "PASS",
  "PWD",
  "PASSWD",
  "PASSPHRASE",
  "TOKEN",
  "SECRET",
  "SECRET_KEY",
  "API_KEY",
  "APIKEY",
  "PRIVATE_KEY",
  "ENCRYPTION_KEY",
  "AUTH_TOKEN",
  "CREDENTIALS",
  "CREDENTIAL",
);
/** Secret variables, upper-case or camelCase. */
export const secretVariable = fc
  .tuple(prefix, secretWord, fc.boolean())
  .filter(([p, w]) => `${p}${w}` !== "PWD")
  .map(([p, w, camel]) => {
    const name = `${p}${w}`;
    // camelCase spelling of the same name: dbPassword, apiKey
    return camel ? name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : name;
  });
/** Names made of words that hold no secret, and secret words followed by a word about a secret. */
export const plainVariable = fc.oneof(
  fc
    .array(
      fc.constantFrom("DB", "HOST", "PORT", "USER", "LOG", "LEVEL", "DATA", "CACHE", "KEY", "PREFIX", "PASSENGER", "BYPASS", "COMPASS", "PATH", "TZ", "PGDATA"),
      { minLength: 1, maxLength: 3 },
    )
    .map((words) => words.join("_")),
  fc.tuple(prefix, secretWord, aboutWord).map(([p, w, s]) => `${p}${w}_${s}`),
); // prettier-ignore
/** Values that hold no secret whatever the name: empty, a yes/no switch. */
export const SWITCH_VALUE = /^(|yes|no|true|false|on|off|0|1)$/i;
/** A plaintext secret value. */
export const value = fc.stringMatching(/^[A-Za-z0-9]{4,16}$/).filter((v) => !SWITCH_VALUE.test(v));
/** A yes/no value, either case. */
export const switchValue = fc
  .tuple(fc.constantFrom("", "yes", "no", "true", "false", "on", "off", "0", "1"), fc.boolean())
  .map(([v, upper]) => (upper ? v.toUpperCase() : v));
/** Switches about a secret: generating a value for one would turn it on (mysql: any non-empty value). */
export const switchVariable = fc
  .tuple(prefix, fc.constantFrom("ALLOW_EMPTY_", "RANDOM_", "ALLOW_EMPTY_ROOT_", "RANDOM_ROOT_", "SKIP_", "ALLOW_"), secretWord)
  .map(([p, s, w]) => `${p}${s}${w}`); // prettier-ignore
