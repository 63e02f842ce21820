import type { MatchSpec, RuleContext } from "../types.js";
import type { Emit, StructuralAlgorithm } from "./registry.js";

/** How a structural rule's option is written in a rule file; each option is declared once, here. */
export type OptionSpec =
  | { type: "number"; default?: number; min?: number; max?: number }
  | { type: "strings"; default: readonly string[] }
  | { type: "match" };

type ValueOf<S extends OptionSpec> = S extends { type: "number"; default: number }
  ? number
  : S extends { type: "number" }
    ? number | undefined
    : S extends { type: "strings" }
      ? readonly string[]
      : MatchSpec;

export type OptionValues<T extends Record<string, OptionSpec>> = { [K in keyof T]: ValueOf<T[K]> };

/** Check a rule file's options against their declarations; a readable Error names the first bad one. */
export function readOptions<T extends Record<string, OptionSpec>>(spec: T, raw: Record<string, unknown> | undefined): OptionValues<T> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const v = raw?.[name];
    if (s.type === "number") {
      const min = s.min ?? 0;
      const max = s.max ?? Infinity;
      if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max)) {
        throw new Error(`option "${name}" must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      }
      out[name] = v ?? s.default;
    } else if (s.type === "strings") {
      if (v !== undefined && (!Array.isArray(v) || !v.every((x) => typeof x === "string"))) throw new Error(`option "${name}" must be a list of strings`);
      out[name] = v ?? s.default;
    } else {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`option "${name}" must be a mapping with phrases and/or patterns`);
      out[name] = v;
    }
  }
  return out as OptionValues<T>;
}

/** A structural algorithm whose option names, defaults and bounds come from one declaration. */
export function defineAlgorithm<T extends Record<string, OptionSpec>>(def: {
  name: string;
  description: string;
  options: T;
  create(values: OptionValues<T>): (ctx: RuleContext, emit: Emit) => void;
}): StructuralAlgorithm {
  return {
    name: def.name,
    description: def.description,
    options: Object.keys(def.options),
    create: (raw) => def.create(readOptions(def.options, raw)),
  };
}
