/**
 * Markdown for a pull-request comment: per stack, counts, one alert per verdict (data loss,
 * disruption, refused), most serious first, each change with its reason, consequence and a better
 * way where there is one, then a table of every change with its verdict. A replacement that depends
 * on a value known only after deployment is marked "possibly" (`+-?`).
 */
import { RENAME_HINT, type ResourceChange, type StackDiff } from "./planDiff.ts";
import { VERDICTS, type Verdict } from "./verdicts.ts";

const SYMBOL: Record<ResourceChange["kind"], string> = { add: "+", remove: "-", update: "~", replace: "+-" };

/** The table's symbol: `+-?` for a replacement that depends on a value known only after deployment. */
function symbol(c: ResourceChange): string {
  return `${SYMBOL[c.kind]}${c.possible ? "?" : ""}`;
}

function verb(c: ResourceChange): string {
  if (c.kind === "remove") return "deleted";
  if (c.kind === "update") return c.possible ? "possibly updated" : "updated";
  if (c.kind === "add") return "added";
  return c.possible
    ? "possibly replaced (deleted and created anew if the deployed value differs)"
    : "replaced (deleted and created anew)";
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function shortPaths(paths: string[]): string {
  const shown = paths.slice(0, 4).map((p) => `\`${p}\``);
  return shown.join(", ") + (paths.length > 4 ? `, … (${paths.length - 4} more)` : "");
}

function notes(c: ResourceChange): string {
  const parts: string[] = [];
  if (c.protect) parts.push("protected: `pulumi up` refuses until it is unprotected");
  if (c.retainOnDelete) parts.push("retainOnDelete: the old object is left in place, unmanaged");
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** A Mermaid graph of the changed resources and the dependencies among them. */
export function mermaid(diff: StackDiff): string {
  const ids = new Map(diff.changes.map((c, i) => [c.urn, `r${i}`]));
  const lines = ["```mermaid", "flowchart LR"];
  for (const c of diff.changes) {
    const style = c.verdict === "data loss" ? ":::loss" : c.verdict === "refused" ? ":::refused" : "";
    lines.push(`  ${ids.get(c.urn)}["${symbol(c)} ${c.name}<br/>${c.type}"]${style}`);
  }
  for (const c of diff.changes) {
    for (const dep of c.dependencies) {
      const from = ids.get(dep);
      if (from) lines.push(`  ${from} --> ${ids.get(c.urn)}`);
    }
  }
  lines.push("  classDef loss fill:#fdd,stroke:#c00", "  classDef refused fill:#fec,stroke:#c60", "```");
  return lines.join("\n");
}

/** How each verdict other than safe is headed in a stack's section. */
const ALERTS: Record<Exclude<Verdict, "safe">, { alert: string; title: string; meaning: string }> = {
  "data loss": {
    alert: "CAUTION",
    title: "Data loss",
    meaning: "data would be destroyed or left behind where nothing uses it",
  },
  disruption: {
    alert: "WARNING",
    title: "Disruption",
    meaning: "replaced or restarted, no data lost; what runs is interrupted",
  },
  refused: {
    alert: "IMPORTANT",
    title: "Refused",
    meaning:
      "Kubernetes, the cloud or an operator will reject the update: `pulumi up` stops part-way, or the operator never applies it",
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
}

/** One line of an alert: the resource, what it is, what happens and why, and what to do instead. */
function alertLine(c: ResourceChange): string {
  const why = c.reason ? `: ${c.reason}` : c.paths.length > 0 ? ` (${shortPaths(c.paths)})` : "";
  const instead = c.advice ? ` **Instead:** ${c.advice}.` : "";
  return `> - \`${c.name}\` — ${c.what} — ${verb(c)}${notes(c)}${escape(why)}; ${escape(c.consequence)}.${escape(instead)}`;
}

/** Changes in verdict order, most serious first (stable within a verdict). */
function byVerdict(changes: ResourceChange[]): ResourceChange[] {
  return [...changes].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict));
}

/** Renders the diff of one stack. */
export function renderStackDiff(diff: StackDiff, withGraph: boolean): string {
  const count = (kind: ResourceChange["kind"]) => diff.changes.filter((c) => c.kind === kind).length;
  const possibly = diff.changes.filter((c) => c.possible).length;
  const lines = [
    `### Stack \`${diff.stack}\``,
    "",
    `${count("add")} to add, ${count("remove")} to remove, ${count("update")} to update, ${count("replace")} to replace${possibly > 0 ? ` (${possibly} possibly)` : ""}.`,
  ];
  for (const verdict of VERDICTS) {
    if (verdict === "safe") continue;
    const judged = diff.changes.filter((c) => c.verdict === verdict);
    if (judged.length === 0) continue;
    const { alert, title, meaning } = ALERTS[verdict];
    lines.push("", `> [!${alert}]`, `> **${title}** (${judged.length}): ${meaning}.`, ">");
    for (const c of judged) lines.push(alertLine(c));
    if (judged.some((c) => c.urnChanged)) lines.push(">", `> ${RENAME_HINT}`);
  }
  if (diff.changes.length > 0) {
    lines.push("", "| verdict | | resource | type | changed inputs |", "| --- | --- | --- | --- | --- |");
    for (const c of byVerdict(diff.changes)) {
      const renamed = c.renamedFrom ? `renamed from \`${c.renamedFrom.split("::").pop()}\`` : "";
      // A created resource has no changed inputs; its reason says what it starts from (a database's import or restore).
      const what = c.kind === "add" && c.reason ? c.reason : renamed && c.paths.length > 0 ? `${renamed}; ` : renamed;
      lines.push(
        `| ${c.verdict} | ${symbol(c)} | \`${c.name}\` | \`${c.type}\` | ${what}${escape(shortPaths(c.paths))} |`,
      );
    }
    if (withGraph) lines.push("", mermaid(diff));
  } else {
    lines.push("", "No changes.");
  }
  return lines.join("\n");
}

/** How a comment is headed. */
export interface CommentOptions {
  /** Hidden marker that identifies the comment, so a workflow updates it instead of adding another. */
  marker: string;
  /** Heading, e.g. "Plan diff". */
  title: string;
  /** One sentence saying what was compared. */
  intro: string;
  /** Include a Mermaid graph of the changes. */
  graph: boolean;
}

/** Renders the comment for every stack compared. */
export function renderComment(diffs: StackDiff[], options: CommentOptions): string {
  const counts = VERDICTS.map(
    (v) => [v, diffs.reduce((n, d) => n + d.changes.filter((c) => c.verdict === v).length, 0)] as const,
  );
  const shown = counts.filter(([v, n]) => n > 0 && v !== "safe");
  const verdict =
    shown.length > 0
      ? shown.map(([v, n]) => (v === "disruption" ? plural(n, "disruption") : `${n} ${v}`)).join(", ")
      : counts.some(([, n]) => n > 0)
        ? "safe"
        : "no changes";
  return [
    `<!-- ${options.marker} -->`,
    `## ${options.title}: ${verdict}`,
    "",
    options.intro,
    ...diffs.map((d) => `\n${renderStackDiff(d, options.graph)}`),
  ].join("\n");
}
