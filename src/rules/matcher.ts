import { createRequire } from "node:module";
import type { RE2JS as RE2JSClass } from "re2js";
import { MatchText, phraseKey, type LineInfo } from "../engine/features.js";
import { foldText } from "./index/fold.js";
import { LiteralScanner } from "./index/scanner.js";
import { moreSelective, necessaryLiterals } from "./literals.js";
import { ruleSnapshot } from "./snapshot.js";
import type { MatchSpec } from "./types.js";

/** What a matcher looks at: a line's facts (LineInfo), or a wrapped paragraph's joined text in the same form. */
export type MatchInput = Pick<LineInfo, "blank" | "content" | "squeezed" | "lower" | "key">;

/** Compiled form of a MatchSpec: decides whether a line matches. */
export interface LineMatcher {
  test(info: MatchInput): boolean;
  /**
   * Same answer as `test`, without the matcher's own literal prefilter: for lines the
   * rule index already picked (src/rules/index/), where the prefilter would repeat its work.
   */
  verify(info: MatchInput): boolean;
  /** Like test, on a bare string (a glued segment of a line). */
  testText(text: string): boolean;
  /** What the rule index needs to know to find the lines this matcher may match. */
  readonly plan: MatcherPlan;
}

/** The cheap, necessary conditions of a matcher: a line it matches passes one of them. */
export interface MatcherPlan {
  /** Phrase keys (phraseKey): a line whose key is one of them may match. */
  readonly phrases: ReadonlySet<string>;
  /** Whether the matcher has `patterns` or `contains` (tried on lines of at most `maxLength`). */
  readonly regex: boolean;
  /**
   * Folded literals (foldText), one of which every line the regexes match holds in its
   * lower-cased text; undefined when the regexes have no such set (they run on every line).
   */
  readonly literals?: readonly string[];
  readonly maxLength: number;
}

export const REGEX_FLAGS = "iu";

/**
 * Which engine runs a rule's regexes. Built-in rules (vetted by their example
 * tests and a nested-quantifier check) use V8's `native` RegExp; user rules use
 * the `linear` engine (RE2), which cannot backtrack catastrophically.
 */
export type RegexEngine = "native" | "linear";

/** The part of RegExp the rule kinds use; both engines provide it (a RegExp is one). */
export interface SearchRegex {
  lastIndex: number;
  readonly source: string;
  readonly flags: string;
  test(text: string): boolean;
  exec(text: string): RegExpExecArray | null;
}

let currentEngine: RegexEngine = "native";

/** re2js, loaded on first use: a run with built-in rules only never pays for it. */
let re2js: typeof RE2JSClass | undefined;
const RE2 = (): typeof RE2JSClass => (re2js ??= (createRequire(import.meta.url)("re2js") as { RE2JS: typeof RE2JSClass }).RE2JS);

/** The engine rules compiled now use. */
export const regexEngine = (): RegexEngine => currentEngine;

/** Run `fn` with `compileRegex` defaulting to `engine` (rules are compiled synchronously inside). */
export function withRegexEngine<T>(engine: RegexEngine, fn: () => T): T {
  const saved = currentEngine;
  currentEngine = engine;
  try {
    return fn();
  } finally {
    currentEngine = saved;
  }
}

export function compileRegex(source: string, flags = REGEX_FLAGS, engine: RegexEngine = currentEngine): SearchRegex {
  return engine === "linear" ? new LinearRegExp(source, flags) : new RegExp(source, flags);
}

/** A regex the linear engine cannot run; the message says what and why. */
export class UnsupportedRegexError extends Error {}

/** JavaScript's `\s`, spelled for RE2 (whose `\s` is ASCII only). */
const JS_SPACE = "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
/** JavaScript's `\S` as ranges for inside a character class (`[^\S\n]`: whitespace but a newline), the complement of JS_SPACE. */
const JS_NON_SPACE =
  "\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{D7FF}\\x{E000}-\\x{FEFE}\\x{FF00}-\\x{10FFFF}";
/** A quantifier allowing more repetitions than this counts as unbounded for the nested-quantifier check. */
const UNBOUNDED_LIMIT = 10;

