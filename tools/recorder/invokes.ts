/**
 * Offline answers to the provider functions (invokes) the program may call. Anything not listed
 * here fails the run loudly: a plan must never silently invent cloud data.
 */
import type * as pulumi from "@pulumi/pulumi";

/** An offline answer to one invoke token. */
export type InvokeAnswer = (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;

/** Invoke tokens the recorder can answer offline, with their answers. */
export const OFFLINE_INVOKES: Readonly<Record<string, InvokeAnswer>> = {};

/** Raised when the program calls an invoke the recorder has no offline answer for. */
export class UnknownInvokeError extends Error {
  /** The SDK reports an invoke failure by this gRPC field, as the engine would send it. */
  readonly details: string;

  constructor(token: string) {
    super(
      `the program called the provider function "${token}", which has no offline answer; ` +
        `add one to tools/recorder/invokes.ts (known: ${Object.keys(OFFLINE_INVOKES).join(", ") || "none"})`,
    );
    this.name = "UnknownInvokeError";
    this.details = this.message;
  }
}

/** Answers an invoke from {@link OFFLINE_INVOKES}, or throws {@link UnknownInvokeError}. */
export function answerInvoke(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const answer = OFFLINE_INVOKES[args.token];
  if (!answer) throw new UnknownInvokeError(args.token);
  return answer(args);
}
