import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { LineCounter, parseDocument, type Node } from "yaml";
import { displayPath, positionOf, RuleLoadError, type RuleFileProblem } from "../rules/load.js";
import { didYouMean, isObj, LANGUAGE_PATTERN } from "../rules/validate.js";

/** Names looked for in the working directory and each directory above it, in this order. */
export const CONFIG_NAMES = ["boilerstrip.config.yaml", "boilerstrip.config.yml", "boilerstrip.config.json"];

/** What a config file may say (every key optional). */
export interface ConfigData {
  /** Load the built-in rule packs (default true). */
  builtin?: boolean;
  /** Extra rule directories or files, relative to the config file. */
  rules?: string[];
  /** Run only these rule ids or categories. */
  only?: string[];
  /** Turn these rule ids or categories off. */
  disable?: string[];
  /** Load only rules for these languages (rules with `languages: [any]` always load). */
  languages?: string[];
  /** Options of structural rules, by rule id, merged over the rule file's `options`. */
  options?: Record<string, Record<string, unknown>>;
}

export const CONFIG_KEYS = ["$schema", "builtin", "rules", "only", "disable", "languages", "options"] as const;

export interface ConfigFile {
  /** Absolute path. */
  file: string;
  data: ConfigData;
  /** Where a value of the file is ("path:line:col" pieces), for messages about ids that only make sense once rules are loaded. */
  locate(path: (string | number)[]): { file: string; line: number; column: number };
}

/** The config file for a working directory: the nearest one in it or a directory above. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read and check a config file; throws RuleLoadError (file:line:col for each problem). */
export function readConfigFile(path: string): ConfigFile {
  const file = resolve(path);
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new RuleLoadError([{ file: shown, line: 0, column: 0, message: missing ? "config file not found" : `cannot read config file: ${(e as Error).message}` }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RuleLoadError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file: shown, line: pos.line, column: pos.col, message: `${extname(file) === ".json" ? "JSON" : "YAML"} syntax: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  const root = doc.contents as Node | null;
  const locate = (p: (string | number)[]) => ({ file: shown, ...positionOf(root, lineCounter, p) });
  const data = (doc.toJS() as unknown) ?? {};
  const problems = checkConfig(data).map(({ path, message }) => ({ ...locate(path), message }));
  if (problems.length > 0) throw new RuleLoadError(problems);
  const config = data as ConfigData;
  if (config.rules) config.rules = config.rules.map((dir) => resolve(dirname(file), dir));
  return { file, data: config, locate };
}

/** The problems of parsed config data (paths into the data). */
export function checkConfig(data: unknown): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isObj(data)) return [{ path: [], message: `a config file must hold one mapping (${CONFIG_KEYS.slice(1).join(", ")})` }];
  for (const key of Object.keys(data)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) fail([key], `unknown key "${key}"${didYouMean(key, CONFIG_KEYS)}; a config file takes ${CONFIG_KEYS.slice(1).join(", ")}`);
  }
  if (data.builtin !== undefined && typeof data.builtin !== "boolean") fail(["builtin"], `"builtin" must be true or false`);
  const strings = (key: string, what: string, ok: (s: string) => boolean = (s) => s.trim() !== "") => {
    const v = data[key];
    if (v === undefined) return;
    if (!Array.isArray(v)) return fail([key], `"${key}" must be a list of ${what}`);
    v.forEach((x, i) => (typeof x === "string" && ok(x) ? undefined : fail([key, i], `"${key}" must be a list of ${what}`)));
  };
  strings("rules", "rule directories (relative to this file)");
  strings("only", "rule ids or categories");
  strings("disable", "rule ids or categories");
  strings("languages", "language codes like de, fr, pt-BR", (s) => LANGUAGE_PATTERN.test(s) && s !== "any");
  if (data.options !== undefined) {
    if (!isObj(data.options)) fail(["options"], `"options" must map structural rule ids to their options`);
    else for (const [id, v] of Object.entries(data.options)) if (!isObj(v)) fail(["options", id], `the options of "${id}" must be a mapping (option: value)`);
  }
  return problems;
}

/** A problem with a name given on the command line (no position). */
export function flagProblem(flag: string, message: string): RuleFileProblem {
  return { file: flag, line: 0, column: 0, message };
}
