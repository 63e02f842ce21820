import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { cleanText } from "../src/engine/clean.js";
import { findConfigFile, readConfigFile } from "../src/config/config-file.js";
import { selectRules } from "../src/config/select.js";
import { rulesFromOptions } from "../src/cli/rule-options.js";
import { RuleLoadError } from "../src/rules/load.js";

// A project with two user rules and a config file; the built-in packs are left out
// (builtin: false) so the expected rule sets stay small and exact.
const USER_RULES = join(import.meta.dirname, "..", "fixtures", "config-project", "rules");

function project(config: string | undefined, name = "boilerstrip.config.yaml"): string {
  const root = scratchDir("bs-config-");
  if (config !== undefined) writeFileSync(join(root, name), config);
  mkdirSync(join(root, "sub", "deeper"), { recursive: true });
  return root;
}
const ids = (rules: { meta: { id: string } }[]) => rules.map((r) => r.meta.id).sort();
const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleLoadError) return e.message.split("\n");
    throw e;
  }
  return [];
};

describe("config file discovery", () => {
  it("finds the nearest config walking up from the working directory", () => {
    const root = project("builtin: false\n");
    expect(findConfigFile(join(root, "sub", "deeper"))).toBe(join(root, "boilerstrip.config.yaml"));
  });
  it("prefers .yaml, then .yml, then .json in one directory", () => {
    const root = project("{}", "boilerstrip.config.json");
    expect(findConfigFile(root)).toBe(join(root, "boilerstrip.config.json"));
    writeFileSync(join(root, "boilerstrip.config.yml"), "{}");
    expect(findConfigFile(root)).toBe(join(root, "boilerstrip.config.yml"));
  });
  it("a nearer config wins over one further up", () => {
    const root = project("builtin: false\n");
    writeFileSync(join(root, "sub", "boilerstrip.config.yaml"), "builtin: false\nonly: [consent]\n");
    expect(findConfigFile(join(root, "sub", "deeper"))).toBe(join(root, "sub", "boilerstrip.config.yaml"));
  });
  it("rule directories are relative to the config file, not the working directory", () => {
    const root = project(`builtin: false\nrules: [${JSON.stringify(USER_RULES)}]\n`);
    writeFileSync(join(root, "boilerstrip.config.yaml"), "builtin: false\nrules: [rules]\n");
    mkdirSync(join(root, "rules"));
    writeFileSync(join(root, "rules", "x.yaml"), RULE("local/x", "local", "[any]"));
    expect(ids(selectRules({}, { cwd: join(root, "sub", "deeper") }))).toEqual(["local/x"]);
  });
  it("--config FILE and --no-config", () => {
    const root = project("builtin: false\nrules: [rules]\n");
    mkdirSync(join(root, "rules"));
    writeFileSync(join(root, "rules", "x.yaml"), RULE("local/x", "local", "[any]"));
    writeFileSync(join(root, "other.yaml"), `builtin: false\nrules: [${JSON.stringify(USER_RULES)}]\n`);
    expect(ids(selectRules({ config: "other.yaml" }, { cwd: root }))).toEqual(["consent/local-cookies-ro", "navigation/local-back-link-ro", "structure/local-repeated-long"]);
    // without a config file the built-in packs load: the local rule does not
    expect(selectRules({ config: false }, { cwd: root }).some((r) => r.meta.id === "local/x")).toBe(false);
    expect(problems(() => selectRules({ config: "missing.yaml" }, { cwd: root }))).toEqual([`${join(root, "missing.yaml")}: config file not found`]);
  });
});

const RULE = (id: string, category: string, languages: string) => `id: ${id}
kind: line
category: ${category}
languages: ${languages}
description: test rule
match:
  phrases: [Remove me]
examples:
  remove:
    - in: "Remove me\\nText.\\n"
      out: "Text.\\n"
  keep:
    - "Text.\\n"
`;

