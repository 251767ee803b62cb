/**
 * Values known only after deployment that change in this diff: those a resource takes from another
 * that is replaced (a new disk id in a volume's source, new subnet ids in a node group) or that gets
 * new outputs from an in-place update (a launch template's new version). The plan records, per input
 * property, which resources its value came from (`propertyDependencies`); only those are followed,
 * not every dependency (an add-on waits for a node group but takes nothing from it).
 */
import type { PlanDocument } from "../plan/render.ts";
import type { UnknownPath } from "./inputs.ts";

type PlannedResource = PlanDocument["resources"][number];

/**
 * In-place updates that give a resource new outputs, by type: the input paths that do not, and which
 * values taken from it change (the rest, such as its id, stay).
 */
const RENEWED_BY_UPDATE: Readonly<Record<string, { kept: readonly string[]; changes: RegExp }>> = {
  // hashicorp/terraform-provider-aws@025e4f81cab8:internal/service/ec2/ec2_launch_template.go: an update of any
  // argument but tags, description, default_version and update_default_version creates a new
  // version; its id stays, its latest version changes, and node groups that follow it roll out the
  // new version to every node.
  "aws:ec2/launchTemplate:LaunchTemplate": {
    kept: ["tags", "tagsAll", "description", "defaultVersion", "updateDefaultVersion"],
    changes: /[vV]ersion$/,
  },
};

/**
 * The values an in-place update of a resource of `type` at `paths` changes in what takes values from
 * it; `undefined` when the update changes no output.
 */
export function updateRenewsOutputs(type: string, paths: readonly string[]): RegExp | undefined {
  const renewed = RENEWED_BY_UPDATE[type];
  if (!renewed) return undefined;
  const { kept, changes } = renewed;
  return paths.some((p) => !kept.some((k) => p === k || p.startsWith(`${k}.`))) ? changes : undefined;
}

/** What feeds a resource from renewed resources. */
export interface Affected {
  /** Paths known only after deployment on both sides whose value may change. */
  unknown: UnknownPath[];
  /** Types of the renewed resources its values come from, and of those they came from in turn. */
  upstream: ReadonlySet<string>;
}

/** The resources of a head plan whose outputs change, filled in registration order. */
export class Renewals {
  private readonly renewed = new Map<string, { name: string; types: ReadonlySet<string>; only?: RegExp }>();

  /**
   * Records that `r` gets new outputs: every value taken from it when it is replaced, those whose
   * path matches `only` when it is updated (see {@link updateRenewsOutputs}).
   */
  add(r: PlannedResource, upstream: ReadonlySet<string>, only?: RegExp): void {
    const name = `\`${r.name}\` (${r.type.split(":").pop() ?? r.type})`;
    this.renewed.set(r.urn, { name, types: new Set([r.type, ...upstream]), only });
  }

  /** Of `computed` (paths of `r` known only after deployment on both sides), those a renewed resource feeds. */
  affecting(r: PlannedResource, computed: readonly string[]): Affected {
    const upstream = new Set<string>();
    const unknown: UnknownPath[] = [];
    for (const path of computed) {
      const property = path.split(/[.[]/)[0] ?? path;
      const sources = (r.propertyDependencies?.[property] ?? []).flatMap((urn) => {
        const found = this.renewed.get(urn);
        return found && (found.only === undefined || found.only.test(path)) ? [found] : [];
      });
      if (sources.length === 0) continue;
      for (const s of sources) for (const t of s.types) upstream.add(t);
      unknown.push({ path, unknownIn: "both", known: undefined, from: sources.map((s) => s.name).join(" or ") });
    }
    return { unknown, upstream };
  }
}
