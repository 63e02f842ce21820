import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, FAST_TMP, runCli, spawnCli, tempDir, writeTestRules } from "./run-helpers.js";

// One test per kind of bad or odd input: each is either skipped with a
// one-line message naming the file (exit code 2, the rest of the run done) or
// cleaned with its bytes preserved. docs/safety.md lists the decisions.

let dir: string;
let cleanup: () => void;
let rules: string[];
const ARTICLE = "The council met on Tuesday and approved the new budget for schools.";

beforeEach(() => {
  ({ dir, cleanup } = tempDir("bs-bad-"));
  rules = ["--no-builtin", "--rules", writeTestRules(dir)];
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "good.txt"), `Skip to content\n${ARTICLE}\n`);
});
afterEach(() => cleanup());

const clean = (...extra: string[]) => runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "1", ...rules, ...extra]);
const out = (name: string) => readFileSync(join(dir, "out", name));

/** The run completed the good file and reported exactly this file with this reason. */
async function expectSkipped(name: string, reason: RegExp, extra: string[] = []) {
  const r = await clean(...extra);
  expect(r.code).toBe(2);
  const failed = r.stderr.split("\n").filter((l) => l.includes("failed: "));
  expect(failed).toHaveLength(1);
  expect(failed[0]).toContain(join(dir, "in", name));
  expect(failed[0]).toMatch(reason);
  expect(out("good.txt").toString()).toBe(`${ARTICLE}\n`);
  expect(existsSync(join(dir, "out", name))).toBe(false);
}

/** The file was cleaned, no failure, and its output is exactly `expected`. */
async function expectCleaned(name: string, expected: Buffer | string) {
  const r = await clean();
  expect(r.stderr).not.toContain("failed");
  expect(r.code).toBe(0);
  expect(out(name).equals(Buffer.from(expected))).toBe(true);
}

