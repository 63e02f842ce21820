import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { compileRule } from "../rules/compile.js";
import { BUILTIN_RULES_DIR, displayPath, loadRules, regexEngineForFile, RuleLoadError, type RuleFileProblem } from "../rules/load.js";
import { withRegexEngine } from "../rules/matcher.js";
import type { CompiledRule } from "../rules/types.js";
import { didYouMean, isObj, LANGUAGE_PATTERN, structuralProblems } from "../rules/validate.js";
import { findConfigFile, flagProblem, readConfigFile, type ConfigFile } from "./config-file.js";

/** The rule options of the command line (see src/cli/rule-options.ts). */
export interface RuleOptions {
  /** --rules DIR (repeatable) */
  rules?: string[];
  /** --builtin / --no-builtin (undefined: not given) */
  builtin?: boolean;
  /** --config FILE, or false for --no-config */
  config?: string | false;
  /** --only ID|CATEGORY (repeatable) */
  only?: string[];
  /** --disable ID|CATEGORY (repeatable) */
  disable?: string[];
  /** --lang de,fr (repeatable) */
  lang?: string[];
}

type Where = Omit<RuleFileProblem, "message" | "ruleId">;
/** A rule id or category named somewhere, with where (for "no such rule" messages). */
interface Name {
  name: string;
  where: Where;
}

/** The rule set a command asked for, before loading: CLI over config file over defaults. */
export interface Selection {
  config?: ConfigFile;
  builtin: boolean;
  /** User rule directories: --rules first, then the config file's `rules`. */
  userDirs: string[];
  /** undefined: every rule. */
  only?: Name[];
  /** Rules the config file turns off (unless --only names them). */
  configDisable: Name[];
  cliOnly?: Name[];
  cliDisable: Name[];
  /** undefined: every language. */
  languages?: string[];
  options: { id: string; options: Record<string, unknown>; where: Where; at: (key: string) => Where }[];
}

const splitList = (values: readonly string[] | undefined) => values?.flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);

/** Combine the command line, the config file (given or found from `cwd`) and the defaults. */
export function resolveSelection(opts: RuleOptions, cwd = process.cwd()): Selection {
  const configPath = opts.config === false ? undefined : opts.config ? resolve(cwd, opts.config) : findConfigFile(cwd);
  const config = configPath ? readConfigFile(configPath) : undefined;
  const data = config?.data ?? {};
  const problems: RuleFileProblem[] = [];

  const lang = splitList(opts.lang);
  for (const code of lang ?? []) if (!LANGUAGE_PATTERN.test(code) || code === "any") problems.push(flagProblem("--lang", `"${code}" is not a language code (use codes like de,fr or pt-BR)`));
  const userDirs = [...(opts.rules ?? []).map((d) => resolve(cwd, d)), ...(data.rules ?? [])];
  (data.rules ?? []).forEach((dir, i) => {
    if (!existsSync(dir)) problems.push({ ...config!.locate(["rules", i]), message: `rule directory not found: ${displayPath(dir)}` });
  });
  if (problems.length > 0) throw new RuleLoadError(problems);

  const fromCli = (flag: string, values?: string[]) => splitList(values)?.map((name) => ({ name, where: flagProblem(flag, "") }));
  const fromConfig = (key: "only" | "disable") => data[key]?.map((name, i) => ({ name, where: config!.locate([key, i]) }));
  const cliOnly = fromCli("--only", opts.only);
  return {
    config,
    builtin: opts.builtin ?? data.builtin ?? true,
    userDirs: [...new Set(userDirs)],
    only: cliOnly ?? fromConfig("only"),
    configDisable: fromConfig("disable") ?? [],
    cliOnly,
    cliDisable: fromCli("--disable", opts.disable) ?? [],
    languages: lang ?? data.languages,
    options: Object.entries(data.options ?? {}).map(([id, options]) => ({
      id,
      options,
      where: config!.locate(["options", id]),
      at: (key: string) => config!.locate(["options", id, key]),
    })),
  };
}

/** Two language codes match when their primary subtags do (pt matches pt-BR). */
const primary = (code: string) => code.toLowerCase().split("-")[0]!;
export function speaks(rule: CompiledRule, languages: readonly string[] | undefined): boolean {
  if (!languages) return true;
  const wanted = new Set(languages.map(primary));
  return rule.meta.languages.some((l) => l === "any" || wanted.has(primary(l)));
}

const names = (list: readonly Name[] | undefined) => new Set(list?.map((n) => n.name));
/** The names that select a rule: its id, its category, and its id's group (the part before the last "/": "structure" for "structure/label-run"). */
const namesOf = (rule: CompiledRule) => {
  const { id, category } = rule.meta;
  const slash = id.lastIndexOf("/");
  return slash > 0 ? [id, category, id.slice(0, slash)] : [id, category];
};
const named = (set: Set<string>, rule: CompiledRule) => namesOf(rule).some((n) => set.has(n));

/**
 * Load the selected rules. Every name in only/disable/options must exist;
 * `applyOptions: false` keeps rules as written (what `rules test` checks).
 */
export function loadSelection(sel: Selection, { applyOptions = true } = {}): CompiledRule[] {
  const all = loadRules([...(sel.builtin ? [BUILTIN_RULES_DIR] : []), ...sel.userDirs]);
  const known = [...new Set(all.flatMap(namesOf))];
  const problems: RuleFileProblem[] = [];
  for (const n of [...(sel.only ?? []), ...sel.configDisable, ...sel.cliDisable]) {
    if (!known.includes(n.name)) problems.push({ ...n.where, message: `no rule, category or group "${n.name}"${didYouMean(n.name, known)}` });
  }
  const byId = new Map(all.map((r) => [r.meta.id, r]));
  const overrides = new Map<string, CompiledRule>();
  for (const o of sel.options) {
    const rule = byId.get(o.id);
    if (!rule) {
      problems.push({ ...o.where, message: `options for an unknown rule "${o.id}"${didYouMean(o.id, [...byId.keys()])}` });
      continue;
    }
    if (rule.meta.kind !== "structural") {
      problems.push({ ...o.where, message: `options apply to structural rules only; "${o.id}" is a ${rule.meta.kind} rule` });
      continue;
    }
    const merged = { ...(isObj(rule.spec.options) ? rule.spec.options : {}), ...o.options };
    const engine = regexEngineForFile(rule.meta.source.file);
    const found = structuralProblems(rule.spec.algorithm, merged, engine);
    for (const p of found) problems.push({ ...(typeof p.path[1] === "string" ? o.at(p.path[1]) : o.where), ruleId: o.id, message: p.message });
    if (found.length === 0 && applyOptions) overrides.set(o.id, withRegexEngine(engine, () => compileRule({ ...rule.spec, options: merged }, rule.meta.source)));
  }
  if (problems.length > 0) throw new RuleLoadError(problems);

  const only = sel.only ? names(sel.only) : undefined;
  const cliOnly = names(sel.cliOnly);
  const configDisable = names(sel.configDisable);
  const cliDisable = names(sel.cliDisable);
  return all
    .filter((r) => (!only || named(only, r)) && !named(cliDisable, r) && !(named(configDisable, r) && !named(cliOnly, r)) && speaks(r, sel.languages))
    .map((r) => overrides.get(r.meta.id) ?? r);
}

/** The final rule set of a cleaning command. */
export function selectRules(opts: RuleOptions, { cwd = process.cwd(), applyOptions = true } = {}): CompiledRule[] {
  return loadSelection(resolveSelection(opts, cwd), { applyOptions });
}
