import { afterAll, describe, expect, it } from "vitest";
import { article, cli, workspace, write } from "./report-fixture.js";

const ws = workspace();
afterAll(() => ws.cleanup());
const R = ["--no-builtin", "--rules", ws.rules];

describe("boilerstrip check", () => {
  const dirty = write(ws.inputs, "mixed/dirty.txt", article(1, true));
  write(ws.inputs, "mixed/clean.txt", article(2, false));
  const clean = write(ws.inputs, "clean/only.txt", article(3, false));

  it("exits 1 and lists the files that would change", async () => {
    const r = await cli(["check", `${ws.inputs}/mixed`, ...R]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${dirty}\n`);
    expect(r.stderr).toBe("boilerstrip: 1 of 2 files would change (run boilerstrip diff to see how)\n");
  });

  it("exits 0 when nothing would change", async () => {
    const r = await cli(["check", clean, ...R]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("boilerstrip: all 1 file clean\n");
  });

  it("--quiet prints only the paths", async () => {
    const r = await cli(["check", "-q", `${ws.inputs}/mixed`, ...R]);
    expect(r).toEqual({ code: 1, stdout: `${dirty}\n`, stderr: "" });
  });

  it("exits 2 when a file cannot be read, even when others would change", async () => {
    const bad = write(ws.inputs, "bad/bin.txt", Buffer.from("a\u0000b"));
    write(ws.inputs, "bad/dirty.txt", article(4, true));
    const r = await cli(["check", `${ws.inputs}/bad`, ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: binary file`);
    expect(r.stdout).toContain("dirty.txt");
  });

  it("exits 2 for a missing input", async () => {
    const r = await cli(["check", `${ws.dir}/missing.txt`, ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.txt");
  });

  it("checks standard input with -", async () => {
    expect((await cli(["check", "-", ...R], { stdin: "Skip to content\nText.\n" })).code).toBe(1);
    expect((await cli(["check", "-", ...R], { stdin: "Text.\n" })).code).toBe(0);
  });
});
