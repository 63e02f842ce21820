// The library entry point (README "As a library"): the built-in rules by default, and the content guard as in the CLI.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { clean, loadRules } from "../src/index.js";
import { tempDir } from "./run-helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const ARTICLE = "A Title\n\nThe council met on Tuesday and approved the new budget for schools.\n\nThe mayor said the savings were needed to keep the swimming pool open.\n";

it("cleans with the built-in rules by default", () => {
  const r = clean(`1. Skip to content\n\n${ARTICLE}`);
  expect(r.changed).toBe(true);
  expect(r.text).toBe(ARTICLE);
  expect(r.spans[0]).toMatchObject({ start: 0, ruleId: "navigation/skip-links" });
  expect(r.guarded).toBeUndefined();
});

it("leaves a text the rules would mostly remove unchanged, and says why; guard: false turns that off", () => {
  mkdirSync(join(dir, "rules"));
  writeFileSync(
    join(dir, "rules", "greedy.yaml"),
    'id: test/greedy\nkind: line\ncategory: navigation\nlanguages: [any]\ndescription: every line with council or mayor\nmatch:\n  contains: [council, mayor]\nexamples:\n  remove:\n    - in: "The council met.\\nBody text here.\\n"\n      out: "Body text here.\\n"\n  keep:\n    - "Body text here.\\n"\n',
  );
  const rules = loadRules([join(dir, "rules")]);
  const guarded = clean(ARTICLE, { rules });
  expect(guarded).toMatchObject({ text: ARTICLE, changed: false, spans: [] });
  expect(guarded.guarded).toMatch(/would remove 100% of the prose/);
  const unguarded = clean(ARTICLE, { rules, guard: false });
  expect(unguarded.text).toBe("A Title\n");
});
