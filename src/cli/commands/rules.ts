import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { diffLines } from "diff";
import { loadSelection, resolveSelection } from "../../config/select.js";
import { describeFailure, exampleCount, testRuleExamples, type ExampleFailure } from "../../rules/examples.js";
import { BUILTIN_RULES_DIR, displayPath, listRuleFiles, loadRuleFile, loadRules } from "../../rules/load.js";
import type { CompiledRule } from "../../rules/types.js";
import { buildRuleSchema, didYouMean, ID_PATTERN, KINDS, LANGUAGE_PATTERN, PLACEHOLDER } from "../../rules/validate.js";
import { ALGORITHMS } from "../../rules/structural/registry.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, addRuleSourceOptions, type RuleOptions } from "../rule-options.js";
import { addSuggestCommand } from "./rules-suggest.js";

/** Where `rules new` writes when no user rule directory is configured. */
export const DEFAULT_USER_RULES_DIR = "rules-local";

export function registerRules(program: Command, ctx: CliContext): void {
  const rules = program
    .command("rules")
    .summary("list, test and create rules")
    .description("Work with rules: list what is loaded, run rules' own examples, scaffold a new rule file.")
    .addHelpText(
      "after",
      `
Examples:
  $ boilerstrip rules list --category consent --lang de
  $ boilerstrip rules new consent/cookies-xx --lang xx     # writes rules-local/consent/cookies-xx.yaml
  $ boilerstrip rules test rules-local/                   # runs the examples of the rules there
  $ boilerstrip rules test                                # all loaded rules (built-in + configured)

Guide: docs/writing-rules.md`,
    );

  const list = rules
    .command("list")
    .summary("list the loaded rules")
    .description("List the rules a cleaning command would load: id, kind, category, languages, source file and description.")
    .option("--category <category>", "only rules of this category")
    .option("--format <format>", "text or json", "text");
  addRuleOptions(list).action((opts: ListOptions) => {
    ctx.exitCode = runList(opts, ctx);
  });

  const test = rules
    .command("test")
    .summary("run rules' own examples")
    .description(
      "Run the examples of rule files (every remove example must give its `out`, every keep text must stay unchanged)\n" +
        "and report each failure with the rule id, the example and a diff of expected against actual output.\n" +
        "FILES are rule files or directories; without them, every loaded rule (built-in + configured) is tested.",
    )
    .argument("[files...]", "rule files or directories");
  addRuleOptions(test)
    .addHelpText("after", "\nExit codes: 0 every example passed, 1 some example failed, 2 a rule or config file is invalid.")
    .action((files: string[], opts: RuleOptions) => {
      ctx.exitCode = runTest(files, opts, ctx);
    });

  const scaffold = rules
    .command("new")
    .summary("write a rule file skeleton to fill in")
    .description(
      "Write a commented rule file with example slots into the first user rule directory (--rules, or the config\n" +
        `file's "rules"; else ./${DEFAULT_USER_RULES_DIR}/). It does not load until every "${PLACEHOLDER}" slot is filled.`,
    )
    .argument("<id>", 'rule id, "category/name" (or just the name with --category)')
    .option("--category <category>", "the rule's category (default: the first part of the id)")
    .option("--lang <codes>", "the languages the rule is written for, e.g. nl or de,fr", "any")
    .option("--kind <kind>", `rule kind: ${KINDS.join(", ")}`, "line");
  addRuleSourceOptions(scaffold).action((id: string, opts: NewOptions) => {
    ctx.exitCode = runNew(id, opts, ctx);
  });

  rules
    .command("schema")
    .summary("print the JSON Schema of rule files")
    .description("Print the JSON Schema of rule files (rules/rule.schema.json is this output).")
    .action(() => {
      ctx.stdout.write(JSON.stringify(buildRuleSchema(), null, 2) + "\n");
    });

  addSuggestCommand(rules, ctx);
}

/* ---------- rules list ---------- */

interface ListOptions extends RuleOptions {
  category?: string;
  format: string;
}

