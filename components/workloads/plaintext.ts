/**
 * Secrets written in plaintext into a workload's `env` or `args`, which Kubernetes would show to
 * anyone who can read the StatefulSet. A secret is recognised by the name it is given (a variable,
 * a command-line option, a `-D` property), by a password inside a URL or a `Password=` connection
 * string, and, for a few images, by the short option their tools take a password with.
 *
 * A name holds a secret when its LAST word is a secret word (`DB_PASSWORD`, `REDIS_PASS`,
 * `apiToken`, `--requirepass`) or it ends in a secret key (`API_KEY`, `AWS_SECRET_ACCESS_KEY`);
 * a name about a secret ends in another word (`PASSWORD_FILE`, `TOKEN_AUDIENCE`,
 * `PASSWORD_ENCRYPTION`). A switch is never a secret: a name with `ALLOW`, `EMPTY`, `RANDOM`, …
 * (`MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`) or a yes/no value. Nor is a value
 * made only of `$(VAR)` references (secrets.ts checks they are defined before it).
 */
import type { Problem } from "../problems.ts";
import { imageRepository } from "./images.ts";

/** Last words that name a secret, also at the end of a longer word (`REDISPASSWORD`, `REQUIREPASS`), plural too. */
const SECRET_WORD =
  /^(?:[A-Z0-9]*(?:PASSW(?:OR)?D|PASSPHRASE|SECRET|TOKEN|APIKEY|REQUIREPASS|MASTERAUTH|CREDENTIAL)|PASS|PWD)S?$/;
/** Words that make a following last `KEY` a secret key (`API_KEY`, `SSH_PRIVATE_KEY`, `ENCRYPTION_KEY`). */
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
/** Last words that only say how a secret is written, so the word before them counts (`SECRET_KEY_BASE`, `TOKEN_BASE64`). */
const ENCODINGS = new Set(["BASE", "VALUE", "BASE64", "B64", "HEX", "RAW"]);
/**
 * Words of a switch about a secret, never the secret (`MYSQL_ALLOW_EMPTY_PASSWORD`,
 * `MARIADB_RANDOM_ROOT_PASSWORD`): generating a value for one would turn it on.
 */
const SWITCH_WORDS = new Set(["ALLOW", "EMPTY", "RANDOM", "SKIP", "ENABLE", "DISABLE", "GENERATE"]);
/** Names of a file rather than its content, though they end in a secret word. */
const PATH_VARIABLES = new Set(["GOOGLE_APPLICATION_CREDENTIALS"]);
/**
 * Values that hold no secret: empty, a yes/no switch, or only `$(VAR)` references (how a secret
 * variable is passed under another name, `KC_DB_PASSWORD: "$(POSTGRES_PASSWORD)"`).
 */
const NOT_A_SECRET = /^(?:|yes|no|true|false|on|off|0|1|(?:\$\([A-Za-z_][A-Za-z0-9_]*\))+)$/i;
/**
 * etcd's token TYPE, the value of `--auth-token` / `ETCD_AUTH_TOKEN`: "Specify a v3 authentication
 * token type and its options ('simple' or 'jwt')" (etcd-io/etcd@v3.5.21:server/etcdmain/help.go),
 * e.g. `jwt,pub-key=…,priv-key=…,sign-method=RS256`.
 */
const ETCD_TOKEN_TYPE = /^(?:simple|jwt(?:,.*)?)$/;
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
/** A password in a `key=value;` connection string (ADO.NET `Password=`, ODBC `Pwd=`), case-insensitive. */
const CONNECTION_PASSWORD = /((?:^|;)\s*(?:password|pwd)\s*=\s*)([^;]*)/gi;

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
  const all = words(name);
  if (PATH_VARIABLES.has(all.join("_")) || all.some((word) => SWITCH_WORDS.has(word))) return false;
  const w = ENCODINGS.has(all.at(-1) ?? "") ? all.slice(0, -1) : all;
  const last = w.at(-1);
  if (last === undefined || (w.length === 1 && last === "PWD")) return false;
  if (last === "KEY" || last === "KEYS")
    return KEY_KINDS.has(w.at(-2) ?? "") || w.slice(0, -1).some((word) => SECRET_WORD.test(word));
  return SECRET_WORD.test(last);
}

/**
 * True when `value` of the variable or option `name` is a secret written out (see the module's
 * rule); an option `auth` takes one too (`nats-server --auth <token>`).
 */
function holdsSecret(name: string, value: string, option: boolean): boolean {
  if (NOT_A_SECRET.test(value)) return false;
  if (ETCD_TOKEN_TYPE.test(value) && words(name).slice(-2).join("_") === "AUTH_TOKEN") return false;
  return isSecretName(name) || (option && name === "auth");
}

function argMessage(option: string, replacement: string): string {
  return `a secret in plaintext after "${option}"; put it in secretEnv (e.g. secretEnv.PASSWORD with generate: true) and pass "${replacement}", which Kubernetes expands from the container's environment`;
}

function envMessage(name: string): string {
  return `a secret in plaintext; move it to secretEnv.${name} with generate: true (a password generated into a Kubernetes Secret) or secretName and key (an existing Secret)`;
}

