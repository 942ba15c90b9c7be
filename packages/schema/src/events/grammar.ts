/**
 * Exact matchers for the rules of `spec/grammar/events.abnf`, compiled when this module loads.
 *
 * TODO(lead): replace with the generated parser. Once `pnpm gen` has a target for
 * `spec/grammar/events.abnf`, import these names from `../generated/events.grammar.ts` instead and
 * delete this module: the exports below use the generated module's names and shapes (`eventId`,
 * `roomVersion`, …, and `rules`), so only the import paths change.
 *
 * Compiling at run time uses the same engine as the generator (`loadGrammar`, `RuleCompiler`,
 * `loadDfa`), so the verdicts are the same exact RFC 5234 semantics; it only costs a few
 * milliseconds at start-up and reads the ABNF file from the repository.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { loadDfa, loadGrammar, RuleCompiler } from "@mimi-spec/grammar";
import { type DfaSource, type MatchResult, matchDfa, testDfa } from "@mimi-spec/grammar/runtime";

/** Repository path of the grammar these matchers come from. */
export const EVENTS_GRAMMAR_FILE = "spec/grammar/events.abnf";

/** A compiled rule, shaped like an entry of a generated module's `rules` table. */
export interface CompiledEventRule {
  readonly match: (input: string) => MatchResult;
  readonly test: (input: string) => boolean;
  readonly dfa: DfaSource;
}

const RULE_NAMES = [
  "event_id",
  "reference_hash",
  "urlsafe_unpadded_base64_char",
  "room_version",
  "room_version_char",
  "key_version",
  "key_version_char",
  "key_id",
  "key_algorithm",
  "sha256-event-id",
  "namespaced-id",
  "namespaced-id-char",
] as const;

function compileEventRules(): Readonly<Record<string, CompiledEventRule>> {
  // src/events/grammar.ts → the repository root is four levels up.
  const url = new URL(`../../../../${EVENTS_GRAMMAR_FILE}`, import.meta.url);
  const grammar = loadGrammar([{ name: EVENTS_GRAMMAR_FILE, text: readFileSync(url, "utf8") }]);
  const errors = grammar.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Error(`${EVENTS_GRAMMAR_FILE}: ${errors.map((d) => d.message).join("; ")}`);
  }
  const compiler = new RuleCompiler(grammar);
  const table: Record<string, CompiledEventRule> = {};
  for (const name of RULE_NAMES) {
    const compiled = compiler.compile(name);
    if (compiled.engine !== "dfa") {
      const why = compiled.engine === "none" ? compiled.reason : "it is not a regular rule";
      throw new Error(`${EVENTS_GRAMMAR_FILE}: rule ${name} cannot become an automaton: ${why}`);
    }
    const loaded = loadDfa(compiled.dfa);
    table[name] = {
      match: (input) => matchDfa(loaded, input),
      test: (input) => testDfa(loaded, input),
      dfa: compiled.dfa,
    };
  }
  return table;
}

/** Every rule of the grammar by its ABNF name. */
export const rules: Readonly<Record<string, CompiledEventRule>> = compileEventRules();

function rule(name: (typeof RULE_NAMES)[number]): CompiledEventRule {
  return rules[name] as CompiledEventRule;
}

/** Matches the whole input against `event_id` (`"$" reference_hash`). */
export const eventId: (input: string) => MatchResult = rule("event_id").match;
/** Matches the whole input against `sha256-event-id` (`"$"` and exactly 43 URL-safe characters). */
export const sha256EventId: (input: string) => MatchResult = rule("sha256-event-id").match;
/** Matches the whole input against `room_version` (1 to 128 of `a-z 0-9 - .`). */
export const roomVersion: (input: string) => MatchResult = rule("room_version").match;
/** Matches the whole input against `key_id` (`"ed25519" ":" key_version`). */
export const keyId: (input: string) => MatchResult = rule("key_id").match;
/** Matches the whole input against `key_version` (1 or more of `A-Z a-z 0-9 _`). */
export const keyVersion: (input: string) => MatchResult = rule("key_version").match;
/** Matches the whole input against `namespaced-id` (Matrix's common namespaced identifier). */
export const namespacedId: (input: string) => MatchResult = rule("namespaced-id").match;
