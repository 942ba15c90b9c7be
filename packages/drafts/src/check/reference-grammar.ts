/**
 * The project's reference grammar (`spec/grammar/identifiers.abnf` and `events.abnf`, passed in
 * by the caller: this package reads no files), loaded once and compiled rule by rule on demand,
 * so checking many drafts compiles each reference rule once.
 *
 * Draft rules are matched to reference rules by name, case-insensitively and with `_` and `-`
 * counted alike: RFC 5234 does not allow `_` in rule names, so a draft that writes `user-id`
 * defines the rule the reference (quoting the signaling draft) spells `user_id`.
 *
 * @module
 */
import {
  type CompiledRule,
  type Grammar,
  type GrammarText,
  loadGrammar,
  type ResolvedRule,
  RuleCompiler,
} from "@mimi-spec/grammar";
import { ruleClosureKey } from "./rule-closure-key.ts";

/** The key two rule names share when they name the same rule: lower case, `_` read as `-`. */
export function referenceKey(name: string): string {
  return name.toLowerCase().replaceAll("_", "-");
}

/** A reference grammar ready for comparisons. */
export class ReferenceGrammar {
  /** The merged reference grammar. */
  readonly grammar: Grammar;
  private readonly byKey = new Map<string, ResolvedRule>();
  private readonly compiler: RuleCompiler;
  private readonly memo = new Map<string, unknown>();

  /** @param texts - the reference ABNF files, each named as messages should cite it. */
  constructor(readonly texts: ReadonlyArray<GrammarText>) {
    this.grammar = loadGrammar(texts);
    this.compiler = new RuleCompiler(this.grammar);
    for (const key of this.grammar.ownRuleKeys) {
      const rule = this.grammar.rules.get(key);
      if (rule === undefined || rule.origin !== "grammar") continue;
      const shared = referenceKey(key);
      // Of two spellings that differ only in `_` versus `-`, the one with `-` (RFC 5234's) wins.
      if (!this.byKey.has(shared) || rule.key === shared) this.byKey.set(shared, rule);
    }
  }

  /** Errors in the reference texts themselves (a broken `--reference` file), as messages. */
  get errors(): ReadonlyArray<string> {
    return this.grammar.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => {
        const at = d.source.lineColAt(d.span.start);
        return `${d.source.name}:${at.line}:${at.column}: ${d.message}`;
      });
  }

  /**
   * The reference rule a draft rule named `name` corresponds to, if the reference defines one:
   * the same name (any case) first, else the same name with `_` and `-` alike.
   */
  counterpart(name: string): ResolvedRule | undefined {
    const exact = this.grammar.rules.get(name.toLowerCase());
    if (exact !== undefined && exact.origin === "grammar") return exact;
    return this.byKey.get(referenceKey(name));
  }

  /** The canonical key of a reference rule and the rules it reaches (cached; see `ruleClosureKey`). */
  closureKey(rule: ResolvedRule): string {
    return this.memoize(rule, "closure-key", () => ruleClosureKey(this.grammar, rule.name));
  }

  /** The reference rule compiled (cached). */
  compile(rule: ResolvedRule): CompiledRule {
    return this.compiler.compile(rule.name);
  }

  /** `file:line` where a reference rule is defined, for messages. */
  where(rule: ResolvedRule): string {
    const def = rule.definitions[0];
    if (def === undefined) return rule.source.name;
    return `${def.source.name}:${def.source.lineColAt(def.def.nameSpan.start).line}`;
  }

  /**
   * A value computed once per reference rule and purpose (samples, near misses), so that many
   * drafts compared with the same rule share the work.
   */
  memoize<T>(rule: ResolvedRule, purpose: string, compute: () => T): T {
    const key = `${purpose}\u0000${rule.key}`;
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}
