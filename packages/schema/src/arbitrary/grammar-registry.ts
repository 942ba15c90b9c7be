/**
 * Where schema tools find the grammar behind a grammar-annotated string: the ABNF text of
 * `spec/grammar/*.abnf` (loaded once, on first use) and each rule's automaton. Rules of files
 * that have a generated parser module reuse its automata instead of compiling them again.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import * as grammarToolkit from "@mimi-spec/grammar";
import {
  type DfaSource,
  dfaArbitrary,
  type Grammar,
  loadGrammar,
  RuleCompiler,
  ruleKey,
} from "@mimi-spec/grammar";
import fc from "fast-check";
import { rules as identifierRules } from "../generated/identifiers.grammar.ts";
import type { GrammarReference } from "../identifiers/grammar-string.ts";

/** The rules table of a generated parser module (`rules` in `src/generated/*.grammar.ts`). */
export type GeneratedRules = Readonly<Record<string, { readonly dfa: DfaSource }>>;

/** A grammar that is missing, broken, or has no usable rule of the name asked for. */
export class GrammarLookupError extends Error {
  override readonly name = "GrammarLookupError";
  constructor(
    /** The grammar file and rule that were asked for. */
    readonly reference: GrammarReference,
    /** Why the lookup failed. */
    readonly reason: string,
  ) {
    super(`${reference.file} rule \`${reference.rule}\`: ${reason}`);
  }
}

/** Grammars and rule automata by file, loaded lazily and cached. */
export interface GrammarRegistry {
  /** The parsed grammar of an ABNF file (repository-relative path). */
  grammar(file: string): Grammar;
  /** The DFA of a regular rule. Throws {@link GrammarLookupError} for other rules. */
  dfa(reference: GrammarReference): DfaSource;
  /** Shrinkable valid strings of a rule (see {@link RuleArbitraryOptions}). */
  arbitrary(reference: GrammarReference, options?: RuleArbitraryOptions): fc.Arbitrary<string>;
}

/** Options for {@link GrammarRegistry.arbitrary}. */
export interface RuleArbitraryOptions {
  /** How many random steps a DFA walk takes before heading for acceptance (default 40). */
  readonly maxSteps?: number;
}

/** A generator of any rule's strings from its ABNF (the toolkit's `ruleArbitrary`). */
export type RuleArbitraryFunction = (grammar: Grammar, rule: string) => fc.Arbitrary<string>;

/**
 * The toolkit's AST-driven `ruleArbitrary`, when the grammar package exports it. It chooses per
 * ABNF alternative and option (a DFA walk chooses per character, so it seldom takes an optional
 * tail like `[":" port]`), and it also covers recursive rules.
 */
const toolkitRuleArbitrary = (grammarToolkit as unknown as Record<string, unknown>).ruleArbitrary as
  | RuleArbitraryFunction
  | undefined;

/** Options for {@link createGrammarRegistry}. */
export interface GrammarRegistryOptions {
  /**
   * AST-driven generation, mixed with the DFA walk for regular rules and used alone for
   * recursive ones. Default: the grammar toolkit's `ruleArbitrary` if it has one; `null` turns
   * it off (DFA walk only).
   */
  readonly ruleArbitrary?: RuleArbitraryFunction | null;
  /** Reads an ABNF file given its repository-relative path. Default: from the repository root. */
  readonly readFile?: (file: string) => string;
  /** Generated rules tables by file, used instead of compiling those files' rules. */
  readonly generated?: Readonly<Record<string, GeneratedRules>>;
}

/** The repository root, four levels above this module (`packages/schema/src/arbitrary/`). */
const REPOSITORY_ROOT = new URL("../../../../", import.meta.url);

/** Repository-relative `.abnf` paths only: annotations must not reach outside the repository. */
const SAFE_FILE = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\.abnf$/;

function readRepositoryFile(file: string): string {
  return readFileSync(new URL(file, REPOSITORY_ROOT), "utf8");
}

