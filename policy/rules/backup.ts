/**
 * Production data has a backup: every object holding data in a production stack is in the scope of
 * a Velero `Schedule` that runs.
 */
import { DATA_CHARTS, DATA_CUSTOM_RESOURCES, KUBERNETES_DATA_TYPES } from "../dataTypes.ts";
import { isProduction, prop, UNKNOWN, type CheckedResource, type StackPolicy } from "../model.ts";

/** The Pulumi type of Velero's schedules. */
export const VELERO_SCHEDULE = "kubernetes:velero.io/v1:Schedule";

/** What a data-holding Kubernetes object is called, or undefined when it holds none (namespaces hold others). */
function dataObject(r: CheckedResource): string | undefined {
  if (r.type === "kubernetes:core/v1:Namespace") return undefined;
  if (r.type === "kubernetes:helm.sh/v3:Release") return DATA_CHARTS[String(prop(r, "chart")).split("/").pop() ?? ""];
  const known = KUBERNETES_DATA_TYPES[r.type];
  if (known) return known;
  const kind = /^kubernetes:[^:]+:([A-Za-z]+)$/.exec(r.type)?.[1];
  return kind ? DATA_CUSTOM_RESOURCES[kind] : undefined;
}

/** Whether a running schedule backs up `namespace` (no namespace list: all; unknown: assumed). */
function covers(schedule: CheckedResource, namespace: unknown): boolean {
  if (prop(schedule, "spec.paused") === true) return false;
  const included = prop(schedule, "spec.template.includedNamespaces");
  if (!Array.isArray(included) || included.length === 0 || included.includes("*")) return true;
  if (typeof namespace !== "string" || namespace === UNKNOWN) return true;
  return included.includes(namespace);
}

/** Every data object of a production stack is backed up by a Velero schedule. */
export const productionDataBackedUp: StackPolicy = {
  name: "production-data-has-a-backup",
  description:
    "In production stacks, every object holding data (StatefulSets, claims, volumes, etcd, Ceph and PostgreSQL clusters) is in a namespace a running Velero Schedule backs up.",
  enforcement: "mandatory",
  check: ({ stack, resources }) => {
    if (!isProduction(stack)) return [];
    const schedules = resources.filter((r) => r.type === VELERO_SCHEDULE);
    return resources.flatMap((r) => {
      const what = dataObject(r);
      const namespace = prop(r, r.type === "kubernetes:helm.sh/v3:Release" ? "namespace" : "metadata.namespace");
      if (what === undefined || schedules.some((s) => covers(s, namespace))) return [];
      const where = typeof namespace === "string" ? ` in namespace "${namespace}"` : "";
      return [
        {
          resource: r,
          message: `${what} "${r.name}"${where} has no backup: no running Velero Schedule includes it in production stack "${stack}"; keep stateful-stack:backups enabled (prod default: a daily schedule of every namespace, kept 720h), or add its namespace to a schedule's includedNamespaces`,
        },
      ];
    });
  },
};
