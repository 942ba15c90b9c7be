/**
 * Requirement IDs (`CHAT-2`, `ID-1`, `HUB-3`, `SHARING-9`, `MLSACP-1`, `PRIV-1`): the MIMI
 * requirements' identifiers, so a check can tell which requirements a draft's text addresses.
 *
 * @module
 */
import type { DraftSpan } from "../text/span.ts";
import type { Sentence } from "./prose.ts";

/** The prefixes of the MIMI requirement IDs (see the project's requirements list). */
export const REQUIREMENT_PREFIXES: ReadonlyArray<string> = ["CHAT", "ID", "HUB", "SHARING", "MLSACP", "PRIV"];

/** One mention of a requirement ID. */
export interface RequirementIdMention extends DraftSpan {
  /** As written, e.g. `CHAT-2`. */
  readonly id: string;
  readonly prefix: string;
  readonly number: number;
}

/** A matcher for requirement IDs with the given prefixes. */
export function requirementIdPattern(prefixes: ReadonlyArray<string> = REQUIREMENT_PREFIXES): RegExp {
  const names = [...prefixes].sort((a, b) => b.length - a.length).map((p) => p.replace(/[^A-Za-z0-9]/g, ""));
  return new RegExp(`(?<![A-Za-z0-9_-])(${names.join("|")})-([0-9]{1,4})(?![A-Za-z0-9_]|-[0-9])`, "g");
}

/** The requirement IDs a sentence mentions. */
export function requirementIdsIn(sentence: Sentence, pattern: RegExp): RequirementIdMention[] {
  const out: RequirementIdMention[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(sentence.text); m !== null; m = pattern.exec(sentence.text)) {
    out.push({
      id: m[0],
      prefix: m[1] as string,
      number: Number(m[2]),
      ...sentence.locate(m.index, m.index + m[0].length),
    });
  }
  return out;
}
