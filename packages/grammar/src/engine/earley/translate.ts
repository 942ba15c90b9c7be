/**
 * Translates a recursive rule to the BNF skeleton the Earley runtime runs. Every maximal regular
 * sub-expression (a run of regular elements in a concatenation, the regular alternatives of an
 * alternation, a rule with no reference cycle below it) becomes one leaf DFA; only the recursive
 * rest becomes productions. Repetitions become helpers: `*X` the left-recursive `H → ε | H X` (left
 * recursion keeps Earley sets small), `m*nX` as `m` copies of `X` and a chain of `n − m` nested
 * options. The result describes exactly the strings RFC 5234 says the rule matches.
 *
 * @module
 */
import type { Node } from "../../ast.ts";
import type { Grammar, ResolvedRule } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";
import type { DfaData } from "../dfa.ts";
import { DEFAULT_MAX_EARLEY_SYMBOLS, type EarleyData, GrammarTooLarge } from "./earley-data.ts";
import { type LeafBudget, LeafCompiler } from "./leaves.ts";
import { forEachLiveNode, liveDependencies } from "./live-rules.ts";

/** Options for {@link buildEarley}. */
export interface EarleyOptions extends LeafBudget {
  /**
   * `"maximal"` (the default): maximal regular sub-expressions are leaves. `"atomic"`: only quoted
   * strings, numeric values and prose are leaves and every rule, group and repetition becomes
   * productions; slower, but it exercises the whole skeleton (tests use it).
   */
  readonly leaves?: "maximal" | "atomic";
  /** The budget of grammar symbols; past it {@link GrammarTooLarge} is thrown. */
  readonly maxSymbols?: number;
  /** A leaf compiler to share between the rules of one grammar. */
  readonly leafCompiler?: LeafCompiler;
}

/**
 * Builds the Earley form of rule `key`. References to undefined rules and prose values match
 * nothing (callers that want them reported check {@link liveDependencies} first). Throws
 * {@link GrammarTooLarge}, or `AutomatonTooLarge` for an oversized leaf.
 */
export function buildEarley(grammar: Grammar, key: string, options: EarleyOptions = {}): EarleyData {
  const rule = grammar.rules.get(ruleKey(key));
  if (rule === undefined) throw new Error(`no rule named \`${key}\``);
  const translator = new Translator(grammar, rule, options);
  try {
    return translator.run();
  } catch (e) {
    // Translation recurses over the nesting of the grammar text (not of any input): a grammar
    // nested thousands of groups deep is reported as too large rather than crashing.
    if (e instanceof RangeError) throw new GrammarTooLarge(`rule \`${rule.name}\` nests groups too deeply`);
    throw e;
  }
}

class Translator {
  private readonly nonterminals: string[] = [];
  private readonly productions: number[][] = [];
  private readonly leaves: DfaData[] = [];
  private readonly leafIds = new Map<DfaData, number>();
  private readonly ruleSymbols = new Map<string, number>();
  private readonly helpers = new Map<string, number>();
  private readonly helperCounts = new Map<string, number>();
  private readonly queue: string[] = [];
  private readonly reachesCycle: ReadonlySet<string>;
  private readonly maximal: boolean;
  private readonly leafCompiler: LeafCompiler;
  private readonly maxSymbols: number;
  private size = 0;

  constructor(
    private readonly grammar: Grammar,
    private readonly root: ResolvedRule,
    options: EarleyOptions,
  ) {
    this.maximal = (options.leaves ?? "maximal") === "maximal";
    this.reachesCycle = liveDependencies(grammar, root.key).reachesCycle;
    this.leafCompiler = options.leafCompiler ?? new LeafCompiler(grammar, options);
    this.maxSymbols = options.maxSymbols ?? DEFAULT_MAX_EARLEY_SYMBOLS;
  }

  run(): EarleyData {
    const start = this.nonterminal("(start)");
    this.produce(start, [this.ruleSymbol(this.root.key)]);
    for (let head = 0; head < this.queue.length; head++) {
      const key = this.queue[head] as string;
      const rule = this.grammar.rules.get(key) as ResolvedRule;
      const symbol = this.ruleSymbols.get(key) as number;
      for (const alt of this.alternativesOf(rule.body, rule)) this.produce(symbol, alt);
    }
    return { start, nonterminals: this.nonterminals, productions: this.productions, leaves: this.leaves };
  }

  private nonterminal(name: string): number {
    this.nonterminals.push(name);
    return this.nonterminals.length - 1;
  }

  private helper(owner: ResolvedRule): number {
    const count = (this.helperCounts.get(owner.key) ?? 0) + 1;
    this.helperCounts.set(owner.key, count);
    return this.nonterminal(`${owner.name}/${count}`);
  }

  private produce(lhs: number, rhs: ReadonlyArray<number>): void {
    this.grow(rhs.length + 1);
    this.productions.push([lhs, ...rhs]);
  }

  private grow(symbols: number): void {
    this.size += symbols;
    if (this.size > this.maxSymbols)
      throw new GrammarTooLarge(
        `rule \`${this.root.name}\` needs more than ${this.maxSymbols} grammar symbols`,
      );
  }

  private ruleSymbol(key: string): number {
    let symbol = this.ruleSymbols.get(key);
    if (symbol === undefined) {
      const rule = this.grammar.rules.get(key) as ResolvedRule;
      symbol = this.nonterminal(rule.name);
      this.ruleSymbols.set(key, symbol);
      this.queue.push(key);
    }
    return symbol;
  }

