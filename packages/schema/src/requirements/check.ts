/**
 * How a requirement is (or will be) checked. The registry must be honest about what is enforced
 * today: a `schema`, `guard`, `invariant` or `grammar-rule` check names something that enforces
 * the requirement, `planned` names what will enforce it and says what is missing, and `none` says
 * why nothing can or need check it.
 * @module
 */
import { Schema } from "effect";
import { NonBlankLine } from "./text.ts";

/** An Effect schema name, in PascalCase (`UserId`, `RoomId`). */
export const SchemaName = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Z][A-Za-z0-9]*$/u, { expected: "a PascalCase schema name such as UserId" }),
  ),
  Schema.annotate({
    identifier: "SchemaName",
    description: "An Effect schema name in PascalCase, such as UserId.",
    examples: ["UserId", "RoomId"],
  }),
);

/**
 * A machine guard or invariant id: dot-separated lower-case kebab segments, at least two
 * (`dm.no-add`, `history.create-first`).
 */
export const MachineCheckId = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/u, {
      expected: "a dotted machine check id such as dm.no-add",
    }),
  ),
  Schema.annotate({
    identifier: "MachineCheckId",
    description:
      "A machine guard or invariant id: two or more dot-separated lower-case kebab segments, such as dm.no-add.",
    examples: ["dm.no-add", "history.create-first"],
  }),
);

/** A grammar file path inside the repository: `spec/grammar/<name>.abnf`. */
export const GrammarFile = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^spec\/grammar\/[a-z0-9][a-z0-9-]*\.abnf$/u, {
      expected: "a grammar file path such as spec/grammar/identifiers.abnf",
    }),
  ),
  Schema.annotate({
    identifier: "GrammarFile",
    description: "A grammar file path inside the repository: spec/grammar/<name>.abnf.",
    examples: ["spec/grammar/identifiers.abnf"],
  }),
);

/**
 * An ABNF rule name. RFC 5234 allows only letters, digits and `-`, but the MIMI drafts use `_`
 * (`room_id`), so `_` is accepted as well.
 */
export const GrammarRuleName = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Za-z][A-Za-z0-9_-]*$/u, { expected: "an ABNF rule name such as room_id" }),
  ),
  Schema.annotate({
    identifier: "GrammarRuleName",
    description: "An ABNF rule name: a letter, then letters, digits, '-' or '_' (the MIMI drafts use '_').",
    examples: ["room_id", "server-name"],
  }),
);

/** Enforced by the named Effect schema. */
export const SchemaCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("schema"),
  /** The schema's exported name. */
  name: SchemaName,
}).pipe(
  Schema.annotate({
    identifier: "SchemaCheck",
    description: "A requirement check by the named Effect schema.",
  }),
);
/** Enforced by the named machine guard (a precondition on a transition). */
export const GuardCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("guard"),
  /** The guard's id in the machine. */
  name: MachineCheckId,
}).pipe(
  Schema.annotate({
    identifier: "GuardCheck",
    description: "A requirement check by the named machine guard (a precondition on a transition).",
  }),
);
/** Enforced by the named machine invariant (a property of every reachable state). */
export const InvariantCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("invariant"),
  /** The invariant's id in the machine. */
  name: MachineCheckId,
}).pipe(
  Schema.annotate({
    identifier: "InvariantCheck",
    description: "A requirement check by the named machine invariant (a property of every reachable state).",
  }),
);
/** Enforced by one rule of one ABNF grammar file. */
export const GrammarRuleCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("grammar-rule"),
  /** The grammar file, relative to the repository root. */
  file: GrammarFile,
  /** The rule of that file that enforces the requirement. */
  rule: GrammarRuleName,
}).pipe(
  Schema.annotate({
    identifier: "GrammarRuleCheck",
    description: "A requirement check by one rule of one ABNF grammar file.",
  }),
);
/** Not checkable, or not worth checking; `why` says which and why. */
export const NoCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("none"),
  /** Why nothing checks this requirement. */
  why: NonBlankLine,
}).pipe(
  Schema.annotate({
    identifier: "NoCheck",
    description:
      "No check: the requirement is not checkable or not worth checking, and 'why' says which and why.",
  }),
);

