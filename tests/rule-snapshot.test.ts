import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { necessaryLiterals } from "../src/rules/literals.js";
import { BUILTIN_RULES_DIR, listRuleFiles, parseRuleFile, regexEngineForFile } from "../src/rules/load.js";
import { codeKey, readSnapshot, snapshotFile, textHash, writeSnapshot, type RuleSnapshot } from "../src/rules/snapshot.js";

// npm test builds first: dist/rules-snapshot.json is what `boilerstrip` reads at start
const DIST_RULES = fileURLToPath(new URL("../dist/rules/", import.meta.url));
const SNAPSHOT = fileURLToPath(new URL("../dist/rules-snapshot.json", import.meta.url));

describe("snapshotFile", () => {
  const text = "id: x/y\n";
  const entry = { hash: textHash(text), engine: "native", data: { id: "x/y" }, line: 1, column: 1 };
  const snap: RuleSnapshot = { code: "k", files: { "x/y.yaml": entry }, literals: {} };

  it("gives the parse made from this very text, path and engine", () => {
    expect(snapshotFile(snap, "x/y.yaml", text, "native")).toBe(entry);
  });

  it("gives nothing for edited text, another path or engine, or no snapshot", () => {
    expect(snapshotFile(snap, "x/y.yaml", "id: x/z\n", "native")).toBeUndefined();
    expect(snapshotFile(snap, "x/z.yaml", text, "native")).toBeUndefined();
    expect(snapshotFile(snap, "x/y.yaml", text, "linear")).toBeUndefined();
    expect(snapshotFile(null, "x/y.yaml", text, "native")).toBeUndefined();
  });
});

describe("readSnapshot", () => {
  it("reads a snapshot only while the code that wrote it is unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "bs-snap-"));
    const code = join(dir, "rules");
    mkdirSync(join(code, "index"), { recursive: true });
    writeFileSync(join(code, "load.js"), "export const a = 1;\n");
    writeFileSync(join(code, "index", "scanner.js"), "export const b = 2;\n");
    const file = join(dir, "rules-snapshot.json");
    expect(readSnapshot(file, code)).toBeNull(); // none yet
    writeSnapshot({ files: {}, literals: { cookie: ["cookie"] } }, file, code);
    expect(readSnapshot(file, code)?.literals).toEqual({ cookie: ["cookie"] });
    writeFileSync(join(code, "index", "scanner.js"), "export const b = 3;\n"); // rebuilt without the snapshot step
    expect(readSnapshot(file, code)).toBeNull();
    writeFileSync(file, "{ not json");
    expect(readSnapshot(file, code)).toBeNull();
  });
});

describe.runIf(existsSync(SNAPSHOT))("the build's snapshot of the built-in rules", () => {
  const snap = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as RuleSnapshot;

  it("was written by the code in dist (so the CLI uses it)", () => {
    expect(snap.code).toBe(codeKey(DIST_RULES));
  });

  it("holds every built-in rule file, parsed as a fresh parse does", () => {
    const files = listRuleFiles(BUILTIN_RULES_DIR);
    expect(Object.keys(snap.files).sort()).toEqual(files.map((f) => relative(BUILTIN_RULES_DIR, f)).sort());
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const engine = regexEngineForFile(file);
      const fresh = parseRuleFile(file, text, engine);
      expect(fresh.problems).toBeUndefined();
      const entry = snapshotFile(snap, relative(BUILTIN_RULES_DIR, file), text, engine);
      expect(entry, file).toBeDefined();
      expect({ data: entry!.data, line: entry!.line, column: entry!.column }, file).toEqual(fresh);
    }
  });

  it("holds each regex's necessary literals as the analyser finds them", () => {
    const sources = Object.keys(snap.literals);
    expect(sources.length).toBeGreaterThan(100);
    for (const source of sources) expect(snap.literals[source], source).toEqual(necessaryLiterals(source) ?? null);
  });
});
