import { cleanText, type CleanResult } from "../engine/clean.js";
import { analyseText } from "../engine/features.js";
import type { CorpusStats } from "../rules/types.js";
import type { CompiledRule } from "../rules/types.js";
import { guardReason, ruleRoles, type GuardOptions, type RuleRoles } from "./guard.js";
import { readWindows } from "./windows.js";

/** One document cleaned under the run's settings. */
export interface DocumentOutcome {
  /** The result to use: unchanged (no spans) when the guard fired. */
  result: CleanResult;
  /** Why the content guard left the document unchanged. */
  guarded?: string;
  /** What the rules would have removed, when the guard fired (for reports). */
  proposed?: CleanResult;
}

const rolesCache = new WeakMap<readonly CompiledRule[], RuleRoles>();
function rolesOf(rules: readonly CompiledRule[]): RuleRoles {
  let roles = rolesCache.get(rules);
  if (!roles) rolesCache.set(rules, (roles = ruleRoles(rules)));
  return roles;
}

/** Clean one text (with the corpus counts' view for it, if the run has any) and apply the content guard (`false`: no guard). */
export function cleanDocument(text: string, rules: readonly CompiledRule[], guard: GuardOptions | false, corpus?: CorpusStats): DocumentOutcome {
  // the input's line facts: cleanText's first pass and the guard both use them
  const { lines } = analyseText(text);
  const result = cleanText(text, rules, corpus ? { corpus } : {});
  const guarded = guard ? guardReason(text, result, guard, rolesOf(rules), lines) : undefined;
  if (guarded) return { result: { text, spans: [], changed: false }, guarded, proposed: result };
  return { result };
}

/** One window of a file larger than the window size, cleaned; `guarded` names the window when the guard kept it. */
export interface CleanedWindow {
  text: string;
  doc: DocumentOutcome;
  guarded?: string;
}

/**
 * A file larger than the window size, cleaned as `clean` cleans it: read window by window (windows end at
 * paragraph breaks), each window a document with its own guard. `clean` writes each one as it comes; the
 * previews (check, diff) join them, so both see the same windows.
 */
export function* cleanWindows(path: string, rules: readonly CompiledRule[], guard: GuardOptions | false, windowBytes: number, corpus?: CorpusStats): Generator<CleanedWindow> {
  let n = 0;
  for (const text of readWindows(path, windowBytes)) {
    n++;
    const doc = cleanDocument(text, rules, guard, corpus);
    yield { text, doc, ...(doc.guarded ? { guarded: `window ${n}: ${doc.guarded}` } : {}) };
  }
}
