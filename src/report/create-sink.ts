import { extname } from "node:path";
import type { CompiledRule } from "../rules/types.js";
import { HtmlReportSink } from "./html-sink.js";
import { JsonReportSink } from "./json-sink.js";
import { MarkdownReportSink } from "./md-sink.js";
import { ReportError } from "./report-error.js";
import type { ReportSink, ReportSinkFactory } from "./sink.js";

/** Report formats by file extension. */
const FORMATS: Record<string, (file: string, rules: readonly CompiledRule[]) => ReportSink> = {
  ".json": (f, r) => new JsonReportSink(f, r),
  ".md": (f, r) => new MarkdownReportSink(f, r),
  ".markdown": (f, r) => new MarkdownReportSink(f, r),
  ".html": (f, r) => new HtmlReportSink(f, r),
  ".htm": (f, r) => new HtmlReportSink(f, r),
};

export const REPORT_EXTENSIONS = Object.keys(FORMATS);

export { ReportError } from "./report-error.js";

/**
 * `clean --report FILE`: the report sink for FILE's extension (.json, .md, .html).
 * The file (and its directory) is created at once; an unknown extension or a
 * file that cannot be written throws a ReportError with a one-line message.
 */
export const createReportSink: ReportSinkFactory = (file, rules) => {
  const make = FORMATS[extname(file).toLowerCase()];
  if (!make) throw new ReportError(`--report ${file}: unknown report format '${extname(file) || "(no extension)"}'; use one of ${REPORT_EXTENSIONS.join(", ")}`);
  return make(file, rules);
};
