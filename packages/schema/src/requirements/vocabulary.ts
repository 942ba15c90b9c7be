/**
 * The closed vocabularies a registry entry draws from: where a requirement comes from, how strong
 * it is, and what sort of rule it is. Each is a tuple (for iteration) plus a literal Schema.
 * @module
 */
import { Schema } from "effect";

/**
 * Every document a requirement or a profile-option choice can cite. The seed documents come first;
 * the later drafts (named as in drafts-background.md) follow.
 */
export const REQUIREMENT_SOURCES = [
  "TRANSPORT", // Cooper, MIMI Transport Service Requirements (6 July 2023)
  "SIGNALING", // draft-ralston-mimi-signaling, seed text of 30 August 2023
  "MSGREQ", // draft-ralston-mimi-messaging-requirements-00
  "BOF", // the MIMI BOF request
  "LM", // draft-ralston-mimi-linearized-matrix-04 (room version I.1)
  "MX-DIFF", // mx-differences.md, the Matrix-developer notes next to LM
  "SIG-00", // draft-ralston-mimi-signaling-00
  "POL-00", // draft-ralston-mimi-policy-00
  "POL-01", // draft-ralston-mimi-policy-01
  "RP-00", // draft-ralston-mimi-protocol-00
  "P-06", // draft-ietf-mimi-protocol-06
  "RPOL-03", // draft-ietf-mimi-room-policy-03
  "MX-V11", // Matrix room version 11 auth rules
  "MATRIX-SPEC", // Matrix appendices (server names, canonical JSON)
  "MSC3995", // the MSC form of Linearized Matrix
  "EIGEN-SERVER", // matrix-org/eigen-server, the only LM implementation
  "SYNAPSE", // matrix-org/synapse, the reference Matrix homeserver (how MX-V11's text is read in practice)
] as const;

/** A document a requirement or a profile-option choice can cite. */
export const RequirementSource = Schema.Literals(REQUIREMENT_SOURCES).pipe(
  // A title, not an identifier: Effect names a failing schema by its identifier, and the list of
  // values says more (`Expected "a" | "b"`).
  Schema.annotate({
    title: "RequirementSource",
    description:
      "A document a requirement or a profile-option choice can cite: a seed document or a later MIMI draft.",
  }),
);
/** A document a requirement or a profile-option choice can cite. */
export type RequirementSource = typeof RequirementSource.Type;

/**
 * How strong a requirement is. BCP 14 keywords, plus `INFORMATIVE` (definitions, examples and
 * deferred topics) and `OPEN` (an open question, settled by a profile option).
 */
export const REQUIREMENT_LEVELS = [
  "MUST",
  "MUST NOT",
  "SHOULD",
  "SHOULD NOT",
  "MAY",
  "INFORMATIVE",
  "OPEN",
] as const;

/** How strong a requirement is (see {@link REQUIREMENT_LEVELS}). */
export const RequirementLevel = Schema.Literals(REQUIREMENT_LEVELS).pipe(
  // A title, not an identifier: Effect names a failing schema by its identifier, and the list of
  // values says more (`Expected "a" | "b"`).
  Schema.annotate({
    title: "RequirementLevel",
    description: "How strong a requirement is: a BCP 14 keyword, INFORMATIVE, or OPEN for an open question.",
  }),
);
/** How strong a requirement is (see {@link REQUIREMENT_LEVELS}). */
export type RequirementLevel = typeof RequirementLevel.Type;

/**
 * What sort of rule a requirement is; this decides where in the project it gets enforced
 * (grammar file, Effect schema, machine guard, machine invariant, or nowhere yet).
 */
export const REQUIREMENT_KINDS = [
  "grammar", // an ABNF rule
  "identifier", // a property of identifiers beyond the grammar (case, length, uniqueness)
  "event-shape", // which fields an event or its content carries
  "transition-rule", // whether a step (add, leave, send, create) is allowed
  "state-invariant", // a property every reachable state has
  "visibility-rule", // who may see what, and when
  "delivery-rule", // how events travel between servers (hub, followers, fan-out)
  "existence", // a chat type exists
  "definition", // a term the other entries rely on
  "example", // an illustration in the source
  "deferred", // the source leaves the topic for later
  "open-question", // the source leaves a choice open: settled by a named profile option
] as const;

/** What sort of rule a requirement is (see {@link REQUIREMENT_KINDS}). */
export const RequirementKind = Schema.Literals(REQUIREMENT_KINDS).pipe(
  // A title, not an identifier: Effect names a failing schema by its identifier, and the list of
  // values says more (`Expected "a" | "b"`).
  Schema.annotate({
    title: "RequirementKind",
    description: "What sort of rule a requirement is, which decides where it is enforced.",
  }),
);
/** What sort of rule a requirement is (see {@link REQUIREMENT_KINDS}). */
export type RequirementKind = typeof RequirementKind.Type;