/** A registry over the given sources (see {@link GrammarRegistryOptions}). */
export function createGrammarRegistry(options: GrammarRegistryOptions = {}): GrammarRegistry {
  const readFile = options.readFile ?? readRepositoryFile;
  const fromAst =
    options.ruleArbitrary === null ? undefined : (options.ruleArbitrary ?? toolkitRuleArbitrary);
  const generated = options.generated ?? {};
  const grammars = new Map<string, Grammar>();
  const compilers = new Map<string, RuleCompiler>();
  const automata = new Map<string, DfaSource>();

  const grammar = (file: string): Grammar => {
    const cached = grammars.get(file);
    if (cached !== undefined) return cached;
    if (!SAFE_FILE.test(file))
      throw new GrammarLookupError(
        { file, rule: "*" },
        "not a repository-relative .abnf path (like spec/grammar/identifiers.abnf)",
      );
    let text: string;
    try {
      text = readFile(file);
    } catch (e) {
      throw new GrammarLookupError({ file, rule: "*" }, `cannot read the file (${(e as Error).message})`);
    }
    const loaded = loadGrammar([{ name: file, text }]);
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0)
      throw new GrammarLookupError(
        { file, rule: "*" },
        `the grammar has errors: ${errors.map((d) => d.message).join("; ")}`,
      );
    grammars.set(file, loaded);
    return loaded;
  };

  const dfa = (reference: GrammarReference): DfaSource => {
    const id = `${reference.file}#${ruleKey(reference.rule)}`;
    const cached = automata.get(id);
    if (cached !== undefined) return cached;
    const table = generated[reference.file];
    const fromTable =
      table === undefined
        ? undefined
        : (table[reference.rule] ??
          Object.entries(table).find(([name]) => ruleKey(name) === ruleKey(reference.rule))?.[1]);
    let automaton: DfaSource;
    if (fromTable !== undefined) {
      automaton = fromTable.dfa;
    } else {
      let compiler = compilers.get(reference.file);
      if (compiler === undefined) {
        compiler = new RuleCompiler(grammar(reference.file));
        compilers.set(reference.file, compiler);
      }
      const compiled = compiler.compile(reference.rule);
      if (compiled.engine === "none") throw new GrammarLookupError(reference, compiled.reason);
      if (compiled.engine !== "dfa")
        throw new GrammarLookupError(reference, "the rule is recursive (not regular), so it has no DFA");
      automaton = compiled.dfa;
    }
    automata.set(id, automaton);
    return automaton;
  };

  const asLookupError = (reference: GrammarReference, e: unknown): GrammarLookupError =>
    e instanceof GrammarLookupError ? e : new GrammarLookupError(reference, (e as Error).message);

  const arbitrary = (reference: GrammarReference, arbitraryOptions: RuleArbitraryOptions = {}) => {
    let walk: fc.Arbitrary<string> | undefined;
    let derived: fc.Arbitrary<string> | undefined;
    const problems: GrammarLookupError[] = [];
    try {
      walk = dfaArbitrary(dfa(reference), arbitraryOptions);
    } catch (e) {
      problems.push(asLookupError(reference, e));
    }
    if (fromAst !== undefined) {
      try {
        derived = fromAst(grammar(reference.file), reference.rule);
      } catch (e) {
        problems.push(asLookupError(reference, e));
      }
    }
    if (walk !== undefined && derived !== undefined) return fc.oneof(walk, derived);
    const only = walk ?? derived;
    if (only === undefined) throw problems[0] as GrammarLookupError;
    return only;
  };

  return { grammar, dfa, arbitrary };
}

/** The registry of this repository: files under `spec/grammar/`, generated automata reused. */
export const defaultGrammarRegistry: GrammarRegistry = createGrammarRegistry({
  generated: { "spec/grammar/identifiers.abnf": identifierRules },
});
