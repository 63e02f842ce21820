import { resolve } from "node:path";
import { RE2JS } from "re2js";

/** How documents are grouped for counting: `dir`, `all`, or `regex:<pattern>`. */
export interface Grouping {
  /** The spec as written (stored in stats files; merging needs equal specs). */
  readonly spec: string;
  /** The group of a document path. */
  groupOf(path: string): string;
}

export class GroupByError extends Error {}

/** The group name of a path that the regex does not match. */
export const UNMATCHED_GROUP = "(unmatched)";

/**
 * Parse `--group-by`:
 * - `dir` (default): the name of the directory holding the file (`news/site-a/x.txt` → `site-a`), so
 *   shards counted on different machines from different roots still meet in the same group;
 * - `all`: the whole input is one group;
 * - `regex:<pattern>`: the first capture group (or the whole match) of the pattern on the path with `/`
 *   separators; paths it does not match form the group `(unmatched)`. Linear-time (RE2) matching.
 */
export function parseGroupBy(spec = "dir"): Grouping {
  if (spec === "all") return { spec, groupOf: () => "all" };
  if (spec === "dir") {
    return {
      spec,
      groupOf(path) {
        // the absolute path: "x.txt" typed in raw/ and "/data/raw/x.txt" are both in group "raw"
        const parts = resolve(path).replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
        return parts.length >= 2 ? parts[parts.length - 2]! : ".";
      },
    };
  }
  if (spec.startsWith("regex:")) {
    const source = spec.slice("regex:".length);
    if (!source) throw new GroupByError(`--group-by regex: needs a pattern, e.g. regex:^([^/]+)/`);
    let re: RE2JS;
    try {
      re = RE2JS.compile(source);
    } catch (e) {
      throw new GroupByError(`--group-by: invalid regex "${source}": ${(e as Error).message}`);
    }
    return {
      spec,
      groupOf(path) {
        const m = re.matcher(path.replace(/\\/g, "/"));
        if (!m.find()) return UNMATCHED_GROUP;
        return (m.groupCount() >= 1 ? m.group(1) : m.group()) ?? UNMATCHED_GROUP;
      },
    };
  }
  throw new GroupByError(`--group-by must be dir, all or regex:<pattern>, got "${spec}"`);
}
