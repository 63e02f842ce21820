import { cleanText } from "../engine/clean.js";
import { makeDocument } from "../engine/document.js";
import { analyse, phraseKey } from "../engine/features.js";
import { discover } from "../io/discover.js";
import { InputError, readText } from "../io/read-text.js";
import type { CompiledRule } from "../rules/types.js";
import { CorpusCounts } from "./counts.js";
import { parseGroupBy } from "./group.js";
import { hash53 } from "./hash.js";
import { hasLetter, lineKey } from "./normalize.js";

export interface SuggestOptions {
  groupBy?: string;
  /** A candidate line is in at least this many documents of its group … */
  minDocs?: number;
  /** … and in at least this share of them. */
  minShare?: number;
  /** Only label-like lines (at most this many words, no sentence end) are suggested. */
  maxWords?: number;
  /** At most this many candidate lines (the most frequent) are clustered. */
  maxCandidates?: number;
  onError?: (message: string) => void;
}

/** A frequent line no loaded rule removes. */
export interface Candidate {
  group: string;
  /** The line's content as it most often appears (list markers and edge spaces gone). */
  text: string;
  /** Other spellings seen (case, digits, punctuation), most frequent first. */
  variants: string[];
  documents: number;
  groupDocuments: number;
  /** Indexes of the documents it occurs in (ascending, capped). */
  docs: number[];
}

/** Candidates that occur in (mostly) the same documents: one menu, one footer, one teaser box. */
export interface Cluster {
  group: string;
  /** The lines, most frequent first. */
  candidates: Candidate[];
  /** A real sentence from a document of the cluster that occurs nowhere else: the rule must keep it. */
  keep: string;
}

const MAX_DOCS_KEPT = 2000;
const QUOTE = /^[-–—\s]*["„“”«»‚‘’'「『]/u;

interface Seen {
  group: string;
  spellings: Map<string, number>;
  docs: number[];
}

/**
 * Read the inputs, clean each with `rules`, and collect the label-like lines
 * the rules leave that repeat across documents of a group, clustered by the
 * documents they occur in (Jaccard ≥ 0.5, single link).
 */
export async function suggestClusters(inputs: readonly string[], rules: readonly CompiledRule[], options: SuggestOptions = {}): Promise<{ clusters: Cluster[]; documents: number }> {
  const grouping = parseGroupBy(options.groupBy ?? "dir");
  const minDocs = options.minDocs ?? 3;
  const minShare = options.minShare ?? 0.01;
  const maxWords = options.maxWords ?? 6;
  const counts = new CorpusCounts(grouping);
  const seen = new Map<string, Seen>(); // group + "\0" + hash → spellings and documents
  const proseOf: string[] = []; // per document: its longest sentence, as a keep example
  let doc = 0;
  for await (const file of discover(inputs, { reportErrors: true })) {
    if (file.error) {
      options.onError?.(`${file.path}: ${file.error}`);
      continue;
    }
    let text: string;
    try {
      text = (await readText(file.path, { symlink: file.symlink })).text;
    } catch (e) {
      options.onError?.(e instanceof InputError ? e.message : `${file.path}: ${(e as Error).message}`);
      continue;
    }
    const left = cleanText(text, rules).text;
    const group = grouping.groupOf(file.path);
    counts.addDocument(left, file.path);
    let prose = "";
    const inDoc = new Set<string>();
    for (const l of analyse(makeDocument(left))) {
      if (l.blank) continue;
      if (l.sentenceEnd && l.words >= 8 && l.content.length <= 300 && l.content.length > prose.length && !QUOTE.test(l.content)) prose = l.content;
      if (l.words > maxWords || l.sentenceEnd || QUOTE.test(l.content)) continue;
      const key = lineKey(l.content);
      if (!key || !hasLetter(key)) continue;
      const id = `${group}\0${hash53(key)}`;
      let s = seen.get(id);
      if (!s) seen.set(id, (s = { group, spellings: new Map(), docs: [] }));
      s.spellings.set(l.content, (s.spellings.get(l.content) ?? 0) + 1);
      if (!inDoc.has(id)) {
        inDoc.add(id);
        if (s.docs.length < MAX_DOCS_KEPT) s.docs.push(doc);
      }
    }
    proseOf.push(prose);
    doc++;
  }
  const candidates: Candidate[] = [];
  for (const s of seen.values()) {
    const g = counts.groups.get(s.group)!;
    const spellings = [...s.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    const documents = g.lines.get(hash53(lineKey(spellings[0]!))) ?? 0;
    if (documents < minDocs || documents < minShare * g.documents) continue;
    const variants = [...new Set(spellings.map((t) => phraseKey(t)))].length > 1 ? spellings.slice(1, 4) : [];
    candidates.push({ group: s.group, text: spellings[0]!, variants, documents, groupDocuments: g.documents, docs: s.docs });
  }
  candidates.sort((a, b) => b.documents - a.documents || (a.text < b.text ? -1 : 1));
  const top = candidates.slice(0, options.maxCandidates ?? 200);
  const clusters = mergeSingletons(clusterByDocuments(top)).map((c) => ({ group: c[0]!.group, candidates: c, keep: keepFor(c, proseOf, counts) }));
  return { clusters: clusters.filter((c) => c.keep !== ""), documents: doc };
}

/** Jaccard similarity of two ascending lists. */
function jaccard(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

function clusterByDocuments(cands: readonly Candidate[]): Candidate[][] {
  const parent = cands.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < cands.length; i++) {
    for (let j = i + 1; j < cands.length; j++) {
      if (cands[i]!.group === cands[j]!.group && jaccard(cands[i]!.docs, cands[j]!.docs) >= 0.5) parent[find(j)] = find(i);
    }
  }
  const byRoot = new Map<number, Candidate[]>();
  cands.forEach((c, i) => {
    const r = find(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), c]);
  });
  return [...byRoot.values()];
}

/**
 * Lines that share no documents with others (typical of a corpus of many
 * sites: "Impressum" here, "Kontakt" there) go into one list per group, most
 * frequent first, so a reviewer reads one file instead of one per word.
 */
function mergeSingletons(clusters: Candidate[][]): Candidate[][] {
  const out: Candidate[][] = [];
  const single = new Map<string, Candidate[]>();
  for (const c of clusters) {
    if (c.length > 1) out.push(c);
    else single.set(c[0]!.group, [...(single.get(c[0]!.group) ?? []), c[0]!]);
  }
  for (const list of single.values()) out.push(list);
  return out;
}

/** A sentence from a document of the cluster that occurs in no other document of the group. */
function keepFor(cluster: readonly Candidate[], proseOf: readonly string[], counts: CorpusCounts): string {
  const g = counts.groups.get(cluster[0]!.group)!;
  for (const d of cluster[0]!.docs) {
    const p = proseOf[d];
    if (p && (g.lines.get(hash53(lineKey(p))) ?? 0) === 1) return p;
  }
  return "";
}
