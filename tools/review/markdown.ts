/**
 * Markdown for a pull-request comment: per stack, counts, a table of changes and a data-loss warning.
 * A replacement that depends on a value known only after deployment is marked "possibly" (`+-?`).
 */
import type { ResourceChange, StackDiff } from "./planDiff.ts";

const SYMBOL: Record<ResourceChange["kind"], string> = { add: "+", remove: "-", update: "~", replace: "+-" };

/** The table's symbol: `+-?` for a replacement that depends on a value known only after deployment. */
function symbol(c: ResourceChange): string {
  return `${SYMBOL[c.kind]}${c.possible ? "?" : ""}`;
}

function verb(c: ResourceChange): string {
  if (c.kind === "remove") return "deleted";
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
    const style = c.dataLoss ? ":::loss" : "";
    lines.push(`  ${ids.get(c.urn)}["${symbol(c)} ${c.name}<br/>${c.type}"]${style}`);
  }
  for (const c of diff.changes) {
    for (const dep of c.dependencies) {
      const from = ids.get(dep);
      if (from) lines.push(`  ${from} --> ${ids.get(c.urn)}`);
    }
  }
  lines.push("  classDef loss fill:#fdd,stroke:#c00", "```");
  return lines.join("\n");
}

/** Renders the diff of one stack. */
export function renderStackDiff(diff: StackDiff, withGraph: boolean): string {
  const count = (kind: ResourceChange["kind"]) => diff.changes.filter((c) => c.kind === kind).length;
  const loss = diff.changes.filter((c) => c.dataLoss);
  const possibly = diff.changes.filter((c) => c.possible).length;
  const lines = [
    `### Stack \`${diff.stack}\``,
    "",
    `${count("add")} to add, ${count("remove")} to remove, ${count("update")} to update, ${count("replace")} to replace${possibly > 0 ? ` (${possibly} possibly)` : ""}.`,
  ];
  if (loss.length > 0) {
    lines.push(
      "",
      "> [!CAUTION]",
      `> **Data loss**: ${loss.length} resource${loss.length === 1 ? "" : "s"} holding data would be destroyed.`,
    );
    for (const c of loss) {
      lines.push(`> - \`${c.name}\` — ${c.dataLoss} — ${verb(c)}: ${escape(c.reason ?? "")}${notes(c)}`);
    }
  }
  if (diff.changes.length > 0) {
    lines.push("", "| | resource | type | changed inputs |", "| --- | --- | --- | --- |");
    for (const c of diff.changes) {
      const what = c.renamedFrom ? `renamed from \`${c.renamedFrom.split("::").pop()}\`; ` : "";
      lines.push(`| ${symbol(c)} | \`${c.name}\` | \`${c.type}\` | ${what}${escape(shortPaths(c.paths))} |`);
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
  const losses = diffs.reduce((n, d) => n + d.changes.filter((c) => c.dataLoss).length, 0);
  const verdict = losses > 0 ? `${losses} data-loss warning${losses === 1 ? "" : "s"}` : "no data loss";
  return [
    `<!-- ${options.marker} -->`,
    `## ${options.title}: ${verdict}`,
    "",
    options.intro,
    ...diffs.map((d) => `\n${renderStackDiff(d, options.graph)}`),
  ].join("\n");
}
