/**
 * The one check of {@link AksClusterArgs}: pure (no cloud SDK), so the platform and the stack
 * configuration run it before anything is registered, and {@link AksCluster} refuses the same
 * values with the same words.
 */
import { Environment, openToInternet } from "../../options.ts";
import { problem, repeatedNameProblems, under, variantProblems, type Problem } from "../../problems.ts";
import { repeatedZoneProblems, wholeNumberProblems } from "../../rules.ts";
import { AksPrincipalType, AksUpgradeChannel, type AksClusterArgs, type AksNodePoolArgs } from "./args.ts";
import { AZURE_ZONES } from "./defaults.ts";
import { AksKubeloginMode } from "./kubelogin.ts";

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

/** An Entra ID object id: a UUID of any version, or the nil and max UUIDs. */
export const OBJECT_ID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** The availability zones of an Azure region, as an enum object for {@link variantProblems}. */
const AzureZone: Readonly<Record<string, string>> = Object.fromEntries(AZURE_ZONES.map((zone) => [zone, zone]));

/** The problems of a string that must match `pattern`, with `message` when it does not. */
function patternProblems(path: readonly PropertyKey[], value: unknown, pattern: RegExp, message: string): Problem[] {
  return typeof value === "string" && pattern.test(value) ? [] : [problem(path, value, message)];
}

/** An availability zone of the region (`"1"`, `"2"` or `"3"`); `undefined` is no zone. */
export function azureZoneProblems(path: readonly PropertyKey[], zone: unknown): Problem[] {
  return variantProblems(path, zone, AzureZone).map((p) => ({
    ...p,
    message: `${p.message} (an Azure availability zone)`,
  }));
}

/** A VM size Azure knows the form of. */
function vmSizeProblems(path: readonly PropertyKey[], size: unknown): Problem[] {
  if (size === undefined) return [];
  return patternProblems(
    path,
    size,
    VM_SIZE,
    'expected an Azure VM size of the form "Standard_D4ds_v5" (Standard_<family><vCPUs><features>[_v<n>])',
  );
}

/** Each zone of a list. */
function zonesProblems(path: readonly PropertyKey[], zones: readonly unknown[] | undefined): Problem[] {
  return [
    ...(zones ?? []).flatMap((zone, i) => azureZoneProblems([...path, i], zone)),
    ...repeatedZoneProblems(path, zones),
  ];
}

/** The check of one user node pool (names across pools are the cluster's check). */
function nodePoolProblems(pool: AksNodePoolArgs): Problem[] {
  const minCount = pool.minCount ?? 1;
  const maxCount = pool.maxCount ?? 3;
  const counts = [
    ...(pool.minCount === undefined ? [] : wholeNumberProblems(["minCount"], pool.minCount, 0, 1000, "fewest nodes")),
    ...(pool.maxCount === undefined ? [] : wholeNumberProblems(["maxCount"], pool.maxCount, 1, 1000, "most nodes")),
  ];
  return [
    ...patternProblems(
      ["name"],
      pool.name,
      POOL_NAME,
      'expected a node pool name of 1-12 lowercase letters and digits, starting with a letter, e.g. "data"',
    ),
    ...vmSizeProblems(["vmSize"], pool.vmSize),
    ...counts,
    ...(counts.length === 0 && minCount > maxCount
      ? [problem(["minCount"], pool.minCount, `minCount must not exceed maxCount (${maxCount})`)]
      : []),
    ...zonesProblems(["zones"], pool.zones),
  ];
}