interface Scan {
  /** The pattern rewritten for RE2 (JS `\s` semantics, `\p{Script=X}` as `\p{X}`). */
  re2: string;
  /** A quantified group that itself contains an unbounded quantifier, like `(a+)+`. */
  nested?: string;
  /** The first construct RE2 cannot run, described for a user. */
  unsupported?: string;
  lookbehind: boolean;
  /** Some alternative of the whole pattern can match without consuming a character (`x?`, `\b`). */
  matchesEmpty: boolean;
}

/** One element of a regex alternative: can it match the empty string, does it repeat without bound? */
interface Element {
  empty: boolean;
  repeats: boolean;
}
interface Group {
  start: number;
  alternatives: Element[][];
  lookbehind: boolean;
}

/**
 * A group is risky to repeat when one alternative is a repeated element with
 * nothing else it must match: `(a+)+`, `(a*)*`, `(\w+\s?)+`. Then a run of text
 * splits between the iterations in exponentially many ways. `(?:\s*[|/]\s*\w+)+`
 * is fine: every iteration must consume its own separator.
 */
const risky = (g: Group) => g.alternatives.some((alt) => alt.some((e) => e.repeats) && alt.every((e) => e.repeats || e.empty));

/** Walk a (valid, JavaScript `u`-mode) pattern once: rewrite it for RE2 and note risky or unsupported constructs. */
function scanRegex(source: string, forRe2 = true): Scan {
  let re2 = "";
  let nested: string | undefined;
  let unsupported: string | undefined;
  let lookbehind = false;
  const root: Group = { start: 0, alternatives: [[]], lookbehind: false };
  const groups: Group[] = [root];
  const top = () => groups[groups.length - 1]!;
  const push = (e: Element) => top().alternatives[top().alternatives.length - 1]!.push(e);
  let lastGroup: Group | undefined; // the group just closed, when it is the element a quantifier applies to
  const unsupport = (what: string) => (unsupported ??= what);
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const from = i;
    let closed: Group | undefined;
    if (ch === "\\") {
      const next = source[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k") {
        const m = /^\\(?:\d+|k<[^>]*>)/.exec(source.slice(i))!;
        unsupport(`backreference "${m[0]}"`);
        re2 += m[0];
        i += m[0].length;
      } else if (next === "s" || next === "S") {
        re2 += next === "s" ? `[${JS_SPACE}]` : `[^${JS_SPACE}]`;
        i += 2;
      } else if ((next === "p" || next === "P") && source[i + 2] === "{") {
        const end = source.indexOf("}", i);
        re2 += unicodeProperty(next, source.slice(i + 3, end), unsupport);
        i = end + 1;
      } else {
        re2 += ch + next;
        i += 2;
      }
      push({ empty: /[bB]/.test(next), repeats: false });
    } else if (ch === "[") {
      let j = i + 1;
      let cls = "[";
      while (j < source.length && source[j] !== "]") {
        if (source[j] === "\\" && (source[j + 1] === "s" || source[j + 1] === "S")) {
          cls += source[j + 1] === "s" ? JS_SPACE : JS_NON_SPACE;
          j += 2;
        } else if (source[j] === "\\" && /[pP]/.test(source[j + 1] ?? "") && source[j + 2] === "{") {
          const end = source.indexOf("}", j);
          cls += unicodeProperty(source[j + 1]!, source.slice(j + 3, end), unsupport);
          j = end + 1;
        } else if (source[j] === "\\") {
          cls += source.slice(j, j + 2);
          j += 2;
        } else cls += source[j++];
      }
      re2 += cls + "]";
      i = j + 1;
      push({ empty: false, repeats: false });
    } else if (ch === "(") {
      const head = /^\((\?(?:<=|<!|=|!|:|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))![0];
      if (head === "(?=" || head === "(?!") unsupport(`lookahead "${head}…)"`);
      const behind = head === "(?<=" || head === "(?<!";
      if (behind) lookbehind = true;
      const captures = head === "(" || (head.startsWith("(?<") && !behind);
      if (captures && groups.some((g) => g.lookbehind)) unsupport(`a capturing group inside a lookbehind (use "(?:…)")`);
      groups.push({ start: i, alternatives: [[]], lookbehind: behind });
      re2 += head.startsWith("(?<") && !behind ? `(?P${head.slice(2)}` : head;
      i += head.length;
    } else if (ch === ")" && groups.length > 1) {
      const g = groups.pop()!;
      const lookaround = g.lookbehind || /^\(\?[=!]/.test(source.slice(g.start));
      push({
        empty: lookaround || g.alternatives.some((alt) => alt.every((e) => e.empty)),
        repeats: !lookaround && g.alternatives.some((alt) => alt.some((e) => e.repeats)),
      });
      closed = g;
      re2 += ch;
      i++;
    } else if (ch === "|") {
      top().alternatives.push([]);
      re2 += ch;
      i++;
    } else if (ch === "*" || ch === "+" || ch === "?" || (ch === "{" && /^\{\d+(?:,\d*)?\}/.test(source.slice(i)))) {
      const q = ch === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))! : undefined;
      const len = q ? q[0].length : 1;
      const min = q ? Number(q[1]) : ch === "+" ? 1 : 0;
      const max = q ? (q[2] === undefined ? Number(q[1]) : q[3] === "" ? Infinity : Number(q[3])) : ch === "?" ? 1 : Infinity;
      const alt = top().alternatives[top().alternatives.length - 1]!;
      const target = alt[alt.length - 1];
      if (target) {
        if (min === 0) target.empty = true;
        if (max > UNBOUNDED_LIMIT) target.repeats = true;
      }
      if (lastGroup && max > UNBOUNDED_LIMIT && risky(lastGroup)) nested ??= source.slice(lastGroup.start, i + len);
      re2 += source.slice(i, i + len);
      i += len;
      if (source[i] === "?") re2 += source[i++];
    } else {
      push({ empty: ch === "^" || ch === "$", repeats: false });
      re2 += ch;
      i++;
    }
    lastGroup = closed;
    if (i === from) i++; // never loop on malformed input
  }
  const matchesEmpty = root.alternatives.some((alt) => alt.every((e) => e.empty));
  return { re2: forRe2 ? RE2().translateRegExp(re2) : "", nested, unsupported, lookbehind, matchesEmpty };
}

