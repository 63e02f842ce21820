import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The built-in rule packs, parsed once at build time. Parsing and validating their YAML and
 * finding their regexes' necessary literals took about 0.6 s of every run's start (the main
 * thread parses, each worker finds literals again); reading this file takes a few ms.
 *
 * It is a cache, never the source: `rules/` stays what runs. An entry is used only for a file
 * whose path and exact text it was made from, and the whole snapshot only when the code that
 * reads rules (dist/rules/, the YAML parser) is the code that wrote it. Anything else (an
 * edited built-in rule, a user's rule file, a build without the snapshot step) is parsed as
 * before. `npm run build` writes it (write-snapshot.js).
 */
export interface RuleSnapshot {
  /** codeKey() of the build that wrote it. */
  code: string;
  /** By path relative to the built-in rules directory. */
  files: Record<string, SnapshotFile>;
  /** necessaryLiterals by regex source (null: the regex has no literal set). */
  literals: Record<string, readonly string[] | null>;
}

export interface SnapshotFile {
  /** textHash of the file's text. */
  hash: string;
  /** The regex engine it was validated for. */
  engine: string;
  /** The file's data as parsed and found valid. */
  data: unknown;
  /** Where its `id` is (1-based). */
  line: number;
  column: number;
}

const DIST_RULES = fileURLToPath(new URL(".", import.meta.url));
export const SNAPSHOT_FILE = fileURLToPath(new URL("../rules-snapshot.json", import.meta.url));

export const textHash = (text: string): string => createHash("sha1").update(text).digest("hex");

/** The code a snapshot depends on: every module below dist/rules/, the YAML parser's version and the runtime's. */
export function codeKey(dir: string = DIST_RULES): string {
  const h = createHash("sha1");
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) h.update(relative(dir, p)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  walk(dir);
  const yamlVersion = (createRequire(import.meta.url)("yaml/package.json") as { version: string }).version;
  // and the runtime: case folding and RegExp follow its Unicode data (a packed snapshot may meet another Node)
  return h.update(`yaml@${yamlVersion} node@${process.versions.node} unicode@${process.versions.unicode ?? ""}`).digest("hex");
}

/** A snapshot file, or null when it is missing, unreadable or was written by other code than that in `dir`. */
export function readSnapshot(file: string = SNAPSHOT_FILE, dir: string = DIST_RULES): RuleSnapshot | null {
  try {
    const snap = JSON.parse(readFileSync(file, "utf8")) as RuleSnapshot;
    return snap.code === codeKey(dir) ? snap : null;
  } catch {
    return null;
  }
}

let loaded: RuleSnapshot | null | undefined;

/** The snapshot of this build (readSnapshot), read once. */
export function ruleSnapshot(): RuleSnapshot | null {
  if (loaded === undefined) loaded = readSnapshot();
  return loaded;
}

/** The snapshot's parse of a built-in rule file (its path relative to the built-in directory), when made from exactly this text for this engine. */
export function snapshotFile(snap: RuleSnapshot | null, path: string, text: string, engine: string): SnapshotFile | undefined {
  const entry = snap && Object.hasOwn(snap.files, path) ? snap.files[path] : undefined;
  return entry && entry.engine === engine && entry.hash === textHash(text) ? entry : undefined;
}

/** Write a snapshot (npm run build). */
export function writeSnapshot(snap: Omit<RuleSnapshot, "code">, file: string = SNAPSHOT_FILE, dir: string = DIST_RULES): void {
  writeFileSync(file, JSON.stringify({ code: codeKey(dir), ...snap }));
}
