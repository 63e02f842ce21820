// npm run build: parse the built-in rule packs once and write dist/rules-snapshot.json (see snapshot.ts).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BUILTIN_RULES_DIR, listRuleFiles, parseRuleFile, regexEngineForFile } from "./load.js";
import { compileRule } from "./compile.js";
import { literalAnalyses, withRegexEngine } from "./matcher.js";
import { SNAPSHOT_FILE, textHash, writeSnapshot, type SnapshotFile } from "./snapshot.js";
import { asSpec } from "./validate.js";

const files: Record<string, SnapshotFile> = {};
for (const file of listRuleFiles(BUILTIN_RULES_DIR)) {
  const text = readFileSync(file, "utf8");
  const engine = regexEngineForFile(file);
  const parsed = parseRuleFile(file, text, engine);
  if (parsed.problems) continue; // left to the run to report
  const { data, line, column } = parsed;
  try {
    withRegexEngine(engine, () => compileRule(asSpec(data), { file, line, column }));
  } catch {
    continue; // likewise
  }
  files[relative(BUILTIN_RULES_DIR, file)] = { hash: textHash(text), engine, data, line, column };
}
writeSnapshot({ files, literals: literalAnalyses() });
console.log(`rules snapshot: ${Object.keys(files).length} files -> ${relative(process.cwd(), SNAPSHOT_FILE)}`);
