import { foldText, safeLiteralChar } from "./index/fold.js";

/**
 * Necessary literals of a rule regex: strings of which every match contains at
 * least one. A line that holds none of them cannot match, so the rule index
 * skips the regex on it (see src/rules/index/).
 *
 * A small, conservative analyser of JavaScript `u`-mode patterns. For each piece
 * it knows either every string it can match (`exact`, when there are few) or a
 * set of needed strings (`need`), or nothing:
 * - a character, an escaped character, a small character class: exact;
 * - `^ $ \b \B` and lookarounds match the empty string (their condition is ignored);
 * - `.`, `\w \d \s \p{…}`, negated or large classes, backreferences: nothing;
 * - alternation: the union of the alternatives' sets (nothing if one has none);
 * - concatenation: adjacent exact pieces are joined (`ad-?block` → adblock, ad-block),
 *   then the best set of any run or piece is kept;
 * - a quantifier with minimum 0: nothing (`x?` of an exact x: x or empty);
 *   with minimum n ≥ 1: the piece's own set.
 * When unsure (an unknown construct) the answer is `undefined`: the regex is always run.
 * The literals are returned lower-cased and case-folded (`foldText`), as the scanner compares them.
 */
export function necessaryLiterals(source: string): string[] | undefined {
  let info: Info;
  try {
    const p = new Parser(source);
    info = p.alternation();
    if (p.i < source.length) return undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const need = needOf(info);
  return need ? normalise(need) : undefined;
}

/** At most this many strings are tracked as a piece's exact matches. */
const EXACT_MAX = 64;
/** A character class of at most this many characters is an exact piece. */
const CLASS_MAX = 8;

interface Info {
  /** Every string the piece can match (at most EXACT_MAX). */
  exact?: string[];
  /** Non-empty strings one of which every match of the piece contains. */
  need?: string[];
}

const NOTHING: Info = {};
const EMPTY: Info = { exact: [""] };

class Unsupported extends Error {}

const needOf = (x: Info): string[] | undefined => (x.exact && !x.exact.includes("") ? x.exact : x.need);

function product(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 1) return a.map((x) => x + b[0]);
  if (a.length === 1) return b.map((y) => a[0] + y);
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/** How selective a set is: its shortest literal's length (longer is rarer), then fewer literals. */
function score(set: readonly string[]): number {
  let min = Infinity;
  for (const s of set) if (s.length < min) min = s.length;
  return min * 1000 - set.length;
}

/** The more selective of two literal sets (the first when equal). */
export const moreSelective = (a: readonly string[], b: readonly string[]): readonly string[] => (score(b) > score(a) ? b : a);

function best(sets: readonly string[][]): string[] | undefined {
  let top: string[] | undefined;
  for (const s of sets) if (!top || score(s) > score(top)) top = s;
  return top;
}

function concat(items: readonly Info[]): Info {
  if (items.length === 1) return items[0]!;
  const candidates: string[][] = [];
  let run: string[] = [""];
  let whole = true; // every piece exact and joined into `run`
  const close = () => {
    if (!run.includes("")) candidates.push(run);
  };
  for (const it of items) {
    if (it.exact) {
      if (run.length * it.exact.length <= EXACT_MAX) {
        run = product(run, it.exact);
        continue;
      }
      close();
      whole = false;
      run = it.exact;
      continue;
    }
    whole = false;
    close();
    run = [""];
    if (it.need) candidates.push(it.need);
  }
  close();
  return { exact: whole ? run : undefined, need: best(candidates) };
}

function alternate(alts: readonly Info[]): Info {
  if (alts.length === 1) return alts[0]!;
  let exact: Set<string> | undefined = new Set();
  let need: Set<string> | undefined = new Set();
  for (const a of alts) {
    if (exact && a.exact && exact.size + a.exact.length <= EXACT_MAX) for (const s of a.exact) exact.add(s);
    else exact = undefined;
    const n = needOf(a);
    if (need && n) for (const s of n) need.add(s);
    else need = undefined;
  }
  return { exact: exact && [...exact], need: need && [...need] };
}

function repeat(atom: Info, min: number, max: number): Info {
  if (max === 0) return EMPTY;
  if (min === 1 && max === 1) return atom;
  if (min === 0) return max === 1 && atom.exact ? { exact: [...new Set([...atom.exact, ""])] } : NOTHING;
  let reps: string[] | undefined = atom.exact;
  for (let k = 1; reps && k < min; k++) reps = reps.length * atom.exact!.length <= EXACT_MAX ? product(reps, atom.exact!) : undefined;
  if (reps && min === max) return { exact: reps };
  // the first `min` repetitions are contiguous: one of their strings is in every match
  return { need: reps && !reps.includes("") ? reps : needOf(atom) };
}

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  /** Match a sticky regex at the current position. */
  private sticky(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    return re.exec(this.src);
  }

  private peek(k = 0): string {
    return this.src[this.i + k] ?? "";
  }

  alternation(): Info {
    const alts = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    return alternate(alts);
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.quantified(this.atom()));
    return items.length === 0 ? EMPTY : concat(items);
  }

  private quantified(atom: Info): Info {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = this.sticky(/\{(\d+)(,(\d*))?\}/y);
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return atom;
    if (this.peek() === "?") this.i++; // lazy
    return this.quantified(repeat(atom, min, max));
  }

  private atom(): Info {
    const c = this.peek();
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === ".") {
      this.i++;
      return NOTHING;
    }
    if (c === "^" || c === "$") {
      this.i++;
      return EMPTY;
    }
    if (c === "\\") {
      const e = this.escape(false);
      return typeof e === "number" ? { exact: [String.fromCodePoint(e)] } : e;
    }
    if ("*+?{}]".includes(c)) throw new Unsupported();
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return { exact: [String.fromCodePoint(cp)] };
  }

  private group(): Info {
    const head = this.sticky(/\((\?(?:<=|<!|=|!|:|<[A-Za-z_$][\w$]*>))?/y)![0];
    if (head === "(" && this.peek(1) === "?") throw new Unsupported(); // modifiers and other extensions
    this.i += head.length;
    const inner = this.alternation();
    if (this.peek() !== ")") throw new Unsupported();
    this.i++;
    return /^\(\?(?:<=|<!|=|!)/.test(head) ? EMPTY : inner;
  }

  /** An escape: a code point, or what a class escape / assertion / backreference matches. */
  private escape(inClass: boolean): number | Info {
    const n = this.peek(1);
    this.i += 2;
    if (n === "b") return inClass ? 8 : EMPTY;
    if (n === "B") {
      if (inClass) throw new Unsupported();
      return EMPTY;
    }
    if ("dDwWsS".includes(n) && n !== "") return NOTHING;
    if (n === "p" || n === "P") {
      const end = this.src.indexOf("}", this.i);
      if (this.peek() !== "{" || end < 0) throw new Unsupported();
      this.i = end + 1;
      return NOTHING;
    }
    if (n === "k") {
      const end = this.src.indexOf(">", this.i);
      if (end < 0) throw new Unsupported();
      this.i = end + 1;
      return NOTHING;
    }
    if (/[1-9]/.test(n)) {
      while (/\d/.test(this.peek())) this.i++;
      return NOTHING;
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, "0": 0 };
    if (n in simple) return simple[n]!;
    if (n === "c") {
      const l = this.peek();
      if (!/[A-Za-z]/.test(l)) throw new Unsupported();
      this.i++;
      return l.charCodeAt(0) % 32;
    }
    if (n === "x") {
      const m = this.sticky(/[0-9a-fA-F]{2}/y);
      if (!m) throw new Unsupported();
      this.i += 2;
      return parseInt(m[0], 16);
    }
    if (n === "u") {
      const m = this.sticky(/(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/y);
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      const code = parseInt(m[1] ?? m[2]!, 16);
      // a surrogate pair spelled as two \u escapes is one code point
      if (code >= 0xd800 && code <= 0xdbff && m[2]) {
        const lo = this.sticky(/\\u(d[c-f][0-9a-f]{2})/iy);
        if (lo) {
          this.i += 6;
          return 0x10000 + ((code - 0xd800) << 10) + (parseInt(lo[1]!, 16) - 0xdc00);
        }
      }
      return code;
    }
    if (n === "" || /[A-Za-z0-9]/.test(n)) throw new Unsupported();
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }

  private charClass(): Info {
    this.i++;
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const chars = new Set<string>();
    let unknown = false;
    const item = (): number | undefined => {
      if (this.peek() === "\\") {
        const e = this.escape(true);
        if (typeof e === "number") return e;
        unknown = true;
        return undefined;
      }
      const cp = this.src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    };
    while (this.i < this.src.length && this.peek() !== "]") {
      const from = item();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.i++;
        const to = item();
        if (from === undefined || to === undefined || to - from >= CLASS_MAX) unknown = true;
        else for (let c = from; c <= to; c++) chars.add(String.fromCodePoint(c));
      } else if (from !== undefined) chars.add(String.fromCodePoint(from));
      if (chars.size > CLASS_MAX) unknown = true;
    }
    if (this.peek() !== "]") throw new Unsupported();
    this.i++;
    return negated || unknown || chars.size === 0 ? NOTHING : { exact: [...chars] };
  }
}

const WHITESPACE = /^\s$/u;

/**
 * Literals as the scanner compares them: only characters whose case-folding class
 * the fold handles (`safeLiteralChar`), and no whitespace but lone plain spaces (the
 * scanned text has its whitespace runs squeezed to one space); a literal with another
 * character keeps its longest such piece (a piece of a needed string is needed too). A literal that
 * contains another literal of the set is dropped: the shorter one already finds its lines.
 */
function normalise(set: readonly string[]): string[] | undefined {
  const out = new Set<string>();
  for (const lit of set) {
    let bestPiece = "";
    let piece = "";
    let prev = "";
    for (const ch of lit) {
      // the scanned text has its whitespace squeezed (LineInfo.lower): a piece holds lone plain spaces only
      const squeezable = WHITESPACE.test(ch) && (ch !== " " || WHITESPACE.test(prev));
      if (squeezable) piece = ch === " " ? " " : "";
      else if (safeLiteralChar(ch.codePointAt(0)!)) piece += ch;
      else piece = "";
      prev = ch;
      if (piece.length > bestPiece.length) bestPiece = piece;
    }
    if (bestPiece.length === 0) return undefined;
    out.add(foldText(bestPiece));
  }
  const lits = [...out].sort((a, b) => a.length - b.length);
  if (lits.length > EXACT_MAX) return lits;
  return lits.filter((l, k) => !lits.some((o, j) => j < k && o.length < l.length && l.includes(o)));
}
