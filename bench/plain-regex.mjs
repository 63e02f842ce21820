#!/usr/bin/env node
// The simplest cleaner a user would write instead of boilerstrip: read every
// .txt file under IN, delete lines matching one regex, write it under OUT.
// The bench's reference point for "one regex, no rule engine".
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [inDir, outDir] = process.argv.slice(2);
const BOILERPLATE = /^[ \t]*(?:skip to (?:main )?content|share (?:this|on \w+)|subscribe to our newsletter|accept all cookies|all rights reserved.*)[ \t]*\r?\n/gim;

function walk(dir, out) {
  mkdirSync(out, { recursive: true });
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, join(out, e.name));
    else if (e.name.endsWith(".txt")) writeFileSync(join(out, e.name), readFileSync(p, "utf8").replace(BOILERPLATE, ""));
  }
}
walk(inDir, outDir);
