import { compileMatcher } from "../matcher.js";
import { defineAlgorithm } from "./options.js";

/** One address of the list: "  12. https://example.com/page", "1234. file:///x", "16. whatsapp://send?…" (any scheme). */
const ENTRY = /^\s*\d{1,6}\.\s+[a-z][a-z\d+.-]{0,30}:\S*\s*$/i;

/**
 * The list of link addresses that lynx and elinks append to a dump (`lynx -dump` without
 * `-nolist`, `elinks -dump`): a heading ("References"), maybe "Visible links" / "Hidden links",
 * then one numbered address per line, to the end of the text. Found from the end backwards, so it
 * costs a line or two on a text without one; taken whole however long it is. An article's own
 * list of sources is never the last thing in a dump, nor only numbered addresses.
 */
export const linkList = defineAlgorithm({
  name: "link-list",
  description: "the numbered list of link addresses a text-mode browser appends to a dump, from its heading to the end",
  options: {
    headings: { type: "match" },
    labels: { type: "match" },
  },
  create({ headings, labels }) {
    const heading = compileMatcher(headings);
    const label = compileMatcher(labels);
    return (ctx, emit) => {
      const { lines } = ctx;
      let entries = 0;
      for (let i = lines.length - 1; i >= 0; i--) {
        const info = lines[i]!;
        if (info.blank) continue;
        if (ENTRY.test(info.line.text)) {
          entries++;
          continue;
        }
        if (label.test(info)) continue;
        if (entries > 0 && heading.test(info)) emit(info.line.start, lines[lines.length - 1]!.line.next);
        return;
      }
    };
  },
});
