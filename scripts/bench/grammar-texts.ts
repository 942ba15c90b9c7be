/**
 * The grammar texts and hand-labelled cases the benchmark reads, and the two ways a peer's copy of
 * a text may differ from ours: the RFC 5234 core rules appended as text (our toolkit has them
 * built in; the peers need them written out), and, for apg-js only, the one substitution that
 * lets it generate a parser at all.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CORE_RULES_ABNF, type Grammar, loadGrammar } from "@mimi-spec/grammar";

/** The repository root (this file lives in `scripts/bench/`). */
export const ROOT = join(import.meta.dirname, "..", "..");

const FIXTURES = join(ROOT, "packages", "grammar", "test", "fixtures", "rfc");

/** One hand-labelled fixture case (see the fixtures' README). */
export interface LabelledCase {
  readonly rule: string;
  readonly input: string;
  readonly valid: boolean;
  readonly why: string;
  readonly doubtful?: boolean;
}

/** An ABNF text, our grammar loaded from it, and its labelled cases (empty when it has none). */
export interface BenchGrammar {
  readonly file: string;
  readonly text: string;
  readonly grammar: Grammar;
  readonly cases: ReadonlyArray<LabelledCase>;
}

/** Reads a grammar from the RFC fixtures, with its `.cases.json`. */
export function fixtureGrammar(stem: string): BenchGrammar {
  const file = join(FIXTURES, `${stem}.abnf`);
  const text = readFileSync(file, "utf8");
  const cases = (
    JSON.parse(readFileSync(join(FIXTURES, `${stem}.cases.json`), "utf8")) as { cases: LabelledCase[] }
  ).cases;
  return { file, text, grammar: loadOrThrow(file, text), cases };
}

/** Reads a grammar from any ABNF file under the repository, without cases. */
export function repoGrammar(relative: string): BenchGrammar {
  const file = join(ROOT, relative);
  const text = readFileSync(file, "utf8");
  return { file, text, grammar: loadOrThrow(file, text), cases: [] };
}

function loadOrThrow(file: string, text: string): Grammar {
  const grammar = loadGrammar([{ name: file, text }]);
  const errors = grammar.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((d) => d.message).join("; ")}`);
  return grammar;
}

/**
 * The text followed by the RFC 5234 core rules it does not define itself. A grammar's own rule
 * replaces the core rule of the same name (RFC 8259's `char` replaces `CHAR`); writing both out
 * would be a duplicate definition to the peers.
 */
export function withCoreRules(g: BenchGrammar): string {
  const own = new Set(g.grammar.ownRuleKeys);
  const core = CORE_RULES_ABNF.split("\n").filter((line) => {
    const name = /^([A-Za-z][A-Za-z0-9-]*)\s*=/.exec(line)?.[1];
    return name !== undefined && !own.has(name.toLowerCase());
  });
  return `${g.text.replace(/\n*$/, "\n")}\n${core.join("\n")}\n`;
}

/**
 * apg-js refuses any prose value (`<...>`), even one repeated zero times, so it cannot generate a
 * parser from RFC 3986 as published (`path-empty = 0<pchar>`). `0<x>` matches exactly the empty
 * string, which apg writes as `""`; that is the only change, and it keeps the language.
 */
export function apgCompatible(text: string): { text: string; substitutions: number } {
  let substitutions = 0;
  const out = text.replace(/(^|[\s(/[])(?:0|0\*0)<[^>]*>/g, (_m, before: string) => {
    substitutions++;
    return `${before}""`;
  });
  return { text: out, substitutions };
}
