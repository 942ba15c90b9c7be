/**
 * One entry of the requirements registry: a requirement (or open question) from a MIMI source
 * document, our own one-line paraphrase of it, and how it is checked.
 * @module
 */
import { Schema } from "effect";
import { RequirementCheck } from "./check.ts";
import { ProfileOption } from "./profile-option.ts";
import { NonBlankLine } from "./text.ts";
import { RequirementKind, RequirementLevel, RequirementSource } from "./vocabulary.ts";

/**
 * A requirement id: upper-case segments joined by `-`, ending in a number
 * (`CHAT-2`, `ID-1`, `SIG-EVENT-3`, `OQ-AUTH-1`).
 */
export const RequirementId = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[1-9][0-9]*$/u, {
      expected: "a requirement id such as CHAT-2 or SIG-EVENT-3",
    }),
  ),
  Schema.annotate({
    identifier: "RequirementId",
    description: "A requirement id: upper-case segments joined by '-', ending in a number.",
    examples: ["CHAT-2", "SIG-EVENT-3"],
  }),
);
/** A requirement id (see {@link RequirementId}). */
export type RequirementId = typeof RequirementId.Type;

/** The longest paraphrase we allow: a statement is one line, not copied prose. */
export const MAX_STATEMENT_LENGTH = 200;

/** Whether `text` has at most `max` characters, counted as code points (as JSON Schema counts). */
function hasAtMostCodePoints(text: string, max: number): boolean {
  if (text.length <= max) return true; // UTF-16 units never undercount code points
  let count = 0;
  for (const _ of text) if (++count > max) return false;
  return true;
}

/**
 * At most {@link MAX_STATEMENT_LENGTH} characters. Counted in code points rather than Effect's
 * UTF-16 units, so that the exported JSON Schema's `maxLength` (code points) says exactly the same.
 */
const statementLength = Schema.makeFilter((text: string) => hasAtMostCodePoints(text, MAX_STATEMENT_LENGTH), {
  expected: `a statement of at most ${MAX_STATEMENT_LENGTH} characters`,
  toJsonSchema: () => ({ maxLength: MAX_STATEMENT_LENGTH }),
  arbitraryConstraint: { maxLength: MAX_STATEMENT_LENGTH },
});

/** A registry entry. `profileOption` is required for (and only allowed on) open questions. */
export const RequirementEntry = Schema.Struct({
  /** Stable id; seed requirements keep the source's own id. */
  id: RequirementId,
  /** The document the requirement comes from. */
  source: RequirementSource,
  /** The section of that document (a number such as "3.2", or a draft anchor and rule number). */
  section: NonBlankLine,
  /** Our own one-line paraphrase; never the source's prose. */
  statement: NonBlankLine.pipe(Schema.check(statementLength)),
  /** How strong the requirement is. */
  level: RequirementLevel,
  /** What sort of rule it is. */
  kind: RequirementKind,
  /** How it is (or will be) checked, or why it is not. */
  check: RequirementCheck,
  /** For an open question: the profile option that settles it. */
  profileOption: Schema.optionalKey(ProfileOption),
  /** Ids of entries that qualify or settle this one. */
  related: Schema.optionalKey(Schema.Array(RequirementId)),
  /** Our remarks: source defects, how later drafts fill the gap. */
  note: Schema.optionalKey(NonBlankLine),
}).pipe(
  Schema.annotate({
    identifier: "RequirementEntry",
    description:
      "A requirements registry entry: id, source document and section, a one-line paraphrase, level, kind and how it is checked.",
  }),
);
/** A registry entry (see {@link RequirementEntry}). */
export type RequirementEntry = typeof RequirementEntry.Type;

/** Decodes one unknown value as a registry entry; throws a SchemaError naming the bad field. */
export const decodeRequirementEntry = Schema.decodeUnknownSync(RequirementEntry);
