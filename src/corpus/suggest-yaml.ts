import type { Cluster } from "./suggest.js";

/** A lower-case slug for rule ids and file names. */
export function slug(s: string, max = 40): string {
  const out = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return out || "lines";
}

const q = (s: string) => JSON.stringify(s);
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

/** The rule id of a cluster: `suggested/<group>-<first line>` (made unique by the caller). */
export function clusterName(c: Cluster): string {
  return `${slug(c.group, 20)}-${slug(c.candidates[0]!.text, 30)}`;
}

/**
 * A candidate rule file for one cluster: a `line` rule with the cluster's lines
 * as phrases, the document counts as comments, a remove example made of the
 * real lines under a real sentence of the corpus, and that sentence as keep.
 */
export function clusterRuleYaml(c: Cluster, id: string): string {
  const phrases = c.candidates.flatMap((k) => [k.text, ...k.variants]);
  const unique = [...new Set(phrases)];
  const lines = [
    `# Suggested by "boilerstrip rules suggest": lines that repeat across the documents of group "${c.group}"`,
    `# and that no loaded rule removes. Review before use: delete phrases that are article text,`,
    `# set category and languages, then move this file into your rules directory.`,
    `id: ${id}`,
    `kind: line`,
    `category: suggested`,
    `languages: [any]`,
    `description: ${q(`Lines repeated across documents of group "${c.group}" (${c.candidates.length} line${c.candidates.length > 1 ? "s" : ""}, from rules suggest).`)}`,
    `match:`,
    `  phrases:`,
  ];
  for (const k of c.candidates) {
    lines.push(`    # in ${k.documents} of ${k.groupDocuments} documents (${pct(k.documents, k.groupDocuments)})`);
    for (const p of [k.text, ...k.variants]) if (unique.includes(p)) lines.push(`    - ${q(p)}`), unique.splice(unique.indexOf(p), 1);
  }
  const removed = c.candidates.slice(0, 6).map((k) => k.text);
  lines.push(
    `examples:`,
    `  remove:`,
    `    - in: ${q(`${c.keep}\n\n${removed.join("\n")}\n`)}`,
    `      out: ${q(`${c.keep}\n`)}`,
    `  keep:`,
    `    - ${q(c.keep)}`,
    ``,
  );
  return lines.join("\n");
}
