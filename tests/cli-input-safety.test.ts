// What a user review of the CLI found, each case as it was reported: an absolute glob, two inputs
// sharing an output, JSON read as text, --jsonl --out over an input, a directory or a foreign file,
// --quiet hiding failures, the content guard unmentioned by explain/check/diff, and the exit code
// lost when standard output closes early.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir, writeTestRules } from "./run-helpers.js";

let dir: string;
let cleanup: () => void;
let rules: string[];

const ARTICLE = "A Title\n\nThe council met on Tuesday and approved the new budget for schools.\n";
const RAW = `Skip to content\n${ARTICLE}`;
const read = (p: string) => readFileSync(p, "utf8");

/** A user rule (in the test rules directory) removing every line that contains one of `words`. */
function writeContainsRule(name: string, words: string[]): void {
  writeFileSync(
    join(dir, "rules", `${name}.yaml`),
    `id: test/${name}
kind: line
category: navigation
languages: [any]
description: removes every line with ${words.join(" or ")}
match:
  contains: [${words.map((w) => `'${w}'`).join(", ")}]
examples:
  remove:
    - in: "The ${words[0]} met.\\nBody text here.\\n"
      out: "Body text here.\\n"
  keep:
    - "Body text here.\\n"
`,
  );
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  rules = ["--no-builtin", "--rules", writeTestRules(dir)];
});
afterEach(() => cleanup());

