/**
 * Secrets written in plaintext into a workload's `env` or `args`, which Kubernetes would show to
 * anyone who can read the StatefulSet. A secret is recognised by the name it is given (a variable
 * or a command-line option), by a password inside a URL, and, for a few images, by the short
 * option their tools take a password with. Names are split into words, so that short words count
 * only whole (`REDIS_PASS`, not `PASSENGER`) and a name about a secret is not one
 * (`PASSWORD_FILE`, `TOKEN_TTL`, `AWS_ACCESS_KEY_ID`).
 */
import type { Problem } from "../problems.ts";
import { imageRepository } from "./images.ts";

/** Words that name a secret, also inside a longer word (`DB_PASSWORD`, `REDISPASSWORD`, `apiToken`, `--requirepass`). */
const SECRET_WORD = /PASSW(?:OR)?D|PASSPHRASE|SECRET|TOKEN|APIKEY|REQUIREPASS|MASTERAUTH/;
/** Short words that name a secret only as a whole word (`REDIS_PASS`, `DB_PWD`; the bare `PWD` is the working directory). */
const SECRET_SHORT_WORDS = new Set(["PASS", "PWD"]);
/** Words that make a following `KEY` a secret key (`API_KEY`, `SSH_PRIVATE_KEY`, `ENCRYPTION_KEY`). */
const KEY_KINDS = new Set([
  "API",
  "PRIVATE",
  "ENCRYPTION",
  "SIGNING",
  "MASTER",
  "AUTH",
  "TLS",
  "SSL",
  "SSH",
  "JWT",
  "HMAC",
  "SESSION",
  "LICENSE",
]);
/** Last words of names that hold something about a secret rather than the secret itself. */
const ABOUT_A_SECRET = new Set([
  "FILE", "PATH", "DIR", "NAME", "ID", "REF", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "LENGTH", "LEN", "MIN", "MAX",
  "TIMEOUT", "ENABLED", "DISABLED", "REQUIRED", "POLICY", "METHOD", "HEADER", "TYPE", "MODE", "URL", "ENDPOINT",
  "HOST", "PORT", "USER", "USERNAME", "ALGORITHM", "ROTATION",
]); // prettier-ignore
/**
 * Short options that take a password, per image family: `redis-cli -a <password>` (redis and
 * valkey images), `mysql -p<password>` (attached; `-p name` prompts and names a database) in the
 * mysql and mariadb images. Elsewhere `-p` is usually a port (`nats-server -p 4222`, `memcached -p`).
 */
const SHORT_PASSWORD_OPTIONS: Readonly<Record<string, { option: string; attached: boolean }>> = {
  redis: { option: "-a", attached: false },
  valkey: { option: "-a", attached: false },
  "valkey/valkey": { option: "-a", attached: false },
  mysql: { option: "-p", attached: true },
  mariadb: { option: "-p", attached: true },
};
/** A URL with a password in it, `scheme://user:password@host`, anywhere in a value (`--url=…`). */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^/\s@]+)@/i;
/** A value that is exactly one `$(VAR)` reference, expanded by Kubernetes from the container's environment. */
const REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/** The words of a name, upper-case: split at `_`, `-`, `.` and lower-to-upper case changes. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== "");
}

/** True when a variable or option of this name is meant to hold a secret (see the module's rule). */
export function isSecretName(name: string): boolean {
  const w = words(name);
  const last = w.at(-1);
  if (last === undefined || ABOUT_A_SECRET.has(last) || (w.length === 1 && last === "PWD")) return false;
  return w.some(
    (word, i) =>
      SECRET_WORD.test(word) || SECRET_SHORT_WORDS.has(word) || (word === "KEY" && KEY_KINDS.has(w[i - 1] ?? "")),
  );
}

/** An option that takes a secret: a secret name, or `auth` (`nats-server --auth <token>`). */
function isSecretOption(name: string): boolean {
  return isSecretName(name) || name === "auth";
}

function argMessage(option: string, replacement: string): string {
  return `a secret in plaintext after "${option}"; put it in secretEnv (e.g. secretEnv.PASSWORD with generate: true) and pass "${replacement}", which Kubernetes expands from the container's environment`;
}

function envMessage(name: string): string {
  return `a secret in plaintext; move it to secretEnv.${name} with generate: true (a password generated into a Kubernetes Secret) or secretName and key (an existing Secret)`;
}

function envUrlMessage(name: string): string {
  return `a password in plaintext inside a URL; keep the whole URL in a Secret and read it with secretEnv.${name} (secretName and key of the Secret)`;
}

/** A plaintext secret in `env[name]`, by the variable's name or a password inside a URL value. */
function envSecretProblems(name: string, value: string): Problem[] {
  if (isSecretName(name)) return [{ path: ["env", name], value: "(hidden)", message: envMessage(name) }];
  const url = URL_PASSWORD.exec(value);
  if (url && !REFERENCE.test(url[2]!))
    return [{ path: ["env", name], value: "(hidden)", message: envUrlMessage(name) }];
  return [];
}

/** A plaintext secret in `args[i]`: the value of a secret option, an assignment, a password in a URL. */
function argSecretProblems(args: readonly string[], i: number, short: string | undefined): Problem[] {
  const arg = args[i]!;
  const next = args[i + 1];
  const hidden = (at: number, message: string): Problem[] => [{ path: ["args", at], value: "(hidden)", message }];
  const option = /^-{1,2}([A-Za-z0-9_.-]+)$/.exec(arg);
  const secretOption = option && (isSecretOption(option[1]!) || arg === short);
  if (secretOption && next !== undefined && !next.startsWith("-") && !REFERENCE.test(next))
    return hidden(i + 1, argMessage(arg, "$(PASSWORD)"));
  const assignment = /^(-{0,2}[A-Za-z0-9_.-]+=)(.*)$/.exec(arg);
  if (assignment && isSecretOption(assignment[1]!.replace(/^-+|=$/g, "")) && !REFERENCE.test(assignment[2]!))
    return hidden(i, argMessage(assignment[1]!.slice(0, -1), `${assignment[1]!}$(PASSWORD)`));
  const url = URL_PASSWORD.exec(arg);
  if (url && !REFERENCE.test(url[2]!))
    return hidden(
      i,
      argMessage(
        url[1]!,
        arg.replace(URL_PASSWORD, (_, head: string) => `${head}$(PASSWORD)@`),
      ),
    );
  return [];
}

/**
 * Plaintext secrets in `env` values and `args`; a `$(VAR)` reference in place of the value is fine.
 * @param image The workload's image: its family's short password option (`redis-cli -a`) counts too.
 */
export function plaintextSecretProblems(
  env: Record<string, string>,
  args: readonly string[],
  image: string = "",
): Problem[] {
  const short = SHORT_PASSWORD_OPTIONS[imageRepository(image)];
  return [
    ...Object.entries(env).flatMap(([name, value]) => envSecretProblems(name, typeof value === "string" ? value : "")),
    ...args.flatMap((arg, i) => {
      if (typeof arg !== "string") return [];
      if (short?.attached && arg.startsWith(short.option) && arg.length > short.option.length)
        return REFERENCE.test(arg.slice(short.option.length))
          ? []
          : [{ path: ["args", i], value: "(hidden)", message: argMessage(short.option, `${short.option}$(PASSWORD)`) }];
      return argSecretProblems(args, i, short && !short.attached ? short.option : undefined);
    }),
  ];
}
