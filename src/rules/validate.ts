import { ALGORITHMS } from "./structural/registry.js";
import { compileRegex } from "./matcher.js";
import type { RuleSpec } from "./types.js";

/** A problem in a rule file, located by its path in the parsed data. */
export interface SpecProblem {
  path: (string | number)[];
  message: string;
}

export const KINDS = ["line", "block", "inline", "structural"] as const;
const TOP_KEYS = [
  "$schema", "id", "kind", "category", "description", "languages", "match", "exceptions",
  "members", "before", "after", "pattern", "algorithm", "options", "examples",
] as const;
const MATCH_KEYS = ["phrases", "patterns", "contains", "maxLength"] as const;
/** Keys each kind accepts beyond the common ones. */
const KIND_KEYS: Record<string, readonly string[]> = {
  line: ["match", "exceptions"],
  block: ["match", "exceptions", "members", "before", "after"],
  inline: ["pattern", "match", "exceptions"],
  structural: ["algorithm", "options"],
};
const COMMON = ["$schema", "id", "kind", "category", "description", "languages", "examples"];
const ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9.-]*)+$/;

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

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Check a parsed rule file; returns the problems (empty when the rule is valid). */
export function validateSpec(data: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isObj(data)) return [{ path: [], message: "a rule file must hold one mapping (id, kind, category, …)" }];

  const kind = data.kind;
  const allowed = typeof kind === "string" && KIND_KEYS[kind] ? [...COMMON, ...KIND_KEYS[kind]!] : [...TOP_KEYS];
  for (const key of Object.keys(data)) {
    if (allowed.includes(key)) continue;
    const hint = closest(key, allowed) ?? ((TOP_KEYS as readonly string[]).includes(key) ? undefined : closest(key, TOP_KEYS));
    const known = (TOP_KEYS as readonly string[]).includes(key);
    fail([key], known ? `key "${key}" does not apply to a ${String(kind)} rule` : `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
  }
  const str = (key: string, required = true) => {
    const v = data[key];
    if (v === undefined) {
      if (required) fail([], `missing required key "${key}"`);
    } else if (typeof v !== "string" || v.trim() === "") fail([key], `"${key}" must be a non-empty string`);
  };
  str("id");
  if (typeof data.id === "string" && !ID.test(data.id)) fail(["id"], `id "${data.id}" must look like "category/name" (lower-case letters, digits, dashes)`);
  str("category");
  str("description");
  if (data.kind === undefined) fail([], `missing required key "kind" (one of ${KINDS.join(", ")})`);
  else if (!KINDS.includes(data.kind as never)) {
    const hint = typeof data.kind === "string" ? closest(data.kind, KINDS) : undefined;
    fail(["kind"], `kind must be one of ${KINDS.join(", ")}${hint ? ` (did you mean "${hint}"?)` : ""}`);
  }
  if (!Array.isArray(data.languages) || data.languages.length === 0 || !data.languages.every((l) => typeof l === "string" && /^(any|[a-z]{2,3}(-[A-Za-z]{2,4})?)$/.test(l))) {
    fail(data.languages === undefined ? [] : ["languages"], data.languages === undefined ? `missing required key "languages" (codes like [en, de], or [any])` : `"languages" must be a list of language codes like [en, pt-BR], or [any]`);
  }

  const regex = (path: (string | number)[], v: unknown) => {
    if (typeof v !== "string") return fail(path, "must be a string");
    try {
      compileRegex(v);
    } catch (e) {
      fail(path, `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`);
    }
  };
  const list = (path: (string | number)[], v: unknown, each: (p: (string | number)[], x: unknown) => void) => {
    if (!Array.isArray(v)) return fail(path, "must be a list");
    v.forEach((x, i) => each([...path, i], x));
  };
  const matchSpec = (key: string, required: boolean) => {
    const m = data[key];
    if (m === undefined) {
      if (required) fail([], `a ${String(kind)} rule needs "${key}"`);
      return;
    }
    if (!isObj(m)) return fail([key], `"${key}" must be a mapping with phrases, patterns, contains or maxLength`);
    for (const k of Object.keys(m)) {
      if (!(MATCH_KEYS as readonly string[]).includes(k)) {
        const hint = closest(k, MATCH_KEYS);
        fail([key, k], `unknown key "${k}" in ${key}${hint ? ` (did you mean "${hint}"?)` : ""}`);
      }
    }
    if (m.phrases !== undefined) list([key, "phrases"], m.phrases, (p, x) => (typeof x === "string" && x.trim() ? undefined : fail(p, "a phrase must be a non-empty string")));
    if (m.patterns !== undefined) list([key, "patterns"], m.patterns, regex);
    if (m.contains !== undefined) list([key, "contains"], m.contains, regex);
    if (m.maxLength !== undefined && !(Number.isInteger(m.maxLength) && (m.maxLength as number) > 0)) fail([key, "maxLength"], "maxLength must be a positive whole number");
    if (m.phrases === undefined && m.patterns === undefined && m.contains === undefined) fail([key], `"${key}" needs phrases, patterns or contains`);
  };
  if (data.exceptions !== undefined) list(["exceptions"], data.exceptions, regex);
  switch (kind) {
    case "line":
      matchSpec("match", true);
      break;
    case "block":
      matchSpec("match", true);
      matchSpec("members", false);
      for (const k of ["before", "after"]) {
        const v = data[k];
        if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 50)) fail([k], `"${k}" must be a whole number from 0 to 50`);
      }
      break;
    case "inline":
      if (data.pattern === undefined) fail([], `an inline rule needs "pattern"`);
      else regex(["pattern"], data.pattern);
      matchSpec("match", false);
      break;
    case "structural": {
      const a = data.algorithm;
      const names = [...ALGORITHMS.keys()];
      if (typeof a !== "string") fail(a === undefined ? [] : ["algorithm"], `a structural rule needs "algorithm" (one of ${names.join(", ")})`);
      else if (!ALGORITHMS.has(a)) {
        const hint = closest(a, names);
        fail(["algorithm"], `unknown algorithm "${a}"${hint ? ` (did you mean "${hint}"?)` : ""}; known: ${names.join(", ")}`);
      } else {
        const algo = ALGORITHMS.get(a)!;
        const opts = data.options;
        if (opts !== undefined && !isObj(opts)) fail(["options"], `"options" must be a mapping`);
        else {
          for (const k of Object.keys(opts ?? {})) {
            if (!algo.options.includes(k)) {
              const hint = closest(k, algo.options);
              fail(["options", k], `unknown option "${k}" for ${a}${hint ? ` (did you mean "${hint}"?)` : ""}; known: ${algo.options.join(", ")}`);
            }
          }
          try {
            algo.create(opts as Record<string, unknown> | undefined);
          } catch (e) {
            fail(["options"], (e as Error).message);
          }
        }
      }
      break;
    }
  }

  const ex = data.examples;
  if (!isObj(ex)) fail(ex === undefined ? [] : ["examples"], `every rule needs "examples" with "remove" (in/out pairs) and "keep" (texts it must leave alone)`);
  else {
    for (const k of Object.keys(ex)) if (k !== "remove" && k !== "keep") fail(["examples", k], `unknown key "${k}" in examples${closest(k, ["remove", "keep"]) ? ` (did you mean "${closest(k, ["remove", "keep"])}"?)` : ""}`);
    if (!Array.isArray(ex.remove) || ex.remove.length === 0) fail(["examples"], `examples need at least one "remove" case (in: text, out: expected output)`);
    else
      ex.remove.forEach((c, i) => {
        if (!isObj(c) || typeof c.in !== "string" || typeof c.out !== "string") fail(["examples", "remove", i], `a remove example needs "in" and "out" strings`);
        else for (const k of Object.keys(c)) if (k !== "in" && k !== "out") fail(["examples", "remove", i, k], `unknown key "${k}" in a remove example (use "in" and "out")`);
      });
    if (!Array.isArray(ex.keep) || ex.keep.length === 0) fail(["examples"], `examples need at least one "keep" case (a text the rule must leave unchanged)`);
    else ex.keep.forEach((c, i) => (typeof c === "string" ? undefined : fail(["examples", "keep", i], "a keep example must be a string")));
  }
  return problems;
}

/** Narrow validated data to a RuleSpec (call validateSpec first). */
export function asSpec(data: unknown): RuleSpec {
  return data as RuleSpec;
}
