import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spaced } from "../src/engine/features.js";
import { foldCode, foldText, safeLiteralChar } from "../src/rules/index/fold.js";
import { LiteralScanner } from "../src/rules/index/scanner.js";
import { necessaryLiterals } from "../src/rules/literals.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";

const lits = (source: string) => necessaryLiterals(source)?.slice().sort();

describe("necessaryLiterals", () => {
  it("joins adjacent exact pieces, optional ones included", () => {
    expect(lits("ad-?block")).toEqual(["ad-block", "adblock"]);
    expect(lits("[ck]ookies?")).toEqual(["cookie", "kookie"]);
    expect(lits("(?:daily |weekly )?newsletter")).toEqual(["newsletter"]);
  });

  it("takes the union over an alternation, and nothing when one alternative has none", () => {
    expect(lits("all rights reserved|alle rechte vorbehalten")).toEqual(["all rights reserved", "alle rechte vorbehalten"]);
    expect(lits("(?:a|b.)")).toEqual(["a", "b"]);
    expect(lits("cookie|\\w+")).toBeUndefined();
    expect(lits("(?:x|y*)zz")).toEqual(["zz"]);
  });

  it("keeps the most selective piece of a sequence", () => {
    expect(lits("[^\\n]{0,120}\\b(?:all rights reserved|derechos reservados)\\b[^\\n]{0,160}")).toEqual(["all rights reserved", "derechos reservados"]);
    expect(lits("(?:mes ir (?:mūsų )?(?:\\d+ )?partneriai) (?:saugome|naudojame)")).toEqual(["partneriai"]);
    expect(lits("\\d{1,2}\\.\\s?\\d{1,2}")).toEqual(["."]);
  });

  it("needs the first repetitions of a repeated piece", () => {
    expect(lits("(?:ab)+")).toEqual(["ab"]);
    expect(lits("x{3}")).toEqual(["xxx"]);
    expect(lits("(?:ab){2,}c")).toEqual(["abab"]);
    expect(lits("(?:ab)*c")).toEqual(["c"]);
  });

  it("ignores assertions and lookarounds (their condition only narrows matches)", () => {
    expect(lits("^foo(?=bar)\\b$")).toEqual(["foo"]);
    expect(lits("(?<!no )cookie")).toEqual(["cookie"]);
    expect(lits("(?=.*cookie).*consent")).toEqual(["consent"]);
  });

  it("has no literals for what can match anything", () => {
    for (const s of [".", "\\p{L}+", "x*", "[^a]", "[a-z]+", "\\w{2,}", "(\\w)\\1", "a?", ""]) expect(necessaryLiterals(s), s).toBeUndefined();
  });

  it("decodes escapes", () => {
    expect(lits("\\u00e9t\\u00e9")).toEqual(["été"]);
    expect(lits("\\x41b\\.c")).toEqual(["ab.c"]);
    expect(lits("\\u{1F600}!")).toEqual(["😀!"]);
    expect(lits("a\\/b")).toEqual(["a/b"]);
  });

  it("gives up on constructs it does not know", () => {
    expect(necessaryLiterals("(?i:abc)")).toBeUndefined();
  });

  it("holds no whitespace but lone plain spaces (the scanned line has its whitespace squeezed)", () => {
    expect(lits("foo\u00a0barbaz")).toEqual(["barbaz"]);
    expect(lits("ab  cdef")).toEqual([" cdef"]);
    expect(lits("sign up\tnow")).toEqual(["sign up"]);
  });

  it("folds case as the iu regex engine does", () => {
    expect(lits("Straße")).toEqual(["straße"]);
    expect(lits("ΟΔΟΣ")).toEqual(["οδοσ"]);
    expect(foldText("ſ")).toBe("s");
    expect(foldText("ς")).toBe(foldText("σ"));
    expect(foldText("\u212A")).toBe("k"); // Kelvin sign
    // İ lower-cases to two code units: a literal keeps its longest piece without it
    expect(lits("İstanbul")).toEqual(["stanbul"]);
  });
});

describe("case folding", () => {
  it("maps every character the iu engine equates with a literal character to the same code", () => {
    // Latin, Greek, Cyrillic, Armenian, Latin Extended Additional, Greek Extended, letterlike symbols, fullwidth
    const ranges: [number, number][] = [[0x20, 0x58f], [0x1e00, 0x1fff], [0x2100, 0x218f], [0xff00, 0xffef]];
    const all = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, k) => String.fromCharCode(from + k))).join("");
    let checked = 0;
    for (const ch of all) {
      const c = ch.charCodeAt(0);
      if (!safeLiteralChar(c)) continue;
      const want = foldText(ch);
      expect(want).toBe(String.fromCharCode(foldCode(ch.toLowerCase().charCodeAt(0))));
      for (const m of all.matchAll(new RegExp(`\\u{${c.toString(16)}}`, "giu"))) expect(foldText(m[0]), `${ch} ~ ${m[0]}`).toBe(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(2200);
  });
});

