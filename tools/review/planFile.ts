/**
 * Reading plan documents (`npm run plan -- --json`) and telling a bad file apart from a good one.
 */
import * as fs from "node:fs";
import type { PlanDocument } from "../plan/render.ts";

/** A file that cannot be compared: not JSON, not a plan, or plans that do not belong together. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewInputError";
  }
}

/** Reads and parses a JSON file, with an error that names the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ReviewInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (text.trim() === "") throw new ReviewInputError(`${file} is empty`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReviewInputError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Checks that `value` is a plan document (from `npm run plan -- --json`). */
export function asPlanDocument(value: unknown, file: string): PlanDocument {
  const doc = value as Partial<PlanDocument> | null;
  const ok =
    doc !== null &&
    typeof doc === "object" &&
    typeof doc.stack === "string" &&
    typeof doc.project === "string" &&
    Array.isArray(doc.resources) &&
    Array.isArray(doc.waves) &&
    doc.resources.every(
      (r) => typeof r?.urn === "string" && typeof r.type === "string" && typeof r.inputs === "object",
    );
  if (!ok) {
    throw new ReviewInputError(
      `${file} is not a plan file: expected the JSON written by \`npm run plan -- --stack <name> --json <file>\` ({ stack, project, resources, waves })`,
    );
  }
  return doc as PlanDocument;
}

/** Reads a plan file. */
export function readPlanFile(file: string): PlanDocument {
  return asPlanDocument(readJsonFile(file), file);
}
