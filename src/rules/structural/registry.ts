import type { RuleContext } from "../types.js";
import { repeatedLine } from "./repeated-line.js";
import { edgeMenu } from "./edge-menu.js";
import { labelRun } from "./label-run.js";
import { tailCut } from "./tail-cut.js";
import { tailDensity } from "./tail-density.js";
import { corpusRepeat } from "./corpus-repeat.js";
import { articleEnd } from "./article-end.js";
import { authorBio } from "./author-bio.js";
import { linkList } from "./link-list.js";

/** Emit a removal [start, end) in document offsets. */
export type Emit = (start: number, end: number) => void;

/** A structural algorithm: code that looks at the shape of lines, configured from a rule file. */
export interface StructuralAlgorithm {
  name: string;
  description: string;
  /** The option names it accepts (anything else in a rule file is an error). */
  options: readonly string[];
  /** Validate options (throwing a readable Error) and return the rule's behaviour. */
  create(options: Record<string, unknown> | undefined): (ctx: RuleContext, emit: Emit) => void;
}

export const ALGORITHMS: ReadonlyMap<string, StructuralAlgorithm> = new Map(
  [repeatedLine, edgeMenu, labelRun, tailCut, tailDensity, corpusRepeat, articleEnd, authorBio, linkList].map((a) => [a.name, a]),
);
