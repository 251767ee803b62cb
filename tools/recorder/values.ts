/**
 * Decoding of the property values the Pulumi SDK sends to the engine into plain JSON for the
 * recording: values only known after deployment become {@link COMPUTED}, secrets are masked.
 */

/** Shown in place of a value that is only known after deployment. */
export const COMPUTED = "(computed)";
/** Shown in place of a secret value. */
export const SECRET = "[secret]";

// Wire-format markers of the Pulumi resource protocol (sdk/nodejs/runtime/rpc.ts).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** Paths (`a.b[0].c`) of the secret values found while decoding. */
export type SecretPaths = string[];

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
}

/**
 * Decodes a serialized property value. `secrets` collects the paths of masked secrets.
 */
export function decodeValue(value: unknown, path = "", secrets: SecretPaths = []): unknown {
  if (value === UNKNOWN) return COMPUTED;
  if (Array.isArray(value)) return value.map((item, i) => decodeValue(item, join(path, i), secrets));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record[SIG_KEY]) {
    case SECRET_SIG:
      secrets.push(path);
      return SECRET;
    case RESOURCE_SIG:
      return record["urn"];
    case OUTPUT_SIG:
      if (record["secret"] === true) {
        secrets.push(path);
        return SECRET;
      }
      return "value" in record ? decodeValue(record["value"], path, secrets) : COMPUTED;
    case ASSET_SIG:
      return "(asset)";
    case ARCHIVE_SIG:
      return "(archive)";
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item, join(path, key), secrets);
      return out;
    }
  }
}

/** True when `value` or anything inside it is {@link COMPUTED}. */
export function containsComputed(value: unknown): boolean {
  if (value === COMPUTED) return true;
  if (Array.isArray(value)) return value.some(containsComputed);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsComputed);
  return false;
}
