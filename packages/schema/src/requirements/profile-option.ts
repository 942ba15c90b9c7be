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
  Schema.annotate({
    identifier: "ProfileOptionName",
    description: "A profile option name: two or more dot-separated lower-case kebab segments.",
    examples: ["auth.knock-from-invite"],
  }),
);

/** A choice value: lower-case kebab case, e.g. `allow`, `level-50`. */
export const ProfileChoiceValue = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/u, { expected: "a kebab-case choice value such as allow" }),
  ),
  Schema.annotate({
    identifier: "ProfileChoiceValue",
    description: "A profile choice value in lower-case kebab case.",
    examples: ["allow", "level-50"],
  }),
);

/** One possible answer, with the documents that give it (empty when no draft does). */
export const ProfileChoice = Schema.Struct({
  /** The value a profile sets the option to. */
  value: ProfileChoiceValue,
  /** What the choice means, in one line. */
  summary: NonBlankLine,
  /** The documents that give this answer; empty when none does. */
  sources: Schema.Array(RequirementSource),
}).pipe(
  Schema.annotate({
    identifier: "ProfileChoice",
    description:
      "One possible answer to an open question, with the documents that give it (empty when none does).",
  }),
);
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
export const DefaultBasis = Schema.Literals(DEFAULT_BASES).pipe(
  // A title, not an identifier: Effect names a failing schema by its identifier, and the list of
  // values says more (`Expected "a" | "b"`).
  Schema.annotate({
    title: "DefaultBasis",
    description:
      "Where a profile option's default comes from: LM's text, a deviation from it, another draft, or the project's own choice.",
  }),
);
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
}).pipe(
  Schema.annotate({
    identifier: "ProfileOption",
    description:
      "A named profile option settling an open question: at least two choices, the default choice, where the default comes from and why.",
  }),
);
/** A named profile option (see {@link ProfileOption}). */
export type ProfileOption = typeof ProfileOption.Type;
