import type { ReportSink, ReportSinkFactory } from "../report/sink.js";
import type { CompiledRule } from "../rules/types.js";

/**
 * Open the --report sink. The factory lives in report/create-sink.ts (built
 * by the report's owner); it is imported when a report is asked for.
 */
export async function openReport(file: string, rules: readonly CompiledRule[]): Promise<ReportSink> {
  const spec = "../report/create-sink.js";
  let mod: { createReportSink?: ReportSinkFactory };
  try {
    mod = (await import(spec)) as { createReportSink?: ReportSinkFactory };
  } catch (e) {
    throw new Error(`--report is not available in this build (${(e as Error).message})`);
  }
  if (typeof mod.createReportSink !== "function") throw new Error("--report is not available in this build (no createReportSink)");
  return mod.createReportSink(file, rules);
}
