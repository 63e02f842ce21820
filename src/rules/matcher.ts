import { phraseKey, type LineInfo } from "../engine/features.js";
import type { MatchSpec } from "./types.js";

/** Compiled form of a MatchSpec: decides whether a line matches. */
export interface LineMatcher {
  test(info: LineInfo): boolean;
  /** Like test, on a bare string (a glued segment of a line). */
  testText(text: string): boolean;
}

export const REGEX_FLAGS = "iu";

export function compileRegex(source: string, flags = REGEX_FLAGS): RegExp {
  return new RegExp(source, flags);
}

/** One alternation per list, so a line costs one regex run per list, whatever the list's size. */
function union(sources: readonly string[] | undefined, anchored: boolean): RegExp | undefined {
  if (!sources || sources.length === 0) return undefined;
  const body = sources.map((s) => `(?:${s})`).join("|");
  return compileRegex(anchored ? `^(?:${body})$` : body);
}

export function compileMatcher(spec: MatchSpec | undefined, exceptions?: readonly string[]): LineMatcher {
  const phrases = new Set((spec?.phrases ?? []).map(phraseKey).filter((k) => k.length > 0));
  const whole = union(spec?.patterns, true);
  const anywhere = union(spec?.contains, false);
  const except = union(exceptions as string[] | undefined, false);
  const maxLength = spec?.maxLength ?? Infinity;
  const testText = (content: string, key = phraseKey(content)): boolean => {
    if (content.length === 0) return false;
    let hit = phrases.size > 0 && phrases.has(key);
    if (!hit && content.length <= maxLength) {
      hit = (whole !== undefined && whole.test(content)) || (anywhere !== undefined && anywhere.test(content));
    }
    return hit && !(except !== undefined && except.test(content));
  };
  return {
    test: (info) => !info.blank && testText(info.content, info.key),
    testText: (text) => {
      const t = text.trim();
      return testText(t);
    },
  };
}
