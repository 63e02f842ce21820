/**
 * boilerstrip as a library:
 *
 *   import { clean } from "boilerstrip";
 *   const { text, spans } = clean(scraped);
 */
import { cleanText, type CleanResult } from "./engine/clean.js";
import { BUILTIN_RULES_DIR, loadRules } from "./rules/load.js";
import type { CompiledRule } from "./rules/types.js";

export { cleanText, type CleanResult } from "./engine/clean.js";
export { makeDocument, type Document, type Line } from "./engine/document.js";
export type { Span } from "./engine/spans.js";
export { BUILTIN_RULES_DIR, loadRules, loadRuleFile, RuleLoadError, type RuleFileProblem } from "./rules/load.js";
export type { CompiledRule, RuleSpec, RuleMeta, RuleKind, MatchSpec } from "./rules/types.js";

let builtin: CompiledRule[] | undefined;

/** The built-in rule packs, loaded once. */
export function builtinRules(): CompiledRule[] {
  builtin ??= loadRules([BUILTIN_RULES_DIR]);
  return builtin;
}

export interface CleanOptions {
  /** The rules to apply (default: the built-in packs). */
  rules?: readonly CompiledRule[];
}

/** Remove boilerplate from a text; returns the cleaned text and the removal spans. */
export function clean(text: string, options: CleanOptions = {}): CleanResult {
  return cleanText(text, options.rules ?? builtinRules());
}
