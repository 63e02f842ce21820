import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { cli } from "./report-fixture.js";
import { buildRuleSchema } from "../src/rules/validate.js";

const run = (...args: string[]) => cli(args);

const USER = resolve("fixtures/config-project/rules");

describe("rules list", () => {
  it("lists id, kind, category, languages, source and description", async () => {
    const r = await run("rules", "list", "--no-config", "--no-builtin", "--rules", USER);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +KIND +CATEGORY +LANGUAGES +SOURCE +DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/ {2,}/).slice(0, 5))).toEqual([
      ["consent/local-cookies-ro", "line", "consent", "ro", "fixtures/config-project/rules/consent/cookies-ro.yaml:3"],
      ["navigation/local-back-link-ro", "line", "navigation", "ro", "fixtures/config-project/rules/navigation/back-link-ro.yaml:2"],
      ["structure/local-repeated-long", "structural", "structure", "any", "fixtures/config-project/rules/structure/repeated-long.yaml:2"],
    ]);
    expect(r.stderr).toBe("3 rules\n");
  });
  it("--category, --lang and --format json", async () => {
    const r = await run("rules", "list", "--no-config", "--no-builtin", "--rules", USER, "--lang", "de", "--format", "json");
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: "structure/local-repeated-long",
        kind: "structural",
        category: "structure",
        languages: ["any"],
        description: "A line of at least 12 characters repeated on the next non-blank line (a title scraped twice).",
        file: "fixtures/config-project/rules/structure/repeated-long.yaml",
        line: 2,
      },
    ]);
    const c = await run("rules", "list", "--no-config", "--no-builtin", "--rules", USER, "--category", "navigation", "--format", "json");
    expect(JSON.parse(c.stdout).map((x: { id: string }) => x.id)).toEqual(["navigation/local-back-link-ro"]);
  });
  it("includes the built-in packs by default", async () => {
    const r = await run("rules", "list", "--no-config", "--format", "json");
    const rows = JSON.parse(r.stdout) as { id: string; file: string }[];
    expect(rows.find((x) => x.id === "navigation/skip-links")?.file).toBe("rules/navigation/skip-links.yaml");
  });
});

describe("rules test", () => {
  it("passes: exit 0 and a summary", async () => {
    const r = await run("rules", "test", "--no-config", USER);
    expect(r).toEqual({ code: 0, stdout: "3 rules, 6 examples: all passed\n", stderr: "" });
  });
  it("fails: rule id, example, diff of expected against actual; exit 1", async () => {
    const dir = scratchDir("bs-rt-");
    const file = join(dir, "wrong.yaml");
    writeFileSync(
      file,
      readFileSync(join(USER, "navigation", "back-link-ro.yaml"), "utf8")
        .replace('out: "Guvernul a anunțat marți noi măsuri.', 'out: "Guvernul a anunțat marți noi măsuri!')
        .replace('"Înapoi la articole nu se mai', '"Înapoi\\nÎnapoi la articole nu se mai'),
    );
    const r = await run("rules", "test", "--no-config", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `FAIL navigation/local-back-link-ro (${file}:2)`,
        `  remove example 1: the output is not its "out"`,
        "  in:",
        "    | Înapoi la articole",
        "    | Guvernul a anunțat marți noi măsuri.",
        "    --- expected",
        "    +++ actual",
        "    - Guvernul a anunțat marți noi măsuri!",
        "    + Guvernul a anunțat marți noi măsuri.",
        "",
        `FAIL navigation/local-back-link-ro (${file}:2)`,
        "  keep example 1: the rule changed a text it must keep",
        "  in:",
        "    | Înapoi",
        "    | Înapoi la articole nu se mai poate reveni după ștergere, a spus el.",
        "    --- expected",
        "    +++ actual",
        "    - Înapoi",
        "      Înapoi la articole nu se mai poate reveni după ștergere, a spus el.",
        "",
        "1 rule, 2 examples: 2 failed in 1 rule",
        "",
      ].join("\n"),
    );
  });
  it("invalid rule files: exit 2", async () => {
    const r = await run("rules", "test", "--no-config", "fixtures/rules-invalid/bad-kind.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fixtures/rules-invalid/bad-kind.yaml:2:7: test/bad-kind: kind must be one of");
  });
});

