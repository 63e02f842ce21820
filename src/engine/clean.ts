import { ruleIndex } from "../rules/index/rule-index.js";
import { SHARE_RULES } from "../rules/matcher.js";
import type { CompiledRule, CorpusStats, RuleContext } from "../rules/types.js";
import type { Document } from "./document.js";
import { analyseKept, analyseText, type Analysis, type KeptPiece, type LineInfo } from "./features.js";
import { applySpans, mergeSpans, planRemovals, type Proposal, type Span } from "./spans.js";

export interface CleanResult {
  /** The input with the spans deleted. */
  text: string;
  /** The removals, in input offsets (UTF-16 code units), sorted and disjoint. */
  spans: Span[];
  changed: boolean;
}

/** Removing one thing can expose another (a title now repeated, a menu now at the edge): passes run until nothing changes. */
const MAX_PASSES = 4;

export interface CleanTextOptions {
  /** Corpus line frequencies for rules that learn from the corpus. */
  corpus?: CorpusStats;
}

/**
 * Where a later pass's text was cut: the offset where two kept pieces meet, and whether the
 * removed text ended inside a line (a line's start was cut off, not whole lines above it).
 */
interface Cut {
  at: number;
  inLine: boolean;
}

/** What a later pass knows of the pass before it. */
interface Previous {
  /** Where that pass cut the text, so phrase rules look again only there. */
  cuts: readonly Cut[];
  /** The wrap width that pass found: when it differs, paragraphs may be joined differently anywhere, and every line is looked at again. */
  width: number;
}

/** Run every rule once over an analysed text and plan the removals; `previous` on a later pass. */
export function proposeAll(analysis: Analysis, rules: readonly CompiledRule[], options: CleanTextOptions = {}, previous?: Previous): Span[] {
  const { doc, lines } = analysis;
  const focus = previous && previous.width === analysis.width ? editedLines(doc.lines, previous.cuts, analysis.width > 0) : undefined;
  const proposals: Proposal[] = [];
  // Phase 1: phrase, block and inline rules. Phase 2: structural rules, which
  // see which lines phase 1 removes (a menu is recognised by its known items).
  // one pass of the rule index finds each line and block rule's candidate lines
  const candidates = ruleIndex(rules).scan(lines, focus);
  const first: RuleContext = { doc, lines, removed: [], focus, corpus: options.corpus, candidates };
  const once = sharedRuns();
  for (const rule of rules) {
    if (rule.meta.kind !== "structural") for (const p of once(rule, first)) proposals.push(p);
  }
  const { removed, categories } = removedLines(lines, proposals);
  const second: RuleContext = { doc, lines, removed, removedCategory: categories, corpus: options.corpus };
  for (const rule of rules) {
    if (rule.meta.kind === "structural") for (const p of once(rule, second)) proposals.push(p);
  }
  // the BOM is never removed
  if (doc.bomLength) for (const p of proposals) if (p.start < doc.bomLength) p.start = doc.bomLength;
  return planRemovals(doc, proposals);
}

/**
 * Runs a rule on a context, once per `shareKey`: a rule with the same behaviour as one
 * already run (the same spec under another id) adds its id to that rule's proposals
 * (whose removals it would make too) and proposes nothing of its own.
 */
function sharedRuns(): (rule: CompiledRule, ctx: RuleContext) => Proposal[] {
  const done = new Map<number, { ctx: RuleContext; proposals: Proposal[] }>();
  return (rule, ctx) => {
    const key = rule.shareKey;
    if (key === undefined || !SHARE_RULES) return rule.propose(ctx);
    const prior = done.get(key);
    if (!prior || prior.ctx !== ctx) {
      const proposals = rule.propose(ctx);
      done.set(key, { ctx, proposals });
      return proposals;
    }
    for (const p of prior.proposals) (p.ruleIds ??= [p.ruleId]).push(rule.meta.id);
    return [];
  };
}