describe("precedence: command line over config file over defaults", () => {
  const base = `builtin: false\nrules: [${JSON.stringify(USER_RULES)}]\n`;
  const all = ["consent/local-cookies-ro", "navigation/local-back-link-ro", "structure/local-repeated-long"];
  const select = (config: string, cli: Parameters<typeof selectRules>[0] = {}) => ids(rulesFromOptions(cli, project(base + config)));

  it("defaults: every rule of every loaded pack", () => expect(select("")).toEqual(all));
  it("builtin: default on; config off; --builtin wins over the config", () => {
    const root = project(base);
    expect(ids(rulesFromOptions({}, root))).toEqual(all);
    expect(rulesFromOptions({ builtin: true }, root).length).toBeGreaterThan(all.length);
    expect(rulesFromOptions({ config: false, builtin: false, rules: [USER_RULES] }, root).length).toBe(3);
  });
  it("config only (category) / disable (id)", () => {
    expect(select("only: [consent, structure]\n")).toEqual(["consent/local-cookies-ro", "structure/local-repeated-long"]);
    expect(select("disable: [navigation/local-back-link-ro]\n")).toEqual(["consent/local-cookies-ro", "structure/local-repeated-long"]);
  });
  it("--only replaces the config's only", () => expect(select("only: [consent]\n", { only: ["navigation"] })).toEqual(["navigation/local-back-link-ro"]));
  it("--only re-enables what the config disables", () => expect(select("disable: [navigation]\n", { only: ["navigation/local-back-link-ro"] })).toEqual(["navigation/local-back-link-ro"]));
  it("--disable adds to the config's disable, also against the config's only", () => {
    expect(select("disable: [consent]\n", { disable: ["structure"] })).toEqual(["navigation/local-back-link-ro"]);
    expect(select("only: [consent, navigation]\n", { disable: ["consent/local-cookies-ro"] })).toEqual(["navigation/local-back-link-ro"]);
  });
  it("a group (an id's part before its last /) names every rule of it, whatever their categories", () => {
    const builtin = rulesFromOptions({ config: false }, project(base));
    const group = builtin.filter((r) => r.meta.id.startsWith("structure/"));
    // the structure/ rules have other categories than "structure" (navigation, credit…): a category name alone would miss them
    expect(group.filter((r) => r.meta.category !== "structure").length).toBeGreaterThan(1);
    const left = ids(rulesFromOptions({ config: false, disable: ["structure"] }, project(base)));
    expect(left.filter((id) => id.startsWith("structure/"))).toEqual([]);
    expect(left.length).toBe(builtin.length - group.length);
    expect(ids(rulesFromOptions({ config: false, only: ["structure"] }, project(base)))).toEqual(ids(group));
  });
  it("comma-separated flags", () => expect(select("", { only: ["consent,navigation"] })).toEqual(["consent/local-cookies-ro", "navigation/local-back-link-ro"]));
  it("languages: config, replaced by --lang; rules for [any] always load; pt matches pt-BR", () => {
    expect(select("languages: [de]\n")).toEqual(["structure/local-repeated-long"]);
    expect(select("languages: [de]\n", { lang: ["ro"] })).toEqual(all);
    expect(select("", { lang: ["ro-MD"] })).toEqual(all);
  });
  it("--rules directories add to the config's", () => {
    const root = project(base);
    mkdirSync(join(root, "more"));
    writeFileSync(join(root, "more", "x.yaml"), RULE("local/x", "local", "[any]"));
    expect(ids(rulesFromOptions({ rules: ["more"] }, root))).toEqual([...all, "local/x"].sort());
  });
  it("options of a structural rule override the rule file's", () => {
    const text = "A line repeated here\nA line repeated here\n";
    const [rule] = rulesFromOptions({ only: ["structure"] }, project(base));
    const [tuned] = rulesFromOptions({ only: ["structure"] }, project(base + "options:\n  structure/local-repeated-long:\n    minLength: 30\n"));
    expect(cleanText(text, [rule!]).text).toBe("A line repeated here\n");
    expect(cleanText(text, [tuned!]).changed).toBe(false);
  });
});