describe("inputs", () => {
  it("takes a glob with an absolute path", async () => {
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.txt"), RAW);
    const r = await runCli(["clean", join(dir, "in", "*.txt"), "--out", join(dir, "out"), ...rules]);
    expect(r.stderr).not.toContain("TypeError");
    expect(r.code).toBe(0);
    expect(read(join(dir, "out", "a.txt"))).toBe(ARTICLE);
  });

  for (const force of [false, true]) {
    it(`refuses the second of two inputs that would write one output, naming both${force ? " (--force too)" : ""}`, async () => {
      for (const d of ["a", "c"]) mkdirSync(join(dir, d));
      writeFileSync(join(dir, "a", "x.txt"), RAW);
      writeFileSync(join(dir, "c", "x.txt"), `Skip to content\nAnother article entirely.\n`);
      const r = await runCli(["clean", join(dir, "a"), join(dir, "c"), "--out", join(dir, "out"), ...(force ? ["--force"] : []), ...rules]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${join(dir, "c", "x.txt")}: its output ${join(dir, "out", "x.txt")} is also the output of ${join(dir, "a", "x.txt")}`);
      expect(read(join(dir, "out", "x.txt"))).toBe(ARTICLE); // the first input's output, not overwritten
    });
  }

  it("does not clean JSON or JSON Lines files as text", async () => {
    const jsonl = '{"text":"Skip to content"}\n{"text":"Body"}\n';
    writeFileSync(join(dir, "s.jsonl"), jsonl);
    const r = await runCli(["clean", join(dir, "s.jsonl"), "--out", join(dir, "out"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a JSON or JSON Lines file, skipped");
    const check = await runCli(["check", join(dir, "s.jsonl"), ...rules]);
    expect(check.code).toBe(2);
    expect(read(join(dir, "s.jsonl"))).toBe(jsonl);
  });
});

describe("--jsonl --out FILE", () => {
  const jsonl = '{"text":"Skip to content\\nBody"}\n';

  it("refuses an input as the output", async () => {
    writeFileSync(join(dir, "s.jsonl"), jsonl);
    const r = await runCli(["clean", "--jsonl", join(dir, "s.jsonl"), "--out", join(dir, "s.jsonl"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is also an input");
    expect(read(join(dir, "s.jsonl"))).toBe(jsonl);
  });

  it("refuses a directory, and leaves no temporary file", async () => {
    writeFileSync(join(dir, "s.jsonl"), jsonl);
    mkdirSync(join(dir, "outdir"));
    const r = await runCli(["clean", "--jsonl", join(dir, "s.jsonl"), "--out", join(dir, "outdir"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a directory");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces an existing file only with --force", async () => {
    writeFileSync(join(dir, "s.jsonl"), jsonl);
    writeFileSync(join(dir, "precious.jsonl"), "precious\n");
    const r = await runCli(["clean", "--jsonl", join(dir, "s.jsonl"), "--out", join(dir, "precious.jsonl"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("exists; not overwritten (use --force");
    expect(read(join(dir, "precious.jsonl"))).toBe("precious\n");
    const f = await runCli(["clean", "--jsonl", join(dir, "s.jsonl"), "--out", join(dir, "precious.jsonl"), "--force", ...rules]);
    expect(f.code).toBe(0);
    expect(read(join(dir, "precious.jsonl"))).toBe('{"text":"Body"}\n');
  });
});

it("clean --quiet still prints the failures", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  writeFileSync(join(dir, "in", "b.txt"), Buffer.from([0xff, 0xfe, 0x41, 0x00]));
  const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "--quiet", ...rules]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${join(dir, "in", "b.txt")}: `);
  expect(r.stderr).not.toContain("files read"); // no summary
});

describe("a file the content guard leaves unchanged", () => {
  // a user rule that would remove every line of the article
  beforeEach(() => {
    writeContainsRule("greedy", ["council", "title"]);
    writeFileSync(join(dir, "g.txt"), ARTICLE);
  });

  it("is said to be guarded by explain, check and diff, as clean leaves it", async () => {
    const clean = await runCli(["clean", join(dir, "g.txt"), "--out", join(dir, "out"), ...rules]);
    expect(clean.stderr).toContain("guarded:");
    expect(read(join(dir, "out", "g.txt"))).toBe(ARTICLE);

    const explain = await runCli(["explain", join(dir, "g.txt"), ...rules]);
    expect(explain.stdout.toString()).toMatch(/guarded: .*left unchanged; the removals below are what the rules proposed/);
    const json = JSON.parse((await runCli(["explain", join(dir, "g.txt"), "--format", "json", ...rules])).stdout.toString()) as { changed: boolean; guarded?: string; removals: unknown[] };
    expect(json.changed).toBe(false);
    expect(json.guarded).toMatch(/left unchanged/);
    expect(json.removals.length).toBeGreaterThan(0);

    for (const cmd of ["check", "diff"]) {
      const r = await runCli([cmd, join(dir, "g.txt"), ...rules]);
      expect(r.code, cmd).toBe(0);
      expect(r.stderr, cmd).toContain(`${join(dir, "g.txt")}: guarded: `);
    }
  });

  it("check, diff and explain take clean's --no-guard and --guard-share, and show what clean does with them", async () => {
    const noGuard = await runCli(["clean", join(dir, "g.txt"), "--out", join(dir, "out"), "--no-guard", ...rules]);
    expect(noGuard.code).toBe(0);
    expect(read(join(dir, "out", "g.txt"))).not.toBe(ARTICLE);
    for (const opt of [["--no-guard"], ["--guard-share", "100"]]) {
      const check = await runCli(["check", join(dir, "g.txt"), ...opt, ...rules]);
      expect(check.code, opt.join(" ")).toBe(1);
      expect(check.stderr, opt.join(" ")).not.toContain("guarded");
      const json = JSON.parse((await runCli(["explain", join(dir, "g.txt"), "--format", "json", ...opt, ...rules])).stdout.toString()) as { changed: boolean; guarded?: string };
      expect(json, opt.join(" ")).toMatchObject({ changed: true });
      expect(json.guarded).toBeUndefined();
    }
    const diff = await runCli(["diff", join(dir, "g.txt"), "--no-guard", "--no-color", ...rules]);
    expect(diff.stdout.toString()).toContain("-The council met on Tuesday");
  });
});

it("check keeps its exit code when standard output closes early (check DIR | head -1)", () => {
  mkdirSync(join(dir, "in"));
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, "in", `f${String(i).padStart(3, "0")}-${"x".repeat(150)}.txt`), RAW);
  const rulesDir = join(dir, "rules");
  const out = execFileSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" check "${join(dir, "in")}" --no-builtin --rules "${rulesDir}" | head -c 1 >/dev/null; echo "rc=$?"`], { encoding: "utf8" });
  expect(out.trim()).toBe("rc=1");
});

it("check and diff clean a file larger than the window size in clean's windows, so they agree with clean", async () => {
  // a rule that removes every line about the council: all of the first window's prose (so the guard
  // keeps that window as it is), a quarter of the whole file's (so, cleaned whole, the guard would not)
  writeContainsRule("council", ["council"]);
  mkdirSync(join(dir, "in"));
  const para = (about: string, i: number) => `On day ${i} the ${about} met in the old town hall and approved a budget for the schools of the district.\n\n`;
  const first = Array.from({ length: 9000 }, (_, i) => para("council", i)).join(""); // about 1.1 MB
  const rest = Array.from({ length: 27000 }, (_, i) => para("committee", i)).join("");
  writeFileSync(join(dir, "in", "dump.txt"), first + rest);
  const clean = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), ...rules]);
  expect(clean.code).toBe(0);
  expect(clean.stderr).toContain("window 1: would remove");
  expect(readFileSync(join(dir, "out", "dump.txt"), "utf8")).toBe(first + rest);
  const check = await runCli(["check", join(dir, "in"), ...rules]);
  expect(check.code).toBe(0);
  expect(check.stderr).toContain("dump.txt: guarded: window 1: would remove");
  const stat = await runCli(["diff", "--stat", join(dir, "in"), ...rules]);
  expect(stat.stdout.toString()).toContain("0 files of 1 would change");
});

