/**
 * Secrets in a stack file: a kubeconfig must be stored encrypted (`pulumi config set --secret`,
 * which writes it as `secure: …`); `fixes.ts` spells out the command.
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