/**
 * Lines with a cut inside them, at the end of their content, or at their start when it cut off the
 * start of a line (not a whole-line removal before them). In wrapped text (`wrapped`) a cut can join
 * or part the lines around it differently (a shorter line no longer fills the width; lines that were
 * apart now meet): there the lines next to each cut, and to each whole-line removal, count too.
 */
function editedLines(lines: Document["lines"], cuts: readonly Cut[], wrapped: boolean): boolean[] {
  const edited = new Array<boolean>(lines.length).fill(false);
  let k = 0;
  for (const line of lines) {
    for (; k < cuts.length && cuts[k]!.at <= line.start; k++) if (cuts[k]!.at === line.start && (cuts[k]!.inLine || wrapped)) edited[line.index] = true;
    if (k < cuts.length && cuts[k]!.at <= line.end) edited[line.index] = true;
  }
  if (!wrapped) return edited;
  return edited.map((e, i) => e || edited[i - 1] === true || edited[i + 1] === true);
}

/** Which lines the proposals remove entirely (all of their non-blank content), and the category that removes each. */
function removedLines(lines: readonly LineInfo[], proposals: readonly Proposal[]): { removed: boolean[]; categories: (string | undefined)[] } {
  const removed = new Array<boolean>(lines.length).fill(false);
  const categories = new Array<string | undefined>(lines.length);
  if (proposals.length === 0) return { removed, categories };
  const merged = mergeSpans(proposals);
  let k = 0;
  for (const info of lines) {
    if (info.blank) continue;
    const { start } = info.line;
    while (k < merged.length && merged[k]!.end <= start) k++;
    const s = merged[k];
    // content is covered when one merged span reaches over it (whitespace at the edges aside)
    if (s && s.start <= info.contentStart && s.end >= start + info.line.text.trimEnd().length) {
      removed[info.index] = true;
      categories[info.index] = s.category;
    }
  }
  return { removed, categories };
}

/** The pieces of a text of `length` that sorted, disjoint `spans` keep, to map offsets of a later pass back. */
export function keptPieces(length: number, spans: readonly { start: number; end: number }[]): KeptPiece[] {
  const pieces: KeptPiece[] = [];
  let pos = 0;
  let out = 0;
  for (const s of [...spans, { start: length, end: length }]) {
    if (s.start > pos) {
      pieces.push({ out, orig: pos, len: s.start - pos });
      out += s.start - pos;
    }
    pos = s.end;
  }
  return pieces;
}

function toOriginal(pieces: readonly KeptPiece[], offset: number, isEnd: boolean): number {
  // an end offset belongs to the piece holding the character before it
  const probe = isEnd ? offset - 1 : offset;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid]!.out <= probe) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo]!;
  return p.orig + (offset - p.out);
}

/** Clean a text with a rule set: the result is the text with spans deleted, stable under a second cleaning. */
export function cleanText(text: string, rules: readonly CompiledRule[], options: CleanTextOptions = {}): CleanResult {
  const first = analyseText(text);
  let analysis = first;
  let spans = proposeAll(analysis, rules, options);
  if (spans.length === 0) return { text, spans, changed: false };
  let current = applySpans(text, spans);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const pieces = keptPieces(text.length, spans);
    // where the kept pieces meet in the current text, and whether the text removed there ended inside a line
    const inLine = (next: KeptPiece) => text[next.orig - 1] !== "\n";
    const cuts: Cut[] = pieces.slice(1).map((next, i) => ({ at: pieces[i]!.out + pieces[i]!.len, inLine: inLine(next) }));
    if (pieces[0] && pieces[0].orig > 0) cuts.unshift({ at: 0, inLine: inLine(pieces[0]) });
    const next = analyseKept(current, first, pieces);
    const more = proposeAll(next, rules, options, { cuts, width: analysis.width });
    analysis = next;
    if (more.length === 0) break;
    const mapped = more.map((s) => ({ ...s, start: toOriginal(pieces, s.start, false), end: toOriginal(pieces, s.end, true) }));
    spans = mergeSpans([...spans, ...mapped]);
    current = applySpans(text, spans);
  }
  return { text: current, spans, changed: true };
}
