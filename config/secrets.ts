/**
 * Secrets in a stack file: a kubeconfig must be stored encrypted (`pulumi config set --secret`,
 * which writes it as `secure: …`), and the fix of each plaintext secret as `pulumi config`
 * commands: the kubeconfig set again with `--secret`, a workload's secret moved to `secretEnv`.
 */
import { CONFIG_NAMESPACE } from "./keys.ts";

/** The message of a key the stack file holds in plaintext but must hold encrypted. */
export const PLAINTEXT_KUBECONFIG =
  "a kubeconfig holds the cluster's credentials, and this one is stored in plaintext in the stack file; store it encrypted (the file then holds `secure: …`), or set kubeconfigPath to the file instead";

/** A problem at a key of the stack's configuration, as `validate.ts` builds them. */
interface KeyProblem {
  path: PropertyKey[];
  value: unknown;
  message: string;
}

/**
 * The kubeconfig, when the stack gives its contents and the stack file does not hold them encrypted.
 * @param secretKeys The full keys the stack stores encrypted (`stateful-stack:kubeconfig`, …).
 */
export function plaintextKubeconfigProblems(kubeconfig: string, secretKeys: readonly string[]): KeyProblem[] {
  if (kubeconfig === "" || secretKeys.includes(`${CONFIG_NAMESPACE}:kubeconfig`)) return [];
  return [{ path: ["kubeconfig"], value: "(hidden)", message: PLAINTEXT_KUBECONFIG }];
}

/** A value as one shell word. */
function shellWord(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The secret variable a workload's plaintext-secret message moves the value to, and the argument it suggests. */
const ENV_SECRET = /^a secret in plaintext; move it to secretEnv\.(\w+) /;
const ENV_URL = /^a password in plaintext inside a URL; .* secretEnv\.(\w+) /;
const ARG_SECRET = /secretEnv\.(\w+) with generate: true\) and pass "(.*)", which Kubernetes expands/;

/**
 * The `pulumi config` command that fixes a plaintext secret at `path` (a key path without the
 * namespace), or undefined when the message is not about one.
 * @param at Renders a key for the command line (`--path '…'` when nested).
 */
export function secretFix(path: string, message: string, at: (key: string) => string): string | undefined {
  if (message === PLAINTEXT_KUBECONFIG) return `pulumi config set --secret ${at(path)} < <kubeconfig file>`;
  const workload = path.replace(/\.(env\.\w+|args\[\d+\])$/, "");
  const env = ENV_SECRET.exec(message);
  if (env)
    return `pulumi config rm ${at(path)} && pulumi config set ${at(`${workload}.secretEnv.${env[1]}.generate`)} true`;
  const url = ENV_URL.exec(message);
  if (url) {
    const secret = `${workload}.secretEnv.${url[1]}`;
    return `pulumi config rm ${at(path)} && pulumi config set ${at(`${secret}.secretName`)} <Secret name> && pulumi config set ${at(`${secret}.key`)} <key>`;
  }
  const arg = ARG_SECRET.exec(message);
  if (arg)
    return `pulumi config set ${at(path)} ${shellWord(arg[2]!)} && pulumi config set ${at(`${workload}.secretEnv.${arg[1]}.generate`)} true`;
  return undefined;
}