// ---- property: a string a rule regex matches holds one of the regex's literals ----

const rules = loadRules([BUILTIN_RULES_DIR]);
const SOURCES = [
  ...new Set(
    rules.flatMap((r) => [r.spec.match, r.spec.members, r.spec.bridge].flatMap((m) => [...(m?.patterns ?? []), ...(m?.contains ?? [])]).concat(r.spec.pattern ? [r.spec.pattern] : [])),
  ),
];
const EXAMPLE_LINES = [
  ...new Set(rules.flatMap((r) => [...r.spec.examples.remove.map((e) => e.in), ...r.spec.examples.keep]).flatMap((t) => t.split(/\r\n?|\n/)).filter((l) => l.trim())),
];

/** Remove lookarounds and \b \B (fast-check cannot generate them): the result matches a superset. */
function withoutAssertions(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      const n = source[i + 1];
      if (n !== "b" && n !== "B") out += ch + n;
      i++;
    } else if (ch === "[") {
      const end = classEnd(source, i);
      out += source.slice(i, end + 1);
      i = end;
    } else if (source.startsWith("(?=", i) || source.startsWith("(?!", i) || source.startsWith("(?<=", i) || source.startsWith("(?<!", i)) {
      i = groupEnd(source, i);
    } else out += ch;
  }
  return out;
}
function classEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== "]") j += s[j] === "\\" ? 2 : 1;
  return j;
}
function groupEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === "[") j = classEnd(s, j);
    else if (s[j] === "(") depth++;
    else if (s[j] === ")" && --depth === 0) return j;
  }
  return s.length;
}

/** Case variants the iu engine treats as equal. */
const ODD_CASE: Record<string, string> = { s: "ſ", k: "\u212A", σ: "ς", β: "ϐ", θ: "ϑ", å: "\u212B" };
const recase = (s: string, picks: number[]) =>
  [...s].map((ch, i) => {
    const p = picks[i % picks.length]!;
    if (p === 0) return ch.toUpperCase().length === 1 ? ch.toUpperCase() : ch;
    if (p === 1) return ODD_CASE[ch.toLowerCase()] ?? ch;
    // other whitespace for a space: rules' regexes also see the line with it squeezed (spaced)
    if (ch === " " && p === 3) return "\u00a0";
    if (ch === " " && p === 4) return " \t ";
    return ch;
  }).join("");

const analysed = new Map<string, string[] | undefined>();
function holdsLiteral(source: string, text: string): boolean {
  if (!analysed.has(source)) analysed.set(source, necessaryLiterals(source));
  const literals = analysed.get(source);
  if (!literals) return true;
  // the scanner sees the line with its whitespace squeezed (LineInfo.lower); regexes see it both ways
  const scanned = spaced(text);
  const re = new RegExp(source, "iu");
  if (!re.test(text) && !re.test(scanned)) return true;
  const folded = foldText(scanned);
  return literals.some((l) => folded.includes(l)) && new LiteralScanner(literals).any(scanned.toLowerCase());
}

describe("property: regex matches => the line holds one of its literals", () => {
  it("analyses nearly every built-in regex", () => {
    const none = SOURCES.filter((s) => !necessaryLiterals(s));
    expect(none.length).toBeLessThan(SOURCES.length * 0.05);
  });

  it("on strings generated from each built-in regex, in mixed case", () => {
    let generated = 0;
    for (const source of SOURCES) {
      let gen: fc.Arbitrary<string>;
      try {
        gen = fc.stringMatching(new RegExp(withoutAssertions(source), "u"));
      } catch {
        continue; // a construct fast-check cannot generate from
      }
      generated++;
      fc.assert(
        fc.property(gen, fc.array(fc.nat(4), { minLength: 1, maxLength: 9 }), (text, picks) => holdsLiteral(source, recase(text, picks))),
        { numRuns: 15 },
      );
    }
    expect(generated).toBeGreaterThan(SOURCES.length * 0.8);
  });

  it("on the rules' example lines and fragments of them, in mixed case", () => {
    const line = fc.constantFrom(...EXAMPLE_LINES);
    const fragment = fc.tuple(line, fc.nat(), fc.nat()).map(([l, a, b]) => l.slice(Math.min(a, b) % (l.length + 1), Math.max(a, b) % (l.length + 1) + 1));
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.oneof(line, fragment), fc.array(fc.nat(4), { minLength: 1, maxLength: 9 }), (source, text, picks) =>
        holdsLiteral(source, recase(text, picks)),
      ),
      { numRuns: 1000 },
    );
    // and every example line against every regex, as written
    for (const source of SOURCES) for (const l of EXAMPLE_LINES) expect(holdsLiteral(source, l), `${source} on ${l}`).toBe(true);
  });
});
