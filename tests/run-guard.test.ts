import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { loadRules } from "../src/rules/load.js";
import { DEFAULT_GUARD, guardReason, NO_ROLES, ruleRoles } from "../src/run/guard.js";
import { cleanDocument } from "../src/run/document.js";
import { tempDir, writeTestRules } from "./run-helpers.js";

const { dir, cleanup } = tempDir("bs-guard-");
const rules = loadRules([writeTestRules(dir)]);
cleanup();

const PARA = "The council met on Tuesday and approved the new budget for schools, after a long debate about teachers' pay.";

describe("content guard", () => {
  it("passes a normal removal", () => {
    const text = `Skip to content\n${PARA}\n\n${PARA}\nShare this article\n`;
    const result = cleanText(text, rules);
    expect(result.changed).toBe(true);
    expect(guardReason(text, result)).toBeUndefined();
    expect(cleanDocument(text, rules, { maxShare: 0.6 }).result).toEqual(result);
  });

  const span = (text: string, part: string, ruleId: string) => {
    const start = text.indexOf(part);
    return { start, end: start + part.length + 1, ruleId, category: ruleId.split("/")[0]!, ruleIds: [ruleId] };
  };
  const result = (text: string, spans: ReturnType<typeof span>[]) => ({ text: spans.reduceRight((t, s) => t.slice(0, s.start) + t.slice(s.end), text), spans, changed: true });

  it("does not fire when most of a page goes but its prose stays (menus are not content)", () => {
    const menu = Array.from({ length: 40 }, (_, i) => `Menu item ${i}`).join("\n");
    const text = `${menu}\n${PARA}\n`;
    const r = result(text, [span(text, menu, "navigation/menu")]);
    expect(guardReason(text, r)).toBeUndefined();
  });

  it("fires when the rules would remove more than the share of the prose, and the document is left unchanged", () => {
    const other = "The mayor said the plan would be reviewed again in the spring, when the new figures are in.";
    const text = `${PARA}\n\n${other}\n\nShort closing line.\n`;
    const r = result(text, [span(text, PARA, "x/a"), span(text, other, "x/b")]);
    expect(guardReason(text, r)).toBe("would remove 100% of the prose (guard limit 60%); left unchanged");
    // the share is configurable
    expect(guardReason(text, r, { maxShare: 1 })).toBeUndefined();
    const doc = cleanDocument(text, rules, { maxShare: 0.6 });
    expect(doc.result.text).toBe(text);
  });

  it("fires when shape rules alone would remove the longest paragraph, not when a phrase rule does", () => {
    const long = `${PARA} ${PARA} ${PARA}`;
    const text = `${PARA}\n\n${PARA}\n\n${PARA}\n\n${long}\n`;
    const shape = { ...NO_ROLES, shape: new Set(["structure/tail"]) };
    expect(guardReason(text, result(text, [span(text, long, "structure/tail")]), DEFAULT_GUARD, shape)).toBe(
      "shape rules alone would remove the longest paragraph (line 7, 57 words); left unchanged",
    );
    expect(guardReason(text, result(text, [span(text, long, "appeal/donation")]), DEFAULT_GUARD, shape)).toBeUndefined();
  });

  it("does not count prose that built-in wording rules remove (known boilerplate), but does count user rules' removals", () => {
    const licence = "This work is licensed under a Creative Commons Attribution 4.0 International License, so share it.";
    const text = `${PARA}\n\n${licence}\n`;
    const spans = [span(text, PARA, "navigation/license-notice"), span(text, licence, "navigation/license-notice")];
    const roles = { ...NO_ROLES, known: new Set(["navigation/license-notice"]) };
    expect(guardReason(text, result(text, spans), DEFAULT_GUARD, roles)).toBeUndefined();
    expect(guardReason(text, result(text, spans), DEFAULT_GUARD, NO_ROLES)).toBe("would remove 100% of the prose (guard limit 60%); left unchanged");
  });

  it("knows which rules are shape rules and which are built-in wording rules", () => {
    const roles = ruleRoles(rules);
    expect(roles.shape.size).toBe(rules.filter((r) => r.meta.kind === "structural").length);
    // the test rules are user rules: none of them is "known"
    expect(roles.known.size).toBe(0);
    const builtin = loadRules();
    const builtinRoles = ruleRoles(builtin);
    expect(builtinRoles.known.size + builtinRoles.shape.size).toBe(builtin.length);
    expect(builtinRoles.known.has("consent/cookies-en")).toBe(true);
  });

});
