/**
 * Approved changes: the reviewed file (`.github/approved-changes.yaml`, owned by the code owners)
 * that lists, per stack, the exact URNs a change may replace or delete, each with a reason. Both
 * gates (`plan:diff`, `preview:check`) accept a data-loss or disruption finding only for a URN listed
 * here, and nothing else; a refused update is never accepted (it cannot be applied). Given the file as
 * it was before the change (`--approvals-before`: the base branch's, or the last deployed commit's),
 * only the entries the change adds count: an entry left from an earlier change, unchanged, does not
 * approve the same URN again; one whose reason or verdict the change rewrites counts (the code owners
 * review that line). An entry that matches no such finding in a stack under review is stale and
 * reported as a warning.
 *
 * ```yaml
 * stacks:
 *   dev-aks:
 *     - urn: urn:pulumi:dev-aks::stateful-stack::azure-native:compute:Disk::data
 *       reason: the disk moves to zone 2; its data is restored from the nightly backup (#123)
 *       verdict: data loss # or disruption; data loss when left out
 * ```
 */
import * as fs from "node:fs";
import { load, YAMLException } from "js-yaml";
import * as v from "valibot";
import type { ResourceChange, StackDiff } from "./planDiff.ts";
import { ReviewInputError } from "./planFile.ts";

/** Where the workflows keep the approvals, relative to the repository root. */
export const APPROVALS_FILE = ".github/approved-changes.yaml";

/** The verdicts an approval can accept: a refused update cannot be applied, so it is never accepted. */
export const APPROVABLE = ["data loss", "disruption"] as const;

const URN = /^urn:pulumi:([^:]+)::[^:]+::[^:]+(?::[^:]+)*::.+$/;

/** What a missing key should hold. */
const MISSING = {
  urn: "the resource's URN, `urn:pulumi:<stack>::<project>::<type>::<name>`, as the plan diff or preview lists it",
  reason: "say why the change was reviewed and accepted (a sentence, with the issue or plan that covers the data)",
  stacks: "a map of stack name to a list of approvals",
} as const;

const approvalSchema = v.strictObject({
  urn: v.pipe(
    v.string(`a URN: ${MISSING.urn}`),
    v.regex(
      URN,
      "is not a resource URN; copy it from the plan diff or `pulumi preview --json` (`urn:pulumi:<stack>::…`)",
    ),
  ),
  reason: v.pipe(
    v.string("say why the change was reviewed and accepted (a sentence, with the issue or plan that covers the data)"),
    v.trim(),
    v.minLength(1, "must not be empty: say why the change was reviewed and accepted"),
  ),
  verdict: v.optional(
    v.picklist(
      APPROVABLE,
      `must be one of ${APPROVABLE.map((a) => `"${a}"`).join(", ")}; a refused update cannot be approved`,
    ),
    "data loss",
  ),
});

const fileSchema = v.strictObject({
  stacks: v.record(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]+$/, "is not a stack name")),
    v.array(approvalSchema, "a list of approvals ({ urn, reason, verdict? })"),
    "a map of stack name to a list of approvals",
  ),
});

/** One approved change: the stack, the resource's URN, why, and the most serious verdict accepted. */
export interface Approval {
  stack: string;
  urn: string;
  reason: string;
  verdict: (typeof APPROVABLE)[number];
}

/**
 * The approvals in `text` (the content of `file`).
 * @throws ReviewInputError naming the file and the entry when the file is not YAML, does not match
 *   the format, lists a URN under another stack than its own, or lists a URN twice.
 */
export function parseApprovals(text: string, file: string): Approval[] {
  let raw: unknown;
  try {
    raw = load(text, { filename: file }) ?? { stacks: {} };
  } catch (error) {
    if (error instanceof YAMLException) throw new ReviewInputError(`${file} is not YAML: ${error.message}`);
    throw error;
  }
  const parsed = v.safeParse(fileSchema, raw);
  if (!parsed.success) {
    const lines = parsed.issues.map((issue) => {
      const at = v.getDotPath(issue) ?? "(top level)";
      const key = issue.path?.at(-1)?.key;
      // A missing key is reported against the object; say what belongs there instead.
      const missing = issue.input === undefined && typeof key === "string" && key in MISSING;
      return `  ${at}: ${missing ? `is missing: ${MISSING[key as keyof typeof MISSING]}` : issue.message}`;
    });
    throw new ReviewInputError(
      `${file} is not an approvals file (stacks: { <stack>: [{ urn, reason, verdict? }] }):\n${lines.join("\n")}`,
    );
  }
  const approvals: Approval[] = [];
  for (const [stack, entries] of Object.entries(parsed.output.stacks)) {
    entries.forEach((entry, i) => {
      const own = URN.exec(entry.urn)?.[1];
      if (own !== stack) {
        throw new ReviewInputError(
          `${file}: stacks.${stack}.${i}.urn is a URN of stack ${own}; move it under stacks.${own}`,
        );
      }
      if (approvals.some((a) => a.urn === entry.urn)) {
        throw new ReviewInputError(`${file}: stacks.${stack}.${i}.urn lists ${entry.urn} twice; keep one entry`);
      }
      approvals.push({ stack, ...entry });
    });
  }
  return approvals;
}

