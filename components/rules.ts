/**
 * Value rules that many arguments share (names Kubernetes accepts, whole numbers in a range, sizes,
 * quantities, paths), each written once with its message. Components' checks compose them.
 */
import { problem, repeatedIndices, type Problem } from "./problems.ts";

/** A DNS label (RFC 1123): names of namespaces, services, StatefulSets, claims, … */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/**
 * A DNS-1035 label: names of Services, so also of whatever a Service is named after (lowercase
 * letters, digits and "-", starting with a letter). kubernetes/kubernetes@v1.35.7:
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go `IsDNS1035Label`, used for
 * Services by pkg/apis/core/validation/validation.go `ValidateServiceName` (`NameIsDNS1035Label`).
 */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS subdomain (RFC 1123): names of storage classes, Secrets, issuers, … */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A storage size: a whole number of `Mi`, `Gi` or `Ti`, e.g. `"10Gi"`. The one spelling of every
 * size in the package (volume claims, cloud disks, file share quotas, OSDs, node root volumes).
 */
export const STORAGE_SIZE = /^([1-9][0-9]*)(Mi|Gi|Ti)$/;

/** A Kubernetes resource quantity as CPU and memory requests use it (`"500m"`, `"256Mi"`, `"2"`). */
export const QUANTITY = /^([0-9]+(\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

const MIB_PER_UNIT = { Mi: 1, Gi: 1024, Ti: 1024 * 1024 } as const;

/** The size in MiB of a {@link STORAGE_SIZE} (`undefined` when it is not one). */
export function sizeInMib(size: string): number | undefined {
  const match = STORAGE_SIZE.exec(size);
  if (!match) return undefined;
  return Number(match[1]) * MIB_PER_UNIT[match[2] as keyof typeof MIB_PER_UNIT];
}

/** The size in GiB of a {@link STORAGE_SIZE}; `undefined` when it is not one or not whole GiB. */
export function sizeInGib(size: string): number | undefined {
  const mib = sizeInMib(size);
  return mib === undefined || mib % 1024 !== 0 ? undefined : mib / 1024;
}

/** A value that is a string (anything else is reported as not one). */
function isString(value: unknown): value is string {
  return typeof value === "string";
}

/** A name Kubernetes accepts as a DNS label; `what` says what it names. */
export function dnsLabelProblems(path: readonly PropertyKey[], value: unknown, what: string): Problem[] {
  if (isString(value) && value.length <= 63 && DNS_LABEL.test(value)) return [];
  return [
    problem(
      path,
      value,
      `must be a DNS label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (${what})`,
    ),
  ];
}

/**
 * Longest name of a StatefulSet whose pods Kubernetes can create. The StatefulSet controller labels
 * each pod `controller-revision-hash: <set>-<hash>`, the name of its ControllerRevision, whose hash
 * is a 32-bit FNV hash written as up to 10 characters; a label value has at most 63 characters, so
 * a longer name makes every pod creation fail while the StatefulSet itself is accepted.
 * kubernetes/kubernetes@v1.35.7: pkg/controller/statefulset/stateful_set_utils.go (`setPodRevision`,
 * `newRevision`), pkg/controller/history/controller_history.go (`ControllerRevisionName`,
 * `HashControllerRevision`: `rand.SafeEncodeString(fmt.Sprint(hf.Sum32()))`),
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (`IsValidLabelValue`, 63).
 */
export const MAX_STATEFULSET_NAME = 52;

/** `value` made into an example name of at most `max` characters that starts with `prefix`'s letter. */
function exampleName(value: string, prefix: string, max: number): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^-a-z0-9]+/g, "-")
    .replace(/^-+/, "");
  const named = /^[a-z]/.test(cleaned) ? cleaned : `${prefix}-${cleaned}`;
  const cut = named.slice(0, max).replace(/-+$/, "");
  return DNS_1035_LABEL.test(cut) ? cut : prefix;
}

/**
 * A name the objects of a stateful application are named after: its StatefulSet `<name>` and its
 * Services (`<name>`, and for a workload `<name>-headless`), so a DNS-1035 label (the Services) of
 * at most {@link MAX_STATEFULSET_NAME} characters (the StatefulSet's pods). Pods (`<name>-<i>`) and
 * claims (`<template>-<name>-<i>`) are within their limits then.
 * @param what What the name is, e.g. `"workload name"`.
 * @param prefix A word that starts the example name shown when the name does not start with a letter, e.g. `"app"`.
 */
