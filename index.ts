/**
 * Composition root: reads the stack's configuration and builds the platform. Everything else lives
 * in `components/` (what is built) and `config/` (what a stack may ask for).
 */
import { Platform } from "./components/platform.ts";
import { loadStackConfig, toPlatformArgs } from "./config/index.ts";

const config = loadStackConfig();
const platform = new Platform("platform", toPlatformArgs(config));

/** Kubeconfig of the cluster (secret). */
export const kubeconfig = platform.kubeconfig;
/** Namespace of the stateful workloads. */
export const namespace = platform.namespace.metadata.name;
/** Client endpoints of the stateful workloads, by name. */
export const endpoints = platform.endpoints;
/** Each database's read-write and read-only Services and the name of its app Secret (never a password), by name. */
export const databases = platform.databases;
