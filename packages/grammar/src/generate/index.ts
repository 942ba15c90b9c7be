/**
 * String generation for any rule of any grammar: fast-check arbitraries of valid strings
 * ({@link ruleArbitrary}, recursive rules included; {@link dfaArbitrary} for compiled DFAs),
 * a deterministic coverage set with a report ({@link coverageSamples}), and near misses, invalid
 * strings one edit away from valid ones ({@link nearMisses}, {@link nearMissArbitrary}).
 *
 * @module
 */
export {
  type CoverageOptions,
  type CoverageOutcome,
  type CoverageReached,
  type CoverageReport,
  type CoverageResult,
  type CoverageTarget,
  type CoverageTargetKind,
  type CoverageUnreachable,
  coverageSamples,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MAX_NESTING,
  formatCoverageReport,
} from "./coverage.ts";
export * from "./dfa-arbitrary.ts";
export { GenerationError } from "./generation-error.ts";
export {
  DEFAULT_NEAR_MISS_LIMIT,
  type IsMatch,
  type NearMiss,
  type NearMissEdit,
  type NearMissOptions,
  nearMissArbitrary,
  nearMisses,
} from "./near-miss.ts";
export { GenerationPlan, type GenerationPlanOptions, planGeneration } from "./plan.ts";
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_EXTRA_REPETITIONS,
  type RuleArbitraryOptions,
  ruleArbitrary,
} from "./rule-arbitrary.ts";