describe("rules new: scaffold, fail until filled in, pass once filled", () => {
  it("writes a commented skeleton into the first user rule directory", async () => {
    const dir = scratchDir("bs-new-");
    const r = await run("rules", "new", "consent/cookies-xx", "--lang", "ro", "--no-config", "--rules", dir);
    expect(r.code).toBe(0);
    const file = join(dir, "consent", "cookies-xx.yaml");
    expect(r.stdout.split("\n")[0]).toBe(`Created ${file} (a line rule).`);
    expect(r.stdout).toContain(`boilerstrip rules test ${file}`);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*rules\/rule\.schema\.json\n/);
    expect(text).toContain("id: consent/cookies-xx\nkind: line\ncategory: consent\nlanguages: [ro]\n");

    // freshly scaffolded: a clear "fill in" error, exit 2, no crash
    const before = await run("rules", "test", "--no-config", file);
    expect(before.code).toBe(2);
    const problems = before.stderr.split("\n").filter((l) => l.startsWith(file));
    expect(problems.map((l) => l.slice(file.length))).toEqual([
      ':10:14: consent/cookies-xx: fill in description: it still holds the "FILL IN:" placeholder of "rules new"',
      ':16:7: consent/cookies-xx: fill in match.phrases[0]: it still holds the "FILL IN:" placeholder of "rules new"',
      ':34:11: consent/cookies-xx: fill in your examples: examples.remove[0].in still holds the "FILL IN:" placeholder of "rules new" (paste real text from a scraped file)',
      ':35:12: consent/cookies-xx: fill in your examples: examples.remove[0].out still holds the "FILL IN:" placeholder of "rules new" (paste real text from a scraped file)',
      ':39:7: consent/cookies-xx: fill in your examples: examples.keep[0] still holds the "FILL IN:" placeholder of "rules new" (paste real text from a scraped file)',
    ]);

    // fill the slots, in file order, as a user would
    const values = [
      "Romanian cookie notice button",
      "Sunt de acord cu cookie-urile",
      "Sunt de acord cu cookie-urile\\nGuvernul a anunțat noi măsuri.\\n",
      "Guvernul a anunțat noi măsuri.\\n",
      "Guvernul a spus că nu este de acord cu cookie-urile terților.\\n",
    ];
    let i = 0;
    writeFileSync(file, text.replace(/"FILL IN: [^"\n]*"/g, () => `"${values[i++]}"`));
    expect(i).toBe(values.length);
    const after = await run("rules", "test", "--no-config", file);
    expect(after).toEqual({ code: 0, stdout: "1 rule, 2 examples: all passed\n", stderr: "" });
  });

  for (const kind of ["block", "inline", "structural"]) {
    it(`a ${kind} skeleton is refused only for its unfilled slots`, async () => {
      const dir = scratchDir("bs-new-");
      expect((await run("rules", "new", "x/y", "--kind", kind, "--no-config", "--rules", dir)).code).toBe(0);
      const r = await run("rules", "test", "--no-config", join(dir, "x", "y.yaml"));
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n").slice(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l).toMatch(/: x\/y: fill in /);
    });
  }

  it("refuses a bad id, an unknown kind, an existing file or rule id", async () => {
    const dir = scratchDir("bs-new-");
    const opts = ["--no-config", "--rules", dir];
    expect((await run("rules", "new", "Cookies", ...opts)).stderr).toBe(
      'boilerstrip: rule id "Cookies" must look like "category/name" (lower-case letters, digits, dashes), e.g. consent/cookies-nl; or pass the name with --category\n',
    );
    expect((await run("rules", "new", "cookies-xx", "--category", "consent", ...opts)).code).toBe(0);
    expect(existsSync(join(dir, "consent", "cookies-xx.yaml"))).toBe(true);
    const again = await run("rules", "new", "consent/cookies-xx", ...opts);
    expect(again).toMatchObject({ code: 2, stderr: `boilerstrip: ${join(dir, "consent", "cookies-xx.yaml")} already exists; pick another id or edit that file\n` });
    const builtin = await run("rules", "new", "navigation/skip-links", ...opts);
    expect(builtin).toMatchObject({ code: 2, stderr: "boilerstrip: a rule \"navigation/skip-links\" already exists (rules/navigation/skip-links.yaml:2); pick another id\n" });
    expect((await run("rules", "new", "a/b", "--kind", "lines", ...opts)).stderr).toBe("boilerstrip: --kind must be one of line, block, inline, structural\n");
  });

  it("without a configured directory it writes ./rules-local/ and says so", async () => {
    const dir = scratchDir("bs-new-");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run("rules", "new", "consent/cookies-xx", "--no-config");
      expect(r.code).toBe(0);
      expect(r.stdout.split("\n").slice(0, 3)).toEqual([
        "Created rules-local/consent/cookies-xx.yaml (a line rule).",
        'No user rule directory is configured (--rules or "rules" in boilerstrip.config.yaml), so it went to ./rules-local/.',
        "To use it when cleaning, add  rules: [rules-local]  to boilerstrip.config.yaml, or pass --rules rules-local.",
      ]);
      expect(existsSync(join(dir, "rules-local", "consent", "cookies-xx.yaml"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("rules schema", () => {
  it("prints the rule schema as JSON", async () => {
    const r = await run("rules", "schema");
    expect(JSON.parse(r.stdout)).toEqual(buildRuleSchema());
  });
});