it("standard input over --max-size is passed through unchanged (and reported), not lost", async () => {
  const big = `Skip to content\n${"The council met on Tuesday and approved the new budget for schools.\n".repeat(40_000)}`; // 2.7 MB
  const r = await runCli(["clean", "-", "--max-size", "1", ...rules], big);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("<stdin>: input is over the --max-size limit of 1.0 MB; passed through unchanged");
  expect(r.stdout.toString()).toBe(big);
  const small = await runCli(["clean", "-", "--max-size", "1", ...rules], RAW);
  expect(small.code).toBe(0);
  expect(small.stdout.toString()).toBe(ARTICLE);
});

it("refuses options that do not apply, as --backup without --in-place is refused", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  const out = ["--out", join(dir, "out")];
  const cases: [string[], string][] = [
    [["clean", join(dir, "in"), ...out, "--spans"], "--spans only applies with --jsonl"],
    [["clean", join(dir, "in"), ...out, "--text-field", "body", "--on-error", "skip"], "--text-field, --on-error only apply with --jsonl"],
    [["clean", "-", ...out], "--out does not apply"],
    [["clean", "-", "--in-place"], "--in-place does not apply"],
    [["clean", join(dir, "in"), ...out, "--group-by", "all"], "--group-by only applies with --learn"],
    [["clean", join(dir, "in"), ...out, "--guard-share", "0.6"], "not a fraction: '0.6' (did you mean 60?)"],
    [["clean", join(dir, "in"), "--in-place", "--backup", ""], "--backup needs a suffix that is not empty"],
  ];
  for (const [args, message] of cases) {
    const r = await runCli([...args, ...rules], RAW);
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.stderr, args.join(" ")).toContain(message);
  }
  expect(readdirSync(dir)).not.toContain("out");
});

it("a JSON Lines run prints each malformed line once: as it happens, then only counted in the summary", async () => {
  const r = await runCli(["clean", "--jsonl", "-", "-j", "1", ...rules], `{not json\n${JSON.stringify({ text: RAW })}\n`);
  expect(r.code).toBe(2);
  expect(r.stderr.match(/<stdin>:1: not valid JSON/g)).toHaveLength(1);
  expect(r.stderr).toContain("1 failed (listed above)");
});

