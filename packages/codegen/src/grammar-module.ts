/**
 * Generates a standalone TypeScript parser module for a grammar with ts-morph: one exported
 * function per rule returning a typed match result, one `is…` predicate, and the compiled data,
 * each documented with the rule's ABNF. Regular rules carry a DFA; recursive rules a deterministic
 * descent program where it is proved exact (with an Earley grammar that explains failures), else
 * an Earley grammar. Their leaf DFAs are emitted once and shared between rules.
 *
 * @module
 */
import {
  type CompiledRule,
  type DescentData,
  type DfaData,
  type EarleyData,
  type Grammar,
  RuleCompiler,
} from "@mimi-spec/grammar";
import { Project, type SourceFile, VariableDeclarationKind } from "ts-morph";
import { generatedHeader } from "./header.ts";
import { camelCase, commentSafe, constantCase, pascalCase } from "./names.ts";

/** Options for {@link generateGrammarModule}. */
export interface GrammarModuleOptions {
  /** Paths of the grammar sources, for the header. */
  readonly sources: ReadonlyArray<string>;
  /** Where the generated module imports the DFA runtime from. */
  readonly runtimeImport: string;
  /**
   * Where it imports the Earley runtime from (only when a rule is recursive). Defaults to the same
   * module when `runtimeImport` is an `index.ts`, to the sibling `earley-runtime.ts` when it is
   * `dfa-runtime.ts`, and otherwise to `<runtimeImport>/earley` (the package subpath).
   */
  readonly earleyRuntimeImport?: string;
  /**
   * Where it imports the descent runtime from (only when a recursive rule uses it). Defaults like
   * `earleyRuntimeImport`: the same `index.ts`, the sibling `descent-runtime.ts`, or
   * `<runtimeImport>/descent`.
   */
  readonly descentRuntimeImport?: string;
  /** The rules to export; defaults to every rule the grammar itself defines. */
  readonly rules?: ReadonlyArray<string>;
}

/** A rule the generator could not compile. */
export interface GenerationProblem {
  readonly rule: string;
  readonly reason: string;
}

/** The generated text, or the rules that stopped generation. */
export type GeneratedModule =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: ReadonlyArray<GenerationProblem> };

/** The Earley runtime's module specifier that goes with a DFA runtime specifier. */
export function defaultEarleyRuntimeImport(runtimeImport: string): string {
  if (/(^|\/)index\.ts$/.test(runtimeImport)) return runtimeImport;
  if (/(^|\/)dfa-runtime\.ts$/.test(runtimeImport))
    return runtimeImport.replace(/dfa-runtime\.ts$/, "earley-runtime.ts");
  return `${runtimeImport}/earley`;
}

/** The descent runtime's module specifier that goes with a DFA runtime specifier. */
export function defaultDescentRuntimeImport(runtimeImport: string): string {
  if (/(^|\/)index\.ts$/.test(runtimeImport)) return runtimeImport;
  if (/(^|\/)dfa-runtime\.ts$/.test(runtimeImport))
    return runtimeImport.replace(/dfa-runtime\.ts$/, "descent-runtime.ts");
  return `${runtimeImport}/descent`;
}

/** A compiled rule the generator can emit. */
type EmittableRule = Extract<CompiledRule, { engine: "dfa" | "earley" | "descent" }>;

/**
 * Generates the parser module text. Fails (without throwing) when a rule cannot be compiled,
 * naming each such rule and the reason.
 */
