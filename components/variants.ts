/**
 * Checks of the string-enum arguments a {@link Platform} reaches. TypeScript callers cannot pass a
 * bad value, but callers from other languages (through the package schema) and plain JavaScript
 * can: such a value must fail loudly, not silently fall back to a default.
 */
import { Cloud } from "./cluster/handle.ts";
import { NatGatewayMode } from "./network/aws/natGatewayMode.ts";
import { OperatorPreset } from "./operators/presets.ts";
import { Environment } from "./options.ts";
import type { PlatformArgs } from "./platform.ts";
import { variantProblems, type Problem } from "./problems.ts";
import { EtcdTls } from "./stateful/etcdCluster.ts";

/** Checks every string-enum argument of {@link PlatformArgs}; returns the problems found. */
export function platformVariantProblems(args: PlatformArgs): Problem[] {
  const { cluster, operators } = args;
  const checks: [PropertyKey[], unknown, Readonly<Record<string, string>>][] = [
    [["environment"], args.environment, Environment],
    [["cluster", "cloud"], cluster.cloud, Cloud],
    [["cluster", "eks", "environment"], cluster.eks?.environment, Environment],
    [["cluster", "eks", "network", "natGateways"], cluster.eks?.network.natGateways, NatGatewayMode],
    ...(operators?.etcdClusters ?? []).map((etcd, i): [PropertyKey[], unknown, Readonly<Record<string, string>>] => [
      ["operators", "etcdClusters", i, "tls"],
      etcd.tls,
      EtcdTls,
    ]),
    ...(operators?.access ?? []).map((access, i): [PropertyKey[], unknown, Readonly<Record<string, string>>] => [
      ["operators", "access", i, "operator"],
      access.operator,
      OperatorPreset,
    ]),
  ];
  return checks.flatMap(([path, value, variants]) => variantProblems(path, value, variants));
}