it("rules list --category names an unknown category as an error, with the ones there are", async () => {
  const r = await runCli(["rules", "list", "--category", "consnet"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no rule has the category "consnet" (did you mean "consent"?)');
  const ok = await runCli(["rules", "list", "--category", "consent", "--format", "json"]);
  expect(ok.code).toBe(0);
  expect((JSON.parse(ok.stdout.toString()) as unknown[]).length).toBeGreaterThan(10);
});

it("help that was asked for exits 0; help shown for a missing or unknown command exits 2", async () => {
  for (const args of [["--help"], ["help"], ["help", "clean"], ["clean", "--help"], ["--version"]]) expect((await runCli(args)).code, args.join(" ")).toBe(0);
  for (const args of [[], ["help", "nonexist"], ["rules"]]) {
    const r = await runCli(args);
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.stderr, args.join(" ")).toContain("Usage: boilerstrip");
  }
});

it("--out equal to a glob's directory is refused as an input directory", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  const r = await runCli(["clean", join(dir, "in", "*.txt"), "--out", join(dir, "in"), ...rules]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("is an input directory");
  expect(read(join(dir, "in", "a.txt"))).toBe(RAW);
});

it("check and diff name a broken symbolic link as clean does", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  symlinkSync(join(dir, "gone.txt"), join(dir, "in", "b.txt"));
  const clean = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), ...rules]);
  expect(clean.stderr).toContain("broken symbolic link");
  for (const cmd of ["check", "diff"]) {
    const r = await runCli([cmd, join(dir, "in"), ...rules]);
    expect(r.code, cmd).toBe(2);
    expect(r.stderr, cmd).toContain(`${join(dir, "in", "b.txt")}: broken symbolic link`);
  }
});

it("clean --dry-run points to diff and check", async () => {
  const r = await runCli(["clean", "x", "--dry-run"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("clean has no --dry-run: `boilerstrip diff INPUTS` shows what clean would remove");
});

describe("in place: every file once, every original kept", () => {
  beforeEach(() => {
    mkdirSync(join(dir, "in"));
    for (const n of ["a", "b", "c"]) writeFileSync(join(dir, "in", `${n}.txt`), RAW);
  });

  it("a file reached by two inputs (a directory and a glob of it) is cleaned once, its backup the original", async () => {
    for (const jobs of ["1", "2"]) {
      const r = await runCli(["clean", join(dir, "in"), join(dir, "in", "*.txt"), join(dir, "in", "a.txt"), "--in-place", "--backup", "-j", jobs, ...rules]);
      expect(r.code, jobs).toBe(0);
      expect(r.stderr, jobs).toContain("3 files read, 3 changed");
      for (const n of ["a", "b", "c"]) {
        expect(read(join(dir, "in", `${n}.txt`))).toBe(ARTICLE);
        expect(read(join(dir, "in", `${n}.txt.orig`))).toBe(RAW);
      }
      for (const n of ["a", "b", "c"]) writeFileSync(join(dir, "in", `${n}.txt`), RAW);
      for (const n of ["a", "b", "c"]) rmSync(join(dir, "in", `${n}.txt.orig`));
    }
  });

  it("a link beside its target: the target is cleaned once, the link stays a link", async () => {
    symlinkSync("a.txt", join(dir, "in", "link.txt"));
    const r = await runCli(["clean", join(dir, "in"), "--in-place", "--backup", "-j", "2", ...rules]);
    expect(r.code).toBe(0);
    expect(read(join(dir, "in", "a.txt"))).toBe(ARTICLE);
    expect(read(join(dir, "in", "a.txt.orig"))).toBe(RAW);
    expect(lstatSync(join(dir, "in", "link.txt")).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, "in"))).not.toContain("link.txt.orig");
  });

  it("a link named as the input: its target is rewritten, the link stays a link", async () => {
    mkdirSync(join(dir, "links"));
    symlinkSync(join(dir, "in", "a.txt"), join(dir, "links", "l.txt"));
    const r = await runCli(["clean", join(dir, "links", "l.txt"), "--in-place", ...rules]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "links", "l.txt")).isSymbolicLink()).toBe(true);
    expect(read(join(dir, "in", "a.txt"))).toBe(ARTICLE);
  });

  it("an existing backup is never replaced: the file is left unchanged and reported", async () => {
    writeFileSync(join(dir, "in", "a.txt.orig"), "the only copy of the original\n");
    const r = await runCli(["clean", join(dir, "in"), "--in-place", "--backup", ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`backup ${join(dir, "in", "a.txt.orig")} exists; not overwritten`);
    expect(read(join(dir, "in", "a.txt.orig"))).toBe("the only copy of the original\n");
    expect(read(join(dir, "in", "a.txt"))).toBe(RAW);
    expect(read(join(dir, "in", "b.txt"))).toBe(ARTICLE);
  });
});

