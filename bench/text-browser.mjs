#!/usr/bin/env node
// Make a text-mode-browser-like copy of a directory of scraped .txt files, to measure how
// boilerstrip does on wrapped text (the shape of `lynx -dump` / `w3m -dump` output):
//
//   node bench/text-browser.mjs fold SRC DST   # every line folded at 79 characters, at the last space (`fold -s -w 79`)
//   node bench/text-browser.mjs lynx SRC DST   # 3-space margin, words wrapped at 79 columns, " * " items as "     * " with a hanging indent
//   node bench/text-browser.mjs lynx-dump SRC DST   # the real browsers (installed: apt-get install lynx w3m): each text
//   node bench/text-browser.mjs w3m-dump SRC DST    # as a simple HTML page (blank-line-separated groups as <p> with <br>
//                                                   # between lines, " * " runs as <ul>), dumped at 79 columns
//   node bench/text-browser.mjs links-dump SRC DST  # the same with links2 (apt-get install links2)
//   node bench/text-browser.mjs lynx-links SRC DST    # the same page with list items and short lines as links, dumped by
//   node bench/text-browser.mjs elinks-links SRC DST  # lynx or elinks as they dump by default: link numbers before each
//                                                     # link text and a "References" list of the addresses at the end
//
// Then clean DST and score it with the same truth file as SRC (the scorer compares snippets with
// whitespace squeezed, so wrapping does not change which snippets can be found; a real browser drops
// soft hyphens, so a few snippets that hold one cannot be found even in the uncleaned dump).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WIDTH = 79;
const LYNX = ["-dump", `-width=${WIDTH}`, "-display_charset=utf-8", "-assume_charset=utf-8", "-stdin"];
const DUMP = {
  "lynx-dump": ["lynx", ["-nolist", ...LYNX]],
  "w3m-dump": ["w3m", ["-dump", "-cols", String(WIDTH), "-I", "UTF-8", "-O", "UTF-8", "-T", "text/html"]],
  "lynx-links": ["lynx", LYNX],
  // (elinks reads no page from a socket, which is what a child's stdin is here: it gets a file)
  "links-dump": ["links2", ["-dump", "-width", String(WIDTH), "-codepage", "utf-8", "-html-assume-codepage", "utf-8", "-html-hard-assume", "1"], "file"],
  "elinks-links": ["elinks", ["-dump", "-dump-width", String(WIDTH), "-dump-charset", "utf-8", "-eval", "set document.codepage.assume = 'utf-8'", "-eval", "set document.codepage.force_assumed = 1"], "file"],
};
/** Modes whose page makes links of list items and short lines (menus, teasers, footers are links on real pages). */
const LINKS = new Set(["lynx-links", "elinks-links"]);
const [mode, src, dst] = process.argv.slice(2);
if (!["fold", "lynx", ...Object.keys(DUMP)].includes(mode) || !src || !dst) {
  console.error(`usage: node bench/text-browser.mjs ${["fold", "lynx", ...Object.keys(DUMP)].join("|")} SRC DST`);
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

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

let links = 0;
/** With `linked`, a list item or a short line that does not end like a sentence (up to 6 words) as a link. */
const text = (s, linked, item) => (linked && (item || (s.trim().split(/\s+/).length <= 6 && !/[.!?:]\s*$/.test(s))) ? `<a href="/page-${++links}">${escape(s)}</a>` : escape(s));

/** A scraped text as the simplest HTML page that renders like it: groups of lines as paragraphs, " * " runs as lists. */
function html(lines, linked) {
  let out = '<html><head><meta charset="utf-8"></head><body>\n';
  let group = [];
  let list = false;
  const flush = () => {
    if (group.length) out += `<p>${group.map((l) => text(l, linked, false)).join("<br>\n")}</p>\n`;
    group = [];
  };
  for (const line of lines) {
    const item = /^\s*\* (.*)$/.exec(line);
    if (item) {
      flush();
      if (!list) out += "<ul>\n";
      list = true;
      out += `<li>${text(item[1], linked, true)}</li>\n`;
      continue;
    }
    if (list) out += "</ul>\n";
    list = false;
    if (line.trim()) group.push(line);
    else flush();
  }
  flush();
  return `${out}${list ? "</ul>\n" : ""}</body></html>\n`;
}

/** A page dumped by a browser: given on stdin, or as a temporary file. */
function browse([command, args, via], page) {
  if (via !== "file") return execFileSync(command, args, { input: page, encoding: "utf8", maxBuffer: 1 << 28 });
  const file = join(tmpdir(), `text-browser-${process.pid}.html`);
  writeFileSync(file, page);
  try {
    return execFileSync(command, [...args, file], { encoding: "utf8", maxBuffer: 1 << 28 });
  } finally {
    rmSync(file, { force: true });
  }
}

mkdirSync(dst, { recursive: true });
for (const f of readdirSync(src)) {
  if (!f.endsWith(".txt")) continue;
  const lines = readFileSync(join(src, f), "utf8").split("\n");
  const dump = DUMP[mode];
  writeFileSync(join(dst, f), dump ? browse(dump, html(lines, LINKS.has(mode))) : lines.flatMap(mode === "fold" ? fold : lynx).join("\n"));
}
