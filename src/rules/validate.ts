import { ALGORITHMS } from "./structural/registry.js";
import { matchesEmpty, regexProblem, withRegexEngine, type RegexEngine } from "./matcher.js";
import type { RuleSpec } from "./types.js";

/** A problem in a rule file, located by its path in the parsed data. */
export interface SpecProblem {
  path: (string | number)[];
  message: string;
}

/*
 * The rule format, as data: validateSpec below and the JSON Schema shipped in
 * rules/rule.schema.json (buildRuleSchema) are both derived from these tables.
 */
export const KINDS = ["line", "block", "inline", "structural"] as const;
/** Keys every rule may have. */
export const COMMON_KEYS = ["$schema", "id", "kind", "category", "description", "languages", "examples"] as const;
export const REQUIRED_KEYS = ["id", "kind", "category", "description", "languages", "examples"] as const;
/** Keys each kind accepts beyond the common ones, and which of them it requires. */
export const KIND_KEYS: Record<(typeof KINDS)[number], readonly string[]> = {
  line: ["match", "exceptions"],
  block: ["match", "exceptions", "members", "before", "after", "bridge"],
  inline: ["pattern", "match", "exceptions"],
  structural: ["algorithm", "options"],
};
export const KIND_REQUIRED: Record<(typeof KINDS)[number], readonly string[]> = {
  line: ["match"],
  block: ["match"],
  inline: ["pattern"],
  structural: ["algorithm"],
};
export const TOP_KEYS = [...new Set([...COMMON_KEYS, ...Object.values(KIND_KEYS).flat()])];
export const MATCH_KEYS = ["phrases", "patterns", "contains", "maxLength", "requires"] as const;
export const EXAMPLE_KEYS = ["remove", "keep"] as const;
export const REMOVE_EXAMPLE_KEYS = ["in", "out"] as const;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9.-]*)+$/;
export const LANGUAGE_PATTERN = /^(any|[a-z]{2,3}(-[A-Za-z]{2,4})?)$/;
/** Values starting with this are the slots `boilerstrip rules new` writes; a rule holding one does not load. */
export const PLACEHOLDER = "FILL IN:";

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` when a candidate is close, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = closest(word, candidates);
  return hint ? ` (did you mean "${hint}"?)` : "";
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `examples.remove[0].in` */
export function showPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** Every string value still holding a `rules new` placeholder. */
function placeholders(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === "string") return v.trimStart().startsWith(PLACEHOLDER) ? [path] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => placeholders(x, [...path, i]));
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => placeholders(x, [...path, k]));
  return [];
}

export interface ValidateOptions {
  /** The engine the rule's regexes will run on (built-in rules: native; user rules: linear). */
  engine?: RegexEngine;
}

/** Check a parsed rule file; returns the problems (empty when the rule is valid). */
export function validateSpec(data: unknown, options: ValidateOptions = {}): SpecProblem[] {
  const engine = options.engine ?? "native";
  const problems: SpecProblem[] = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isObj(data)) return [{ path: [], message: "a rule file must hold one mapping (id, kind, category, …)" }];

  const slots = placeholders(data);
  if (slots.length > 0) {
    return slots.map((p) => ({
      path: p,
      message: p[0] === "examples"
        ? `fill in your examples: ${showPath(p)} still holds the "${PLACEHOLDER}" placeholder of "rules new" (paste real text from a scraped file)`
        : `fill in ${showPath(p)}: it still holds the "${PLACEHOLDER}" placeholder of "rules new"`,
    }));
  }

  const kind = data.kind;
  const known = typeof kind === "string" && kind in KIND_KEYS;
  const allowed: readonly string[] = known ? [...COMMON_KEYS, ...KIND_KEYS[kind as keyof typeof KIND_KEYS]] : TOP_KEYS;
  const misspelt = new Set<string>(); // keys an unknown key probably meant: not reported missing as well
  for (const key of Object.keys(data)) {
    if (allowed.includes(key)) continue;
    if (TOP_KEYS.includes(key as never)) fail([key], `key "${key}" does not apply to a ${String(kind)} rule (a ${String(kind)} rule takes ${allowed.filter((k) => k !== "$schema").join(", ")})`);
    else {
      fail([key], `unknown key "${key}"${didYouMean(key, allowed)}`);
      const meant = closest(key, allowed);
      if (meant) misspelt.add(meant);
    }
  }
  const str = (key: string) => {
    const v = data[key];
    if (v !== undefined && (typeof v !== "string" || v.trim() === "")) fail([key], `"${key}" must be a non-empty string`);
  };
  for (const key of REQUIRED_KEYS) {
    if (data[key] !== undefined || misspelt.has(key)) continue;
    if (key === "kind") fail([], `missing required key "kind" (one of ${KINDS.join(", ")})`);
    else if (key === "languages") fail([], `missing required key "languages" (codes like [en, de], or [any])`);
    else if (key === "examples") fail([], `missing required key "examples": every rule needs "remove" (in/out pairs) and "keep" (texts it must leave alone)`);
    else fail([], `missing required key "${key}"`);
  }
  str("id");
  if (typeof data.id === "string" && data.id.trim() && !ID_PATTERN.test(data.id)) fail(["id"], `id "${data.id}" must look like "category/name" (lower-case letters, digits, dashes)`);
  str("category");
  str("description");
  if (kind !== undefined && !known) fail(["kind"], `kind must be one of ${KINDS.join(", ")}${typeof kind === "string" ? didYouMean(kind, KINDS) : ""}`);
  if (data.languages !== undefined && (!Array.isArray(data.languages) || data.languages.length === 0 || !data.languages.every((l) => typeof l === "string" && LANGUAGE_PATTERN.test(l)))) {
    fail(["languages"], `"languages" must be a list of language codes like [en, pt-BR], or [any]`);
  }
  if (known) {
    for (const key of KIND_REQUIRED[kind as keyof typeof KIND_REQUIRED]) {
      if (data[key] !== undefined || misspelt.has(key)) continue;
      if (key === "algorithm") fail([], `a structural rule needs "algorithm" (one of ${[...ALGORITHMS.keys()].join(", ")})`);
      else fail([], `${kind === "inline" ? "an" : "a"} ${kind} rule needs "${key}"`);
    }
  }

  const regex = (path: (string | number)[], v: unknown) => {
    if (typeof v !== "string") return fail(path, "a regular expression must be a string");
    const why = regexProblem(v, engine);
    if (why) fail(path, why);
  };
  const list = (path: (string | number)[], v: unknown, each: (p: (string | number)[], x: unknown) => void) => {
    if (!Array.isArray(v)) return fail(path, `"${showPath(path)}" must be a list`);
    v.forEach((x, i) => each([...path, i], x));
  };
  const matchSpec = (key: string) => {
    const m = data[key];
    if (m === undefined) return;
    if (!isObj(m)) return fail([key], `"${key}" must be a mapping with phrases, patterns, contains or maxLength`);
    for (const k of Object.keys(m)) {
      if (!(MATCH_KEYS as readonly string[]).includes(k)) fail([key, k], `unknown key "${k}" in ${key}${didYouMean(k, MATCH_KEYS)}`);
    }
    if (m.phrases !== undefined) list([key, "phrases"], m.phrases, (p, x) => (typeof x === "string" && x.trim() ? undefined : fail(p, "a phrase must be a non-empty string")));
    if (m.patterns !== undefined) list([key, "patterns"], m.patterns, regex);
    if (m.contains !== undefined) list([key, "contains"], m.contains, regex);
    if (m.maxLength !== undefined && !(Number.isInteger(m.maxLength) && (m.maxLength as number) > 0)) fail([key, "maxLength"], "maxLength must be a positive whole number");
    if (m.requires !== undefined) list([key, "requires"], m.requires, (p, x) => (typeof x === "string" && x.trim() ? undefined : fail(p, "a required word must be a non-empty string")));
    if (m.phrases === undefined && m.patterns === undefined && m.contains === undefined) fail([key], `"${key}" needs phrases, patterns or contains`);
  };
  if (known && KIND_KEYS[kind as keyof typeof KIND_KEYS].includes("exceptions") && data.exceptions !== undefined) list(["exceptions"], data.exceptions, regex);
  switch (kind) {
    case "line":
      matchSpec("match");
      break;
    case "block":
      matchSpec("match");
      matchSpec("members");
      matchSpec("bridge");
      for (const k of ["before", "after"]) {
        const v = data[k];
        if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 50)) fail([k], `"${k}" must be a whole number from 0 to 50`);
      }
      break;
    case "inline":
      if (data.pattern !== undefined) {
        const before = problems.length;
        regex(["pattern"], data.pattern);
        if (problems.length === before && matchesEmpty(data.pattern as string)) fail(["pattern"], `an inline pattern must not match the empty string (it would remove nothing); make it need at least one character`);
      }
      matchSpec("match");
      break;
    case "structural":
      problems.push(...structuralProblems(data.algorithm, data.options, engine));
      break;
  }

  const ex = data.examples;
  if (ex !== undefined && !isObj(ex)) fail(["examples"], `"examples" must be a mapping with "remove" (in/out pairs) and "keep" (texts it must leave alone)`);
  else if (isObj(ex)) {
    for (const k of Object.keys(ex)) if (!(EXAMPLE_KEYS as readonly string[]).includes(k)) fail(["examples", k], `unknown key "${k}" in examples${didYouMean(k, EXAMPLE_KEYS)}`);
    if (!Array.isArray(ex.remove) || ex.remove.length === 0) fail(ex.remove === undefined ? ["examples"] : ["examples", "remove"], `examples need at least one "remove" case (in: text, out: expected output)`);
    else
      ex.remove.forEach((c, i) => {
        if (!isObj(c) || typeof c.in !== "string" || typeof c.out !== "string") return fail(["examples", "remove", i], `a remove example needs "in" and "out" strings`);
        for (const k of Object.keys(c)) if (k !== "in" && k !== "out") fail(["examples", "remove", i, k], `unknown key "${k}" in a remove example (use "in" and "out")`);
        if (c.in === c.out) fail(["examples", "remove", i], `this remove example removes nothing ("out" equals "in"); move the text to "keep" or cut the boilerplate from "out"`);
      });
    if (!Array.isArray(ex.keep) || ex.keep.length === 0) fail(ex.keep === undefined ? ["examples"] : ["examples", "keep"], `examples need at least one "keep" case (a text the rule must leave unchanged)`);
    else ex.keep.forEach((c, i) => (typeof c === "string" ? undefined : fail(["examples", "keep", i], "a keep example must be a string")));
  }
  return problems;
}

/** Check a structural rule's algorithm and options (also used for option overrides in the config file). */
export function structuralProblems(algorithm: unknown, opts: unknown, engine: RegexEngine = "native"): SpecProblem[] {
  const names = [...ALGORITHMS.keys()];
  if (algorithm === undefined) return [];
  if (typeof algorithm !== "string") return [{ path: ["algorithm"], message: `"algorithm" must be one of ${names.join(", ")}` }];
  const algo = ALGORITHMS.get(algorithm);
  if (!algo) return [{ path: ["algorithm"], message: `unknown algorithm "${algorithm}"${didYouMean(algorithm, names)}; known: ${names.join(", ")}` }];
  if (opts !== undefined && !isObj(opts)) return [{ path: ["options"], message: `"options" must be a mapping` }];
  const problems: SpecProblem[] = [];
  for (const k of Object.keys(opts ?? {})) {
    if (!algo.options.includes(k)) problems.push({ path: ["options", k], message: `unknown option "${k}" for ${algorithm}${didYouMean(k, algo.options)}; known: ${algo.options.join(", ")}` });
  }
  if (problems.length > 0) return problems;
  try {
    withRegexEngine(engine, () => algo.create(opts as Record<string, unknown> | undefined));
  } catch (e) {
    const m = /^option "([^"]+)"/.exec((e as Error).message);
    problems.push({ path: m ? ["options", m[1]!] : ["options"], message: (e as Error).message });
  }
  return problems;
}

/** Narrow validated data to a RuleSpec (call validateSpec first). */
export function asSpec(data: unknown): RuleSpec {
  return data as RuleSpec;
}

/* ---------- JSON Schema (rules/rule.schema.json is this function's output) ---------- */

const KEY_DOCS: Record<string, string> = {
  $schema: "Path or URL of this JSON Schema (for editors).",
  id: 'Unique rule id, "category/name" (lower-case letters, digits, dashes).',
  kind: "line: remove whole lines; block: a start line and the lines around it; inline: spans inside lines; structural: an algorithm on the shape of lines.",
  category: "What the rule removes (consent, appeal, navigation, share, credit, structure, …); --only/--disable take categories.",
  description: "One or two sentences: what the rule removes, with an example phrase.",
  languages: "Languages the rule is written for (ISO 639-1 codes, pt-BR allowed), or [any]. --lang loads only matching rules.",
  match: "Line and block rules: the lines to remove (block: the lines that start a block). Inline rules: only lines matching it are searched.",
  exceptions: "Regular expressions: a line containing one is never removed by this rule.",
  members: "Block rules: lines around a start line that belong to the block (buttons, links, more banner text).",
  before: "Block rules: how many member lines above the start line may go (blank lines not counted).",
  after: "Block rules: how many member lines below the start line may go; another start line renews the budget.",
  bridge:
    "Block rules: a line that is not a member but is taken right below a start line when a short line (up to 8 words) below it belongs to the block again (a sign-up box's tagline between its heading and its e-mail field); once per start line.",
  pattern: "Inline rules: the regular expression removed inside lines (only the named group `cut` when present).",
  algorithm: "Structural rules: the algorithm (code in src/rules/structural/).",
  options: "Structural rules: the algorithm's options.",
  examples: "Examples that run as tests (boilerstrip rules test): text the rule removes and text it must keep.",
};
const MATCH_DOCS: Record<string, string> = {
  phrases: "Whole-line phrases: the line equals one after removing list markers, edge punctuation, case and extra spaces. Fastest; prefer them.",
  patterns: "Whole-line regular expressions (anchored for you, case-insensitive); only lines of at most maxLength characters.",
  contains: "Regular expressions found anywhere in the line; only lines of at most maxLength characters.",
  maxLength: "Only lines of at most this many characters are tested against patterns and contains.",
  requires: "A fast prefilter: patterns and contains are only tried on lines whose lower-cased text contains one of these words.",
};

/** The JSON Schema of a rule file (draft-07, as editors' YAML/JSON language servers read it). */
export function buildRuleSchema(): Record<string, unknown> {
  const regex = { type: "string", format: "regex", description: "A JavaScript regular expression (flags i and u)." };
  const regexList = { type: "array", items: { $ref: "#/definitions/regex" } };
  const matchSpec = {
    type: "object",
    additionalProperties: false,
    anyOf: [{ required: ["phrases"] }, { required: ["patterns"] }, { required: ["contains"] }],
    properties: {
      phrases: { type: "array", items: { type: "string", minLength: 1 }, description: MATCH_DOCS.phrases },
      patterns: { ...regexList, description: MATCH_DOCS.patterns },
      contains: { ...regexList, description: MATCH_DOCS.contains },
      maxLength: { type: "integer", minimum: 1, description: MATCH_DOCS.maxLength },
      requires: { type: "array", items: { type: "string", minLength: 1 }, description: MATCH_DOCS.requires },
    },
  };
  const count = (k: string) => ({ type: "integer", minimum: 0, maximum: 50, description: KEY_DOCS[k] });
  const property: Record<string, unknown> = {
    $schema: { type: "string" },
    id: { type: "string", pattern: ID_PATTERN.source },
    kind: { enum: [...KINDS] },
    category: { type: "string", minLength: 1 },
    description: { type: "string", minLength: 1 },
    languages: { type: "array", minItems: 1, items: { type: "string", pattern: LANGUAGE_PATTERN.source } },
    match: { $ref: "#/definitions/match" },
    exceptions: regexList,
    members: { $ref: "#/definitions/match" },
    before: count("before"),
    after: count("after"),
    bridge: { $ref: "#/definitions/match" },
    pattern: { $ref: "#/definitions/regex" },
    algorithm: { enum: [...ALGORITHMS.keys()] },
    options: { type: "object" },
    examples: {
      type: "object",
      additionalProperties: false,
      required: [...EXAMPLE_KEYS],
      properties: {
        remove: {
          type: "array",
          minItems: 1,
          description: "Texts the rule must remove: `in` (a piece of a scraped file) and `out` (the same piece after this rule alone ran).",
          items: { type: "object", additionalProperties: false, required: [...REMOVE_EXAMPLE_KEYS], properties: { in: { type: "string" }, out: { type: "string" } } },
        },
        keep: { type: "array", minItems: 1, description: "Texts the rule must leave exactly as they are.", items: { type: "string" } },
      },
    },
  };
  const properties = Object.fromEntries(TOP_KEYS.map((k) => [k, { ...(property[k] as object), ...(KEY_DOCS[k] && !(property[k] as { $ref?: string }).$ref ? { description: KEY_DOCS[k] } : {}) }]));
  const byKind = KINDS.map((k) => ({
    if: { properties: { kind: { const: k } }, required: ["kind"] },
    then: { required: [...KIND_REQUIRED[k]], propertyNames: { enum: [...COMMON_KEYS, ...KIND_KEYS[k]] } },
  }));
  const byAlgorithm = [...ALGORITHMS.values()].map((a) => ({
    if: { properties: { algorithm: { const: a.name } }, required: ["algorithm"] },
    then: { properties: { options: { type: "object", description: a.description, propertyNames: { enum: [...a.options] } } } },
  }));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "boilerstrip rule",
    description: "One boilerstrip rule (one rule per file). Guide: docs/writing-rules.md",
    type: "object",
    required: [...REQUIRED_KEYS],
    properties,
    allOf: [...byKind, ...byAlgorithm],
    definitions: { regex, match: matchSpec },
  };
}
