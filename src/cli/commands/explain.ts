import { ruleSource } from "../../report/rule-source.js";
import type { Command } from "commander";
import { makeDocument } from "../../engine/document.js";
import { lineInfo } from "../../engine/features.js";
import { TIDY_RULE } from "../../engine/spans.js";
import { decodeText, InputError, PREVIEW_LIMIT, readText } from "../../io/read-text.js";
import { readAll } from "../../io/stdin.js";
import { STDIN_NAME } from "../../report/run-inputs.js";
import { makeChalk } from "../../report/color.js";
import { toRemovals, type Removal } from "../../report/removals.js";
import { judgeLine, type Verdict } from "../../report/why-kept.js";
import type { CompiledRule } from "../../rules/types.js";
import { cleanDocument } from "../../run/document.js";
import type { CliContext } from "../context.js";
import { addGuardOptions, documentSettings, type DocumentOptions } from "../document-options.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface ExplainOptions extends RuleOptions, DocumentOptions {
  line?: string;
  format: string;
  color?: boolean;
}

export function registerExplain(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("explain")
    .summary("list every removal in a file with the rule that made it")
    .description(
      "List every span `clean` would remove from FILE: its lines, its text, the rule (id, category, description)\n" +
        "and the rule file and line where that rule is defined. With --line N, only the removals touching line N,\n" +
        "and for each other rule why it left the line alone (no match, or a match an exception protected).",
    )
    .argument("<file>", "the text file to explain, or - for standard input")
    .option("--line <n>", "explain one line (1-based)")
    .option("--format <format>", "text or json", "text")
    .option("--color", "colour the output even when it is not a terminal")
    .option("--no-color", "never colour the output");
  addRuleOptions(addGuardOptions(cmd)).addHelpText(
    "after",
    `
Exit codes: 0 explained, 2 the file could not be read or an option is invalid.

Examples:
  $ boilerstrip explain article.txt
  $ boilerstrip explain article.txt --line 12
  $ boilerstrip explain article.txt --format json | jq '.removals[].ruleId'`,
  );
  cmd.action(async (file: string, opts: ExplainOptions) => {
    ctx.exitCode = await runExplain(file, opts, ctx);
  });
}

interface ExplainedRemoval extends Removal {
  description: string;
  /** Where the rule is defined (`file:line`), or `(engine)` for the blank-line tidy. */
  source: string;
}

interface LineReport {
  number: number;
  text: string;
  status: "kept" | "edited" | "removed";
  removedBy: string[];
  /** What each rule that did not remove the line made of it. */
  rules: Verdict[];
}

const TIDY_DESCRIPTION = "blank lines left behind by a removal, tidied (the engine, not a rule file)";

function describe(r: Removal, byId: ReadonlyMap<string, CompiledRule>): ExplainedRemoval {
  const rule = byId.get(r.ruleId);
  if (!rule) return { ...r, description: r.ruleId === TIDY_RULE ? TIDY_DESCRIPTION : "", source: "(engine)" };
  return { ...r, description: rule.meta.description, source: ruleSource(rule.meta) };
}

const quote = (s: string, max = 240) => {
  const j = JSON.stringify(s);
  return j.length > max ? `${j.slice(0, max - 2)}…"` : j;
};

