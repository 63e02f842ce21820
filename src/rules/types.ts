import type { Document } from "../engine/document.js";
import type { LineInfo } from "../engine/features.js";
import type { Proposal } from "../engine/spans.js";
import type { Candidates } from "./index/rule-index.js";
import type { LineMatcher } from "./matcher.js";

export type RuleKind = "line" | "block" | "inline" | "structural";

/** Which lines a rule matches. A line matches when any of the lists hits and no exception does. */
export interface MatchSpec {
  /** Whole-line phrases: the line, without list markers, edge punctuation and case, equals one of them. */
  phrases?: string[];
  /** Whole-line regular expressions (anchored for you), matched case-insensitively. */
  patterns?: string[];
  /** Regular expressions found anywhere in the line (use with maxLength). */
  contains?: string[];
  /** Only lines of at most this many characters match `patterns` and `contains`. */
  maxLength?: number;
  /**
   * A fast prefilter: `patterns` and `contains` are only tried on lines whose lower-cased text
   * contains one of these words (e.g. [cookie, informasjonskaps]). Phrases are not affected.
   */
  requires?: string[];
}

export interface RemoveExample {
  /** Input text. */
  in: string;
  /** Expected output after this rule alone ran. */
  out: string;
}

export interface RuleExamples {
  remove: RemoveExample[];
  keep: string[];
}

/** A rule as written in a rule file (YAML or JSON). */
export interface RuleSpec {
  id: string;
  kind: RuleKind;
  category: string;
  description: string;
  /** ISO 639-1 codes (`pt-BR` allowed), or `any`. */
  languages: string[];
  /** Line and block rules: the lines to remove / that start a block. */
  match?: MatchSpec;
  /** Regexes: a line containing one is never removed by this rule. */
  exceptions?: string[];
  /** Block rules: lines around a start line that belong to the block. */
  members?: MatchSpec;
  /** Block rules: how many member lines may precede / follow the start line. */
  before?: number;
  after?: number;
  /** Block rules: a line right below a start line that the block takes when the line below it belongs to the block (a sign-up box's tagline). */
  bridge?: MatchSpec;
  /** Inline rules: the span to remove inside a line (a named group `cut` narrows it). */
  pattern?: string;
  /** Structural rules: the algorithm and its options. */
  algorithm?: string;
  options?: Record<string, unknown>;
  examples: RuleExamples;
}

export interface RuleSource {
  file: string;
  line: number;
  column: number;
}

export interface RuleMeta {
  id: string;
  kind: RuleKind;
  category: string;
  description: string;
  languages: string[];
  source: RuleSource;
}

/** What a rule sees: the document and the shared per-line facts. */
export interface RuleContext {
  readonly doc: Document;
  readonly lines: readonly LineInfo[];
  /**
   * Structural rules run after the others and see their verdict: `removed[i]`
   * is true when earlier rules remove all of line i. Empty for the first phase.
   */
  readonly removed: readonly boolean[];
  /** For each line in `removed`, the category of the rule that removes it. */
  readonly removedCategory?: readonly (string | undefined)[];
  /**
   * On a later pass, the lines a previous pass edited (cut inside). Line, block and inline
   * rules match a line by its own content, so an unedited line that did not match before
   * cannot match now: they only look for new matches (and block starts) on these lines.
   * Undefined on the first pass: every line.
   */
  readonly focus?: readonly boolean[];
  /** Line frequencies across the corpus being cleaned, when the run counted them (`repeat/` rules). */
  readonly corpus?: CorpusStats;
  /**
   * The rule index's candidate lines for a matcher the rule lists in `scans`: every line
   * the matcher can match is among them. Undefined (or an undefined answer): test every line.
   */
  readonly candidates?: Candidates;
}

/** Document frequencies of normalised lines over a corpus (or one group of it). */
export interface CorpusStats {
  /** How many documents were counted. */
  readonly documents: number;
  /** In how many documents a line occurs (the line as it stands in the text; the stats normalise it). */
  documentFrequency(line: string, path?: string): number;
}

export interface CompiledRule {
  readonly meta: RuleMeta;
  readonly spec: RuleSpec;
  propose(ctx: RuleContext): Proposal[];
  /** The matchers whose lines the rule looks for on every line: the rule index finds their candidate lines for it. */
  readonly scans?: readonly LineMatcher[];
  /**
   * Rules with the same key propose the same spans on any text, up to their rule id and
   * category (same kind, match, options and regex engine): the engine runs one of them.
   */
  readonly shareKey?: number;
}

/** What a rule kind builds from a spec. */
export interface RuleBehaviour {
  propose(ctx: RuleContext): Proposal[];
  scans?: readonly LineMatcher[];
}