/** A secret found in a list of arguments: where, after what, and the argument with `$(PASSWORD)` in its place. */
interface Finding {
  at: number;
  option: string;
  replacement: string;
}

/**
 * A connection string's passwords: undefined when `value` has no `Password=`/`Pwd=` key (or, unless
 * `whole` (an env value, a value assigned to an option), no `;`: an argument `password=…` alone
 * is an assignment), else the key as written and the value with each plaintext password replaced
 * by `$(PASSWORD)`, or null when none is plaintext.
 */
function connectionPasswords(value: string, whole = false): { key: string; replaced: string } | null | undefined {
  if (!whole && !value.includes(";")) return undefined;
  let keys = 0;
  let key: string | undefined;
  const replaced = value.replace(CONNECTION_PASSWORD, (match, head: string, password: string) => {
    keys++;
    if (NOT_A_SECRET.test(password.trim())) return match;
    key ??= head.replace(/[;=\s]/g, "");
    return `${head}$(PASSWORD)`;
  });
  return keys === 0 ? undefined : key === undefined ? null : { key, replaced };
}

/** A plaintext secret in `args[i]`: the value of a secret option, an assignment, a password in a URL or connection string. */
function argFinding(args: readonly string[], i: number, short: string | undefined): Finding | undefined {
  const arg = args[i]!;
  const next = args[i + 1];
  const assignment = /^(-{0,2}[A-Za-z0-9_.-]+=)(.*)$/.exec(arg);
  for (const [head, body] of [["", arg], assignment ? [assignment[1]!, assignment[2]!] : ["", ""]]) {
    const connection = connectionPasswords(body!, head !== ""); // `Server=…;Password=…`, `--connection-string=…`
    if (connection !== undefined)
      return connection === null
        ? undefined
        : { at: i, option: connection.key, replacement: `${head}${connection.replaced}` };
  }
  const option = /^-{1,2}([A-Za-z0-9_.-]+)$/.exec(arg);
  if (option && next !== undefined && !next.startsWith("-") && (arg === short || holdsSecret(option[1]!, next, true)))
    return { at: i + 1, option: arg, replacement: "$(PASSWORD)" };
  const assigned = assignment?.[1]!.replace(/^-D(?=[A-Za-z])/, "").replace(/^-+|=$/g, ""); // `-D<property>=`
  if (assignment && holdsSecret(assigned!, assignment[2]!, true))
    return { at: i, option: assignment[1]!.slice(0, -1), replacement: `${assignment[1]!}$(PASSWORD)` };
  const url = URL_PASSWORD.exec(arg);
  if (url && !NOT_A_SECRET.test(url[2]!))
    return {
      at: i,
      option: url[1]!,
      replacement: arg.replace(URL_PASSWORD, (_, head: string) => `${head}$(PASSWORD)@`),
    };
  return undefined;
}

/** Plaintext secrets in a list of arguments, with the image family's short password option. */
function argFindings(args: readonly string[], image: string): Finding[] {
  const short = SHORT_PASSWORD_OPTIONS[imageRepository(image)];
  return args.flatMap((arg, i): Finding[] => {
    if (typeof arg !== "string") return [];
    if (short?.attached && arg.startsWith(short.option) && arg.length > short.option.length)
      return NOT_A_SECRET.test(arg.slice(short.option.length))
        ? []
        : [{ at: i, option: short.option, replacement: `${short.option}$(PASSWORD)` }];
    const finding = argFinding(args, i, short && !short.attached ? short.option : undefined);
    return finding ? [finding] : [];
  });
}

/**
 * A plaintext secret in `env[name]`: by the variable's name, a password inside a URL, a connection
 * string, or an option inside the value (`JAVA_OPTS: "-Dspring.datasource.password=…"`,
 * `REDIS_ARGS: "--requirepass …"`).
 */
function envSecretProblems(name: string, value: string, image: string): Problem[] {
  const hidden = (message: string): Problem[] => [{ path: ["env", name], value: "(hidden)", message }];
  if (holdsSecret(name, value, false)) return hidden(envMessage(name));
  const url = URL_PASSWORD.exec(value);
  if (url && !NOT_A_SECRET.test(url[2]!))
    return hidden(
      argMessage(
        url[1]!,
        value.replace(URL_PASSWORD, (_, head: string) => `${head}$(PASSWORD)@`),
      ),
    );
  const connection = connectionPasswords(value, true);
  if (connection !== undefined)
    return connection === null ? [] : hidden(argMessage(connection.key, connection.replaced));
  const parts = value.split(/(\s+)/);
  const tokens = parts.filter((_, i) => i % 2 === 0);
  const [finding] = argFindings(tokens, image);
  if (finding === undefined) return [];
  tokens[finding.at] = finding.replacement;
  return hidden(argMessage(finding.option, parts.map((part, i) => (i % 2 === 0 ? tokens[i / 2] : part)).join("")));
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
  return [
    ...Object.entries(env).flatMap(([name, value]) =>
      envSecretProblems(name, typeof value === "string" ? value : "", image),
    ),
    ...argFindings(args, image).map(({ at, option, replacement }) => ({
      path: ["args", at],
      value: "(hidden)",
      message: argMessage(option, replacement),
    })),
  ];
}
