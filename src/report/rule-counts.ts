import { TIDY_RULE, type Span } from "../engine/spans.js";

/** How many removals each rule made (a span shared by several rules counts for each); the blank-line tidy is left out. */
export function countByRule(spans: readonly Span[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of spans) for (const id of s.ruleIds) if (id !== TIDY_RULE) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export function formatRuleCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(", ");
}