/** `\p{Script=Latin}` is `\p{Latin}` in RE2; long property names have no RE2 spelling. */
function unicodeProperty(p: string, body: string, unsupport: (what: string) => void): string {
  const [name, value] = body.includes("=") ? body.split("=") : [undefined, body];
  if (name && !/^(Script|sc|Script_Extensions|scx|General_Category|gc)$/.test(name)) unsupport(`"\\${p}{${body}}"`);
  return `\\${p}{${value}}`;
}

/** Whether a pattern can match without consuming a character (an inline pattern must not: it would remove nothing). */
export function matchesEmpty(source: string): boolean {
  return scanRegex(source, false).matchesEmpty;
}

/**
 * Why a pattern cannot be used, or undefined when it can. Every pattern must be
 * a valid JavaScript regex; `native` patterns must not nest unbounded
 * quantifiers; `linear` patterns must avoid what RE2 cannot run.
 */
export function regexProblem(source: string, engine: RegexEngine): string | undefined {
  try {
    new RegExp(source, REGEX_FLAGS);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  if (engine === "native") {
    const { nested } = scanRegex(source, false);
    return nested
      ? `nested quantifier "${nested}" can backtrack catastrophically (exponential time on a long line); make each repetition consume a separator, or bound the outer repetition (e.g. {0,10})`
      : undefined;
  }
  try {
    new LinearRegExp(source, REGEX_FLAGS);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * A RegExp look-alike on RE2 (linear time): same pattern syntax (JavaScript),
 * same `test`/`exec`/`lastIndex` behaviour for the flags rules use (g, i, u, d).
 * Offsets are UTF-16 code units, as with RegExp.
 */
export class LinearRegExp implements SearchRegex {
  lastIndex = 0;
  private readonly re: RE2JSClass;
  private readonly names: [string, number][];
  private readonly global: boolean;
  private readonly indices: boolean;

  constructor(readonly source: string, readonly flags: string) {
    const scan = scanRegex(source);
    const advice = "user rules run on a linear-time regex engine; see docs/writing-rules.md#regular-expressions";
    if (scan.unsupported) throw new UnsupportedRegexError(`not supported in user rules: ${scan.unsupported} (${advice})`);
    const RE2JS = RE2();
    let bits = 0;
    if (flags.includes("i")) bits |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes("s")) bits |= RE2JS.DOTALL;
    if (flags.includes("m")) bits |= RE2JS.MULTILINE;
    if (scan.lookbehind) bits |= RE2JS.LOOKBEHINDS;
    try {
      this.re = RE2JS.compile(scan.re2, bits);
    } catch (e) {
      const why = (e as Error).message.replace(/^error parsing regexp: /, "").replace(/`(.{60}).+`$/s, "`$1…`");
      throw new UnsupportedRegexError(`not supported in user rules: ${why} (${advice})`);
    }
    this.names = Object.entries(this.re.namedGroups() as Record<string, number>);
    this.global = flags.includes("g") || flags.includes("y");
    this.indices = flags.includes("d");
  }

  test(text: string): boolean {
    if (!this.global) return this.re.test(text);
    return this.exec(text) !== null;
  }

  exec(text: string): RegExpExecArray | null {
    const from = this.global ? this.lastIndex : 0;
    if (from > text.length || (from === 0 && !this.re.test(text))) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.re.matcher(text);
    if (!m.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const count = m.groupCount();
    const values: (string | undefined)[] = [];
    const spans: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= count; g++) {
      const s = m.start(g);
      values.push(s < 0 ? undefined : text.slice(s, m.end(g)));
      spans.push(s < 0 ? undefined : [s, m.end(g)]);
    }
    const result = Object.assign(values, { index: m.start(), input: text, groups: undefined as Record<string, string | undefined> | undefined }) as RegExpExecArray;
    if (this.names.length > 0) result.groups = Object.fromEntries(this.names.map(([n, g]) => [n, values[g]])) as Record<string, string>;
    if (this.indices) {
      const idx = Object.assign(spans, { groups: undefined as Record<string, [number, number] | undefined> | undefined });
      if (this.names.length > 0) idx.groups = Object.fromEntries(this.names.map(([n, g]) => [n, spans[g]]));
      result.indices = idx as RegExpIndicesArray;
    }
    if (this.global) this.lastIndex = m.end();
    return result;
  }
}

/** One alternation per list, so a line costs one regex run per list, whatever the list's size. */
function union(sources: readonly string[] | undefined, anchored: boolean): SearchRegex | undefined {
  if (!sources || sources.length === 0) return undefined;
  const body = sources.map((s) => `(?:${s})`).join("|");
  return compileRegex(anchored ? `^(?:${body})$` : body);
}

/** Literal analysis of a regex source, once per source (rule sets repeat fragments), or from the build's snapshot. */
const literalCache = new Map<string, readonly string[] | undefined>();
function literalsOf(source: string): readonly string[] | undefined {
  if (literalCache.has(source)) return literalCache.get(source);
  const snap = ruleSnapshot();
  // own keys only: a regex "constructor" is not Object.prototype's
  const known = snap && Object.hasOwn(snap.literals, source) ? snap.literals[source] : undefined;
  const lits = known === undefined ? necessaryLiterals(source) : (known ?? undefined);
  if (literalCache.size < 100_000) literalCache.set(source, lits);
  return lits;
}

/** The literal analyses done so far, by regex source (null: no literal set): for the snapshot, and for worker threads. */
export function literalAnalyses(): Record<string, readonly string[] | null> {
  return Object.fromEntries([...literalCache].map(([source, lits]) => [source, lits ?? null]));
}

/** Take analyses made elsewhere (literalAnalyses of the main thread): a worker compiles the same rules without analysing their regexes again. */
export function seedLiteralAnalyses(analyses: Readonly<Record<string, readonly string[] | null>>): void {
  for (const [source, lits] of Object.entries(analyses)) literalCache.set(source, lits ?? undefined);
}

/**
 * The literals one of which a line must hold for the regexes to be tried: every
 * regex's necessary literals together (none if one regex has none), or the
 * `requires` words (enforced by the matcher), whichever set is more selective.
 */
function regexLiterals(spec: MatchSpec | undefined, requires: readonly string[] | undefined): readonly string[] | undefined {
  let found: string[] | undefined = [];
  for (const source of [...(spec?.patterns ?? []), ...(spec?.contains ?? [])]) {
    const lits = literalsOf(source);
    if (!lits) {
      found = undefined;
      break;
    }
    found.push(...lits);
  }
  const required = requires && requires.every((w) => w.length > 0) ? requires.map(foldText) : undefined;
  const extracted = found && [...new Set(found)];
  if (!required) return extracted;
  if (!extracted) return required;
  return moreSelective(extracted, required);
}

/**
 * Compiled matchers by spec, exceptions and regex engine: a matcher is a pure function of
 * them, so rules that share a spec share one matcher (its regexes, literal scanner and memory).
 */
const matcherCache = new Map<string, LineMatcher>();
const MATCHER_CACHE_MAX = 20_000;

/**
 * BOILERSTRIP_SHARE_RULES=0 turns sharing off (here and in cleanText): the benchmark uses it to
 * show what ten times as many *different* rules would cost, with copies of the built-in ones.
 */
export const SHARE_RULES = process.env.BOILERSTRIP_SHARE_RULES !== "0";

/**
 * Forget the compiled matchers and extracted literals kept for sharing. The main thread
 * calls it once worker threads have the rules: it never runs them, and with many rules
 * their compiled regexes and scanners are tens of MB.
 */
export function releaseCompiledMatchers(): void {
  matcherCache.clear();
  literalCache.clear();
}

export function compileMatcher(spec: MatchSpec | undefined, exceptions?: readonly string[]): LineMatcher {
  if (!SHARE_RULES) return buildMatcher(spec, exceptions);
  const key = JSON.stringify([currentEngine, spec ?? null, exceptions ?? null]);
  let matcher = matcherCache.get(key);
  if (!matcher) {
    if (matcherCache.size >= MATCHER_CACHE_MAX) matcherCache.clear();
    matcherCache.set(key, (matcher = buildMatcher(spec, exceptions)));
  }
  return matcher;
}

function buildMatcher(spec: MatchSpec | undefined, exceptions?: readonly string[]): LineMatcher {
  const phrases = new Set((spec?.phrases ?? []).map((p) => phraseKey(p)).filter((k) => k.length > 0));
  const whole = union(spec?.patterns, true);
  const anywhere = union(spec?.contains, false);
  const except = union(exceptions as string[] | undefined, false);
  const maxLength = spec?.maxLength ?? Infinity;
  const requires = spec?.requires?.map((w) => w.toLowerCase());
  const regex = whole !== undefined || anywhere !== undefined;
  const literals = regex ? regexLiterals(spec, requires) : undefined;
  let scanner: LiteralScanner | undefined; // built on the first line that needs it
  // regexes see the text as it is and, when it has other whitespace than lone plain spaces, squeezed
  // (as phrase keys do): "Sign up for the\u00a0 newsletter" reads like "Sign up for the newsletter"
  const found = (re: SearchRegex | undefined, info: MatchInput) => re !== undefined && (re.test(info.content) || (info.squeezed !== info.content && re.test(info.squeezed)));
  const matches = (info: MatchInput, tryRegexes: boolean): boolean => {
    const { content } = info;
    if (info.blank || content.length === 0) return false;
    let hit = phrases.size > 0 && phrases.has(info.key);
    if (!hit && tryRegexes && regex && content.length <= maxLength && (requires === undefined || requires.some((w) => info.lower.includes(w)))) {
      hit = found(whole, info) || found(anywhere, info);
    }
    return hit && !found(except, info);
  };
  const verify = (info: MatchInput) => matches(info, true);
  return {
    plan: { phrases, regex, literals, maxLength },
    verify,
    test: (info) => {
      // no literal the regexes need: only phrases can match
      const noLiteral = literals !== undefined && regex && !info.blank && info.content.length <= maxLength && !(scanner ??= new LiteralScanner(literals)).any(info.lower);
      return matches(info, !noLiteral);
    },
    testText: (text) => verify(new MatchText(text.trim(), false)),
  };
}
