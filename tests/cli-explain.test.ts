import { afterAll, describe, expect, it, vi } from "vitest";
import { cli, workspace, write } from "./report-fixture.js";

const ws = workspace();
afterAll(() => ws.cleanup());
const R = ["--no-builtin", "--rules", ws.rules];

const text = [
  "Skip to content", // 1
  "", // 2
  "Title", // 3
  "", // 4
  "A café scene. (Photo: AP)", // 5
  "Our cookie recipe is famous.", // 6
  "Plain text here.", // 7
  "",
].join("\n");
const file = write(ws.inputs, "explain.txt", "\uFEFF" + text);

describe("boilerstrip explain", () => {
  it("lists every removal with lines, text, rule, category, description and where the rule is defined", async () => {
    const r = await cli(["explain", file, ...R]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}: 3 removals`);
    expect(r.stdout).toContain('line 1  t-nav/skip [navigation]\n  "Skip to content\\n"\n  Skip links.\n  defined in ');
    expect(r.stdout).toMatch(/defined in \S*navigation\/skip\.yaml:1\n/);
    expect(r.stdout).toContain('line 5, from column 14  t-credit/photo [credit]\n  " (Photo: AP)"\n  Photo credits in parentheses.');
    expect(r.stdout).toContain("tidy/blank-lines");
  });

  it("--format json gives byte ranges (BOM and UTF-8 counted) and line ranges", async () => {
    const r = await cli(["explain", file, "--format", "json", ...R]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.changed).toBe(true);
    const photo = j.removals.find((x: { ruleId: string }) => x.ruleId === "t-credit/photo");
    const bytes = Buffer.from("\uFEFF" + text, "utf8");
    expect(bytes.subarray(photo.bytes[0], photo.bytes[1]).toString("utf8")).toBe(" (Photo: AP)");
    expect(photo).toMatchObject({ lines: [5, 5], column: 14, category: "credit", description: "Photo credits in parentheses." });
    expect(photo.source).toMatch(/credit\/photo\.yaml:1$/);
    const skip = j.removals.find((x: { ruleId: string }) => x.ruleId === "t-nav/skip");
    expect(skip.bytes).toEqual([3, 19]);
  });

  it("--line N on a kept line says why each rule left it: an exception protected it / no match", async () => {
    const r = await cli(["explain", file, "--line", "6", "--format", "json", ...R]);
    const j = JSON.parse(r.stdout);
    expect(j.removals).toEqual([]);
    expect(j.line).toMatchObject({ number: 6, status: "kept", removedBy: [] });
    const byRule = Object.fromEntries(j.line.rules.map((v: { ruleId: string; verdict: string; detail: string }) => [v.ruleId, v]));
    expect(byRule["t-consent/cookies"].verdict).toBe("protected");
    expect(byRule["t-consent/cookies"].detail).toContain("\\brecipe\\b");
    expect(byRule["t-nav/skip"].verdict).toBe("no-match");
    expect(byRule["t-credit/photo"].verdict).toBe("no-match");
    const text = await cli(["explain", file, "--line", "6", ...R]);
    expect(text.stdout).toContain(`${file}:6 kept: "Our cookie recipe is famous."`);
    expect(text.stdout).toContain("t-consent/cookies: its match hit the line, but the exception /\\brecipe\\b/ protects it");
    expect(text.stdout).toContain("no match (2): t-credit/photo, t-nav/skip");
  });

  it("--line N on an edited line shows the removal that touched it", async () => {
    const j = JSON.parse((await cli(["explain", file, "--line", "5", "--format", "json", ...R])).stdout);
    expect(j.line.status).toBe("edited");
    expect(j.line.removedBy).toEqual(["t-credit/photo"]);
    expect(j.removals.map((x: { text: string }) => x.text)).toEqual([" (Photo: AP)"]);
  });

  it("--line N on a removed line", async () => {
    const j = JSON.parse((await cli(["explain", file, "--line", "1", "--format", "json", ...R])).stdout);
    expect(j.line.status).toBe("removed");
    expect(j.line.removedBy).toEqual(["t-nav/skip"]);
  });

  it("exits 2 on a bad line number, a bad format, or an unreadable file", async () => {
    const a = await cli(["explain", file, "--line", "99", ...R]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--line must be a line number from 1 to 7");
    expect((await cli(["explain", file, "--format", "xml", ...R])).code).toBe(2);
    const b = await cli(["explain", `${ws.dir}/nope.txt`, ...R]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("nope.txt");
  });

  it("is plain when piped and coloured on a terminal unless NO_COLOR", async () => {
    expect((await cli(["explain", file, ...R])).stdout).not.toContain("\u001b[");
    expect((await cli(["explain", file, "--color", ...R])).stdout).toContain("\u001b[");
    vi.stubEnv("FORCE_COLOR", "");
    vi.stubEnv("NO_COLOR", "");
    expect((await cli(["explain", file, ...R], { tty: true })).stdout).toContain("\u001b[");
    vi.stubEnv("NO_COLOR", "1");
    expect((await cli(["explain", file, ...R], { tty: true })).stdout).not.toContain("\u001b[");
    vi.unstubAllEnvs();
  });
});
