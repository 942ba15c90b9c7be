/**
 * A grammar: the rules of one or more ABNF texts merged into one table keyed by lower-case rule
 * name, with `=/` folded into alternations, the RFC 5234 core rules added, and definitions
 * supplied from elsewhere (`--define`) replacing the grammar's own.
 *
 * @module
 */
import type { Node, RuleDefinition } from "./ast.ts";
import { coreRules } from "./core-rules.ts";
import { type Diagnostic, diagnostic } from "./diagnostic.ts";
import { type ParseOptions, parseAbnf } from "./parse.ts";
import type { SourceText } from "./source.ts";

/** Where a rule's definition came from. */
export type RuleOrigin = "grammar" | "core" | "define";

/** A rule after merging: its body is every definition's alternatives, in source order. */
export interface ResolvedRule {
  /** The lower-case name used as the key (rule names are case-insensitive). */
  readonly key: string;
  /** The name as first written. */
  readonly name: string;
  readonly body: Node;
  /** The `=` definition first, then every `=/`, each with the text it was written in. */
  readonly definitions: ReadonlyArray<SourcedDefinition>;
  readonly source: SourceText;
  readonly origin: RuleOrigin;
}

/** A rule definition and the text it was written in (`=/` may come from another file). */
export interface SourcedDefinition {
  readonly def: RuleDefinition;
  readonly source: SourceText;
}

/** A merged grammar and every problem found while reading it. */
export interface Grammar {
  readonly rules: ReadonlyMap<string, ResolvedRule>;
  /** Keys of the rules written in the grammar files (not core, not defines), in source order. */
  readonly ownRuleKeys: ReadonlyArray<string>;
  readonly sources: ReadonlyArray<SourceText>;
  /** Parse and merge diagnostics (the checks in `analyze` add more). */
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  /** Keys of rules whose only definitions had syntax errors: defined, but not usable. */
  readonly brokenRuleKeys: ReadonlySet<string>;
}

/** A named ABNF text. */
export interface GrammarText {
  readonly name: string;
  readonly text: string;
  readonly lineOffset?: number;
}

/** Options for {@link loadGrammar}. */
export interface LoadOptions extends ParseOptions {
  /** Definitions from other documents; each replaces the grammar's rule of the same name. */
  readonly defines?: ReadonlyArray<GrammarText>;
}

/** The lower-case key of a rule name. */
export function ruleKey(name: string): string {
  return name.toLowerCase();
}

interface Pending {
  base?: SourcedDefinition;
  incremental: SourcedDefinition[];
}

/**
 * Parses and merges grammar texts.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: 'greeting = "hi" / "hello"\ngreeting =/ "hey"\n' }]);
 * g.rules.get("greeting")?.body.kind; // "alternation" (three alternatives)
 * ```
 */
