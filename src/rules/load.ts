import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { compileRule } from "./compile.js";
import type { CompiledRule } from "./types.js";
import { asSpec, validateSpec } from "./validate.js";

/** The built-in rule packs shipped in the package's `rules/` directory. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));

export const RULE_EXTENSIONS = [".yaml", ".yml", ".json"];

/** One problem in one rule file, with its position (1-based line and column). */
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
  return `${p.file}:${p.line}:${p.column}: ${p.ruleId ? `${p.ruleId}: ` : ""}${p.message}`;
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
function nodeAt(root: Node | null | undefined, path: (string | number)[]): { node: Node | null | undefined; key: boolean } {
  let node = root;
  let key = false;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === step);
      if (!pair) break;
      // point at the key when the value itself is absent or the key is the problem
      node = (pair.value as Node | null) ?? (pair.key as Node);
      key = pair.value == null;
      if (step === path[path.length - 1] && typeof step === "string" && !isMap(node) && !isSeq(node)) key = false;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step] as Node | undefined;
    } else break;
  }
  return { node, key };
}

/** Parse, validate and compile one rule file; problems are returned, never thrown. */
export function loadRuleFile(file: string, displayBase = process.cwd()): { rule?: CompiledRule; problems: RuleFileProblem[] } {
  const shown = relative(displayBase, file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { problems: [{ file: shown, line: 1, column: 1, message: `cannot read rule file: ${(e as Error).message}` }] };
  }
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
  const found = validateSpec(data);
  if (found.length > 0) {
    return {
      problems: found.map((p) => {
        const { node } = nodeAt(doc.contents as Node, p.path);
        const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
        return { file: shown, line: pos.line, column: pos.col, ruleId: id, message: p.message };
      }),
    };
  }
  const root = doc.contents as Node;
  const pos = lineCounter.linePos(nodeAt(root, ["id"]).node?.range?.[0] ?? 0);
  try {
    return { rule: compileRule(asSpec(data), { file: resolve(file), line: pos.line, column: pos.col }), problems: [] };
  } catch (e) {
    return { problems: [{ file: shown, line: pos.line, column: pos.col, ruleId: id, message: (e as Error).message }] };
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
  for (const dir of dirs) {
    let files: string[];
    try {
      files = listRuleFiles(dir);
    } catch (e) {
      problems.push({ file: dir, line: 1, column: 1, message: `cannot read rule directory: ${(e as Error).message}` });
      continue;
    }
    for (const file of files) {
      const { rule, problems: found } = loadRuleFile(file);
      problems.push(...found);
      if (!rule) continue;
      const other = seen.get(rule.meta.id);
      if (other) {
        const s = rule.meta.source;
        problems.push({
          file: relative(process.cwd(), s.file) || s.file, line: s.line, column: s.column, ruleId: rule.meta.id,
          message: `duplicate rule id (already defined in ${relative(process.cwd(), other.meta.source.file)}:${other.meta.source.line})`,
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
