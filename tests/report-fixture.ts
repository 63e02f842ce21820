// Test support for the report/diff/check/explain tests: a small rule set of
// our own (so the tests do not depend on the built-in packs), input files, and
// an in-process CLI runner.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-helpers.js";

export const TEST_RULES: Record<string, string> = {
  "navigation/skip.yaml": `id: t-nav/skip
kind: line
category: navigation
languages: [any]
description: Skip links.
match:
  phrases: [Skip to content, Skip to navigation]
examples:
  remove:
    - in: "Skip to content\\nText.\\n"
      out: "Text.\\n"
  keep:
    - "We skip to content later.\\n"
`,
  "consent/cookies.yaml": `id: t-consent/cookies
kind: line
category: consent
languages: [en]
description: Cookie notices.
match:
  contains: ['\\bcookies?\\b']
  maxLength: 200
exceptions: ['\\brecipe\\b']
examples:
  remove:
    - in: "We use cookies to improve your experience.\\nText.\\n"
      out: "Text.\\n"
  keep:
    - "This cookie recipe needs butter.\\n"
`,
  "credit/photo.yaml": `id: t-credit/photo
kind: inline
category: credit
languages: [any]
description: Photo credits in parentheses.
pattern: '\\s*\\(Photo: [^()]{1,40}\\)'
examples:
  remove:
    - in: "A cat. (Photo: AP)\\n"
      out: "A cat.\\n"
  keep:
    - "A cat.\\n"
`,
};

export interface Workspace {
  dir: string;
  rules: string;
  inputs: string;
  cleanup(): void;
}

/** A temporary directory with the test rules under `rules/` and an empty `inputs/`. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "boilerstrip-report-test-"));
  const rules = join(dir, "rules");
  const inputs = join(dir, "inputs");
  for (const [name, body] of Object.entries(TEST_RULES)) {
    mkdirSync(join(rules, name, ".."), { recursive: true });
    writeFileSync(join(rules, name), body);
  }
  mkdirSync(inputs);
  return { dir, rules, inputs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An article of `paragraphs` paragraphs, with the boilerplate the test rules remove when `dirty`. */
export function article(n: number, dirty: boolean, paragraphs = 3): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1} of story ${n} tells what happened on day ${n + i}, in detail and with quotes.`);
  if (!dirty) return [`Story ${n}`, "", ...body].join("\n") + "\n";
  const lines = [`Skip to content`, "", `Story ${n}`, "", body[0]!, "", `A photo of the scene. (Photo: Agency ${n})`, "", ...body.slice(1)];
  if (n % 3 === 0) lines.push("", "We use cookies to improve your experience. Accept all cookies.");
  if (n % 5 === 0) lines.splice(4, 0, "Our cookie recipe is in the paper today.", "");
  return lines.join("\n") + "\n";
}

export function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return path;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with text output; `tty` makes standard output claim to be a terminal. */
export async function cli(args: string[], opts: { stdin?: string | Buffer; tty?: boolean } = {}): Promise<CliRun> {
  const r = await runCli(args, opts.stdin ?? "", { tty: opts.tty });
  return { code: r.code, stdout: r.stdout.toString("utf8"), stderr: r.stderr };
}
