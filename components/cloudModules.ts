/**
 * The cloud implementations, loaded on first use: a stack pays start-up time only for its own
 * cloud's SDK (the AWS and Azure SDK modules take about 150 ms each to load).
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);
// Sources run as TypeScript; the built package runs as JavaScript.
const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** The AKS cluster component's module. */
export function aksClusterModule(): typeof import("./cluster/aks/cluster.ts") {
  return load(`./cluster/aks/cluster${ext}`) as typeof import("./cluster/aks/cluster.ts");
}

/** The EKS cluster component's module. */
export function eksClusterModule(): typeof import("./cluster/eks/cluster.ts") {
  return load(`./cluster/eks/cluster${ext}`) as typeof import("./cluster/eks/cluster.ts");
}

/** The Azure storage component's module. */
export function azureStorageModule(): typeof import("./storage/azure/storage.ts") {
  return load(`./storage/azure/storage${ext}`) as typeof import("./storage/azure/storage.ts");
}

/** The AWS storage component's module. */
export function awsStorageModule(): typeof import("./storage/aws/storage.ts") {
  return load(`./storage/aws/storage${ext}`) as typeof import("./storage/aws/storage.ts");
}
