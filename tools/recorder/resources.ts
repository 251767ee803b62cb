/**
 * Offline answers for resources whose outputs are more than their inputs. Under mocks a resource's
 * state is its inputs; a resource listed here also gets the outputs the program reads from it,
 * clearly fake; in a preview they are unknown, as in a first `pulumi preview`, and secret outputs
 * stay secret in both.
 */
import * as pulumi from "@pulumi/pulumi";

/** The value every `RandomPassword` generates offline; it must never appear in plaintext in a plan. */
export const OFFLINE_GENERATED_PASSWORD = "offline-fake-generated-password";

/**
 * Outputs of `@pulumi/random`'s `RandomPassword` (4.21.2) after deployment: `result` and
 * `bcryptHash`, both secret. The package marks them with `additionalSecretOutputs`, which the
 * engine applies and the SDK's mock monitor does not: the answer marks them itself.
 */
function randomPassword(preview: boolean): Record<string, unknown> {
  const value = (known: string) => pulumi.secret(preview ? (pulumi.unknown as unknown as string) : known);
  return { result: value(OFFLINE_GENERATED_PASSWORD), bcryptHash: value(`$2a$10$${OFFLINE_GENERATED_PASSWORD}`) };
}

/**
 * Outputs of an Azure `StorageAccount` after deployment that the program reads: `primaryEndpoints`
 * (its blob endpoint, as Azure's public cloud forms it from the account name, with a trailing slash).
 */
function storageAccount(preview: boolean, inputs: Record<string, unknown>): Record<string, unknown> {
  const blob = preview
    ? (pulumi.unknown as unknown as string)
    : `https://${String(inputs["accountName"])}.blob.core.windows.net/`;
  return { primaryEndpoints: { blob } };
}

/**
 * The `status` of a Velero `Restore` after deployment: the provider returns the object once its
 * await ends (see `RESTORE_AWAIT`), here as a restore that completed.
 */
function veleroRestore(preview: boolean): Record<string, unknown> {
  return { status: preview ? pulumi.unknown : { phase: "Completed" } };
}

const ANSWERS: Readonly<
  Record<string, (preview: boolean, inputs: Record<string, unknown>) => Record<string, unknown>>
> = {
  "random:index/randomPassword:RandomPassword": randomPassword,
  "azure-native:storage:StorageAccount": storageAccount,
  "kubernetes:velero.io/v1:Restore": veleroRestore,
};

/** The state the mock returns for a new resource of `type` with `inputs`. */
export function resourceState(
  type: string,
  inputs: Record<string, unknown>,
  preview: boolean,
): Record<string, unknown> {
  const answer = ANSWERS[type];
  return answer === undefined ? inputs : { ...inputs, ...answer(preview, inputs) };
}