export function loadGrammar(texts: ReadonlyArray<GrammarText>, options: LoadOptions = {}): Grammar {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceText[] = [];
  const pending = new Map<string, Pending>();
  const order: string[] = [];
  const broken = new Set<string>();

  for (const t of texts) {
    const parsed = parseAbnf(t.name, t.text, withLineOffset(options, t.lineOffset));
    sources.push(parsed.source);
    diagnostics.push(...parsed.diagnostics);
    for (const name of parsed.brokenRuleNames) broken.add(ruleKey(name));
    for (const def of parsed.rules.rules) {
      const key = ruleKey(def.name);
      let entry = pending.get(key);
      if (entry === undefined) {
        entry = { incremental: [] };
        pending.set(key, entry);
        order.push(key);
      }
      if (def.incremental) {
        entry.incremental.push({ def, source: parsed.source });
      } else if (entry.base !== undefined) {
        const first = entry.base;
        diagnostics.push(
          diagnostic(
            "duplicate-rule",
            `rule \`${def.name}\` is already defined`,
            parsed.source,
            def.nameSpan,
            {
              hint: "use `=/` to add alternatives to an existing rule, or rename one of them",
              related: [{ message: "first defined here", source: first.source, span: first.def.nameSpan }],
            },
          ),
        );
      } else {
        entry.base = { def, source: parsed.source };
      }
    }
  }

  const rules = new Map<string, ResolvedRule>();
  const core = coreRules();
  const coreByKey = new Map(core.rules.map((d) => [ruleKey(d.name), d]));

  for (const key of order) {
    const entry = pending.get(key) as Pending;
    const coreDef = coreByKey.get(key);
    const base = entry.base ?? (coreDef === undefined ? undefined : { def: coreDef, source: core.source });
    if (base === undefined) {
      for (const inc of entry.incremental) {
        diagnostics.push(
          diagnostic(
            "incremental-without-base",
            `\`${inc.def.name} =/\` adds to a rule that is never defined with \`=\``,
            inc.source,
            inc.def.nameSpan,
            {
              hint: `write \`${inc.def.name} =\` for its first definition`,
            },
          ),
        );
      }
      const first = entry.incremental[0];
      if (first !== undefined) rules.set(key, merged(key, first, entry.incremental.slice(1), "grammar"));
      continue;
    }
    if (entry.base !== undefined && coreDef !== undefined) {
      diagnostics.push(
        diagnostic(
          "shadows-core-rule",
          `rule \`${entry.base.def.name}\` replaces the RFC 5234 core rule \`${coreDef.name}\``,
          entry.base.source,
          entry.base.def.nameSpan,
          {
            hint: "rule names ignore case, so every use of the core rule now means this one",
          },
        ),
      );
    }
    rules.set(key, merged(key, base, entry.incremental, entry.base === undefined ? "core" : "grammar"));
  }
  const ownRuleKeys = [...order];

  for (const def of core.rules) {
    const key = ruleKey(def.name);
    if (!rules.has(key)) rules.set(key, merged(key, { def, source: core.source }, [], "core"));
  }

  for (const t of options.defines ?? []) {
    const parsed = parseAbnf(t.name, t.text, withLineOffset(options, t.lineOffset));
    sources.push(parsed.source);
    diagnostics.push(...parsed.diagnostics);
    const defined = new Map<string, Pending>();
    for (const def of parsed.rules.rules) {
      const key = ruleKey(def.name);
      const entry = defined.get(key) ?? { incremental: [] };
      if (def.incremental) entry.incremental.push({ def, source: parsed.source });
      else entry.base ??= { def, source: parsed.source };
      defined.set(key, entry);
    }
    for (const [key, entry] of defined) {
      const base = entry.base ?? entry.incremental[0];
      if (base === undefined) continue;
      const previous = rules.get(key);
      if (previous !== undefined && previous.origin === "grammar") {
        diagnostics.push(
          diagnostic(
            "redefined-import",
            `\`${base.def.name}\` from ${parsed.source.name} replaces the grammar's definition`,
            parsed.source,
            base.def.nameSpan,
            {
              related: [
                {
                  message: "the grammar's definition",
                  source: previous.source,
                  span: previous.definitions[0]?.def.nameSpan ?? base.def.nameSpan,
                },
              ],
            },
          ),
        );
      }
      const rest = entry.base === undefined ? entry.incremental.slice(1) : entry.incremental;
      rules.set(key, merged(key, base, rest, "define"));
      if (!ownRuleKeys.includes(key)) ownRuleKeys.push(key);
    }
  }

  const brokenRuleKeys = new Set([...broken].filter((k) => !rules.has(k)));
  return { rules, ownRuleKeys, sources, diagnostics, brokenRuleKeys };
}

function withLineOffset(options: ParseOptions, lineOffset: number | undefined): ParseOptions {
  return {
    ...(options.strict === undefined ? {} : { strict: options.strict }),
    ...(lineOffset === undefined ? {} : { lineOffset }),
  };
}

function merged(
  key: string,
  base: SourcedDefinition,
  incremental: ReadonlyArray<SourcedDefinition>,
  origin: RuleOrigin,
): ResolvedRule {
  const definitions = [base, ...incremental];
  const body: Node =
    incremental.length === 0
      ? base.def.body
      : {
          kind: "alternation",
          alternatives: definitions.flatMap(({ def }) =>
            def.body.kind === "alternation" ? def.body.alternatives : [def.body],
          ),
          span: base.def.body.span,
        };
  return { key, name: base.def.name, body, definitions, source: base.source, origin };
}
