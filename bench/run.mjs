#!/usr/bin/env node
// npm run bench: how fast `boilerstrip clean` runs compared with copying the
// same files, how its cost grows with the number of rules, and how much
// memory it needs. A script, not a test: it prints numbers, it asserts nothing
// except that every run succeeded.
//
//   node bench/run.mjs [--files N] [--mb M] [--keep]
//
// The corpus (bench/.corpus/, gitignored) is the bundled fixtures plus, when
// present, ../shared/bench/dev/raw, replicated to at least 15,000 files and
// 200 MB. Every command runs under /usr/bin/time for wall time and peak RSS,
// after a `sync`; outputs stay until the end (see main), and the `cp -r` floor is
// the fastest of three copies after an untimed one.
// The jsonl part cleans the same corpus as one JSON Lines file (one record per
// file) and re-reads input and output side by side: the same number of records,
// in the same order, with every field but the text byte for byte equal.
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg, availableParallelism } from "node:os";
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS_ROOT = join(ROOT, "bench", ".corpus");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const MIN_FILES = arg("--files", 15_000);
const MIN_MB = arg("--mb", 200);
const BIG_MB = arg("--big-mb", 200);
const CORES = availableParallelism();
const BIN = join(ROOT, "bin", "boilerstrip.js");
const PARTS = (process.argv.includes("--parts") ? process.argv[process.argv.indexOf("--parts") + 1] : "cp,plain,one,all,x10,x10distinct,big,jsonl").split(",");
const NA = { wall: NaN, rss: NaN };
const TIME = "/usr/bin/time";

function listTxt(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTxt(p));
    else if (e.isFile() && e.name.endsWith(".txt")) out.push(p);
  }
  return out;
}

/** The source files: the bundled fixtures and the dev bench when it is there. */
function sources() {
  const files = listTxt(join(ROOT, "fixtures")).map((p) => ({ path: p, rel: join("fixtures", relative(join(ROOT, "fixtures"), p)) }));
  const dev = join(ROOT, "..", "shared", "bench", "dev", "raw");
  if (existsSync(dev)) files.push(...listTxt(dev).map((p) => ({ path: p, rel: join("dev", basename(p)) })));
  return files;
}

/** Replicate the sources into copy-NNN/ directories until both minimums are reached (kept between runs). */
function buildCorpus() {
  const tree = join(CORPUS_ROOT, "tree");
  const stamp = join(CORPUS_ROOT, "tree.json");
  const want = { files: MIN_FILES, mb: MIN_MB };
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, "utf8"));
    if (s.want.files === want.files && s.want.mb === want.mb) return s;
  }
  rmSync(CORPUS_ROOT, { recursive: true, force: true });
  const src = sources();
  const srcBytes = src.reduce((n, f) => n + statSync(f.path).size, 0);
  let files = 0;
  let bytes = 0;
  for (let k = 0; files < MIN_FILES || bytes < MIN_MB * 1e6; k++) {
    for (const f of src) {
      const to = join(tree, `copy-${String(k).padStart(3, "0")}`, f.rel);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(f.path, to);
    }
    files += src.length;
    bytes += srcBytes;
  }
  const s = { want, tree, files, bytes, sources: src.length };
  writeFileSync(stamp, JSON.stringify(s));
  return s;
}

/** A single big file of real text (scraped pages concatenated), multi-line. */
function buildBigFile() {
  const file = join(CORPUS_ROOT, `big-${BIG_MB}mb.txt`);
  if (existsSync(file) && statSync(file).size >= BIG_MB * 1e6) return file;
  const src = sources();
  const fd = openSync(file, "w");
  let n = 0;
  for (let i = 0; n < BIG_MB * 1e6; i++) {
    const b = readFileSync(src[i % src.length].path);
    writeSync(fd, b);
    n += b.length;
  }
  closeSync(fd);
  return file;
}

/**
 * 10 renamed copies of every built-in rule file (ids made unique). They go in
 * rules/.bench-xN/ (a dot directory: never loaded with the built-in packs, and
 * removed at the end) because rule files outside rules/ are user rules, which
 * run on the linear-time regex engine and may not use lookaround: the copies
 * must run exactly like the built-in rules they copy.
 */
function multiplyRules(times) {
  const dir = join(ROOT, "rules", `.bench-x${times}`);
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  rmSync(dir, { recursive: true, force: true });
  let n = 0;
  for (const f of listYaml(join(ROOT, "rules"))) {
    const text = readFileSync(f, "utf8");
    for (let k = 0; k < times; k++) {
      const renamed = text.replace(/^id:\s*(\S+)\s*$/m, (_, id) => `id: ${id}-x${k}`);
      const to = join(dir, relative(join(ROOT, "rules"), f).replace(/\.ya?ml$/, `-x${k}.yaml`));
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, renamed);
      n++;
    }
  }
  return { dir, files: n };
}

