/**
 * Checks of the string-enum arguments a {@link Platform} reaches. TypeScript callers cannot pass a
 * bad value, but callers from other languages (through the package schema) and plain JavaScript
 * can: such a value must fail loudly, not silently fall back to a default.
 */
import { AksPrincipalType, AksUpgradeChannel } from "./cluster/aks/args.ts";
import { AksKubeloginMode } from "./cluster/aks/kubelogin.ts";
import { Cloud } from "./cluster/handle.ts";
import { Environment } from "./options.ts";
import type { PlatformArgs } from "./platform.ts";
import { variantProblems, type Problem } from "./problems.ts";
import { FileProtocol } from "./storage/azure/classes.ts";
import { DiskSku } from "./storage/azure/validation.ts";

/** Checks every string-enum argument of {@link PlatformArgs}; returns the problems found. */
export function platformVariantProblems(args: PlatformArgs): Problem[] {
  const { cluster, storage } = args;
  const checks: [PropertyKey[], unknown, Readonly<Record<string, string>>][] = [
    [["environment"], args.environment, Environment],
    [["cluster", "cloud"], cluster.cloud, Cloud],
    [["cluster", "aks", "environment"], cluster.aks?.environment, Environment],
    [["cluster", "aks", "upgradeChannel"], cluster.aks?.upgradeChannel, AksUpgradeChannel],
    [["cluster", "aks", "kubeloginMode"], cluster.aks?.kubeloginMode, AksKubeloginMode],
    [["cluster", "aks", "deployerPrincipalType"], cluster.aks?.deployerPrincipalType, AksPrincipalType],
    [["storage", "azure", "fileProtocol"], storage?.azure?.fileProtocol, FileProtocol],
    ...(storage?.azure?.disks ?? []).map((disk, i): [PropertyKey[], unknown, Readonly<Record<string, string>>] => [
      ["storage", "azure", "disks", i, "sku"],
      disk.sku,
      DiskSku,
    ]),
  ];
  return checks.flatMap(([path, value, variants]) => variantProblems(path, value, variants));
}
