// The outputs shown in README.md and docs/reports.md are the CLI's real outputs on the bundled seeds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-helpers.js";

/** The lines of the fenced block that starts with the command `$ …`, the command excluded. */
function shown(doc: string, command: string): string[] {
  const text = readFileSync(join(ROOT, doc), "utf8");
  const at = text.indexOf(`${command}\n`);
  expect(at, `${doc}: ${command}`).toBeGreaterThan(-1);
  const body = text.slice(at + command.length + 1);
  return body.slice(0, body.indexOf("```")).replace(/\n$/, "").split("\n");
}

const SEED = "fixtures/seeds/raw/004_acea8c07d371e0d2.txt";
const run = async (args: string[]) => (await runCli([...args, "--no-color"])).stdout.toString().replace(/\n$/, "").split("\n");

describe("documented outputs", () => {
  it("README and docs/reports.md: the diff of seed 004 begins as shown", async () => {
    const actual = await run(["diff", join(ROOT, SEED)]);
    const abs = (l: string) => l.replace(join(ROOT, SEED), SEED);
    for (const [doc, cmd] of [["README.md", `$ npx boilerstrip diff ${SEED}`], ["docs/reports.md", `$ boilerstrip diff ${SEED}`]]) {
      const lines = shown(doc!, cmd!);
      expect(actual.slice(0, lines.length).map(abs), doc).toEqual(lines);
    }
  });

  it("docs/reports.md: diff --stat of the seeds is as shown (in any file order)", async () => {
    const actual = (await run(["diff", "--stat", join(ROOT, "fixtures/seeds/raw")])).map((l) => l.replaceAll(join(ROOT) + "/", ""));
    const lines = shown("docs/reports.md", "$ boilerstrip diff --stat fixtures/seeds/raw");
    expect(actual.slice(0, -1).sort()).toEqual(lines.slice(0, -1).sort());
    expect(actual.at(-1)).toBe(lines.at(-1));
  });
});