async function runExplain(file: string, opts: ExplainOptions, ctx: CliContext): Promise<number> {
  if (opts.format !== "text" && opts.format !== "json") {
    ctx.stderr.write(`boilerstrip: --format must be text or json, got '${opts.format}'\n`);
    return EXIT.ERROR;
  }
  const settings = documentSettings(opts);
  if (typeof settings === "string") {
    ctx.stderr.write(`boilerstrip: ${settings}\n`);
    return EXIT.ERROR;
  }
  const rules = rulesFromOptions(opts);
  let text: string;
  try {
    // - is standard input, as for the other commands
    text = file === "-" ? decodeText(await readAll(ctx.stdin), STDIN_NAME) : (await readText(file, PREVIEW_LIMIT)).text;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    ctx.stderr.write(`boilerstrip: ${e.message}\n`);
    return EXIT.ERROR;
  }
  if (file === "-") file = STDIN_NAME;
  const doc = makeDocument(text);
  let lineNo: number | undefined;
  if (opts.line !== undefined) {
    lineNo = Number(opts.line);
    if (!Number.isInteger(lineNo) || lineNo < 1 || lineNo > doc.lines.length) {
      ctx.stderr.write(`boilerstrip: --line must be a line number from 1 to ${doc.lines.length}, got '${opts.line}'\n`);
      return EXIT.ERROR;
    }
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  // the content guard applies as in clean: a guarded file is left unchanged, and explain says so and lists what the rules proposed
  const cleaned = cleanDocument(text, rules, settings.guard);
  const result = cleaned.proposed ?? cleaned.result;
  const { guarded } = cleaned;
  let removals = toRemovals(text, result.spans).map((r) => describe(r, byId));
  let line: LineReport | undefined;
  if (lineNo !== undefined) {
    const n = lineNo;
    removals = removals.filter((r) => r.lines[0] <= n && n <= r.lines[1]);
    const info = lineInfo(doc.lines[n - 1]!);
    const removedBy = [...new Set(removals.flatMap((r) => r.ruleIds))];
    const kept = result.spans.length === 0 ? info.line.text : keptPart(text, info.line.start, info.line.end, result.spans);
    const status = removals.length === 0 ? "kept" : kept.trim() === "" ? "removed" : "edited";
    line = { number: n, text: info.line.text, status, removedBy, rules: rules.filter((r) => !removedBy.includes(r.meta.id)).map((r) => judgeLine(r, info)) };
  }
  if (opts.format === "json") {
    ctx.stdout.write(JSON.stringify({ file, changed: !guarded && result.changed, ...(guarded ? { guarded } : {}), removals, ...(line ? { line } : {}) }, null, 2) + "\n");
    return EXIT.OK;
  }
  const c = makeChalk(opts.color, ctx.stdout);
  const out: string[] = [];
  if (line) {
    const how = line.status === "kept" ? c.green("kept") : line.status === "removed" ? c.red("removed") : c.yellow("partly removed");
    out.push(`${c.bold(`${file}:${line.number}`)} ${how}: ${quote(line.text)}`);
  } else {
    out.push(`${c.bold(file)}: ${removals.length === 0 ? "nothing would be removed" : `${removals.length} removal${removals.length === 1 ? "" : "s"}`}`);
  }
  if (guarded) out.push(c.yellow(`guarded: ${guarded}; the removals below are what the rules proposed`));
  for (const r of removals) {
    const where = r.lines[0] === r.lines[1] ? `line ${r.lines[0]}` : `lines ${r.lines[0]}-${r.lines[1]}`;
    const col = r.column > 1 ? `, from column ${r.column}` : "";
    if (r.ruleId === TIDY_RULE) {
      out.push("", `${where}  ${c.dim(`${TIDY_RULE}: ${quote(r.text)} (blank lines left by a removal)`)}`);
      continue;
    }
    const also = r.ruleIds.length > 1 ? c.dim(` (also ${r.ruleIds.slice(1).join(", ")})`) : "";
    out.push("", `${where}${col}  ${c.yellow(r.ruleId)} ${c.dim(`[${r.category}]`)}${also}`, `  ${c.red(quote(r.text))}`);
    if (r.description) out.push(`  ${r.description}`);
    out.push(`  ${c.dim(`defined in ${r.source}`)}`);
  }
  if (line) {
    out.push("", line.status === "kept" ? "Why the rules left this line:" : "What the other rules made of this line:");
    const quiet = line.rules.filter((v) => v.verdict === "no-match");
    for (const v of line.rules.filter((x) => x.verdict !== "no-match")) out.push(`  ${c.yellow(v.ruleId)}: ${v.detail}`);
    if (quiet.length) out.push(`  no match (${quiet.length}): ${quiet.map((v) => v.ruleId).join(", ")}`);
  }
  ctx.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}

function keptPart(text: string, start: number, end: number, spans: readonly { start: number; end: number }[]): string {
  let out = "";
  let pos = start;
  for (const s of spans) {
    if (s.end <= pos || s.start >= end) continue;
    if (s.start > pos) out += text.slice(pos, s.start);
    pos = Math.max(pos, s.end);
  }
  return pos < end ? out + text.slice(pos, end) : out;
}