function runList(opts: ListOptions, ctx: CliContext): number {
  if (opts.format !== "text" && opts.format !== "json") {
    ctx.stderr.write(`boilerstrip: --format must be text or json, got "${opts.format}"\n`);
    return EXIT.ERROR;
  }
  const selected = loadSelection(resolveSelection(opts));
  const categories = [...new Set(selected.map((r) => r.meta.category))].sort();
  if (opts.category !== undefined && !categories.includes(opts.category)) {
    ctx.stderr.write(`boilerstrip: --category: no rule has the category "${opts.category}"${didYouMean(opts.category, categories)} (categories: ${categories.join(", ")})\n`);
    return EXIT.ERROR;
  }
  const rules = selected.filter((r) => !opts.category || r.meta.category === opts.category).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const rows = rules.map((r) => ({
    id: r.meta.id,
    kind: r.meta.kind,
    category: r.meta.category,
    languages: r.meta.languages,
    description: r.meta.description.replace(/\s+/g, " ").trim(),
    file: displayPath(r.meta.source.file),
    line: r.meta.source.line,
  }));
  if (opts.format === "json") {
    ctx.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return EXIT.OK;
  }
  const table = [["ID", "KIND", "CATEGORY", "LANGUAGES", "SOURCE", "DESCRIPTION"], ...rows.map((r) => [r.id, r.kind, r.category, shortList(r.languages), `${r.file}:${r.line}`, r.description])];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) ctx.stdout.write(row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ") + "\n");
  ctx.stderr.write(`${rows.length} rule${rows.length === 1 ? "" : "s"}\n`);
  return EXIT.OK;
}

/** `en,de,fr,+9` for long language lists (the JSON output has them all). */
const shortList = (codes: readonly string[]) => (codes.length > 4 ? `${codes.slice(0, 3).join(",")},+${codes.length - 3}` : codes.join(","));

/* ---------- rules test ---------- */

/** A text block for the terminal: each line prefixed; a missing final newline said out loud. */
function block(text: string, prefix: string): string[] {
  if (text === "") return [`${prefix}(empty)`];
  const lines = text.split("\n");
  const last = lines.pop()!;
  const out = lines.map((l) => prefix + l);
  if (last !== "") out.push(prefix + last + "  ⟵ no newline at end");
  return out;
}

/** A line diff of expected (-) against actual (+). */
export function formatDiff(expected: string, actual: string, indent = "    "): string[] {
  const out = [`${indent}--- expected`, `${indent}+++ actual`];
  for (const part of diffLines(expected, actual)) {
    out.push(...block(part.value, `${indent}${part.added ? "+" : part.removed ? "-" : " "} `));
  }
  return out;
}

export function formatFailure(f: ExampleFailure): string {
  const [file, line] = [f.source.slice(0, f.source.lastIndexOf(":")), f.source.slice(f.source.lastIndexOf(":") + 1)];
  return [
    `FAIL ${f.ruleId} (${displayPath(file)}:${line})`,
    `  ${describeFailure(f)}`,
    `  ${f.kind === "again" ? "cleaned again" : "in"}:`,
    ...block(f.input, "    | "),
    ...formatDiff(f.expected, f.actual),
  ].join("\n");
}

function runTest(files: string[], opts: RuleOptions, ctx: CliContext): number {
  let rules: CompiledRule[];
  let companions: CompiledRule[];
  if (files.length > 0) {
    // FILES are tested whole: a selection would be ignored, so it is refused ("rules test --rules DIR --only X" selects)
    const selection = [opts.only?.length && "--only", opts.disable?.length && "--disable", opts.lang?.length && "--lang"].filter(Boolean);
    if (selection.length > 0) {
      ctx.stderr.write(`boilerstrip: ${selection.join(", ")} select among loaded rules, and rules test FILES tests every rule in FILES; to select, run: boilerstrip rules test --rules DIR ${selection[0]} …\n`);
      return EXIT.ERROR;
    }
    rules = loadRules(files.map((f) => resolve(f)));
    // structural rules that build on other rules' removals run beside the built-in ones
    companions = [...rules, ...(opts.builtin === false ? [] : loadRules([BUILTIN_RULES_DIR]).filter((b) => !rules.some((r) => r.meta.id === b.meta.id)))];
  } else {
    rules = loadSelection(resolveSelection(opts), { applyOptions: false });
    companions = rules;
  }
  let cases = 0;
  const failures: ExampleFailure[] = [];
  for (const rule of rules) {
    cases += exampleCount(rule);
    failures.push(...testRuleExamples(rule, companions));
  }
  for (const f of failures) ctx.stdout.write(formatFailure(f) + "\n\n");
  const failedRules = new Set(failures.map((f) => f.ruleId)).size;
  ctx.stdout.write(
    `${rules.length} rule${rules.length === 1 ? "" : "s"}, ${cases} example${cases === 1 ? "" : "s"}: ` +
      (failures.length === 0 ? "all passed\n" : `${failures.length} failed in ${failedRules} rule${failedRules === 1 ? "" : "s"}\n`),
  );
  return failures.length > 0 ? EXIT.CHANGES : EXIT.OK;
}

