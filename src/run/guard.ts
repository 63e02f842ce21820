import type { CleanResult } from "../engine/clean.js";
import { analyseText, type LineInfo } from "../engine/features.js";
import { BUILTIN_RULES_DIR } from "../rules/load.js";
import type { CompiledRule } from "../rules/types.js";

export interface GuardOptions {
  /** Largest share of a document's prose the rules may remove (0..1; default 0.6). */
  maxShare: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxShare: 0.6 };

/** Prose: a paragraph of at least this many words that ends like a sentence. */
const PROSE_WORDS = 8;
/** The longest paragraph is protected from shape rules when it has at least this many words. */
const LONG_PARAGRAPH_WORDS = 40;

const pct = (x: number) => `${Math.round(100 * x)}%`;
const isProse = (l: LineInfo) => !l.blank && l.paraEnd && l.paraWords >= PROSE_WORDS;

/** How the guard weighs each rule's removals. */
export interface RuleRoles {
  /** Shape (structural) rules: they guess from the look of lines, so they are held to a stricter standard. */
  shape: ReadonlySet<string>;
  /** Built-in wording rules (line, block, inline): prose they remove is known boilerplate (a licence, a cookie banner), not article at risk. */
  known: ReadonlySet<string>;
}

export const NO_ROLES: RuleRoles = { shape: new Set(), known: new Set() };

export function ruleRoles(rules: readonly CompiledRule[]): RuleRoles {
  return {
    shape: new Set(rules.filter((r) => r.meta.kind === "structural").map((r) => r.meta.id)),
    known: new Set(rules.filter((r) => r.meta.kind !== "structural" && r.meta.source.file.startsWith(BUILTIN_RULES_DIR)).map((r) => r.meta.id)),
  };
}

/**
 * The content guard: why a cleaning result must not be used, or undefined when
 * it may. It looks at the document's prose — lines that read like sentences, as
 * the article does — not at menus and link lists, which a page may be mostly made of,
 * and not at prose that only built-in wording rules remove (known boilerplate):
 * - the rules would remove more than `maxShare` of the prose words; or
 * - shape rules alone (structural rules, which guess from the look of lines rather
 *   than match known wording) would remove the longest paragraph of prose.
 * Either way the rules are probably eating the article, and the document is left unchanged.
 */
export function guardReason(
  input: string,
  result: CleanResult,
  options: GuardOptions = DEFAULT_GUARD,
  roles: RuleRoles = NO_ROLES,
  lines: readonly LineInfo[] = analyseText(input).lines,
): string | undefined {
  if (!result.changed || result.spans.length === 0) return undefined;
  const { spans } = result;
  // which rules remove (most of) each line
  let k = 0;
  const removedBy = (l: LineInfo): string[] | undefined => {
    const { start, end } = l.line;
    while (k < spans.length && spans[k]!.end <= start) k++;
    let covered = 0;
    const ids = new Set<string>();
    for (let j = k; j < spans.length && spans[j]!.start < end; j++) {
      const s = spans[j]!;
      covered += Math.min(s.end, end) - Math.max(s.start, start);
      for (const id of s.ruleIds) ids.add(id);
    }
    return covered * 2 >= end - start ? [...ids] : undefined;
  };
  let total = 0;
  let removed = 0;
  let longest: { line: LineInfo; words: number; byShape: boolean } | undefined;
  let para: { line: LineInfo; words: number; byShape: boolean } | undefined;
  for (const l of lines) {
    if (!isProse(l)) continue;
    const by = removedBy(l);
    const byShape = by !== undefined && by.every((id) => roles.shape.has(id) || id.startsWith("tidy/"));
    if (by && by.every((id) => roles.known.has(id) || id.startsWith("tidy/"))) continue;
    total += l.words;
    if (by) removed += l.words;
    if (l.paraFirst) para = { line: l, words: l.paraWords, byShape };
    else if (para) para.byShape &&= byShape;
    if (para && (!longest || para.words > longest.words)) longest = para;
  }
  if (total > 0 && removed / total > options.maxShare) {
    return `would remove ${pct(removed / total)} of the prose (guard limit ${pct(options.maxShare)}); left unchanged`;
  }
  if (longest && longest.words >= LONG_PARAGRAPH_WORDS && longest.byShape) {
    return `shape rules alone would remove the longest paragraph (line ${longest.line.index + 1}, ${longest.words} words); left unchanged`;
  }
  return undefined;
}