describe("bad input", () => {
  it("binary file (NUL bytes): skipped", async () => {
    writeFileSync(join(dir, "in", "bin.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    await expectSkipped("bin.txt", /binary file \(NUL byte at offset 4\), skipped/);
  });

  it("invalid UTF-8: skipped, with the offset of the first bad byte", async () => {
    writeFileSync(join(dir, "in", "latin1.txt"), Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au lait\n")]));
    await expectSkipped("latin1.txt", /not valid UTF-8 \(first bad byte near offset 3\), skipped/);
  });

  it("UTF-16 with a byte order mark (LE and BE): skipped", async () => {
    writeFileSync(join(dir, "in", "u16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hello\n", "utf16le")]));
    await expectSkipped("u16.txt", /UTF-16 text .* not supported, skipped/);
    const be = Buffer.from("Hello\n", "utf16le").swap16();
    writeFileSync(join(dir, "in", "u16.txt"), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    await expectSkipped("u16.txt", /UTF-16 text/);
  });

  it("UTF-8 BOM: cleaned, BOM kept", async () => {
    writeFileSync(join(dir, "in", "bom.txt"), `\uFEFFSkip to content\n${ARTICLE}\n`);
    await expectCleaned("bom.txt", `\uFEFF${ARTICLE}\n`);
  });

  it("CRLF and mixed line endings: cleaned, the kept bytes unchanged", async () => {
    writeFileSync(join(dir, "in", "crlf.txt"), `Skip to content\r\n${ARTICLE}\r\nShare this article\r\n`);
    writeFileSync(join(dir, "in", "mixed.txt"), `Skip to content\r\n${ARTICLE}\nSecond line.\r\nShare this article\rLast.\n`);
    await expectCleaned("crlf.txt", `${ARTICLE}\r\n`);
    expect(out("mixed.txt").toString()).toBe(`${ARTICLE}\nSecond line.\r\nLast.\n`);
  });

  it("0-byte file: cleaned (an empty output)", async () => {
    writeFileSync(join(dir, "in", "empty.txt"), "");
    await expectCleaned("empty.txt", "");
  });

  it("200 MB single-line file: skipped once the line outgrows the --window-size (memory stays bounded)", async () => {
    const fd = openSync(join(dir, "in", "huge.txt"), "w");
    const block = Buffer.alloc(4 * 1024 * 1024, "word ");
    for (let i = 0; i < 50; i++) writeSync(fd, block);
    closeSync(fd);
    await expectSkipped("huge.txt", /a line is longer than the --window-size of 1\.0 MB \(files this large are cleaned in windows cut at line ends\), skipped; raise --window-size to clean it/);
    // within the window size, a long single line is cleaned like any file
    writeFileSync(join(dir, "in", "huge.txt"), `${"word ".repeat(400_000)}\n`);
    const r = await clean("--window-size", "4");
    expect(r.code).toBe(0);
    expect(out("huge.txt").length).toBe(2_000_001);
  });

  it("a glob or file input that does not exist: reported", async () => {
    const r = await runCli(["clean", join(dir, "in"), join(dir, "missing.txt"), "--out", join(dir, "out"), "-j", "1", ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed: .*missing\.txt: no such file or directory/);
  });

  it("broken symbolic link: skipped", async () => {
    symlinkSync(join(dir, "nowhere.txt"), join(dir, "in", "broken.txt"));
    await expectSkipped("broken.txt", /broken symbolic link \(its target does not exist\), skipped/);
  });

  it("symbolic link loop: skipped; a link to a directory loop is not followed", async () => {
    symlinkSync("loop-b.txt", join(dir, "in", "loop-a.txt"));
    symlinkSync("loop-a.txt", join(dir, "in", "loop-b.txt"));
    symlinkSync(".", join(dir, "in", "self"));
    const r = await clean();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed: .*loop-a\.txt: symbolic link loop, skipped/);
    expect(r.stderr).toMatch(/failed: .*loop-b\.txt: symbolic link loop, skipped/);
    expect(r.stderr).toContain("1 file read");
  });

  it("a symbolic link to a file: its target's text is cleaned", async () => {
    writeFileSync(join(dir, "target.txt"), `Skip to content\n${ARTICLE}\n`);
    symlinkSync(join(dir, "target.txt"), join(dir, "in", "link.txt"));
    await expectCleaned("link.txt", `${ARTICLE}\n`);
  });

  it("paths with spaces and non-ASCII names: cleaned", async () => {
    mkdirSync(join(dir, "in", "Ordner mit Leerzeichen"));
    const names = [join("Ordner mit Leerzeichen", "Über uns – Ärzte.txt"), "日本語 ファイル.txt", "emoji 🎉.txt"];
    for (const n of names) writeFileSync(join(dir, "in", n), `Skip to content\n${ARTICLE}\n`);
    const r = await clean();
    expect(r.code).toBe(0);
    for (const n of names) expect(out(n).toString()).toBe(`${ARTICLE}\n`);
  });

  it("100,000 files in one directory: all cleaned, discovery streams", async () => {
    // many small files: in RAM when possible, the disk of a shared test machine is slow
    const fast = tempDir("bs-many-", FAST_TMP);
    try {
      const big = join(fast.dir, "many");
      mkdirSync(big);
      for (let i = 0; i < 100_000; i++) writeFileSync(join(big, `${i}.txt`), i % 2 ? `Skip to content\n${ARTICLE} ${i}\n` : `${ARTICLE} ${i}\n`);
      const outDir = join(fast.dir, "out");
      const r = await spawnCli(["clean", big, "--out", outDir, "-j", "2", ...rules]);
      expect(r.stderr).toContain("100000 files read, 50000 changed");
      expect(r.code).toBe(0);
      expect(readdirSync(outDir).filter((f) => f.endsWith(".txt"))).toHaveLength(100_000);
      expect(readFileSync(join(outDir, "99999.txt"), "utf8")).toBe(`${ARTICLE} 99999\n`);
    } finally {
      fast.cleanup();
    }
  }, 300_000);
});

describe("bad input: permissions (run as an unprivileged user when the tests run as root)", () => {
  const uid = process.getuid?.() ?? 0;
  // root reads anything: drop to "nobody" in a child process, if that works here
  const asNobody = uid === 0 && spawnSync(process.execPath, [BIN, "--version"], { uid: 65534, gid: 65534 }).status === 0;
  const canTest = uid !== 0 || asNobody;
  const run = (args: string[]) => spawnCli(args, asNobody ? { uid: 65534, gid: 65534 } : {});
  /** The test tree (inputs and rules) readable by the unprivileged user. */
  const letNobodyRead = () => {
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "in"), 0o755);
    chmodSync(join(dir, "in", "good.txt"), 0o644);
    chmodSync(join(dir, "rules"), 0o755);
    chmodSync(join(dir, "rules", "boiler.yaml"), 0o644);
  };
  /** An output directory anyone may write to. */
  const makeOutWritable = () => {
    mkdirSync(join(dir, "out"), { mode: 0o777 });
    chmodSync(join(dir, "out"), 0o777);
  };

  it.skipIf(!canTest)("unreadable file: skipped with 'permission denied'", async () => {
    letNobodyRead();
    writeFileSync(join(dir, "in", "secret.txt"), `${ARTICLE}\n`, { mode: 0o000 });
    makeOutWritable();
    const r = await run(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "1", ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`failed: ${join(dir, "in", "secret.txt")}: permission denied, skipped`));
    expect(out("good.txt").toString()).toBe(`${ARTICLE}\n`);
  });

  it.skipIf(!canTest)("directory without permission: reported, the rest cleaned", async () => {
    letNobodyRead();
    mkdirSync(join(dir, "in", "locked"));
    writeFileSync(join(dir, "in", "locked", "a.txt"), `${ARTICLE}\n`);
    chmodSync(join(dir, "in", "locked"), 0o000);
    makeOutWritable();
    const r = await run(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "1", ...rules]);
    chmodSync(join(dir, "in", "locked"), 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`failed: ${join(dir, "in", "locked")}: directory not readable \\(permission denied\\), skipped`));
    expect(out("good.txt").toString()).toBe(`${ARTICLE}\n`);
  });
});