function listYaml(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * The corpus as JSON Lines: one record per file of the tree, in the tree's order, with other fields in
 * odd but valid JSON (number formats, escaped slashes and accents, nesting, spacing) that must come
 * back byte for byte.
 */
function buildJsonl(tree) {
  const file = join(CORPUS_ROOT, "corpus.jsonl");
  if (existsSync(file)) return file;
  const fd = openSync(file + ".part", "w");
  listTxt(tree).forEach((p, i) => writeSync(fd, jsonlRecord(relative(tree, p), i, readFileSync(p, "utf8")) + "\n"));
  closeSync(fd);
  renameSync(file + ".part", file);
  return file;
}

/** One record of the bench's JSON Lines (no "\n"): the text between fields in odd but valid JSON. */
export function jsonlRecord(id, n, text) {
  const idJson = JSON.stringify(id).replace(/\//g, "\\/");
  return `{"id":${idJson}, "n": ${n},"score":1.50e0 , "text":${JSON.stringify(text)},"meta":{"lang":"caf\\u00e9","tags":["a",{"b":"}"}]},"ok":true}`;
}

/** The lines of a UTF-8 file, and a last piece without its "\n" when there is one; returns whether there was none. */
async function* fileLines(path) {
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop();
    yield* parts;
  }
  if (rest !== "") yield rest;
  return rest === "";
}

/** Where the JSON string that starts at `i` ends (after its closing quote), or -1. */
function stringEnd(s, i) {
  if (s[i] !== '"') return -1;
  for (i++; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i + 1;
  }
  return -1;
}

const TEXT_KEY = '"text":';
const SPANS_KEY = ',"boilerstrip_spans":';

/**
 * One output line against its input line, without the JSON scanner under test: every byte outside the
 * text value is the input's (the spans field added at the end), and the spans, applied to the input
 * text in code points, give the output text. Returns what is wrong, or the record's texts.
 */
function compareRecord(input, output) {
  const at = input.indexOf(TEXT_KEY) + TEXT_KEY.length;
  const inEnd = stringEnd(input, at);
  const suffix = input.slice(inEnd, -1); // the fields after the text, without the closing brace
  if (!output.startsWith(input.slice(0, at))) return { wrong: "the fields before the text differ" };
  const outEnd = stringEnd(output, at);
  if (outEnd < 0) return { wrong: "the text is not a JSON string" };
  if (!output.startsWith(suffix + SPANS_KEY, outEnd) || !output.endsWith("}")) return { wrong: "the fields after the text differ" };
  let before, after, spans;
  try {
    before = JSON.parse(input.slice(at, inEnd));
    after = JSON.parse(output.slice(at, outEnd));
    spans = JSON.parse(output.slice(outEnd + suffix.length + SPANS_KEY.length, -1));
  } catch {
    return { wrong: "not valid JSON" };
  }
  const cps = [...before];
  let kept = "";
  let pos = 0;
  for (const [start, end] of spans) {
    if (!(start >= pos && end >= start && end <= cps.length)) return { wrong: "the spans are out of order or out of the text" };
    kept += cps.slice(pos, start).join("");
    pos = end;
  }
  if (kept + cps.slice(pos).join("") !== after) return { wrong: "the spans applied to the input text do not give the output text" };
  return { before, after };
}

/** Re-read input and output side by side: record count, order, other fields byte for byte, spans. */
export async function checkJsonl(input, output) {
  const a = fileLines(input);
  const b = fileLines(output);
  const c = { in: 0, out: 0, same: 0, textChanged: 0, firstBad: undefined };
  const bad = (why) => (c.firstBad ??= `line ${Math.max(c.in, c.out)}: ${why}`);
  for (;;) {
    const [x, y] = await Promise.all([a.next(), b.next()]);
    if (!x.done) c.in++;
    if (!y.done) c.out++;
    if (x.done && y.done) {
      if (!y.value) bad("the output does not end with a newline");
      break;
    }
    if (x.done || y.done) {
      bad(x.done ? "an extra output line" : "no output line for this record");
      continue;
    }
    const r = compareRecord(x.value, y.value);
    if (r.wrong) bad(r.wrong);
    else {
      c.same++;
      if (r.before !== r.after) c.textChanged++;
    }
  }
  return c;
}

/** The outputs of all runs (bench/.corpus/out-*). */
function removeOutputs() {
  if (!existsSync(CORPUS_ROOT)) return;
  for (const e of readdirSync(CORPUS_ROOT)) if (e.startsWith("out-")) rmSync(join(CORPUS_ROOT, e), { recursive: true, force: true });
}

/** Run a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(label, cmd, args, { allowFail = false, env } = {}) {
  // write out what earlier runs left in memory, so that no run pays for another's output
  execFileSync("sync");
  const tf = join(CORPUS_ROOT, "time.txt");
  const r = spawnSync(TIME, ["-f", "%e %M", "-o", tf, cmd, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  const [wall, rssKB] = readFileSync(tf, "utf8").trim().split("\n").pop().split(" ").map(Number);
  if (r.status !== 0 && !allowFail) {
    console.error(`${label}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return { label, wall, rss: rssKB / 1024, status: r.status, stderr: r.stderr };
}

/** A run's output directory (all of them are removed before the first run and at exit: removeOutputs). */
const outDir = (name) => join(CORPUS_ROOT, name);

async function main() {
  execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", ROOT], { stdio: "inherit" });
  const corpus = buildCorpus();
  const mb = corpus.bytes / 1e6;
  console.log(`machine: ${CORES} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`corpus: ${corpus.files} files, ${mb.toFixed(1)} MB (${corpus.sources} source files replicated) in ${relative(ROOT, corpus.tree)}\n`);

  const runs = [];
  const row = (r, files = corpus.files, megabytes = mb) => {
    runs.push(r);
    const floor = runs[0];
    console.log(
      `${r.label.padEnd(44)} ${r.wall.toFixed(2).padStart(7)} s ${(megabytes / r.wall).toFixed(1).padStart(7)} MB/s ${(files / r.wall).toFixed(0).padStart(7)} files/s  peak RSS ${r.rss.toFixed(0).padStart(4)} MB  ${(r.wall / floor.wall).toFixed(2).padStart(6)}× cp -r`,
    );
    return r;
  };

  // Outputs are deleted before the first timed run and after the last, never in between: on this VM, creating
  // files right after deleting many costs the kernel several times more (a copy of the corpus took 13.3 s just
  // after a deletion, then 2.3 and 2.0 s), so a run that followed a deletion paid for it. The untimed copy takes
  // what the last bench's deletion left.
  removeOutputs();
  process.on("exit", removeOutputs);
  timed("cp -r (warm-up, untimed)", "cp", ["-r", corpus.tree, outDir("out-warmup")]);
  // the floor every ratio divides by: the fastest of three copies
  const copies = [1, 2, 3].map((i) => timed("cp -r (I/O floor)", "cp", ["-r", corpus.tree, outDir(`out-cp${i}`)]));
  const cp = copies.reduce((a, b) => (b.wall < a.wall ? b : a));
  row({ ...cp, label: `cp -r (I/O floor, fastest of ${copies.map((c) => c.wall.toFixed(2)).join("/")} s)` });
  const part = (name, run) => (PARTS.includes(name) ? run() : { ...NA, label: `${name} (not run)` });
  const plain = part("plain", () => row(timed("plain Node script, one regex", process.execPath, [join(ROOT, "bench", "plain-regex.mjs"), corpus.tree, outDir("out-plain")])));
  const one = part("one", () => row(timed("boilerstrip clean --jobs 1", process.execPath, [BIN, "clean", corpus.tree, "--out", outDir("out-1"), "--jobs", "1", "-q"])));
  const all = part("all", () => row(timed(`boilerstrip clean --jobs ${CORES} (all cores)`, process.execPath, [BIN, "clean", corpus.tree, "--out", outDir("out-all"), "--jobs", String(CORES), "-q"])));
  const x10 = multiplyRules(10);
  const x10args = (out) => [BIN, "clean", corpus.tree, "--out", outDir(out), "--jobs", String(CORES), "-q", "--no-config", "--no-builtin", "--rules", x10.dir];
  // the copies are identical: the engine compiles and runs each behaviour once
  const ten = part("x10", () => row(timed(`boilerstrip clean, rules ×10 (${x10.files} files)`, process.execPath, x10args("out-x10"))));
  // as if the copies were all different: nothing shared
  const tenDistinct = part("x10distinct", () => row(timed(`  same, sharing off (as if all different)`, process.execPath, x10args("out-x10distinct"), { env: { BOILERSTRIP_SHARE_RULES: "0" } })));

  rmSync(x10.dir, { recursive: true, force: true });

  let bigRun = { ...NA, label: "single file (not run)" };
  if (PARTS.includes("big")) {
    const big = buildBigFile();
    const bigMB = statSync(big).size / 1e6;
    console.log(`\nsingle file: ${relative(ROOT, big)}, ${bigMB.toFixed(0)} MB`);
    bigRun = timed(`boilerstrip clean on one ${bigMB.toFixed(0)} MB file`, process.execPath, [BIN, "clean", big, "--out", outDir("out-big"), "--jobs", String(CORES)], { allowFail: true });
    console.log(`${bigRun.label.padEnd(44)} ${bigRun.wall.toFixed(2).padStart(7)} s  peak RSS ${bigRun.rss.toFixed(0)} MB  exit ${bigRun.status}: ${bigRun.stderr.trim().split("\n").pop()}`);
  }

  let jsonl;
  if (PARTS.includes("jsonl")) {
    const input = buildJsonl(corpus.tree);
    const inMB = statSync(input).size / 1e6;
    const cleaned = join(outDir("out-jsonl"), "corpus.clean.jsonl");
    mkdirSync(dirname(cleaned), { recursive: true });
    console.log(`\nJSON Lines: ${relative(ROOT, input)}, ${corpus.files} records, ${inMB.toFixed(0)} MB`);
    const r = timed(`boilerstrip clean --jsonl --jobs ${CORES} --spans`, process.execPath, [BIN, "clean", "--jsonl", input, "--out", cleaned, "--jobs", String(CORES), "--spans", "-q"]);
    console.log(`${r.label.padEnd(44)} ${r.wall.toFixed(2).padStart(7)} s ${(inMB / r.wall).toFixed(1).padStart(7)} MB/s ${(corpus.files / r.wall).toFixed(0).padStart(7)} records/s  peak RSS ${r.rss.toFixed(0).padStart(4)} MB`);
    jsonl = await checkJsonl(input, cleaned);
    console.log(`re-read: ${jsonl.in} records in, ${jsonl.out} out; ${jsonl.same} in the same order with every byte outside the text equal and spans that give the cleaned text; ${jsonl.textChanged} texts cleaned`);
  }

  // NaN (a part not run) compares false: "not run" rather than met/missed
  const verdict = (x, ok) => (Number.isNaN(x) ? "not run" : ok ? "met" : "MISSED");
  // the corpus with the built-in rule set (1 job and all cores); the ×10 rule sets are judged on their own line
  const peak = (...runs) => {
    const ran = runs.map((r) => r.rss).filter((x) => !Number.isNaN(x));
    return ran.length > 0 ? Math.max(...ran) : NaN;
  };
  const rss = peak(one, all);
  const rssTen = peak(ten, tenDistinct);
  console.log(`\ntargets (issue 5):`);
  console.log(`  all cores within 3× cp -r:        ${(all.wall / cp.wall).toFixed(2)}×  ${verdict(all.wall, all.wall <= 3 * cp.wall)}`);
  console.log(`  rules ×10 at most 2× the time:    ${(ten.wall / all.wall).toFixed(2)}×  ${verdict(ten.wall / all.wall, ten.wall <= 2 * all.wall)}`);
  console.log(`    (identical copies, each behaviour run once; with sharing off, as for ten times as many different rules: ${(tenDistinct.wall / all.wall).toFixed(2)}×, peak RSS ${tenDistinct.rss.toFixed(0)} MB)`);
  console.log(`  peak RSS <= 250 MB (corpus):      ${rss.toFixed(0)} MB  ${verdict(rss, rss <= 250)}`);
  console.log(`    (the corpus with the rules ×10: ${rssTen.toFixed(0)} MB, ${Number.isNaN(rssTen) ? "not run" : rssTen <= 250 ? "within 250 MB" : "OVER 250 MB"})`);
  console.log(`  peak RSS <= 250 MB (single file): ${bigRun.rss.toFixed(0)} MB  ${verdict(bigRun.rss, bigRun.rss <= 250)}`);
  const jsonlOk = jsonl && jsonl.in === corpus.files && jsonl.out === jsonl.in && jsonl.same === jsonl.in && jsonl.textChanged > 0 && jsonl.firstBad === undefined;
  console.log(`  JSONL: same records, same order, other fields byte for byte: ${jsonl ? `${jsonl.same}/${jsonl.in}  ${jsonlOk ? "met" : `MISSED (${jsonl.firstBad ?? "no text was cleaned"})`}` : "not run"}`);
  console.log(`  (plain one-regex script: ${(plain.wall / cp.wall).toFixed(2)}× cp -r; jobs 1 → all cores speed-up ${(one.wall / all.wall).toFixed(2)}×)`);
}

// run as a script (imported, it only lends its checker)
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
