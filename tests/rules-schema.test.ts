import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUILTIN_RULES_DIR, listRuleFiles } from "../src/rules/load.js";
import { ALGORITHMS } from "../src/rules/structural/registry.js";
import { buildRuleSchema, COMMON_KEYS, KIND_KEYS, KIND_REQUIRED, KINDS, MATCH_KEYS, REQUIRED_KEYS, validateSpec } from "../src/rules/validate.js";

// rules/rule.schema.json is generated from the tables validate.ts checks with,
// so editors and the loader accept the same files. When this fails after a
// change to validate.ts or a structural algorithm's options, regenerate it:
//   npx tsc -p . && node bin/boilerstrip.js rules schema > rules/rule.schema.json
type Schema = {
  required: string[];
  properties: Record<string, unknown>;
  allOf: { if: { properties: Record<string, { const: string }> }; then: { required?: string[]; propertyNames?: { enum: string[] }; properties?: { options: { propertyNames: { enum: string[] } } } } }[];
  definitions: { match: { properties: Record<string, unknown> } };
};
const shipped = JSON.parse(readFileSync(`${BUILTIN_RULES_DIR}rule.schema.json`, "utf8")) as Schema;

describe("rules/rule.schema.json", () => {
  it("is the output of buildRuleSchema() (regenerate: node bin/boilerstrip.js rules schema > rules/rule.schema.json)", () => {
    expect(shipped).toEqual(buildRuleSchema());
  });

  it("agrees with validate.ts on the keys of every kind, the required keys, match keys and algorithm options", () => {
    expect(shipped.required).toEqual([...REQUIRED_KEYS]);
    for (const kind of KINDS) {
      const rule = shipped.allOf.find((c) => c.if.properties.kind?.const === kind)!;
      expect(new Set(rule.then.propertyNames!.enum)).toEqual(new Set([...COMMON_KEYS, ...KIND_KEYS[kind]]));
      expect(rule.then.required).toEqual([...KIND_REQUIRED[kind]]);
    }
    expect(Object.keys(shipped.definitions.match.properties)).toEqual([...MATCH_KEYS]);
    for (const algo of ALGORITHMS.values()) {
      const rule = shipped.allOf.find((c) => c.if.properties.algorithm?.const === algo.name)!;
      expect(rule.then.properties!.options.propertyNames.enum).toEqual([...algo.options]);
    }
  });

  it("validate.ts refuses what the schema does not allow", () => {
    const base = { id: "a/b", kind: "line", category: "a", description: "d", languages: ["en"], match: { phrases: ["x"] }, examples: { remove: [{ in: "x\ny\n", out: "y\n" }], keep: ["y\n"] } };
    for (const key of Object.keys(shipped.properties).filter((k) => ![...COMMON_KEYS, ...KIND_KEYS.line].includes(k))) {
      expect(validateSpec({ ...base, [key]: 1 }).map((p) => p.message)[0], key).toMatch(/does not apply to a line rule/);
    }
    for (const key of REQUIRED_KEYS) {
      const { [key]: _, ...without } = base;
      expect(validateSpec(without).length, key).toBeGreaterThan(0);
    }
  });
});

describe("every built-in rule file satisfies the schema's keys", () => {
  for (const file of listRuleFiles(BUILTIN_RULES_DIR)) {
    const rel = file.slice(BUILTIN_RULES_DIR.length);
    it(rel, () => {
      const text = readFileSync(file, "utf8");
      expect(text.startsWith("# yaml-language-server: $schema=../rule.schema.json\n"), "schema comment on line 1").toBe(true);
      const data = parse(text) as Record<string, unknown>;
      for (const key of shipped.required) expect(data, `required key ${key}`).toHaveProperty(key);
      const rule = shipped.allOf.find((c) => c.if.properties.kind?.const === data.kind)!;
      for (const key of rule.then.required ?? []) expect(data, `required key ${key} of a ${String(data.kind)} rule`).toHaveProperty(key);
      for (const key of Object.keys(data)) expect(rule.then.propertyNames!.enum, `key ${key}`).toContain(key);
    });
  }
});
