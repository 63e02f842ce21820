import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { createReportSink } from "../src/report/create-sink.js";
import type { ReportEntry } from "../src/report/sink.js";
import { loadRules } from "../src/rules/load.js";
import { article, workspace } from "./report-fixture.js";

// The HTML report in a real headless Chromium (Debian's `chromium` package).
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`report-html-browser: SKIPPED, ${CHROMIUM} not found (install it: apt-get install chromium); in CI this test fails instead`);

const ws = workspace();
const rules = loadRules([ws.rules]);

/** One run fed to both the JSON and the HTML report: 240 files (3 pages), some clean, one mostly boilerplate, one failed. */
async function reports(): Promise<{ json: string; html: string }> {
  const json = join(ws.dir, "run.json");
  const html = join(ws.dir, "run.html");
  const sinks = [createReportSink(json, rules), createReportSink(html, rules)];
  const list: ReportEntry[] = [];
  for (let n = 0; n < 240; n++) {
    const text = article(n, n % 4 !== 0, 2 + (n % 7));
    list.push({ path: `site/${String(n).padStart(3, "0")}.txt`, input: text, result: cleanText(text, rules) });
  }
  const mostly = "Skip to content\nWe use cookies.\nCookie settings: cookies everywhere.\nOk.\n";
  list.push({ path: "site/mostly-boilerplate.txt", input: mostly, result: cleanText(mostly, rules) });
  list.push({ path: "site/broken.txt", error: "binary file (contains NUL bytes), skipped" });
  for (const e of list) for (const s of sinks) await s.add(e);
  for (const s of sinks) await s.finish();
  return { json, html };
}

describe.skipIf(!available && !process.env.CI)("HTML report in headless Chromium", () => {
  let browser: Browser;
  let page: Page;
  let totals: Record<string, number> & { byRule: Record<string, { files: number }> };
  const errors: string[] = [];

  beforeAll(async () => {
    const { json, html } = await reports();
    totals = JSON.parse(readFileSync(json, "utf8")).totals;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && errors.push(`network request: ${r.url()}`));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("#rows tr.file");
  });

  afterAll(async () => {
    await browser?.close();
    ws.cleanup();
  });

  it("loads without console errors or network requests", () => {
    expect(errors).toEqual([]);
  });

  it("shows the totals of the JSON report of the same run", async () => {
    const shown = async (id: string) => Number(await page.getAttribute(`#${id}`, "data-value"));
    expect(await shown("t-files")).toBe(totals.files - totals.filesFailed);
    expect(await shown("t-changed")).toBe(totals.filesChanged);
    expect(await shown("t-removals")).toBe(totals.removals);
    expect(await shown("t-bytes")).toBe(totals.bytesRemoved);
    expect(await shown("t-lines")).toBe(totals.linesDeleted);
    expect(await shown("t-failed")).toBe(totals.filesFailed);
    expect(await page.textContent("#t-bytes")).toBe(totals.bytesRemoved.toLocaleString("en-US"));
    expect(await page.textContent("#count")).toBe(`${totals.filesChanged} of ${totals.filesChanged} files`);
    // one bar per rule in the chart, labelled with its count
    for (const [rule, t] of Object.entries(totals.byRule as Record<string, { removals: number }>)) {
      expect(await page.textContent(`.bar[data-rule="${rule}"] text.num`)).toBe(String(t.removals));
    }
  });

  it("paginates the file table and sorts it by bytes removed", async () => {
    expect(await page.locator("#rows tr.file").count()).toBe(100);
    expect(await page.textContent("#page")).toBe(`page 1 of ${Math.ceil(totals.filesChanged / 100)}`);
    const bytes = async () => (await page.locator("#rows tr.file td:nth-child(2)").allTextContents()).map((s) => Number(s.replace(/,/g, "")));
    const desc = await bytes();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.click('th[data-sort="r"]');
    const asc = await bytes();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.click('th[data-sort="r"]');
  });

  it("flags the file that lost most of its text at the top", async () => {
    expect(await page.textContent("#flagged")).toContain("site/mostly-boilerplate.txt");
  });

  it("filtering by a rule hides the files and labels of the other rules", async () => {
    const rule = "t-consent/cookies";
    await page.selectOption("#rule-filter", { label: rule });
    const rows = page.locator("#rows tr.file");
    expect(await page.textContent("#count")).toBe(`${totals.byRule[rule]!.files} of ${totals.filesChanged} files`);
    for (const r of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-rules")))) expect(r!.split(" ")).toContain(rule);
    // open a file: only the chosen rule's removals stay highlighted and labelled
    await rows.first().click();
    const labels = await page.locator("#rows .diff .lbl").allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set([rule]));
    expect(await page.locator("#rows .diff mark:not(.muted)").evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")))).not.toContain("t-nav/skip");
    expect(await page.locator(`.bar.on[data-rule="${rule}"]`).count()).toBe(1);
    expect(await page.locator(".bar.dim[data-rule]").count()).toBe(Object.keys(totals.byRule).length - 1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "html-report-filtered.png"), fullPage: false });
  });

  it("shows a file's removed spans in context, labelled with their rule", async () => {
    await page.selectOption("#rule-filter", { value: "-1" });
    await page.fill("#q", "site/003.txt");
    await page.locator("#rows tr.file").first().click();
    const diff = page.locator("#rows .diff");
    expect(await diff.locator('mark[data-rule="t-credit/photo"]').first().textContent()).toBe(" (Photo: Agency 3)");
    expect(await diff.locator(".lbl").allTextContents()).toEqual(expect.arrayContaining(["t-nav/skip", "t-credit/photo", "t-consent/cookies"]));
    expect(await diff.textContent()).toContain("A photo of the scene.");
    await page.screenshot({ path: join(ARTIFACTS, "html-report.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