it("--report may not overwrite an input, and does not apply to standard input", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  writeFileSync(join(dir, "in", "notes.md"), "my notes\n");
  const r = await runCli(["clean", join(dir, "in"), "--ext", "txt,md", "--out", join(dir, "out"), "--report", join(dir, "in", "notes.md"), ...rules]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("is one of the inputs");
  expect(read(join(dir, "in", "notes.md"))).toBe("my notes\n");
  const ok = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "--report", join(dir, "in", "report.md"), ...rules]);
  expect(ok.code).toBe(0); // .md is not an input extension of this run
  const stdin = await runCli(["clean", "-", "--report", join(dir, "r.json"), ...rules], RAW);
  expect(stdin.code).toBe(2);
  expect(stdin.stderr).toContain("--report does not apply");
});

it("explain - reads standard input", async () => {
  const r = await runCli(["explain", "-", "--line", "1", ...rules], RAW);
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toContain('<stdin>:1 removed: "Skip to content"');
});

it("explain --line says a corpus rule needs counts it does not load, not that the rule judged the line", async () => {
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), RAW);
  const r = await runCli(["explain", join(dir, "in", "a.txt"), "--line", "4", "--only", "repeat/lines"]);
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toContain("repeat/lines: structural rule (algorithm corpus-repeat): it needs corpus counts (clean --learn or --stats), which explain does not load");
});

it("rules test FILES refuses --only, --disable and --lang, which it would ignore", async () => {
  const r = await runCli(["rules", "test", join(dir, "rules"), "--only", "test/boiler"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--only select among loaded rules, and rules test FILES tests every rule in FILES");
  const ok = await runCli(["rules", "test", join(dir, "rules")]);
  expect(ok.code).toBe(0);
});

describe("what a review of this session's changes found", () => {
  it("a user rule whose pattern is an Object.prototype name (constructor) loads and runs", async () => {
    writeFileSync(
      join(dir, "rules", "ctor.yaml"),
      'id: test/ctor\nkind: line\ncategory: navigation\nlanguages: [any]\ndescription: a line that is one word\nmatch:\n  patterns: ["constructor"]\nexamples:\n  remove:\n    - in: "constructor\\nBody text here.\\n"\n      out: "Body text here.\\n"\n  keep:\n    - "Body text here.\\n"\n',
    );
    const r = await runCli(["clean", "-", ...rules], `constructor\n${ARTICLE}`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(ARTICLE);
  });

  it("in place with one glob, a file and a link to it: the file is cleaned once and its backup is the original", async () => {
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.txt"), RAW);
    symlinkSync("a.txt", join(dir, "in", "b.txt"));
    const r = await runCli(["clean", join(dir, "in", "*.txt"), "--in-place", "--backup", "-j", "2", ...rules]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 file read, 1 changed");
    expect(read(join(dir, "in", "a.txt"))).toBe(ARTICLE);
    expect(read(join(dir, "in", "a.txt.orig"))).toBe(RAW);
    expect(lstatSync(join(dir, "in", "b.txt")).isSymbolicLink()).toBe(true);
  });

  it("--report where a glob input would read it is refused", async () => {
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.md"), RAW);
    const r = await runCli(["clean", join(dir, "in", "*.md"), "--in-place", "--report", join(dir, "in", "r.md"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is one of the inputs");
    expect(read(join(dir, "in", "a.md"))).toBe(RAW);
  });
});
