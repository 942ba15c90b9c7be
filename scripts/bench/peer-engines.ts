/**
 * Every matcher the benchmark compares, built from the same ABNF text: ours (DFA, descent or
 * Earley, as the toolkit chooses), the Peggy parser that the `abnf` package generates, apg-lite and apg-js
 * running the grammar object apg-js generates, and an anchored RegExp compiled from the rules.
 * Each is reduced to one question, "does the whole input match this rule?".
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { RuleCompiler, ruleMatcher } from "@mimi-spec/grammar";
import { parseString } from "abnf";
import type apgJsModule from "apg-js";
import { type ApgLiteGrammar, Parser as ApgLiteParser } from "apg-lite/lib/parser.js";
import type * as PeggyModule from "peggy";
import { apgCompatible, type BenchGrammar, withCoreRules } from "./grammar-texts.ts";
import { regexFromAbnf } from "./regex-from-abnf.ts";

// peggy and apg-js are CommonJS packages whose named exports Node's ESM loader cannot see.
const require = createRequire(import.meta.url);
const peggy = require("peggy") as typeof PeggyModule;
const apgJs = require("apg-js") as typeof apgJsModule;

/** A whole-input verdict; throws only when the engine itself fails (not for a rejected input). */
export type Verdict = (input: string) => boolean;

/** One engine, loaded for one grammar: a verdict per start rule. */
export interface Peer {
  /** The name shown in tables. */
  readonly name: string;
  /** What was done to the grammar text for this peer, if anything (shown in the report). */
  readonly note?: string;
  /** The verdict for `rule`; throws when the peer has no parser for that rule. */
  readonly matcher: (rule: string) => Verdict;
  /** How the peer handles `rule` (ours: which engine), shown with the timings. */
  readonly describe?: (rule: string) => string;
}

/** Our toolkit: `RuleCompiler` picks the DFA, descent or Earley engine per rule. */
export function oursPeer(g: BenchGrammar): Peer {
  const compiler = new RuleCompiler(g.grammar);
  const compile = (rule: string) => {
    const compiled = compiler.compile(rule);
    if (compiled.engine === "none") throw new Error(compiled.reason);
    return compiled;
  };
  return {
    name: "ours",
    matcher: (rule) => ruleMatcher(compile(rule)).test,
    describe(rule) {
      const compiled = compile(rule);
      return compiled.engine === "dfa"
        ? `engine: dfa (${compiled.dfa.transitions.length} states)`
        : `engine: ${compiled.engine}`;
    },
  };
}

/** Peggy source from `abnf`'s `toFormat`, and the parser `peggy.generate` builds from it. */
export function peggyPeer(g: BenchGrammar, startRules: ReadonlyArray<string>): Peer {
  const rules = parseString(withCoreRules(g), g.file);
  const source = rules.toFormat({ format: "peggy", startRule: [...startRules] });
  // abnf writes rule names with "-" turned into "_", keeping their case.
  const slug = (rule: string) => rule.replace(/-/g, "_");
  const parser = peggy.generate(source, { allowedStartRules: startRules.map(slug) });
  return {
    name: "Peggy (via abnf)",
    matcher(rule) {
      const startRule = slug(rule);
      if (!parser.StartRules.includes(startRule))
        throw new Error(`Peggy parser has no start rule ${startRule}`);
      return (input) => {
        try {
          parser.parse(input, { startRule });
          return true;
        } catch (e) {
          if (e instanceof parser.SyntaxError) return false;
          throw e;
        }
      };
    },
  };
}

/** Runs apg-js's generator on the text; throws with apg's own error listing when it refuses. */
function apgGenerate(g: BenchGrammar): { api: InstanceType<typeof apgJs.apgApi>; note?: string } {
  const { text, substitutions } = apgCompatible(withCoreRules(g));
  const api = new apgJs.apgApi(text);
  api.generate();
  if (api.errors.length > 0) throw new Error(`apg-js cannot generate a parser:\n${api.errorsToAscii()}`);
  const note =
    substitutions > 0
      ? `${substitutions} zero-repetition prose value(s) written as "" (apg refuses prose)`
      : undefined;
  return note === undefined ? { api } : { api, note };
}

/** apg-lite's parser with the ESM grammar object apg-js generates for it (`toSource({ lite: true })`). */
export async function apgLitePeer(g: BenchGrammar): Promise<Peer> {
  const { api, note } = apgGenerate(g);
  const source = api.toSource({ lite: true });
  // The generated module is an ES module with a default-exported constructor; load it as written.
  const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
  const module = (await import(url)) as { default: new () => ApgLiteGrammar };
  const grammar = new module.default();
  const parser = new ApgLiteParser();
  return {
    name: "apg-lite",
    ...(note === undefined ? {} : { note }),
    matcher: (rule) => (input) => parser.parse(grammar, rule, input).success,
  };
}

/** apg-js's own parser (apg-lib) with the grammar object from `toObject()`. */
export function apgJsPeer(g: BenchGrammar): Peer {
  const { api, note } = apgGenerate(g);
  const grammar = api.toObject();
  const parser = new apgJs.apgLib.parser();
  return {
    name: "apg-js",
    ...(note === undefined ? {} : { note }),
    matcher: (rule) => (input) => parser.parse(grammar, rule, input).success,
  };
}

/** An anchored RegExp compiled from the rule (see `regex-from-abnf.ts`). */
export function regexPeer(g: BenchGrammar): Peer {
  return {
    name: "RegExp (bench regex-from-abnf)",
    matcher(rule) {
      const re = regexFromAbnf(g.grammar, rule);
      return (input) => re.test(input);
    },
  };
}

/** The shape of the schema package's converter (`ruleToRegExp` in `packages/schema/src/json-schema/`). */
interface SchemaRegexModule {
  ruleToRegExp(grammar: BenchGrammar["grammar"], rule: string): { readonly pattern: string };
}

/**
 * An anchored RegExp from the schema package's ABNF → RegExp converter (the one JSON Schema
 * `pattern`s use), loaded by path at run time so the benchmark still runs, and says why, while
 * that module is missing or broken.
 */
export async function schemaRegexPeer(g: BenchGrammar): Promise<Peer> {
  const path = "../../packages/schema/src/json-schema/abnf-regex.ts";
  const module = (await import(path)) as SchemaRegexModule;
  return {
    name: "RegExp (schema ruleToRegExp)",
    matcher(rule) {
      const re = new RegExp(module.ruleToRegExp(g.grammar, rule).pattern, "u");
      return (input) => re.test(input);
    },
  };
}

/** A peer from a plain function, for hand-written references (`JSON.parse`, a hand-written RegExp). */
export function functionPeer(name: string, verdict: Verdict): Peer {
  return { name, matcher: () => verdict };
}
