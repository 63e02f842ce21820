import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { compileRule } from "./compile.js";
import { withRegexEngine, type RegexEngine } from "./matcher.js";
import type { CompiledRule } from "./types.js";
import { ruleSnapshot, snapshotFile } from "./snapshot.js";
import { asSpec, validateSpec } from "./validate.js";

/** The built-in rule packs shipped in the package's `rules/` directory. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));

export const RULE_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Built-in rules run on V8's RegExp (fast, vetted); every other rule file on the linear-time engine. */
export function regexEngineForFile(file: string): RegexEngine {
  const path = resolve(file);
  return path.startsWith(BUILTIN_RULES_DIR) ? "native" : "linear";
}

/** One problem in one rule or config file, with its position (1-based line and column; 0 when it has none, as for a command-line flag). */
export interface RuleFileProblem {
  file: string;
  line: number;
  column: number;
  ruleId?: string;
  message: string;
}

export class RuleLoadError extends Error {
  constructor(readonly problems: RuleFileProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "RuleLoadError";
  }
}

export function formatProblem(p: RuleFileProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where}: ${p.ruleId ? `${p.ruleId}: ` : ""}${p.message}`;
}

/** All rule files below a directory (or the file itself), sorted for a stable order. */
export function listRuleFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const p = join(path, entry.name);
    if (entry.isDirectory()) out.push(...listRuleFiles(p));
    else if (RULE_EXTENSIONS.includes(extname(entry.name)) && !entry.name.endsWith(".schema.json")) out.push(p);
  }
  return out;
}

/** Find the YAML node at a data path, to report a position. */
export function nodeAt(root: Node | null | undefined, path: (string | number)[]): { node: Node | null | undefined; key: boolean } {
  let node = root;
  let key = false;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === step);
      if (!pair) break;
      // point at the key when the value itself is absent or the key is the problem
      node = (pair.value as Node | null) ?? (pair.key as Node);
      key = pair.value == null;
      // a problem with a whole mapping or list is shown at its key (the value starts on the next line)
      if (step === path[path.length - 1] && (isMap(node) || isSeq(node))) node = pair.key as Node;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step] as Node | undefined;
    } else break;
  }
  return { node, key };
}

/** The 1-based line and column of the value (or key) at a data path of a parsed YAML document. */
export function positionOf(root: Node | null | undefined, lineCounter: LineCounter, path: (string | number)[]): { line: number; column: number } {
  const pos = lineCounter.linePos(nodeAt(root, path).node?.range?.[0] ?? 0);
  return { line: pos.line, column: pos.col };
}

/** A path as shown in messages: relative to the working directory when below it. */
export function displayPath(file: string, base = process.cwd()): string {
  const rel = relative(base, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

export interface LoadRuleOptions {
  /** Paths in messages are shown relative to this directory. */
  displayBase?: string;
  /** Which regex engine the rule runs on; by default from where the file lives (regexEngineForFile). */
  engine?: RegexEngine;
}

/** A rule file's data, found valid, and where its `id` is; or its problems. */
type ParsedRuleFile = { data: unknown; line: number; column: number; problems?: undefined } | { problems: RuleFileProblem[] };

/** Parse and validate one rule file's text (`shown`: its path in messages). */
export function parseRuleFile(file: string, text: string, engine: RegexEngine, shown: string = displayPath(file)): ParsedRuleFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file: shown, line: pos.line, column: pos.col, message: `${extname(file) === ".json" ? "JSON" : "YAML"} syntax: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  const data = doc.toJS() as unknown;
  const id = typeof (data as { id?: unknown })?.id === "string" ? (data as { id: string }).id : undefined;
  const found = validateSpec(data, { engine });
  if (found.length > 0) {
    return {
      problems: found.map((p) => {
        const { node } = nodeAt(doc.contents as Node, p.path);
        const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
        return { file: shown, line: pos.line, column: pos.col, ruleId: id, message: p.message };
      }),
    };
  }
  const pos = lineCounter.linePos(nodeAt(doc.contents as Node, ["id"]).node?.range?.[0] ?? 0);
  return { data, line: pos.line, column: pos.col };
}

/**
 * A built-in rule file's parse from the build's snapshot (src/rules/snapshot.ts) when it was
 * made from this very text, else a fresh parse.
 */
function parseOrRecall(file: string, text: string, engine: RegexEngine, shown: string): ParsedRuleFile {
  const path = resolve(file);
  if (path.startsWith(BUILTIN_RULES_DIR)) {
    const hit = snapshotFile(ruleSnapshot(), relative(BUILTIN_RULES_DIR, path), text, engine);
    if (hit) return hit;
  }
  return parseRuleFile(file, text, engine, shown);
}

/** Parse, validate and compile one rule file; problems are returned, never thrown. */
export function loadRuleFile(file: string, options: LoadRuleOptions | string = {}): { rule?: CompiledRule; problems: RuleFileProblem[] } {
  const opts = typeof options === "string" ? { displayBase: options } : options;
  const shown = displayPath(file, opts.displayBase);
  const engine = opts.engine ?? regexEngineForFile(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { problems: [{ file: shown, line: 1, column: 1, message: `cannot read rule file: ${(e as Error).message}` }] };
  }
  const parsed = parseOrRecall(file, text, engine, shown);
  if (parsed.problems) return { problems: parsed.problems };
  const { data, line, column } = parsed;
  try {
    return { rule: withRegexEngine(engine, () => compileRule(asSpec(data), { file: resolve(file), line, column })), problems: [] };
  } catch (e) {
    const id = (data as { id?: string }).id;
    return { problems: [{ file: shown, line, column, ruleId: id, message: (e as Error).message }] };
  }
}

/**
 * Load every rule file below the given directories. All files are checked
 * before anything runs; any problem (including a duplicate id) throws a
 * RuleLoadError listing every problem found.
 */
export function loadRules(dirs: readonly string[] = [BUILTIN_RULES_DIR]): CompiledRule[] {
  const rules: CompiledRule[] = [];
  const problems: RuleFileProblem[] = [];
  const seen = new Map<string, CompiledRule>();
  const loaded = new Set<string>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = listRuleFiles(dir);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
      problems.push({ file: displayPath(dir), line: 0, column: 0, message: missing ? "rule directory not found" : `cannot read rule directory: ${(e as Error).message}` });
      continue;
    }
    for (const file of files) {
      // one file named twice (--rules and the config, a directory and a file in it) is one rule, not a duplicate
      const real = realOrResolved(file);
      if (loaded.has(real)) continue;
      loaded.add(real);
      const { rule, problems: found } = loadRuleFile(file);
      problems.push(...found);
      if (!rule) continue;
      const other = seen.get(rule.meta.id);
      if (other) {
        const s = rule.meta.source;
        problems.push({
          file: displayPath(s.file), line: s.line, column: s.column, ruleId: rule.meta.id,
          message: `duplicate rule id (already defined in ${displayPath(other.meta.source.file)}:${other.meta.source.line})`,
        });
        continue;
      }
      seen.set(rule.meta.id, rule);
      rules.push(rule);
    }
  }
  if (problems.length > 0) throw new RuleLoadError(problems);
  return rules;
}

function realOrResolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}