export function statefulSetNameProblems(
  path: readonly PropertyKey[],
  value: unknown,
  what: string,
  prefix: string,
): Problem[] {
  if (!isString(value)) return dnsLabelProblems(path, value, what);
  const example = exampleName(value, prefix, MAX_STATEFULSET_NAME);
  if (/^[0-9]/.test(value))
    return [
      problem(
        path,
        value,
        `names the Service "${value}" (${what}), and a Service name must start with a letter (a DNS-1035 label); rename it, e.g. "${example}"`,
      ),
    ];
  if (!DNS_1035_LABEL.test(value))
    return [
      problem(
        path,
        value,
        `names a StatefulSet and its Services (${what}): lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (a DNS-1035 label), e.g. "${example}"`,
      ),
    ];
  if (value.length > MAX_STATEFULSET_NAME)
    return [
      problem(
        path,
        value,
        `has ${value.length} characters, more than ${MAX_STATEFULSET_NAME} (${what}): it names a StatefulSet, whose pods Kubernetes labels controller-revision-hash: "<name>-<hash of up to 10 characters>", and a label value has at most 63 characters, so no pod could be created; shorten it, e.g. "${example}"`,
      ),
    ];
  return [];
}

/**
 * Each zone of a list once: a zone listed twice would be counted twice (placement, Ceph's failure
 * domains) or create its resources twice (a VPC's subnets, named after their zone).
 */
export function repeatedZoneProblems(path: readonly PropertyKey[], zones: readonly unknown[] | undefined): Problem[] {
  return repeatedIndices((zones ?? []).map((zone) => JSON.stringify(zone) ?? "")).map((i) =>
    problem([...path, i], zones?.[i], "this zone is listed earlier; list each zone once"),
  );
}

/** A name Kubernetes accepts as a DNS subdomain; `what` says what it names. */
export function dnsSubdomainProblems(path: readonly PropertyKey[], value: unknown, what: string): Problem[] {
  if (isString(value) && value.length <= 253 && DNS_SUBDOMAIN.test(value)) return [];
  return [
    problem(
      path,
      value,
      `must be a DNS subdomain: lowercase letters, digits, "-" and "." (${what}), e.g. "${exampleOf(what)}"`,
    ),
  ];
}

function exampleOf(what: string): string {
  return what.includes("storage class") ? "standard" : what.includes("Secret") ? "app-credentials" : "my-name";
}

/** A whole number from `min` to `max`; `what` says what it counts. */
export function wholeNumberProblems(
  path: readonly PropertyKey[],
  value: unknown,
  min: number,
  max: number,
  what: string,
): Problem[] {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max) return [];
  return [problem(path, value, `expected a whole number from ${min} to ${max} (${what})`)];
}

/** A {@link STORAGE_SIZE}; `example` is shown in the message. */
export function storageSizeProblems(path: readonly PropertyKey[], value: unknown, example = "10Gi"): Problem[] {
  if (isString(value) && STORAGE_SIZE.test(value)) return [];
  return [problem(path, value, `expected a size in Mi, Gi or Ti such as "${example}"`)];
}

/**
 * A size in whole GiB from `min` to `max` GiB, as cloud disks and shares are sized; `what` says
 * what it sizes.
 */
export function gibSizeProblems(
  path: readonly PropertyKey[],
  value: unknown,
  min: number,
  max: number,
  what: string,
): Problem[] {
  const gib = isString(value) ? sizeInGib(value) : undefined;
  if (gib !== undefined && gib >= min && gib <= max) return [];
  return [
    problem(
      path,
      value,
      `expected a size in whole GiB from ${min}Gi to ${max}Gi such as "${Math.max(min, 100)}Gi" (${what})`,
    ),
  ];
}

/** A CPU or memory quantity; `what` says which. */
export function quantityProblems(path: readonly PropertyKey[], value: unknown, what: string): Problem[] {
  if (isString(value) && QUANTITY.test(value)) return [];
  return [problem(path, value, `expected a Kubernetes quantity such as "500m", "256Mi" or "2" (${what})`)];
}

/** An absolute path in a container; `example` is shown in the message. */
export function absolutePathProblems(path: readonly PropertyKey[], value: unknown, example: string): Problem[] {
  if (isString(value) && value.startsWith("/")) return [];
  return [problem(path, value, `expected an absolute path such as "${example}"`)];
}

/** The message for a storage class the platform does not offer. */
export function undefinedStorageClass(value: string, defined: readonly string[]): string {
  const known = defined.length > 0 ? defined.map((c) => `"${c}"`).join(", ") : "none";
  return `the stack defines no storage class "${value}" (defined: ${known}); add it to storageClasses or use a defined one`;
}
