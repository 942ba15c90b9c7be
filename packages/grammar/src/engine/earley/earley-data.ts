/**
 * The compiled form of a recursive rule: a BNF grammar whose terminals are the rule's maximal
 * regular sub-expressions ("leaves"), each already a DFA. Plain JSON-able data, so generated code
 * can embed it; `runtime/earley-runtime.ts` loads and runs it.
 *
 * @module
 */
import type { DfaData } from "../dfa.ts";

/** A recursive rule compiled for the Earley runtime (the runtime reads it as `EarleySource`). */
export interface EarleyData {
  /** The augmented start nonterminal; its one production is `start → <the rule>`. */
  readonly start: number;
  /** Names of the nonterminals: rule names, or `rule/n` for helpers made from groups and repetitions. */
  readonly nonterminals: ReadonlyArray<string>;
  /**
   * Each production as `[lhs, ...rhs]`. A symbol `s ≥ 0` is nonterminal `s`; `s < 0` is leaf
   * `-s - 1`.
   */
  readonly productions: ReadonlyArray<ReadonlyArray<number>>;
  /** The leaf automata. */
  readonly leaves: ReadonlyArray<DfaData>;
}

/** The BNF form of a rule would exceed its size budget (huge bounded repetitions of recursive parts). */
export class GrammarTooLarge extends Error {
  override readonly name = "GrammarTooLarge";
}

/** Default budget of grammar symbols (the lengths of all productions, summed) per rule. */
export const DEFAULT_MAX_EARLEY_SYMBOLS = 200_000;
