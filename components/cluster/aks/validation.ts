/**
 * Pure checks of AKS settings, shared by the configuration schema and the components, so a bad
 * value is refused with the same message before any resource is registered.
 */
import { AZURE_ZONES } from "./defaults.ts";

/** `major.minor` or `major.minor.patch`, e.g. `1.35` or `1.35.2`. */
export const KUBERNETES_VERSION = /^[1-9][0-9]*\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$/;

/**
 * An Azure VM size: `Standard_` + family letters + vCPUs (optionally constrained, `-64`) +
 * feature letters + optional accelerator part + optional version, e.g. `Standard_D4ds_v5`,
 * `Standard_E16as_v6`, `Standard_NC24ads_A100_v4`, `Standard_B2s`.
 */
export const VM_SIZE = /^Standard_[A-Z]{1,4}[0-9]+(-[0-9]+)?[a-z]*(_[A-Z][A-Za-z0-9]*)?(_v[0-9]+)?$/;

/** A Linux AKS node pool name: lowercase letters and digits, starting with a letter, at most 12. */
export const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;

/** An existing subnet's ARM id. */
export const SUBNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** An IPv4 address or CIDR range. */
export const IPV4_RANGE =
  /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\/([0-9]|[12][0-9]|3[0-2]))?$/;

/** Message when `version` is not `major.minor[.patch]`, else undefined. */
export function kubernetesVersionProblem(version: string): string | undefined {
  return KUBERNETES_VERSION.test(version)
    ? undefined
    : `Kubernetes version "${version}" is not major.minor[.patch]; use e.g. "1.35" or "1.35.2"`;
}

/** Message when `size` is not an Azure VM size, else undefined. */
export function vmSizeProblem(size: string): string | undefined {
  return VM_SIZE.test(size)
    ? undefined
    : `VM size "${size}" is not an Azure VM size; use the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])`;
}

/** Message when `zone` is not one of the region's zones, else undefined. */
export function zoneProblem(zone: string): string | undefined {
  return (AZURE_ZONES as readonly string[]).includes(zone)
    ? undefined
    : `zone "${zone}" is not an Azure availability zone; allowed: ${AZURE_ZONES.map((z) => `"${z}"`).join(", ")}`;
}

/** Message when `name` is not a valid Linux node pool name, else undefined. */
export function poolNameProblem(name: string): string | undefined {
  return POOL_NAME.test(name)
    ? undefined
    : `node pool name "${name}" is invalid; AKS allows 1-12 lowercase letters and digits, starting with a letter (e.g. "data")`;
}
