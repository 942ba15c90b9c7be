/**
 * Generates a standalone TypeScript parser module for a grammar with ts-morph: one exported
 * function per rule returning a typed match result, one `is…` predicate, and the automaton data,
 * each documented with the rule's ABNF.
 *
 * @module
 */
import { type Grammar, RuleCompiler } from "@mimi-spec/grammar";
import { Project, VariableDeclarationKind } from "ts-morph";
import { generatedHeader } from "./header.ts";
import { camelCase, commentSafe, constantCase, pascalCase } from "./names.ts";

/** Options for {@link generateGrammarModule}. */
export interface GrammarModuleOptions {
  /** Paths of the grammar sources, for the header. */
  readonly sources: ReadonlyArray<string>;
  /** Where the generated module imports the DFA runtime from. */
  readonly runtimeImport: string;
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

/**
 * Generates the parser module text. Fails (without throwing) when a rule cannot be compiled,
 * naming each such rule and the reason.
 */
export function generateGrammarModule(grammar: Grammar, options: GrammarModuleOptions): GeneratedModule {
  const compiler = new RuleCompiler(grammar);
  const keys = options.rules ?? grammar.ownRuleKeys;
  const compiled = keys.map((k) => compiler.compile(k));
  const problems = compiled.flatMap((c) => (c.engine === "none" ? [{ rule: c.name, reason: c.reason }] : []));
  if (problems.length > 0) return { ok: false, problems };

  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("generated.ts", "");
  file.addImportDeclaration({
    moduleSpecifier: options.runtimeImport,
    namedImports: ["loadDfa", "matchDfa", "testDfa"],
  });
  file.addImportDeclaration({
    moduleSpecifier: options.runtimeImport,
    isTypeOnly: true,
    namedImports: ["DfaSource", "LoadedDfa", "MatchResult"],
  });

  const tableEntries: string[] = [];
  for (const rule of compiled) {
    if (rule.engine !== "dfa") continue;
    const resolved = grammar.rules.get(rule.key);
    const abnf = (resolved?.definitions ?? [])
      .map(({ def, source }) => source.text.slice(def.span.start, def.span.end).replace(/\r\n?/g, "\n"))
      .join("\n");
    const constant = `${constantCase(rule.name)}_DFA`;
    const fn = camelCase(rule.name);
    const d = rule.dfa;
    const data = [
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
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [`The deterministic automaton of \`${rule.name}\` (${d.transitions.length} states).`],
      declarations: [{ name: constant, type: "DfaSource", initializer: data }],
    });
    const loaded = `${constant}_LOADED`;
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: loaded, type: "LoadedDfa", initializer: `loadDfa(${constant})` }],
    });
    const docAbnf = ["```abnf", ...commentSafe(abnf).split("\n"), "```"].join("\n");
    file.addFunction({
      name: fn,
      isExported: true,
      parameters: [{ name: "input", type: "string" }],
      returnType: "MatchResult",
      docs: [
        `Matches the whole input against \`${rule.name}\`; on failure, says where and what was expected.\n\n${docAbnf}`,
      ],
      statements: `return matchDfa(${loaded}, input);`,
    });
    file.addFunction({
      name: `is${pascalCase(rule.name)}`,
      isExported: true,
      parameters: [{ name: "input", type: "string" }],
      returnType: "boolean",
      docs: [`Whether the whole input matches \`${rule.name}\`.`],
      statements: `return testDfa(${loaded}, input);`,
    });
    tableEntries.push(
      `  ${JSON.stringify(rule.name)}: { match: ${fn}, test: is${pascalCase(rule.name)}, dfa: ${constant} },`,
    );
  }
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: ["Every rule of the grammar by its ABNF name."],
    declarations: [
      {
        name: "rules",
        type: "Readonly<Record<string, { readonly match: (input: string) => MatchResult; readonly test: (input: string) => boolean; readonly dfa: DfaSource }>>",
        initializer: ["{", ...tableEntries, "}"].join("\n"),
      },
    ],
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  const what = "Exact parsers (RFC 5234 semantics, linear time) for the rules of this grammar.";
  return { ok: true, text: generatedHeader(options.sources, what) + file.getFullText() };
}
