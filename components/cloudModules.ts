/**
 * The cloud implementations, loaded on first use: a stack pays start-up time only for its own
 * cloud's SDK (the AWS and Azure SDK modules take about 150 ms each to load), and a program that
 * uses the package without a cloud needs neither SDK installed (both are optional peer
 * dependencies). A cloud component whose SDK is missing is refused in one line that names the
 * package to install.
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);
// Sources run as TypeScript; the built package runs as JavaScript, one directory further down.
const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
const manifest = ext === ".ts" ? "../package.json" : "../../package.json";

/** The SDK each cloud's components import: optional peer dependencies of the package. */
export const CLOUD_SDKS = { aws: "@pulumi/aws", azure: "@pulumi/azure-native" } as const;

/** Whether `error` says that the package `sdk` cannot be found (ESM or CommonJS wording). */
export function isMissingPackage(error: unknown, sdk: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  return typeof message === "string" && (message.includes(`'${sdk}'`) || message.includes(`${sdk}/`));
}

/** The one-line error for a cloud component whose SDK is not installed, with the command that installs it. */
export function missingSdkError(component: string, sdk: string, cause?: unknown): Error {
  const peers = (load(manifest) as { peerDependencies?: Record<string, string> }).peerDependencies ?? {};
  const range = peers[sdk];
  return new Error(
    `${component} needs ${sdk}, which is not installed: run npm install ${range ? `"${sdk}@${range}"` : sdk}`,
    { cause },
  );
}

function loadCloud<T>(module: string, component: string, sdk: string): T {
  try {
    return load(`${module}${ext}`) as T;
  } catch (error) {
    throw isMissingPackage(error, sdk) ? missingSdkError(component, sdk, error) : error;
  }
}

/** The AKS cluster component's module. */
export function aksClusterModule(): typeof import("./cluster/aks/cluster.ts") {
  return loadCloud("./cluster/aks/cluster", "AksCluster", CLOUD_SDKS.azure);
}

/** The EKS cluster component's module. */
export function eksClusterModule(): typeof import("./cluster/eks/cluster.ts") {
  return loadCloud("./cluster/eks/cluster", "EksCluster", CLOUD_SDKS.aws);
}

/** The Azure storage component's module. */
export function azureStorageModule(): typeof import("./storage/azure/storage.ts") {
  return loadCloud("./storage/azure/storage", "AzureStorage", CLOUD_SDKS.azure);
}

/** The AWS storage component's module. */
export function awsStorageModule(): typeof import("./storage/aws/storage.ts") {
  return loadCloud("./storage/aws/storage", "AwsStorage", CLOUD_SDKS.aws);
}

/** The S3 backup store's module (and the EKS OIDC provider's). */
export function awsBackupsModule(): typeof import("./backups/aws.ts") {
  return loadCloud("./backups/aws", "S3BackupStore", CLOUD_SDKS.aws);
}

/** The Azure backup store's module. */
export function azureBackupsModule(): typeof import("./backups/azure.ts") {
  return loadCloud("./backups/azure", "AzureBackupStore", CLOUD_SDKS.azure);
}
