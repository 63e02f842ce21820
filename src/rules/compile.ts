import type { Proposal } from "../engine/spans.js";
import { blockRule } from "./kinds/block.js";
import { inlineRule } from "./kinds/inline.js";
import { lineRule } from "./kinds/line.js";
import { regexEngine } from "./matcher.js";
import { ALGORITHMS } from "./structural/registry.js";
import type { CompiledRule, RuleBehaviour, RuleContext, RuleMeta, RuleSource, RuleSpec } from "./types.js";

function structuralRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const run = ALGORITHMS.get(spec.algorithm!)!.create(spec.options);
  return {
    propose: (ctx: RuleContext): Proposal[] => {
      const out: Proposal[] = [];
      run(ctx, (start, end) => out.push({ start, end, ruleId: meta.id, category: meta.category }));
      return out;
    },
  };
}

const KIND_BUILDERS: Record<RuleSpec["kind"], (meta: RuleMeta, spec: RuleSpec) => RuleBehaviour> = { line: lineRule, block: blockRule, inline: inlineRule, structural: structuralRule };

/** Build a rule's behaviour from its (validated) spec. */
export function compileRule(spec: RuleSpec, source: RuleSource): CompiledRule {
  const meta: RuleMeta = {
    id: spec.id,
    kind: spec.kind,
    category: spec.category,
    description: spec.description,
    languages: spec.languages,
    source,
  };
  const { propose, scans } = KIND_BUILDERS[spec.kind](meta, spec);
  return { meta, spec, propose, shareKey: shareKey(spec), ...(scans ? { scans } : {}) };
}

/** Share keys by what they stand for (a number compares in O(1); the spec's text can be kilobytes). */
const SHARE_KEYS = new Map<string, number>();

/** What a rule's proposals depend on: everything in its spec but its name, description, languages and examples, and the regex engine. */
function shareKey(spec: RuleSpec): number {
  const { id, category, description, languages, examples, ...behaviour } = spec;
  void id, void category, void description, void languages, void examples;
  const text = JSON.stringify([regexEngine(), behaviour]);
  let key = SHARE_KEYS.get(text);
  if (key === undefined) SHARE_KEYS.set(text, (key = SHARE_KEYS.size));
  return key;
}