/** The approvals in `file`; see {@link parseApprovals}. */
export function readApprovals(file: string): Approval[] {
  if (!fs.existsSync(file)) {
    throw new ReviewInputError(`${file} does not exist; give the approvals file (${APPROVALS_FILE})`);
  }
  return parseApprovals(fs.readFileSync(file, "utf8"), file);
}

/** Whether `approval` accepts a change judged `verdict`: data loss covers a disruption too. */
function covers(approval: Approval, verdict: ResourceChange["verdict"]): boolean {
  return verdict === "disruption" || (verdict === "data loss" && approval.verdict === "data loss");
}

/** Whether `before` holds `approval` as it is: same stack, URN, reason and verdict. */
function heldIn(before: readonly Approval[], approval: Approval): boolean {
  return before.some(
    (b) =>
      b.stack === approval.stack &&
      b.urn === approval.urn &&
      b.reason === approval.reason &&
      b.verdict === approval.verdict,
  );
}

/** What the approvals do to the changes under review. */
export interface ApprovalOutcome {
  /** Each accepted change, with the approval that accepts it. */
  accepted: Map<ResourceChange, Approval>;
  /**
   * Each change an entry would accept that does not count: the entry was in the file before the
   * change, as it is (approved for an earlier change).
   */
  carried: Map<ResourceChange, Approval>;
  /** Approvals for a stack under review that accept none of its changes. */
  stale: Approval[];
}

/**
 * Matches the approvals against the changes of the stacks under review: a data-loss or disruption
 * change is accepted when an approval for its stack names its exact URN with a verdict that covers
 * it, and `before` (the file before the change) does not hold that approval as it is. Approvals for
 * stacks not under review are left alone (a preview checks one stack).
 */
export function applyApprovals(
  diffs: readonly StackDiff[],
  approvals: readonly Approval[],
  before: readonly Approval[] = [],
): ApprovalOutcome {
  const accepted = new Map<ResourceChange, Approval>();
  const carried = new Map<ResourceChange, Approval>();
  const used = new Set<Approval>();
  for (const diff of diffs) {
    for (const change of diff.changes) {
      const approval = approvals.find((a) => a.stack === diff.stack && a.urn === change.urn);
      if (approval && covers(approval, change.verdict)) {
        (heldIn(before, approval) ? carried : accepted).set(change, approval);
        used.add(approval);
      }
    }
  }
  const reviewed = new Set(diffs.map((d) => d.stack));
  return { accepted, carried, stale: approvals.filter((a) => reviewed.has(a.stack) && !used.has(a)) };
}

/** Markdown for the comment: each accepted change with its reason, each carried-over and stale approval. */
export function renderApprovals(outcome: ApprovalOutcome, file: string, before = ""): string {
  if (outcome.accepted.size === 0 && outcome.carried.size === 0 && outcome.stale.length === 0) return "";
  const lines = ["", "", `### Approved in \`${file}\``, ""];
  for (const [change, approval] of outcome.accepted) {
    lines.push(
      `- \`${change.name}\` (${change.verdict}, stack \`${approval.stack}\`): ${approval.reason.replace(/\n/g, " ")}`,
    );
  }
  for (const [change, approval] of outcome.carried) {
    lines.push(
      `- not counted: \`${change.name}\` (${change.verdict}, stack \`${approval.stack}\`): its entry is unchanged from \`${before}\` (approved for an earlier change); to approve this change, give the entry this change's reason`,
    );
  }
  for (const approval of outcome.stale) {
    lines.push(
      `- stale: \`${approval.urn}\` matches no ${approval.verdict} change of stack \`${approval.stack}\`; remove it`,
    );
  }
  return lines.join("\n");
}
