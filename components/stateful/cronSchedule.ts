/**
 * The one rule of a CloudNativePG backup schedule. `ScheduledBackup.spec.schedule` is read by
 * robfig/cron v1.2.0's `cron.Parse` (cloudnative-pg/cloudnative-pg@v1.30.0:
 * internal/webhook/v1/scheduledbackup_webhook.go, internal/controller/scheduledbackup_controller.go;
 * the version in go.mod), whose fields are second, minute, hour, day of month, month and an
 * optional day of week (robfig/cron@v1.2.0:parser.go `defaultParser`). A five-field Unix cron line
 * is therefore accepted and read with its first field as seconds: `"0 2 * * *"` runs at minute 2
 * of every hour, not at 02:00. The webhook only warns; this rule refuses it.
 */
import { problem, type Problem } from "../problems.ts";

/** One field's bounds and names (robfig/cron@v1.2.0:spec.go `seconds` … `dow`). */
interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** The six fields, in order. */
export const CRON_FIELDS: readonly CronField[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS },
];

/** A number or name of `field`, or undefined. */
function bound(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const i = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return i === -1 ? undefined : i + field.min;
}

/**
 * Whether one comma-separated part is valid for `field`: `*` or `?` (any field), `a` or `a-b`, each
 * with an optional `/step` (`a/step` runs from `a` to the field's maximum), as
 * robfig/cron@v1.2.0:parser.go `getRange` reads it.
 */
function validRange(part: string, field: CronField): boolean {
  const [range, step, ...rest] = part.split("/");
  if (rest.length > 0 || range === undefined) return false;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return false;
  if (range === "*" || range === "?") return true;
  const [from, to, ...more] = range.split("-");
  if (more.length > 0 || from === undefined) return false;
  const start = bound(from, field);
  if (start === undefined) return false;
  if (to === undefined) return true;
  const end = bound(to, field);
  return end !== undefined && end >= start;
}

/** Whether a field's text is valid: comma-separated ranges. */
export function validCronField(text: string, field: CronField): boolean {
  return text.split(",").every((part) => validRange(part, field));
}

/** The problems of a backup schedule: six fields, seconds first, each within its range. */
export function cronScheduleProblems(path: readonly PropertyKey[], value: unknown): Problem[] {
  const example = '"0 0 2 * * *" (02:00 every day)';
  if (typeof value !== "string")
    return [problem(path, value, `expected six cron fields, seconds first, such as ${example}`)];
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 6)
    return [
      problem(
        path,
        value,
        `has ${value.trim() === "" ? 0 : fields.length} fields; CloudNativePG reads six, seconds first (second minute hour day-of-month month day-of-week), and reads a five-field line with its first field as seconds; write e.g. ${example}`,
      ),
    ];
  const bad = CRON_FIELDS.filter((field, i) => !validCronField(fields[i] as string, field));
  if (bad.length === 0) return [];
  const described = bad.map((f) => `${f.name} (${f.min}-${f.max})`).join(", ");
  return [problem(path, value, `the ${described} field is out of range or not a cron field; write e.g. ${example}`)];
}
