import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { decodeText } from "../src/io/read-text.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";

// Golden tests: real scraped files with their expected cleaned output, run
// through the full built-in rule set. Expected files are reviewed by hand.
const rules = loadRules([BUILTIN_RULES_DIR]);
const root = join(import.meta.dirname, "..", "fixtures");

function golden(name: string, inputPath: string, expectedPath: string) {
  it(name, () => {
    const input = decodeText(readFileSync(inputPath), inputPath);
    const expected = decodeText(readFileSync(expectedPath), expectedPath);
    expect(cleanText(input, rules).text).toBe(expected);
  });
}

describe("seed articles", () => {
  const dir = join(root, "seeds");
  for (const f of readdirSync(join(dir, "raw")).sort()) golden(f, join(dir, "raw", f), join(dir, "expected", f));
});

describe("seed truth (the checks of shared/seeds/check.mjs)", () => {
  const dir = join(root, "seeds");
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
  const truth = readFileSync(join(dir, "truth.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  for (const t of truth) {
    it(`${t.id}: ${t.what}`, () => {
      const raw = readFileSync(join(dir, "raw", `${t.id}.txt`));
      const result = cleanText(decodeText(raw, t.id), rules);
      const out = norm(result.text);
      for (const s of t.with ?? []) expect(out, `lost content "${s}"`).toContain(norm(s));
      for (const s of t.without ?? []) expect(out, `boilerplate left "${s}"`).not.toContain(norm(s));
      for (const s of t.once ?? []) expect(out.split(norm(s)).length - 1, `"${s}" once`).toBe(1);
      if (t.unchanged) {
        expect(result.changed).toBe(false);
        expect(Buffer.from(result.text, "utf8").equals(raw)).toBe(true);
      }
    });
  }
});

describe("samples", () => {
  const dir = join(root, "samples");
  const inputs = readdirSync(dir).filter((f) => f.endsWith(".txt") && !f.endsWith(".expected.txt")).sort();
  it("has samples, each with an expected output", () => {
    expect(inputs.length).toBeGreaterThan(0);
    for (const f of inputs) expect(existsSync(join(dir, f.replace(/\.txt$/, ".expected.txt"))), f).toBe(true);
  });
  for (const f of inputs) golden(f, join(dir, f), join(dir, f.replace(/\.txt$/, ".expected.txt")));
});