export function generateGrammarModule(grammar: Grammar, options: GrammarModuleOptions): GeneratedModule {
  const compiler = new RuleCompiler(grammar);
  const keys = options.rules ?? grammar.ownRuleKeys;
  const all = keys.map((k) => compiler.compile(k));
  const problems = all.flatMap((c) =>
    c.engine === "none"
      ? [{ rule: c.name, reason: c.reason }]
      : c.engine === "peg"
        ? [{ rule: c.name, reason: "PEG rules are not generated" }]
        : [],
  );
  if (problems.length > 0) return { ok: false, problems };
  const compiled = all.filter((c): c is EmittableRule => c.engine !== "none" && c.engine !== "peg");

  const hasDfa = compiled.some((c) => c.engine === "dfa");
  const hasDescent = compiled.some((c) => c.engine === "descent");
  // Descent rules explain their failures with the Earley runtime.
  const hasEarley = hasDescent || compiled.some((c) => c.engine === "earley");
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("generated.ts", "");
  addImports(file, options, { hasDfa, hasEarley, hasDescent });
  const leafNames = hasEarley ? addLeaves(file, compiled) : new Map<DfaData, string>();

  const tableEntries: string[] = [];
  for (const rule of compiled) {
    const resolved = grammar.rules.get(rule.key);
    const abnf = (resolved?.definitions ?? [])
      .map(({ def, source }) => source.text.slice(def.span.start, def.span.end).replace(/\r\n?/g, "\n"))
      .join("\n");
    const fn = functionName(rule.name);
    const predicate = `is${pascalCase(rule.name)}`;
    let constant: string;
    let calls: { match: string; test: string };
    if (rule.engine === "dfa") {
      constant = `${constantCase(rule.name)}_DFA`;
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        isExported: true,
        docs: [`The deterministic automaton of \`${rule.name}\` (${rule.dfa.transitions.length} states).`],
        declarations: [{ name: constant, type: "DfaSource", initializer: dfaLiteral(rule.dfa) }],
      });
      const loaded = `${constant}_LOADED`;
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: loaded, type: "LoadedDfa", initializer: `loadDfa(${constant})` }],
      });
      calls = { match: `matchDfa(${loaded}, input)`, test: `testDfa(${loaded}, input)` };
    } else {
      const earleyConstant = `${constantCase(rule.name)}_EARLEY`;
      const e = rule.earley;
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        isExported: true,
        docs: [
          `The Earley grammar of the recursive rule \`${rule.name}\` (${e.nonterminals.length} nonterminals, ${e.productions.length} productions, ${e.leaves.length} leaf automata)${rule.engine === "descent" ? ", which explains failures" : ""}.`,
        ],
        declarations: [
          { name: earleyConstant, type: "EarleySource", initializer: earleyLiteral(e, leafNames) },
        ],
      });
      const earleyLoaded = `${earleyConstant}_LOADED`;
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          { name: earleyLoaded, type: "LoadedEarley", initializer: `loadEarley(${earleyConstant})` },
        ],
      });
      if (rule.engine === "earley") {
        constant = earleyConstant;
        calls = { match: `matchEarley(${earleyLoaded}, input)`, test: `testEarley(${earleyLoaded}, input)` };
      } else {
        constant = `${constantCase(rule.name)}_DESCENT`;
        const d = rule.descent;
        file.addVariableStatement({
          declarationKind: VariableDeclarationKind.Const,
          isExported: true,
          docs: [
            `The deterministic descent program of the recursive rule \`${rule.name}\` (${d.code.length} code words, ${d.decisions.length} decisions, ${d.leaves.length} leaf automata), proved exact for this grammar.`,
          ],
          declarations: [
            { name: constant, type: "DescentSource", initializer: descentLiteral(d, leafNames) },
          ],
        });
        const loaded = `${constant}_LOADED`;
        file.addVariableStatement({
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: loaded, type: "LoadedDescent", initializer: `loadDescent(${constant})` }],
        });
        calls = {
          match: `testDescent(${loaded}, input) ? { ok: true } : matchEarley(${earleyLoaded}, input)`,
          test: `testDescent(${loaded}, input)`,
        };
      }
    }
    const docAbnf = ["```abnf", ...commentSafe(abnf).split("\n"), "```"].join("\n");
    file.addFunction({
      name: fn,
      isExported: true,
      parameters: [{ name: "input", type: "string" }],
      returnType: "MatchResult",
      docs: [
        `Matches the whole input against \`${rule.name}\`; on failure, says where and what was expected.\n\n${docAbnf}`,
      ],
      statements: `return ${calls.match};`,
    });
    file.addFunction({
      name: predicate,
      isExported: true,
      parameters: [{ name: "input", type: "string" }],
      returnType: "boolean",
      docs: [`Whether the whole input matches \`${rule.name}\`.`],
      statements: `return ${calls.test};`,
    });
    const data =
      rule.engine === "dfa"
        ? `dfa: ${constant}`
        : rule.engine === "earley"
          ? `earley: ${constant}`
          : `descent: ${constant}, earley: ${constantCase(rule.name)}_EARLEY`;
    tableEntries.push(
      `  ${JSON.stringify(rule.name)}: { engine: ${JSON.stringify(rule.engine)}, match: ${fn}, test: ${predicate}, ${data} },`,
    );
  }
  const common = "readonly match: (input: string) => MatchResult; readonly test: (input: string) => boolean";
  const entryTypes = [
    ...(hasDfa ? [`{ readonly engine: "dfa"; ${common}; readonly dfa: DfaSource }`] : []),
    ...(compiled.some((c) => c.engine === "earley")
      ? [`{ readonly engine: "earley"; ${common}; readonly earley: EarleySource }`]
      : []),
    ...(hasDescent
      ? [
          `{ readonly engine: "descent"; ${common}; readonly descent: DescentSource; readonly earley: EarleySource }`,
        ]
      : []),
  ];
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: ["Every rule of the grammar by its ABNF name, with the engine that decides it."],
    declarations: [
      {
        name: "rules",
        type: `Readonly<Record<string, ${entryTypes.length === 0 ? "never" : entryTypes.join(" | ")}>>`,
        initializer: ["{", ...tableEntries, "}"].join("\n"),
      },
    ],
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  const what = hasEarley
    ? `Exact parsers (RFC 5234 semantics: DFAs in linear time, ${hasDescent ? "deterministic descent where proved exact, else " : ""}Earley for recursive rules) for the rules of this grammar.`
    : "Exact parsers (RFC 5234 semantics, linear time) for the rules of this grammar.";
  return { ok: true, text: generatedHeader(options.sources, what) + file.getFullText() };
}

// Words that cannot name a function in an ES module (strict mode), and this module's own names.
const UNAVAILABLE = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval " +
    "rules loadDfa matchDfa testDfa loadEarley matchEarley testEarley loadDescent testDescent"
  ).split(" "),
);

