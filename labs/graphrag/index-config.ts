// What the page's index depends on (Louvain's resolution and seed, the report budget), apart from
// session.ts so the page can import it without pulling graphology onto the main thread.
import {InputError} from "../kit/params.js";
import {DEFAULT_REPORT_BUDGET} from "./reports.js";

export interface IndexConfig {
  resolution: number; // Louvain γ (0 < γ ≤ 10)
  seed: number; // Louvain's random stream
  reportBudget: number; // tokens per community report
}

export const DEFAULT_INDEX_CONFIG: IndexConfig = {resolution: 1, seed: 1, reportBudget: DEFAULT_REPORT_BUDGET};

/** Type checks only; the range of the resolution is hierarchicalLouvain's to enforce (communities.ts). */
export function checkIndexConfig(c: IndexConfig): void {
  if (typeof c.resolution !== "number" || !Number.isFinite(c.resolution)) throw new InputError(`Resolution must be a number, got “${String(c.resolution)}”.`);
  if (!Number.isInteger(c.seed)) throw new InputError(`Seed must be a whole number, got ${c.seed}.`);
}
