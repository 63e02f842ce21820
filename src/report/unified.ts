import { Chalk, type ChalkInstance } from "chalk";
import type { FileDiff, Hunk, Row } from "./file-diff.js";

const PLAIN = new Chalk({ level: 0 });
const NO_EOL = "\\ No newline at end of file";

/** `@@ -a,b +c,d @@ rule/one, rule/two`: the rules after the header keep the patch valid for `patch`/`git apply`. */
export function hunkHeader(h: Hunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}

function row(r: Row, c: ChalkInstance): string[] {
  let body: string;
  if (r.op === "-") {
    const removed = r.line?.segments ?? [{ text: r.text, span: undefined }];
    const whole = r.line?.deleted ?? false;
    // an inline removal: the removed pieces stand out from the kept ones on the same line
    body = whole ? c.red(`-${r.text}`) : c.red("-") + removed.map((s) => (s.span ? c.inverse.red(s.text) : c.red(s.text))).join("");
  } else if (r.op === "+") body = c.green(`+${r.text}`);
  else body = ` ${r.text}`;
  return r.noEol ? [body, c.dim(NO_EOL)] : [body];
}

/**
 * A unified diff of one file (`--- path`, `+++ path`, hunks), each hunk
 * header followed by the rules that removed its lines. Without colours it is
 * a patch `patch -p0` applies.
 */
export function formatUnified(path: string, diff: FileDiff, c: ChalkInstance = PLAIN): string {
  const out = [c.bold(`--- ${path}`), c.bold(`+++ ${path}`)];
  for (const h of diff.hunks) {
    out.push(c.cyan(hunkHeader(h)) + " " + c.yellow(h.ruleIds.join(", ")));
    for (const r of h.rows) out.push(...row(r, c));
  }
  return out.join("\n") + "\n";
}
