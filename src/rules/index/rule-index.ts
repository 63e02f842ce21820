import { PHRASE_MAX_LENGTH, type LineInfo } from "../../engine/features.js";
import type { LineMatcher } from "../matcher.js";
import { paragraphFocused, paragraphInput, unitEnd } from "../kinds/wrapped.js";
import type { CompiledRule } from "../types.js";
import { LiteralScanner } from "./scanner.js";

/** For a matcher a rule declared in `scans`: the lines it may match (a wrapped paragraph: its first line), ascending; undefined for a matcher the index does not hold. */
export type Candidates = (matcher: LineMatcher) => readonly number[] | undefined;

/**
 * One index over the matchers of a whole rule set, so that a line costs one
 * phrase lookup and one literal scan for all rules instead of one test per rule:
 * - a Map from phrase key to the matchers that list the phrase;
 * - one LiteralScanner over the necessary literals of every matcher's regexes
 *   (or its `requires` words), each literal mapped to the matchers that need it;
 * - the few matchers whose regexes have no literal set run on every line.
 * `scan` turns a document into each matcher's candidate lines; the rule then runs
 * its full test on those lines only. A candidate is a superset of the lines the
 * matcher matches, so results are the same as testing every line.
 */
export class RuleIndex {
  private readonly ids = new Map<LineMatcher, number>();
  private readonly maxLength: number[] = [];
  private readonly byPhrase = new Map<string, number[]>();
  private readonly byLiteral: number[][] = [];
  private readonly scanner?: LiteralScanner;
  /** Matchers with regexes but no literal set. */
  readonly always: number[] = [];
  /** Longest line content any literal-prefiltered matcher's regexes are tried on. */
  private readonly scanLimit: number = 0;
  private readonly alwaysLimit: number = 0;

  constructor(matchers: Iterable<LineMatcher>) {
    const literalIds = new Map<string, number>();
    for (const m of matchers) {
      if (this.ids.has(m)) continue;
      const id = this.ids.size;
      this.ids.set(m, id);
      const { phrases, regex, literals, maxLength } = m.plan;
      this.maxLength.push(maxLength);
      for (const key of phrases) {
        const list = this.byPhrase.get(key);
        if (list) list.push(id);
        else this.byPhrase.set(key, [id]);
      }
      if (!regex) continue;
      if (!literals) {
        this.always.push(id);
        this.alwaysLimit = Math.max(this.alwaysLimit, maxLength);
        continue;
      }
      this.scanLimit = Math.max(this.scanLimit, maxLength);
      for (const lit of literals) {
        let l = literalIds.get(lit);
        if (l === undefined) {
          literalIds.set(lit, (l = literalIds.size));
          this.byLiteral.push([]);
        }
        const list = this.byLiteral[l]!;
        if (list[list.length - 1] !== id) list.push(id);
      }
    }
    if (literalIds.size > 0) this.scanner = new LiteralScanner([...literalIds.keys()]);
  }

  /** How many matchers the index holds. */
  get size(): number {
    return this.ids.size;
  }

  /**
   * Each matcher's candidate lines among `lines` (only lines marked in `focus`, when given). A wrapped
   * paragraph (text-mode browser output) is scanned as one, its lines' content joined as the rules
   * judge it, and is a candidate under its first line.
   */
  scan(lines: readonly LineInfo[], focus?: readonly boolean[]): Candidates {
    const lists: number[][] = Array.from({ length: this.ids.size }, () => []);
    const mark = new Int32Array(this.ids.size).fill(-1);
    const { byPhrase, byLiteral, scanner, always, maxLength, scanLimit, alwaysLimit } = this;
    const add = (m: number, line: number) => {
      if (mark[m] !== line) {
        mark[m] = line;
        lists[m]!.push(line);
      }
    };
    for (let i = 0; i < lines.length; ) {
      if (lines[i]!.blank) {
        i++;
        continue;
      }
      const first = i;
      const last = unitEnd(lines, first);
      i = last + 1;
      if (focus && !paragraphFocused(focus, first, last)) continue;
      const info = paragraphInput(lines, first, last);
      const len = info.content.length;
      if (len <= PHRASE_MAX_LENGTH && byPhrase.size > 0) {
        const hits = byPhrase.get(info.key);
        if (hits) for (const m of hits) add(m, first);
      }
      if (scanner && len <= scanLimit) {
        const count = scanner.scan(info.lower);
        for (let k = 0; k < count; k++) for (const m of byLiteral[scanner.found[k]!]!) if (len <= maxLength[m]!) add(m, first);
      }
      if (len <= alwaysLimit) for (const m of always) if (len <= maxLength[m]!) add(m, first);
    }
    return (matcher) => {
      const id = this.ids.get(matcher);
      return id === undefined ? undefined : lists[id];
    };
  }
}

const cache = new WeakMap<readonly CompiledRule[], RuleIndex>();

/** The index of a rule set's line, block and inline matchers, built once per rule list. */
export function ruleIndex(rules: readonly CompiledRule[]): RuleIndex {
  let index = cache.get(rules);
  if (!index) cache.set(rules, (index = new RuleIndex(rules.flatMap((r) => r.scans ?? []))));
  return index;
}
