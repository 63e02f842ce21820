#!/usr/bin/env node
// Make a text-mode-browser-like copy of a directory of scraped .txt files, to measure how
// boilerstrip does on wrapped text (the shape of `lynx -dump` / `w3m -dump` output):
//
//   node bench/text-browser.mjs fold SRC DST   # every line folded at 79 characters, at the last space (`fold -s -w 79`)
//   node bench/text-browser.mjs lynx SRC DST   # 3-space margin, words wrapped at 79 columns, " * " items as "     * " with a hanging indent
//
// Then clean DST and score it with the same truth file as SRC (the scorer compares snippets with
// whitespace squeezed, so wrapping does not change which snippets can be found).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const WIDTH = 79;
const [mode, src, dst] = process.argv.slice(2);
if (!["fold", "lynx"].includes(mode) || !src || !dst) {
  console.error("usage: node bench/text-browser.mjs fold|lynx SRC DST");
  process.exit(2);
}

/** `fold -s -w 79` by character: cut at the last space within the width, else at the width. */
function fold(line) {
  const out = [];
  let chars = [...line];
  while (chars.length > WIDTH) {
    let cut = chars.lastIndexOf(" ", WIDTH - 1) + 1;
    if (cut <= 0) cut = WIDTH;
    out.push(chars.slice(0, cut).join(""));
    chars = chars.slice(cut);
  }
  out.push(chars.join(""));
  return out;
}

/** Words filled into lines of at most WIDTH columns, the first starting with `first`, the others with `rest` (a long word overruns). */
function wrap(text, first, rest) {
  const out = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() && line.length + word.length > WIDTH) {
      out.push(line.trimEnd());
      line = rest;
    }
    line += `${word} `;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out;
}

function lynx(line) {
  if (!line.trim()) return [""];
  const item = /^\s*\* (.*)$/.exec(line);
  return item ? wrap(item[1], "     * ", "       ") : wrap(line, "   ", "   ");
}

mkdirSync(dst, { recursive: true });
for (const f of readdirSync(src)) {
  if (!f.endsWith(".txt")) continue;
  const lines = readFileSync(join(src, f), "utf8").split("\n");
  writeFileSync(join(dst, f), lines.flatMap(mode === "fold" ? fold : lynx).join("\n"));
}
