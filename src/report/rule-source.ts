import { isAbsolute, relative } from "node:path";
import type { RuleMeta } from "../rules/types.js";

/** Where a rule is defined, as `file:line`, relative to the working directory when it lies below it. */
export function ruleSource(meta: RuleMeta, cwd = process.cwd()): string {
  const file = meta.source.file;
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
  return `${shown}:${meta.source.line}`;
}
