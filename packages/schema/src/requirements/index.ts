/**
 * The requirements registry of `@mimi-spec/schema`: every MIMI requirement and open question with
 * its source, level, kind and check, plus queries and whole-registry validation.
 * @module
 */
export {
  byGrammarRule,
  bySchema,
  CHECK_KINDS,
  type CheckKind,
  GrammarFile,
  GrammarRuleCheck,
  GrammarRuleName,
  GuardCheck,
  InvariantCheck,
  MachineCheckId,
  NoCheck,
  notChecked,
  PlannedGuardCheck,
  PlannedInvariantCheck,
  PlannedSchemaCheck,
  plannedGuard,
  plannedInvariant,
  plannedSchema,
  RequirementCheck,
  SchemaCheck,
  SchemaName,
} from "./check.ts";
export { decodeRequirementEntry, MAX_STATEMENT_LENGTH, RequirementEntry, RequirementId } from "./entry.ts";
export { GRAMMAR_FILES } from "./grammar-files.ts";
export {
  DEFAULT_BASES,
  DefaultBasis,
  ProfileChoice,
  ProfileChoiceValue,
  ProfileOption,
  ProfileOptionName,
} from "./profile-option.ts";
export {
  type RegistrySummary,
  requirementById,
  requirementsByKind,
  requirementsBySource,
  summarizeRegistry,
} from "./query.ts";
export { REQUIREMENTS } from "./registry.ts";
export {
  REQUIRED_MACHINE_IDS,
  REQUIRED_PROFILE_OPTIONS,
  SEED_REQUIREMENT_IDS,
  type SeedRequirementId,
} from "./required.ts";
export { NonBlankLine } from "./text.ts";
export {
  type RegistryProblem,
  type RegistryProblemCode,
  type RegistryReport,
  type ValidateRegistryOptions,
  validateRegistry,
} from "./validate.ts";
export {
  REQUIREMENT_KINDS,
  REQUIREMENT_LEVELS,
  REQUIREMENT_SOURCES,
  RequirementKind,
  RequirementLevel,
  RequirementSource,
} from "./vocabulary.ts";
