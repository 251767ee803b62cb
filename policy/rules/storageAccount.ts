/**
 * Storage accounts: HTTPS only, TLS 1.2 or newer, no public blob access.
 */
import { prop, UNKNOWN, type StackPolicy } from "../model.ts";

const TLS_OK = ["TLS1_2", "TLS1_3"];

/** Storage accounts refuse plain HTTP, old TLS and anonymous blob access. */
export const storageAccountTransport: StackPolicy = {
  name: "storage-account-secure-access",
  description: "Storage accounts accept HTTPS only, with TLS 1.2 or newer, and allow no public blob access.",
  enforcement: "mandatory",
  check: ({ resources }) =>
    resources
      .filter((r) => r.type === "azure-native:storage:StorageAccount")
      .flatMap((r) => {
        const problems: string[] = [];
        if (prop(r, "enableHttpsTrafficOnly") !== true) problems.push("enableHttpsTrafficOnly must be true");
        const tls = prop(r, "minimumTlsVersion");
        if (tls !== UNKNOWN && !TLS_OK.includes(String(tls)))
          problems.push(
            `minimumTlsVersion must be TLS1_2 or newer (found ${JSON.stringify(tls ?? "the default, TLS1_0")})`,
          );
        if (prop(r, "allowBlobPublicAccess") !== false) problems.push("allowBlobPublicAccess must be false");
        return problems.map((p) => ({ resource: r, message: `storage account "${r.name}": ${p}` }));
      }),
};
