import type { CorpusStats } from "../rules/types.js";
import { hash53 } from "./hash.js";
import { hasLetter, lineKey } from "./normalize.js";
import { parseGroupBy, type Grouping } from "./group.js";

/** Counts of one group: how many documents, and in how many of them each line key occurs. */
export interface GroupCounts {
  documents: number;
  /** hash53(lineKey(line)) → document frequency */
  lines: Map<number, number>;
}

export class StatsMergeError extends Error {}

/** The distinct counted keys of a text (each line once: document frequency). */
export function documentKeys(text: string): Set<number> {
  const keys = new Set<number>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!/\S/.test(line)) continue;
    const key = lineKey(line);
    if (key && hasLetter(key)) keys.add(hash53(key));
  }
  return keys;
}

/**
 * Document frequencies of normalised lines, per group of documents. Counts
 * add up: merging the counts of shards equals counting all their documents at
 * once. Memory is one Map entry (two numbers) per distinct line per group.
 */
export class CorpusCounts implements CorpusStats {
  readonly groups = new Map<string, GroupCounts>();
  readonly grouping: Grouping;

  constructor(groupBy: string | Grouping = "dir") {
    this.grouping = typeof groupBy === "string" ? parseGroupBy(groupBy) : groupBy;
  }

  get documents(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.documents;
    return n;
  }

  private group(name: string): GroupCounts {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = { documents: 0, lines: new Map() }));
    return g;
  }

  /** Count one document (its path decides the group). */
  addDocument(text: string, path: string): void {
    this.addKeys(this.grouping.groupOf(path), documentKeys(text));
  }

  addKeys(groupName: string, keys: Iterable<number>): void {
    const g = this.group(groupName);
    g.documents++;
    for (const k of keys) g.lines.set(k, (g.lines.get(k) ?? 0) + 1);
  }

  /** Add another count (same grouping) into this one. */
  merge(other: CorpusCounts, what = "stats"): this {
    if (other.grouping.spec !== this.grouping.spec) {
      throw new StatsMergeError(`${what} was counted with --group-by ${other.grouping.spec}, the others with --group-by ${this.grouping.spec}; counts of different groupings do not merge`);
    }
    for (const [name, o] of other.groups) {
      const g = this.group(name);
      g.documents += o.documents;
      for (const [k, n] of o.lines) g.lines.set(k, (g.lines.get(k) ?? 0) + n);
    }
    return this;
  }

  /** Document frequency of a line: in its path's group, or summed over all groups without a path. */
  documentFrequency(line: string, path?: string): number {
    const key = lineKey(line);
    if (!key || !hasLetter(key)) return 0;
    const h = hash53(key);
    if (path !== undefined) return this.groups.get(this.grouping.groupOf(path))?.lines.get(h) ?? 0;
    let n = 0;
    for (const g of this.groups.values()) n += g.lines.get(h) ?? 0;
    return n;
  }

  /** How many groups a line occurs in. */
  groupsWith(line: string): number {
    const key = lineKey(line);
    if (!key || !hasLetter(key)) return 0;
    const h = hash53(key);
    let n = 0;
    for (const g of this.groups.values()) if (g.lines.has(h)) n++;
    return n;
  }

  /**
   * The view a rule gets while cleaning one document: `documents` and
   * `documentFrequency` of the document's group only (what `repeat/` rules
   * compare with). cleanText(text, rules, { corpus: counts.forDocument(path) }).
   */
  forDocument(path: string): CorpusStats {
    const g = this.groups.get(this.grouping.groupOf(path));
    if (!g) return EMPTY;
    return {
      documents: g.documents,
      documentFrequency: (line: string) => {
        const key = lineKey(line);
        return key && hasLetter(key) ? (g.lines.get(hash53(key)) ?? 0) : 0;
      },
    };
  }

  /** The view for a document without a path (stdin, JSONL records): all groups as one. */
  overall(): CorpusStats {
    return { documents: this.documents, documentFrequency: (line: string) => this.documentFrequency(line) };
  }
}

const EMPTY: CorpusStats = { documents: 0, documentFrequency: () => 0 };

/** Stats over a few texts as one group (a rule's own examples, tests). */
export function corpusFromTexts(texts: readonly string[]): CorpusStats {
  const counts = new CorpusCounts("all");
  for (const t of texts) counts.addDocument(t, "");
  return counts.forDocument("");
}

/**
 * The corpus a `repeat/` rule's own examples run against: every remove input
 * and keep text is one document of one group. (For testRuleExamples: a rule
 * that learns from a corpus needs one to show its examples.)
 */
export function corpusForExamples(examples: { remove: readonly { in: string }[]; keep: readonly string[] }): CorpusStats {
  return corpusFromTexts([...examples.remove.map((e) => e.in), ...examples.keep]);
}