  /** A nonterminal with no productions: what an undefined rule matches (nothing). */
  private nothing(name: string): number {
    const key = `!${name}`;
    let symbol = this.helpers.get(key);
    if (symbol === undefined) {
      symbol = this.nonterminal(name);
      this.helpers.set(key, symbol);
    }
    return symbol;
  }

  private leaf(node: Node, owner: ResolvedRule): number {
    const dfa = this.leafCompiler.compile(node, owner);
    let id = this.leafIds.get(dfa);
    if (id === undefined) {
      id = this.leaves.length;
      this.leaves.push(dfa);
      this.leafIds.set(dfa, id);
    }
    return -id - 1;
  }

  /** Whether `node` becomes (part of) a leaf: it reaches no reference cycle (maximal mode). */
  private isLeaf(node: Node): boolean {
    if (!this.maximal) return node.kind === "string" || node.kind === "sequence" || node.kind === "range";
    let regular = true;
    forEachLiveNode(node, (n) => {
      if (n.kind === "ruleref") {
        const key = ruleKey(n.name);
        if (!this.grammar.rules.has(key) || this.reachesCycle.has(key)) regular = false;
      }
    });
    return regular;
  }

  /** The productions of `node` as a list of right-hand sides. */
  private alternativesOf(node: Node, owner: ResolvedRule): number[][] {
    const alternatives = node.kind === "alternation" ? node.alternatives : [node];
    const out: number[][] = [];
    const regular = alternatives.filter((a) => this.maximal && this.isLeaf(a));
    if (regular.length > 0) {
      const merged: Node =
        regular.length === 1
          ? (regular[0] as Node)
          : { kind: "alternation", alternatives: regular, span: node.span };
      out.push([this.leaf(merged, owner)]);
    }
    for (const alt of alternatives) if (!regular.includes(alt)) out.push(this.sequenceOf(alt, owner));
    return out;
  }

  /** The symbols of a concatenation (or of one element), runs of regular elements merged into leaves. */
  private sequenceOf(node: Node, owner: ResolvedRule): number[] {
    const elements = node.kind === "concatenation" ? node.elements : [node];
    const out: number[] = [];
    let run: Node[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const merged: Node =
        run.length === 1 ? (run[0] as Node) : { kind: "concatenation", elements: run, span: node.span };
      out.push(this.leaf(merged, owner));
      run = [];
    };
    for (const element of elements) {
      if (this.maximal && this.isLeaf(element)) {
        run.push(element);
        continue;
      }
      flush();
      for (const s of this.symbolsOf(element, owner)) out.push(s);
    }
    flush();
    this.grow(0);
    return out;
  }

  private symbolsOf(node: Node, owner: ResolvedRule): number[] {
    switch (node.kind) {
      case "ruleref": {
        const key = ruleKey(node.name);
        return [this.grammar.rules.has(key) ? this.ruleSymbol(key) : this.nothing(node.name)];
      }
      case "concatenation":
        return this.sequenceOf(node, owner);
      case "alternation":
        return [this.group(this.alternativesOf(node, owner), owner)];
      case "repetition":
        return this.repetition(node.min, node.max, node.element, owner);
      case "prose":
        return [this.nothing(`<${node.text}>`)];
      case "string":
      case "sequence":
      case "range":
        return [this.leaf(node, owner)];
    }
  }

  /** One symbol for a list of alternatives: the symbol itself when there is one, else a helper. */
  private group(alternatives: number[][], owner: ResolvedRule): number {
    const only = alternatives.length === 1 ? alternatives[0] : undefined;
    if (only !== undefined && only.length === 1) return only[0] as number;
    return this.cachedHelper(`(${JSON.stringify(alternatives)}`, owner, (h) => {
      for (const alt of alternatives) this.produce(h, alt);
    });
  }

  private cachedHelper(key: string, owner: ResolvedRule, define: (helper: number) => void): number {
    let symbol = this.helpers.get(key);
    if (symbol === undefined) {
      symbol = this.helper(owner);
      this.helpers.set(key, symbol);
      define(symbol);
    }
    return symbol;
  }

  private repetition(min: number, max: number, element: Node, owner: ResolvedRule): number[] {
    // `3*2x` allows no count at all: it matches nothing (a diagnostic reports it).
    if (min > max) return [this.nothing(`${min}*${max}`)];
    if (max === 0) return [];
    const alternatives = this.alternativesOf(element, owner);
    const once =
      alternatives.length === 1 ? (alternatives[0] as number[]) : [this.group(alternatives, owner)];
    const out: number[] = [];
    for (let i = 0; i < min; i++) {
      this.grow(once.length);
      for (const s of once) out.push(s);
    }
    const text = JSON.stringify(alternatives);
    if (max === Number.POSITIVE_INFINITY) {
      // H → ε | H x: left recursion, so a long repetition keeps one item per set, not one per count.
      out.push(
        this.cachedHelper(`*${text}`, owner, (h) => {
          this.produce(h, []);
          for (const alt of alternatives) this.produce(h, [h, ...alt]);
        }),
      );
    } else if (max > min) {
      // O(k) → ε | x O(k−1): at most k more, nested so that each count has one derivation.
      let inner: number | undefined;
      for (let k = 1; k <= max - min; k++) {
        const previous = inner;
        inner = this.cachedHelper(`?${k}${text}`, owner, (h) => {
          this.produce(h, []);
          for (const alt of alternatives) this.produce(h, previous === undefined ? alt : [...alt, previous]);
        });
      }
      out.push(inner as number);
    }
    return out;
  }
}