/** Will be a machine guard with the proposed id; `why` says what is missing today. */
export const PlannedGuardCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("planned"),
  /** What will enforce the requirement. */
  by: Schema.Literal("guard"),
  /** The proposed id or name of that guard. */
  name: MachineCheckId,
  /** What is missing today. */
  why: NonBlankLine,
}).pipe(
  Schema.annotate({
    identifier: "PlannedGuardCheck",
    description: "A planned machine guard with the proposed id; 'why' says what is missing today.",
  }),
);
/** Will be a machine invariant with the proposed id; `why` says what is missing today. */
export const PlannedInvariantCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("planned"),
  /** What will enforce the requirement. */
  by: Schema.Literal("invariant"),
  /** The proposed id or name of that invariant. */
  name: MachineCheckId,
  /** What is missing today. */
  why: NonBlankLine,
}).pipe(
  Schema.annotate({
    identifier: "PlannedInvariantCheck",
    description: "A planned machine invariant with the proposed id; 'why' says what is missing today.",
  }),
);
/** Will be an Effect schema with the proposed name; `why` says what is missing today. */
export const PlannedSchemaCheck = Schema.Struct({
  /** Discriminator. */
  kind: Schema.Literal("planned"),
  /** What will enforce the requirement. */
  by: Schema.Literal("schema"),
  /** The proposed id or name of that schema. */
  name: SchemaName,
  /** What is missing today. */
  why: NonBlankLine,
}).pipe(
  Schema.annotate({
    identifier: "PlannedSchemaCheck",
    description: "A planned Effect schema with the proposed name; 'why' says what is missing today.",
  }),
);

/** How a requirement is checked: a discriminated union on `kind` (and on `by` for `planned`). */
export const RequirementCheck = Schema.Union([
  SchemaCheck,
  GuardCheck,
  InvariantCheck,
  GrammarRuleCheck,
  NoCheck,
  PlannedGuardCheck,
  PlannedInvariantCheck,
  PlannedSchemaCheck,
]).pipe(
  Schema.annotate({
    identifier: "RequirementCheck",
    description:
      "How a requirement is checked: by a schema, guard, invariant or grammar rule, planned, or not at all (with why).",
  }),
);
/** How a requirement is checked (see {@link RequirementCheck}). */
export type RequirementCheck = typeof RequirementCheck.Type;

/** The `kind` values of {@link RequirementCheck}. */
export const CHECK_KINDS = ["schema", "guard", "invariant", "grammar-rule", "none", "planned"] as const;
/** The `kind` of a {@link RequirementCheck}. */
export type CheckKind = RequirementCheck["kind"];

/** Builds a `schema` check. */
export const bySchema = (name: string): RequirementCheck => ({ kind: "schema", name });
/** Builds a `grammar-rule` check. */
export const byGrammarRule = (file: string, rule: string): RequirementCheck => ({
  kind: "grammar-rule",
  file,
  rule,
});
/** Builds a `guard` check: the id of the machine guard that enforces the entry. */
export const byGuard = (name: string): RequirementCheck => ({ kind: "guard", name });
/** Builds an `invariant` check: the id of the machine invariant that enforces the entry. */
export const byInvariant = (name: string): RequirementCheck => ({ kind: "invariant", name });
/** Builds a `none` check with its reason. */
export const notChecked = (why: string): RequirementCheck => ({ kind: "none", why });
/** Builds a `planned` guard check: the proposed guard id and what is missing today. */
export const plannedGuard = (name: string, why: string): RequirementCheck => ({
  kind: "planned",
  by: "guard",
  name,
  why,
});
/** Builds a `planned` invariant check: the proposed invariant id and what is missing today. */
export const plannedInvariant = (name: string, why: string): RequirementCheck => ({
  kind: "planned",
  by: "invariant",
  name,
  why,
});
/** Builds a `planned` schema check: the proposed schema name and what is missing today. */
export const plannedSchema = (name: string, why: string): RequirementCheck => ({
  kind: "planned",
  by: "schema",
  name,
  why,
});
