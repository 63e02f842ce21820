import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { analyse } from "../src/engine/features.js";

const contents = (text: string) => analyse(makeDocument(text)).map((l) => l.content);

describe("line features: list markers", () => {
  it("strips bullets, numbers and lynx link numbers before rules see a line", () => {
    expect(contents(" * News\n1. Skip to content\n- Home\n[12]Impressum\n3) Kontakt\n")).toEqual(["News", "Skip to content", "Home", "Impressum", "Kontakt"]);
  });

  it("keeps the day of a date written '7. Oktober 2020' (a number, a word and a year is a date, not item 7)", () => {
    expect(contents("7. Oktober 2020\n * 27. September 2018\n21. Jan 2022\n2. Teil der Serie\n")).toEqual(["7. Oktober 2020", "27. September 2018", "21. Jan 2022", "Teil der Serie"]);
  });
});
