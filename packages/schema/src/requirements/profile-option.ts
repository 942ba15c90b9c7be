/**
 * A profile option: the named, explicit choice that settles an open question. The reference model
 * never assumes an answer silently; it reads the option, and the registry records the choices,
 * which documents back each one, the default and why.
 * @module
 */
import { Schema } from "effect";
import { NonBlankLine } from "./text.ts";
import { RequirementSource } from "./vocabulary.ts";

/** A profile option name: dotted lower-case kebab segments, e.g. `auth.knock-from-invite`. */
export const ProfileOptionName = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/u, {
      expected: "a dotted profile option name such as auth.knock-from-invite",
    }),
  ),
);

/** A choice value: lower-case kebab case, e.g. `allow`, `level-50`. */
export const ProfileChoiceValue = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/u, { expected: "a kebab-case choice value such as allow" }),
  ),
);

/** One possible answer, with the documents that give it (empty when no draft does). */
export const ProfileChoice = Schema.Struct({
  /** The value a profile sets the option to. */
  value: ProfileChoiceValue,
  /** What the choice means, in one line. */
  summary: NonBlankLine,
  /** The documents that give this answer; empty when none does. */
  sources: Schema.Array(RequirementSource),
});
/** One possible answer to an open question (see {@link ProfileChoice}). */
export type ProfileChoice = typeof ProfileChoice.Type;

/**
 * Where the default comes from, relative to the base text (LM I.1):
 * - `lm-text`: LM's text gives the default (the default choice cites LM);
 * - `deviates-from-lm`: LM's text says otherwise and the rationale says why we differ (another
 *   choice cites LM, the default does not);
 * - `other-draft`: LM says nothing; the default comes from the documents it cites (no choice
 *   cites LM, the default cites at least one document);
 * - `project-choice`: no document answers; the default is ours (it cites nothing).
 */
export const DEFAULT_BASES = ["lm-text", "deviates-from-lm", "other-draft", "project-choice"] as const;

/** Where a profile option's default comes from (see {@link DEFAULT_BASES}). */
export const DefaultBasis = Schema.Literals(DEFAULT_BASES);
/** Where a profile option's default comes from (see {@link DEFAULT_BASES}). */
export type DefaultBasis = typeof DefaultBasis.Type;

/** A named profile option: at least two choices, a default among them, and why that default. */
export const ProfileOption = Schema.Struct({
  /** The option's name, as profiles and the machine refer to it. */
  name: ProfileOptionName,
  /** The possible answers, at least two. */
  choices: Schema.Array(ProfileChoice).pipe(
    Schema.check(Schema.isMinLength(2, { expected: "at least two choices" })),
  ),
  /** The value of the choice the default profile uses. */
  default: ProfileChoiceValue,
  /** Where the default comes from, relative to LM I.1. */
  defaultBasis: DefaultBasis,
  /** Why this default; where it departs from LM, why we depart. */
  rationale: NonBlankLine,
});
/** A named profile option (see {@link ProfileOption}). */
export type ProfileOption = typeof ProfileOption.Type;
