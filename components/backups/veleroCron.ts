/**
 * The time values of a Velero schedule: its cron line (robfig/cron v3, as Velero reads it) and its
 * backups' TTL (a Go duration). Pure checks with the stack key in every message.
 */
import { problem, type Problem } from "../problems.ts";
import { CRON_FIELDS, validCronField } from "../stateful/cronSchedule.ts";

/** A Go `time.ParseDuration` value with at least one unit, as Velero's `ttl` (metav1.Duration) reads it. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Seconds of each Go duration unit. */
const GO_UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};
/** The descriptors robfig/cron@v3.0.1:parser.go `parseDescriptor` reads. */
const CRON_DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
/** The interval descriptor's prefix, one space included (robfig/cron@v3.0.1:parser.go `parseDescriptor`). */
const EVERY = "@every ";

/** Seconds of a Go duration {@link GO_DURATION} accepts, or undefined when it is not one. */
export function goDurationSeconds(text: string): number | undefined {
  if (!GO_DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    seconds += Number(n) * GO_UNIT_SECONDS[unit as string]!;
  return seconds;
}

/**
 * The cron line Velero is given: the stack's value without surrounding blanks. robfig/cron reads a
 * descriptor only when the line starts with `@` (robfig/cron@v3.0.1:parser.go `Parse`), so a
 * leading blank would make `" @daily"` a bad line; the check and the `Schedule` use this one value.
 */
export function veleroCron(value: string): string {
  return value.trim();
}

/**
 * The problems of a Velero schedule's cron line: five fields, a descriptor, or `@every <duration>`
 * (robfig/cron@v3.0.1:parser.go reads the rest with Go's `time.ParseDuration`, and `Every`
 * (constantdelay.go) turns anything under a second into every second).
 */
export function veleroCronProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  const example = '"0 3 * * *" (03:00 every day), "@daily" or "@every 6h"';
  if (typeof value !== "string") return [problem(path, value, `expected a cron line such as ${example}`)];
  const text = veleroCron(value);
  if (text.startsWith(EVERY.trim())) {
    const seconds = text.startsWith(EVERY) ? goDurationSeconds(text.slice(EVERY.length)) : undefined;
    if (seconds === undefined)
      return [
        problem(
          path,
          value,
          'is not "@every" followed by one space and a Go duration with units up to hours, such as "@every 6h" or "@every 1h30m" ("d" is not a unit)',
        ),
      ];
    return seconds >= 60
      ? []
      : [
          problem(
            path,
            value,
            'runs more often than once a minute (Velero runs anything under a second every second); write at least "@every 1m", such as "@every 6h"',
          ),
        ];
  }
  if (text.startsWith("@"))
    return CRON_DESCRIPTORS.includes(text)
      ? []
      : [
          problem(
            path,
            value,
            `is not a cron descriptor Velero reads (${CRON_DESCRIPTORS.join(", ")}, @every <duration>); write e.g. ${example}`,
          ),
        ];
  const fields = text.split(/\s+/);
  if (fields.length !== 5)
    return [
      problem(
        path,
        value,
        `has ${text === "" ? 0 : fields.length} fields; Velero reads five (minute hour day-of-month month day-of-week), no seconds; write e.g. ${example}`,
      ),
    ];
  const bad = CRON_FIELDS.slice(1).filter((field, i) => !validCronField(fields[i] as string, field));
  if (bad.length === 0) return [];
  const described = bad.map((f) => `${f.name} (${f.min}-${f.max})`).join(", ");
  return [problem(path, value, `the ${described} field is out of range or not a cron field; write e.g. ${example}`)];
}

/** The problems of a TTL (a Go duration). */
export function ttlProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  if (typeof value === "string" && GO_DURATION.test(value) && !/^(0+(\.0+)?[a-zµ]+)+$/.test(value)) return [];
  return [
    problem(path, value, 'expected a Go duration with units up to hours, such as "720h" (30 days); "d" is not a unit'),
  ];
}