/* ---------- rules new ---------- */

interface NewOptions extends Pick<RuleOptions, "rules" | "config" | "builtin"> {
  category?: string;
  lang: string;
  kind: string;
}

function runNew(rawId: string, opts: NewOptions, ctx: CliContext): number {
  const fail = (message: string) => {
    ctx.stderr.write(`boilerstrip: ${message}\n`);
    return EXIT.ERROR;
  };
  const id = rawId.includes("/") || !opts.category ? rawId : `${opts.category}/${rawId}`;
  if (!ID_PATTERN.test(id)) return fail(`rule id "${id}" must look like "category/name" (lower-case letters, digits, dashes), e.g. consent/cookies-nl; or pass the name with --category`);
  const category = opts.category ?? id.split("/")[0]!;
  if (!(KINDS as readonly string[]).includes(opts.kind)) return fail(`--kind must be one of ${KINDS.join(", ")}`);
  const languages = opts.lang.split(",").map((s) => s.trim()).filter(Boolean);
  if (languages.length === 0 || !languages.every((l) => LANGUAGE_PATTERN.test(l))) return fail(`--lang takes language codes like nl or de,fr (or any)`);

  const sel = resolveSelection({ rules: opts.rules, config: opts.config, builtin: opts.builtin });
  const configured = sel.userDirs[0];
  const dir = configured ?? resolve(DEFAULT_USER_RULES_DIR);
  if (existsSync(dir) && !statSync(dir).isDirectory()) return fail(`${displayPath(dir)} is a file; rules new needs a rule directory (pass --rules DIR)`);
  const file = join(dir, ...id.split("/")) + ".yaml";
  if (existsSync(file)) return fail(`${displayPath(file)} already exists; pick another id or edit that file`);
  // a rule file elsewhere that does not load yet (another unfilled skeleton) must not stop scaffolding
  for (const d of [...(sel.builtin ? [BUILTIN_RULES_DIR] : []), ...sel.userDirs].filter((p) => existsSync(p))) {
    for (const other of listRuleFiles(d)) {
      const existing = loadRuleFile(other).rule;
      if (existing?.meta.id === id) return fail(`a rule "${id}" already exists (${displayPath(existing.meta.source.file)}:${existing.meta.source.line}); pick another id`);
    }
  }

  mkdirSync(dirname(file), { recursive: true });
  // relative when the schema is inside the project (node_modules/boilerstrip/rules/…), else absolute
  const schemaFile = join(BUILTIN_RULES_DIR, "rule.schema.json");
  const schema = (relative(process.cwd(), schemaFile).startsWith("..") ? schemaFile : relative(dirname(file), schemaFile)).split("\\").join("/");
  writeFileSync(file, scaffoldRule({ id, category, languages, kind: opts.kind as (typeof KINDS)[number], schema, file: displayPath(file), dir: displayPath(dir) }));
  const shownDir = displayPath(dir);
  const lines = [`Created ${displayPath(file)} (a ${opts.kind} rule).`];
  if (!configured) {
    lines.push(
      `No user rule directory is configured (--rules or "rules" in boilerstrip.config.yaml), so it went to ./${DEFAULT_USER_RULES_DIR}/.`,
      `To use it when cleaning, add  rules: [${DEFAULT_USER_RULES_DIR}]  to boilerstrip.config.yaml, or pass --rules ${DEFAULT_USER_RULES_DIR}.`,
    );
  }
  lines.push(
    "",
    "Next:",
    `  1. Fill in every "${PLACEHOLDER}" slot: paste the banner's lines from a scraped file into match and examples.`,
    `  2. boilerstrip rules test ${displayPath(file)}`,
    `  3. boilerstrip explain --rules ${shownDir} path/to/scraped.txt     # see the rule at work on a real file`,
    "Guide: docs/writing-rules.md",
  );
  ctx.stdout.write(lines.join("\n") + "\n");
  return EXIT.OK;
}

