/**
 * boilerstrip as a library:
 *
 *   import { clean } from "boilerstrip";
 *   const { text, spans } = clean(scraped);
 */
import type { CleanResult } from "./engine/clean.js";
import { cleanDocument } from "./run/document.js";
import { DEFAULT_GUARD, type GuardOptions } from "./run/guard.js";
import { BUILTIN_RULES_DIR, loadRules } from "./rules/load.js";
import type { CompiledRule } from "./rules/types.js";

export { cleanText, type CleanResult } from "./engine/clean.js";
export { makeDocument, type Document, type Line } from "./engine/document.js";
export type { Span } from "./engine/spans.js";
export { BUILTIN_RULES_DIR, loadRules, loadRuleFile, RuleLoadError, type RuleFileProblem } from "./rules/load.js";
export type { CompiledRule, RuleSpec, RuleMeta, RuleKind, MatchSpec } from "./rules/types.js";
export type { GuardOptions } from "./run/guard.js";

let builtin: CompiledRule[] | undefined;

/** The built-in rule packs, loaded once. */
export function builtinRules(): CompiledRule[] {
  builtin ??= loadRules([BUILTIN_RULES_DIR]);
  return builtin;
}

export interface CleanOptions {
  /** The rules to apply (default: the built-in packs). */
  rules?: readonly CompiledRule[];
  /** The content guard, as in the CLI (default: on, at 60% of the prose); false turns it off. */
  guard?: GuardOptions | false;
}

export interface CleanOutcome extends CleanResult {
  /** Why the content guard left the text unchanged (the rules would have taken most of it). */
  guarded?: string;
}

/**
 * Remove boilerplate from a text; returns the cleaned text and the removal spans. As `boilerstrip clean`
 * does, the content guard leaves a text unchanged when the rules would remove most of its prose, and says why.
 */
export function clean(text: string, options: CleanOptions = {}): CleanOutcome {
  const doc = cleanDocument(text, options.rules ?? builtinRules(), options.guard ?? DEFAULT_GUARD);
  return doc.guarded ? { ...doc.result, guarded: doc.guarded } : doc.result;
}