/** The matcher function of a rule: its camelCase name, or `…Rule` where that name is taken (`false`). */
function functionName(rule: string): string {
  const name = camelCase(rule);
  return UNAVAILABLE.has(name) ? `${name}Rule` : name;
}

function addImports(
  file: SourceFile,
  options: GrammarModuleOptions,
  uses: { readonly hasDfa: boolean; readonly hasEarley: boolean; readonly hasDescent: boolean },
): void {
  const { hasDfa, hasEarley, hasDescent } = uses;
  const earleyImport = options.earleyRuntimeImport ?? defaultEarleyRuntimeImport(options.runtimeImport);
  const descentImport = options.descentRuntimeImport ?? defaultDescentRuntimeImport(options.runtimeImport);
  const values = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  const use = (map: Map<string, string[]>, specifier: string, names: string[]) =>
    map.set(specifier, [...(map.get(specifier) ?? []), ...names]);
  // MatchResult always comes from the DFA runtime (the Earley runtime returns the same type).
  use(types, options.runtimeImport, ["MatchResult"]);
  if (hasDfa) {
    use(values, options.runtimeImport, ["loadDfa", "matchDfa", "testDfa"]);
    use(types, options.runtimeImport, ["DfaSource", "LoadedDfa"]);
  }
  if (hasEarley) {
    use(values, earleyImport, ["loadEarley", "matchEarley", "testEarley"]);
    use(types, earleyImport, ["EarleySource", "LoadedEarley"]);
    // Leaf automata are DFAs.
    if (!hasDfa) use(types, options.runtimeImport, ["DfaSource"]);
  }
  if (hasDescent) {
    use(values, descentImport, ["loadDescent", "testDescent"]);
    use(types, descentImport, ["DescentSource", "LoadedDescent"]);
  }
  for (const [moduleSpecifier, names] of values)
    file.addImportDeclaration({ moduleSpecifier, namedImports: names });
  for (const [moduleSpecifier, names] of types)
    file.addImportDeclaration({ moduleSpecifier, isTypeOnly: true, namedImports: [...names].sort() });
}

/** Emits each distinct leaf automaton of the recursive rules once; returns the constant of each. */
function addLeaves(file: SourceFile, compiled: ReadonlyArray<EmittableRule>): Map<DfaData, string> {
  const names = new Map<DfaData, string>();
  const byText = new Map<string, string>();
  for (const rule of compiled) {
    const leaves =
      rule.engine === "earley"
        ? rule.earley.leaves
        : rule.engine === "descent"
          ? [...rule.descent.leaves, ...rule.earley.leaves]
          : [];
    for (const leaf of leaves) {
      if (names.has(leaf)) continue;
      const literal = dfaLiteral(leaf);
      let name = byText.get(literal);
      if (name === undefined) {
        name = `LEAF_${byText.size}`;
        byText.set(literal, name);
        const rules = leaf.ruleNames.length > 0 ? ` (characters of ${leaf.ruleNames.join(", ")})` : "";
        file.addVariableStatement({
          declarationKind: VariableDeclarationKind.Const,
          docs: [`A leaf automaton of the recursive rules below${rules}.`],
          declarations: [{ name, type: "DfaSource", initializer: literal }],
        });
      }
      names.set(leaf, name);
    }
  }
  return names;
}

function dfaLiteral(d: DfaData): string {
  return [
    "{",
    `  start: ${d.start},`,
    `  accepting: ${JSON.stringify(d.accepting)},`,
    "  transitions: [",
    ...d.transitions.map((t) => `    ${JSON.stringify(t)},`),
    "  ],",
    `  expectedRules: ${JSON.stringify(d.expectedRules)},`,
    `  ruleNames: ${JSON.stringify(d.ruleNames)},`,
    "}",
  ].join("\n");
}

function earleyLiteral(e: EarleyData, leafNames: ReadonlyMap<DfaData, string>): string {
  return [
    "{",
    `  start: ${e.start},`,
    `  nonterminals: ${JSON.stringify(e.nonterminals)},`,
    "  productions: [",
    ...e.productions.map((p) => `    ${JSON.stringify(p)},`),
    "  ],",
    `  leaves: [${e.leaves.map((leaf) => leafNames.get(leaf) as string).join(", ")}],`,
    "}",
  ].join("\n");
}

function descentLiteral(d: DescentData, leafNames: ReadonlyMap<DfaData, string>): string {
  return [
    "{",
    `  semantics: ${JSON.stringify(d.semantics)},`,
    `  code: ${JSON.stringify(d.code)},`,
    `  rules: ${JSON.stringify(d.rules)},`,
    `  ruleStarts: ${JSON.stringify(d.ruleStarts)},`,
    "  decisions: [",
    ...d.decisions.map((x) => `    ${JSON.stringify(x)},`),
    "  ],",
    `  sets: ${JSON.stringify(d.sets)},`,
    `  leaves: [${d.leaves.map((leaf) => leafNames.get(leaf) as string).join(", ")}],`,
    "}",
  ].join("\n");
}