interface Scaffold {
  id: string;
  category: string;
  languages: string[];
  kind: (typeof KINDS)[number];
  schema: string;
  file: string;
  dir: string;
}

const MATCH_BLOCK = (key: string, what: string) => `${key}:
  # ${what}
  # phrases: the whole line equals one of them (list markers, edge punctuation, case and
  # extra spaces ignored). Fastest and safest: prefer phrases.
  phrases:
    - "${PLACEHOLDER} a line to remove, copied from a scraped file"
  # patterns: whole-line regular expressions (anchored for you, case-insensitive).
  # patterns:
  #   - 'we use cookies to [^.]{0,80}'
  # contains: a regular expression found anywhere in the line. Keep it specific.
  # contains:
  #   - '\\bcookie settings\\b'
  # patterns and contains only test lines of at most maxLength characters:
  # long lines are article text far more often than boilerplate.
  maxLength: 200`;

const EXCEPTIONS = `# exceptions: a line containing one of these is never removed by this rule.
# exceptions:
#   - 'cookie (recipe|jar|dough)'`;

/** The commented skeleton of a new rule file. */
export function scaffoldRule(s: Scaffold): string {
  const body: Record<(typeof KINDS)[number], string> = {
    line: `${MATCH_BLOCK("match", "Which lines to remove.")}\n${EXCEPTIONS}`,
    block: `${MATCH_BLOCK("match", "The line that starts a block (the banner's main sentence).")}
members:
  # Lines around a start line that belong to the block: buttons, links, more banner text.
  phrases:
    - "${PLACEHOLDER} a button or link of the banner, e.g. Accept all"
  maxLength: 120
# How many member lines above / below the start line go with it (blank lines not counted).
before: 2
after: 4
# Optional: one line right below a start line that is not a member, taken when a short line of the
# block follows it (a sign-up box's tagline between its heading and its e-mail field).
# bridge:
#   contains:
#     - '\\b(?:daily|weekly|every (?:day|week))\\b'
${EXCEPTIONS}`,
    inline: `# The regular expression removed inside lines (only the named group "cut" when it has one).
pattern: '${PLACEHOLDER} a regular expression, e.g. \\s*\\(Photo: [^)]{1,60}\\)'
# Optional: only lines matching this are searched.
# match:
#   contains:
#     - 'photo'
#   maxLength: 400
${EXCEPTIONS}`,
    structural: `# An algorithm on the shape of lines (code in src/rules/structural/). Known:
${[...ALGORITHMS.values()].map((a) => `#   ${a.name}: ${a.description} (options: ${a.options.join(", ") || "none"})`).join("\n")}
algorithm: "${PLACEHOLDER} one of ${[...ALGORITHMS.keys()].join(", ")}"
# options:
#   minLength: 12`,
  };
  return `# yaml-language-server: $schema=${s.schema}
# A boilerstrip rule (one rule per file). Guide: docs/writing-rules.md
# 1. Replace every "${PLACEHOLDER}" value below; the rule does not load until you do.
# 2. Test it:   boilerstrip rules test ${s.file}
# 3. Use it:    boilerstrip clean --rules ${s.dir} scraped/ --out cleaned/
id: ${s.id}
kind: ${s.kind}
category: ${s.category}
languages: [${s.languages.join(", ")}]
description: "${PLACEHOLDER} what this rule removes, with an example phrase"
${body[s.kind]}
examples:
  # Every rule needs both kinds of example; they run as tests (boilerstrip rules test).
  # remove: "in" is a piece of a scraped file with the boilerplate, "out" the same piece after
  # this rule alone ran. Keep an article line or two around the boilerplate in both.
  remove:
    - in: "${PLACEHOLDER} a few lines of a scraped file, with the boilerplate\\n"
      out: "${PLACEHOLDER} the same lines without the boilerplate\\n"
  # keep: texts the rule must leave exactly as they are. Add article sentences that use the
  # same words as the boilerplate: they are how you know the rule does not eat content.
  keep:
    - "${PLACEHOLDER} an article line that mentions the same words but must stay\\n"
`;
}