/** Who may reach the API server: a private cluster takes no ranges; in prod it is never open to all. */
function apiServerProblems(args: AksClusterArgs): Problem[] {
  const ranges = args.authorizedIpRanges ?? [];
  const problems = ranges.flatMap((range, i) =>
    patternProblems(
      ["authorizedIpRanges", i],
      range,
      IPV4_RANGE,
      'expected an IPv4 address or range such as "203.0.113.0/24"',
    ),
  );
  if (args.privateCluster === true && ranges.length > 0)
    problems.push(
      problem(
        ["authorizedIpRanges"],
        args.authorizedIpRanges,
        "a private cluster has no public API server to restrict; remove authorizedIpRanges or set privateCluster false",
      ),
    );
  if (args.environment === "prod" && args.privateCluster !== true) {
    const open = openToInternet(ranges);
    if (ranges.length === 0)
      problems.push(
        problem(
          ["authorizedIpRanges"],
          args.authorizedIpRanges,
          'a production API server must not be open to the internet: list the address ranges allowed to reach it, e.g. ["203.0.113.0/24"], or set privateCluster true',
        ),
      );
    else if (open.length > 0)
      problems.push(
        problem(
          ["authorizedIpRanges"],
          args.authorizedIpRanges,
          `${open.join(", ")} lets the whole internet reach a production API server: list narrower ranges, or set privateCluster true`,
        ),
      );
  }
  return problems;
}

/**
 * The one check of {@link AksClusterArgs}; returns the problems found (empty when valid), with
 * paths relative to the arguments.
 */
export function aksClusterProblems(args: AksClusterArgs): Problem[] {
  const pools = args.nodePools ?? []; // other languages may pass none
  const system = args.systemPool ?? {};
  // An empty region is no region (a stack without azure-native:location maps to "").
  const location = args.location;
  return [
    ...variantProblems(["environment"], args.environment, Environment),
    ...(location === undefined || location === ""
      ? [problem(["location"], undefined, 'is required: the Azure region\'s programmatic name, e.g. "westeurope"')]
      : []),
    ...(args.resourceGroupName === ""
      ? [problem(["resourceGroupName"], "", "expected the name of an existing resource group, or leave it unset")]
      : []),
    ...(args.kubernetesVersion === undefined
      ? []
      : patternProblems(
          ["kubernetesVersion"],
          args.kubernetesVersion,
          KUBERNETES_VERSION,
          'expected a Kubernetes version major.minor[.patch], e.g. "1.35" or "1.35.2"',
        )),
    ...(typeof args.subnetId === "string"
      ? patternProblems(
          ["subnetId"],
          args.subnetId,
          SUBNET_ID,
          "expected a subnet id /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
        )
      : []),
    ...vmSizeProblems(["systemPool", "vmSize"], system.vmSize),
    ...(system.count === undefined
      ? []
      : wholeNumberProblems(["systemPool", "count"], system.count, 1, 10, "system nodes")),
    ...zonesProblems(["systemPool", "zones"], system.zones),
    ...(pools.length === 0
      ? [
          problem(
            ["nodePools"],
            args.nodePools,
            'add at least one user node pool for the workloads, e.g. [{ name: "data" }]',
          ),
        ]
      : []),
    ...pools.flatMap((pool, i) => under(["nodePools", i], nodePoolProblems(pool))),
    ...pools.flatMap((pool, i) =>
      pool.name === "system"
        ? [
            problem(
              ["nodePools", i, "name"],
              pool.name,
              '"system" is the system pool\'s name; name user pools otherwise, e.g. "data"',
            ),
          ]
        : [],
    ),
    ...repeatedNameProblems(
      pools.map((pool) => pool.name),
      (i) => ["nodePools", i, "name"],
      "node pool",
    ),
    ...variantProblems(["upgradeChannel"], args.upgradeChannel, AksUpgradeChannel),
    ...apiServerProblems(args),
    ...(args.adminGroupObjectIds ?? []).flatMap((id, i) =>
      patternProblems(["adminGroupObjectIds", i], id, OBJECT_ID, "expected an Entra ID group object id (a GUID)"),
    ),
    ...variantProblems(["deployerPrincipalType"], args.deployerPrincipalType, AksPrincipalType),
    ...variantProblems(["kubeloginMode"], args.kubeloginMode, AksKubeloginMode),
  ];
}

/** The zones the cluster's user node pools run in, sorted (empty: no zone pinning). */
export function aksClusterZones(args: Pick<AksClusterArgs, "nodePools">): string[] {
  return [...new Set((args.nodePools ?? []).flatMap((pool) => pool.zones ?? []))].sort();
}