describe("config file errors (file:line:col: reason)", () => {
  const errors = (config: string, cli: Parameters<typeof selectRules>[0] = {}) => {
    const root = project(`rules: [${JSON.stringify(USER_RULES)}]\nbuiltin: false\n` + config);
    return problems(() => selectRules(cli, { cwd: root })).map((m) => m.replace(root + "/", ""));
  };
  it("unknown key with the closest valid key", () =>
    expect(errors("disabel: [consent]\n")).toEqual([`boilerstrip.config.yaml:3:1: unknown key "disabel" (did you mean "disable"?); a config file takes builtin, rules, only, disable, languages, options`]));
  it("wrong types", () => {
    expect(errors("languages: de\n")).toEqual([`boilerstrip.config.yaml:3:12: "languages" must be a list of language codes like de, fr, pt-BR`]);
    expect(errors("only: [consent, 3]\n")).toEqual([`boilerstrip.config.yaml:3:17: "only" must be a list of rule ids or categories`]);
  });
  it("YAML syntax", () => expect(errors("only: [consent\n")).toEqual([`boilerstrip.config.yaml:4:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`]));
  it("an unknown rule or category, with a suggestion", () => {
    expect(errors("disable: [consnet]\n")).toEqual([`boilerstrip.config.yaml:3:11: no rule, category or group "consnet" (did you mean "consent"?)`]);
    expect(errors("", { only: ["navigaton"] })).toEqual([`--only: no rule, category or group "navigaton" (did you mean "navigation"?)`]);
  });
  it("--lang with something that is not a code", () => expect(errors("", { lang: ["german"] })).toEqual([`--lang: "german" is not a language code (use codes like de,fr or pt-BR)`]));
  it("a missing rule directory", () => {
    const root = project("rules: [nowhere]\n");
    expect(problems(() => selectRules({}, { cwd: root })).map((m) => m.replace(root + "/", ""))).toEqual([`boilerstrip.config.yaml:1:9: rule directory not found: ${join(root, "nowhere")}`]);
  });
  it("options: unknown rule, a rule that is not structural, an unknown option, a bad value", () => {
    expect(errors("options:\n  structure/local-repeated-lon:\n    minLength: 3\n")).toEqual([`boilerstrip.config.yaml:4:3: options for an unknown rule "structure/local-repeated-lon" (did you mean "structure/local-repeated-long"?)`]);
    expect(errors("options:\n  consent/local-cookies-ro:\n    minLength: 3\n")).toEqual([`boilerstrip.config.yaml:4:3: options apply to structural rules only; "consent/local-cookies-ro" is a line rule`]);
    expect(errors("options:\n  structure/local-repeated-long:\n    minLenght: 3\n")).toEqual([`boilerstrip.config.yaml:5:16: structure/local-repeated-long: unknown option "minLenght" for repeated-line (did you mean "minLength"?); known: minLength`]);
    expect(errors("options:\n  structure/local-repeated-long:\n    minLength: -1\n")).toEqual([`boilerstrip.config.yaml:5:16: structure/local-repeated-long: option "minLength" must be a number from 1 to Infinity, got -1`]);
  });
  it("a JSON config file is checked the same way", () => {
    const root = project(`{"builtin": false, "rules": [${JSON.stringify(USER_RULES)}], "onyl": ["consent"]}`, "boilerstrip.config.json");
    expect(problems(() => readConfigFile(join(root, "boilerstrip.config.json"))).map((m) => m.replace(root + "/", ""))).toEqual([
      `boilerstrip.config.json:1:${`{"builtin": false, "rules": [${JSON.stringify(USER_RULES)}], `.length + 1}: unknown key "onyl" (did you mean "only"?); a config file takes builtin, rules, only, disable, languages, options`,
    ]);
  });
});
