/**
 * The analysis all generators share. For every node it computes the shortest derivation: the
 * fewest characters the node can produce (`minLength`) and, among derivations that short, the
 * fewest nested rule references (`minHeight`). Alternatives are ordered by that measure, so the
 * first one is always a way out of any recursion: a generator that takes the first alternative
 * and the fewest repetitions at every choice that can recurse is bound to finish.
 *
 * It also finds the *live* part of the grammar below a rule (what some finite string of the rule
 * can actually use), and refuses, with a message naming the place, what generation cannot do:
 * an undefined rule or a prose value without a definition in live position, or a rule with no
 * finite string at all.
 *
 * @module
 */
import type { Arbitrary } from "fast-check";
import type { Alternation, Node, Prose } from "../ast.ts";
import { forEachNode } from "../engine/regularity.ts";
import { type Grammar, type ResolvedRule, ruleKey } from "../grammar.ts";
import type { SourceText } from "../source.ts";
import { isUsableCodePoint, usableCount } from "./code-points.ts";
import { GenerationError } from "./generation-error.ts";
import { type RuleCycles, ruleCycles } from "./rule-cycles.ts";

/** Options every generator accepts. */
export interface GenerationPlanOptions {
  /**
   * Strings for prose values (`<...>`), keyed by the text between the angle brackets. A prose value
   * that a generated string could use and that has no entry here is an error.
   */
  readonly prose?: Readonly<Record<string, Arbitrary<string>>>;
}

const INFINITY = Number.POSITIVE_INFINITY;

/** Longest excerpt of ABNF text quoted in messages. */
const EXCERPT_LENGTH = 48;

/**
 * What the generators know about one rule of one grammar. Build it with {@link planGeneration};
 * it is immutable and can be shared by several generators of the same rule.
 */
export class GenerationPlan {
  /** The rule strings are generated for. */
  readonly root: ResolvedRule;
  /** Every rule a string of the root can use, root first, in breadth-first order. */
  readonly rules: ReadonlyArray<ResolvedRule>;

  private readonly lengths = new Map<Node, number>();
  private readonly heights = new Map<Node, number>();
  private readonly ruleLengths = new Map<string, number>();
  private readonly ruleHeights = new Map<string, number>();
  private readonly orderedChoices = new Map<Alternation, ReadonlyArray<Node>>();
  private readonly recursiveChoices = new Set<Node>();
  private readonly parents = new Map<Node, Node>();
  private readonly owners = new Map<Node, ResolvedRule>();
  private readonly liveNodesByRule = new Map<string, ReadonlyArray<Node>>();
  private readonly sources = new Map<Node, SourceText>();

  /** Use {@link planGeneration}. */
  constructor(
    readonly grammar: Grammar,
    ruleName: string,
    private readonly options: GenerationPlanOptions = {},
  ) {
    const root = grammar.rules.get(ruleKey(ruleName));
    if (root === undefined) throw new GenerationError(`no rule named \`${ruleName}\` in the grammar`);
    this.root = root;
    for (const rule of grammar.rules.values())
      for (const { def, source } of rule.definitions)
        forEachNode(def.body, (n) => this.sources.set(n, source));
    const cycles = ruleCycles(grammar);
    // Tarjan numbers components callees first, so one pass settles every rule outside a cycle.
    const order = [...grammar.rules.values()].sort(
      (a, b) => (cycles.component.get(a.key) ?? 0) - (cycles.component.get(b.key) ?? 0),
    );
    this.computeLengths(order);
    this.computeHeights(order);
    if (this.ruleMinLength(root.key) === INFINITY)
      throw new GenerationError(
        `rule \`${root.name}\` matches no finite string: ${this.explainNoString(root.body, root)}`,
      );
    this.rules = this.walkLive();
    this.findRecursiveChoices(cycles);
  }

  /** The fewest characters `node` can produce, `Infinity` when it produces no finite string. */
  minLength(node: Node): number {
    return this.lengths.get(node) ?? INFINITY;
  }

  /** The fewest nested rule references among the shortest derivations of `node`. */
  minHeight(node: Node): number {
    return this.heights.get(node) ?? INFINITY;
  }

  /** The fewest characters rule `key` can produce. */
  ruleMinLength(key: string): number {
    return this.ruleLengths.get(key) ?? INFINITY;
  }

  /**
   * The alternatives of `node` that produce some finite string, shortest derivation first (then
   * shallowest, then as written). The first is the way out of any recursion through `node`.
   */
  choices(node: Alternation): ReadonlyArray<Node> {
    let ordered = this.orderedChoices.get(node);
    if (ordered === undefined) {
      ordered = node.alternatives
        .map((alt, index) => ({ alt, index, length: this.minLength(alt), height: this.minHeight(alt) }))
        .filter((a) => a.length < INFINITY)
        .sort((a, b) => a.length - b.length || a.height - b.height || a.index - b.index)
        .map((a) => a.alt);
      this.orderedChoices.set(node, ordered);
    }
    return ordered;
  }

  /**
   * Whether `node` (an alternation or repetition of a live rule) is a choice whose options can
   * lead back into its own rule: the choices a depth budget has to cut.
   */
  isRecursiveChoice(node: Node): boolean {
    return this.recursiveChoices.has(node);
  }

  /** The live nodes of a live rule's body, in source order (parents before children). */
  liveNodes(rule: ResolvedRule): ReadonlyArray<Node> {
    return this.liveNodesByRule.get(rule.key) ?? [];
  }

  /** The parent of a live node inside its rule's body (`undefined` for the body itself). */
  parentOf(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  /** The live rule whose body holds `node`. */
  ruleOf(node: Node): ResolvedRule | undefined {
    return this.owners.get(node);
  }

  /** `file:line:col` of a node, for reports. */
  locate(node: Node): string {
    const source = this.sourceOf(node);
    const { line, column } = source.lineColAt(node.span.start);
    return `${source.name}:${line}:${column}`;
  }

  /** The ABNF text of a node as written (shortened, on one line), for messages. */
  textOf(node: Node): string {
    const text = withoutComments(this.sourceOf(node).text.slice(node.span.start, node.span.end))
      .replace(/\s+/g, " ")
      .trim();
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
  }

  /** The strings the caller supplied for a prose value (validated to exist for live prose). */
  proseArbitrary(node: Prose): Arbitrary<string> {
    const arbitrary = this.proseDefinition(node.text);
    if (arbitrary === undefined) throw new GenerationError(this.proseMessage(node));
    return arbitrary;
  }

  private proseDefinition(text: string): Arbitrary<string> | undefined {
    const table = this.options.prose;
    return table !== undefined && Object.hasOwn(table, text) ? table[text] : undefined;
  }

  private sourceOf(node: Node): SourceText {
    return this.sources.get(node) ?? this.ruleOf(node)?.source ?? this.root.source;
  }

  /** Shortest lengths: a least fixpoint over the rules, from "no string" downwards. */
  private computeLengths(order: ReadonlyArray<ResolvedRule>): void {
    for (const key of this.grammar.rules.keys()) this.ruleLengths.set(key, INFINITY);
    let changed = true;
    while (changed) {
      changed = false;
      for (const rule of order) {
        const length = this.lengthOf(rule.body);
        if (length < (this.ruleLengths.get(rule.key) as number)) {
          this.ruleLengths.set(rule.key, length);
          changed = true;
        }
      }
    }
  }

  private lengthOf(node: Node): number {
    let length: number;
    switch (node.kind) {
      case "string":
        length = [...node.value].length;
        break;
      case "sequence":
        length = node.codePoints.every(isUsableCodePoint) ? node.codePoints.length : INFINITY;
        break;
      case "range":
        length = usableCount(node.low, node.high) > 0 ? 1 : INFINITY;
        break;
      case "prose":
        // A stand-in: live prose is either defined by the caller or refused by validation.
        length = 1;
        break;
      case "ruleref": {
        const key = ruleKey(node.name);
        length = this.grammar.rules.has(key) ? (this.ruleLengths.get(key) as number) : 1;
        break;
      }
      case "alternation":
        length = INFINITY;
        for (const alt of node.alternatives) length = Math.min(length, this.lengthOf(alt));
        break;
      case "concatenation":
        length = 0;
        for (const element of node.elements) length += this.lengthOf(element);
        break;
      case "repetition": {
        const element = this.lengthOf(node.element);
        if (node.min > node.max) length = INFINITY;
        else if (node.min === 0) length = 0;
        else length = node.min * element;
        break;
      }
    }
    this.lengths.set(node, length);
    return length;
  }

  /** Shallowest shortest derivations, the same way; every value is finite where a length is. */
  private computeHeights(order: ReadonlyArray<ResolvedRule>): void {
    for (const key of this.grammar.rules.keys()) this.ruleHeights.set(key, INFINITY);
    let changed = true;
    while (changed) {
      changed = false;
      for (const rule of order) {
        const height = this.heightOf(rule.body) + 1;
        if (height < (this.ruleHeights.get(rule.key) as number)) {
          this.ruleHeights.set(rule.key, height);
          changed = true;
        }
      }
    }
  }

  private heightOf(node: Node): number {
    let height: number;
    switch (node.kind) {
      case "string":
      case "sequence":
      case "range":
      case "prose":
        height = 0;
        break;
      case "ruleref": {
        const key = ruleKey(node.name);
        height = this.grammar.rules.has(key) ? (this.ruleHeights.get(key) as number) : 0;
        break;
      }
      case "alternation": {
        height = INFINITY;
        const best = this.minLength(node);
        for (const alt of node.alternatives) {
          const h = this.heightOf(alt);
          if (this.minLength(alt) === best) height = Math.min(height, h);
        }
        break;
      }
      case "concatenation":
        height = 0;
        for (const element of node.elements) height = Math.max(height, this.heightOf(element));
        break;
      case "repetition": {
        const element = this.heightOf(node.element);
        height = node.min === 0 ? 0 : element;
        break;
      }
    }
    if (this.minLength(node) === INFINITY) height = INFINITY;
    this.heights.set(node, height);
    return height;
  }

  /**
   * Walks what a finite string of the root can use, rule by rule, recording parents and owners,
   * and collecting what cannot be generated.
   */
  private walkLive(): ResolvedRule[] {
    const order: ResolvedRule[] = [this.root];
    const seen = new Set([this.root.key]);
    const problems: string[] = [];
    for (let i = 0; i < order.length; i++) {
      const rule = order[i] as ResolvedRule;
      for (const { def, source } of rule.definitions)
        forEachNode(def.body, (n) => this.sources.set(n, source));
      const nodes: Node[] = [];
      const visit = (node: Node, parent: Node | undefined): void => {
        if (this.minLength(node) === INFINITY) return;
        nodes.push(node);
        this.owners.set(node, rule);
        if (parent !== undefined) this.parents.set(node, parent);
        switch (node.kind) {
          case "alternation":
            for (const alt of node.alternatives) visit(alt, node);
            break;
          case "concatenation":
            for (const element of node.elements) visit(element, node);
            break;
          case "repetition":
            if (node.max > 0) visit(node.element, node);
            break;
          case "ruleref": {
            const target = this.grammar.rules.get(ruleKey(node.name));
            if (target === undefined) {
              problems.push(
                `rule \`${rule.name}\` refers to \`${node.name}\` (${this.locate(node)}), which is not defined; supply it with a define`,
              );
            } else if (!seen.has(target.key)) {
              seen.add(target.key);
              order.push(target);
            }
            break;
          }
          case "prose":
            if (this.proseDefinition(node.text) === undefined) problems.push(this.proseMessage(node));
            break;
          default:
        }
      };
      visit(rule.body, undefined);
      this.liveNodesByRule.set(rule.key, nodes);
    }
    if (problems.length > 0)
      throw new GenerationError(`cannot generate strings for \`${this.root.name}\`: ${problems.join("; ")}`);
    return order;
  }

  private proseMessage(node: Prose): string {
    const rule = this.ruleOf(node)?.name ?? this.root.name;
    return `rule \`${rule}\` uses the prose value <${node.text}> (${this.locate(node)}), which says in words what it matches; pass strings for it as options.prose[${JSON.stringify(node.text)}], or replace the rule with a define`;
  }

  /** Marks the choices of live rules that can reach a rule of their own reference cycle. */
  private findRecursiveChoices(cycles: RuleCycles): void {
    for (const rule of this.rules) {
      const component = cycles.component.get(rule.key);
      if (component === undefined || !cycles.cyclic.has(component)) continue;
      const touches = (node: Node): boolean => {
        let found = false;
        switch (node.kind) {
          case "ruleref":
            return cycles.component.get(ruleKey(node.name)) === component;
          case "alternation":
            for (const alt of node.alternatives) found = touches(alt) || found;
            break;
          case "concatenation":
            for (const element of node.elements) found = touches(element) || found;
            break;
          case "repetition":
            found = touches(node.element);
            break;
          default:
            return false;
        }
        if (found) this.recursiveChoices.add(node);
        return found;
      };
      touches(rule.body);
    }
  }

  /**
   * One reason why `node` produces no finite string, following the first dead end found, e.g.
   * `every derivation of \`a\` leads back to it (a → b → a) with no alternative that ends the recursion`.
   */
  explainNoString(node: Node, within?: ResolvedRule): string {
    const rule = within ?? this.ruleOf(node);
    try {
      return this.whyNoString(node, rule === undefined ? [] : [rule.name]);
    } catch (e) {
      // A chain of thousands of rules can exhaust the stack; the verdict stands without a reason.
      if (e instanceof RangeError) return "its rules nest too deeply to say where";
      throw e;
    }
  }

  private whyNoString(node: Node, path: ReadonlyArray<string>): string {
    switch (node.kind) {
      case "range":
        return node.low > node.high
          ? `the range ${this.textOf(node)} (${this.locate(node)}) is empty`
          : `the range ${this.textOf(node)} (${this.locate(node)}) holds only surrogates or code points past U+10FFFF, which are not characters`;
      case "sequence":
        return `${this.textOf(node)} (${this.locate(node)}) names a code point that is not a character (a surrogate or past U+10FFFF)`;
      case "repetition":
        return node.min > node.max
          ? `${this.textOf(node)} (${this.locate(node)}) asks for at least ${node.min} but at most ${node.max} repetitions`
          : this.whyNoString(node.element, path);
      case "concatenation": {
        const dead = node.elements.find((e) => this.minLength(e) === INFINITY);
        return dead === undefined ? "it has no finite derivation" : this.whyNoString(dead, path);
      }
      case "alternation":
        return this.whyNoString(node.alternatives[0] as Node, path);
      case "ruleref": {
        const rule = this.grammar.rules.get(ruleKey(node.name));
        if (rule === undefined) return `\`${node.name}\` is not defined`;
        const at = path.findIndex((name) => ruleKey(name) === rule.key);
        if (at >= 0)
          return `every derivation of \`${rule.name}\` leads back to it (${cyclePath([...path.slice(at), rule.name])}) with no alternative that ends the recursion`;
        return this.whyNoString(rule.body, [...path, rule.name]);
      }
      default:
        return "it has no finite derivation";
    }
  }
}

/** `a → b → a`, with the middle of a long cycle left out. */
function cyclePath(names: ReadonlyArray<string>): string {
  const shown = names.length <= 8 ? names : [...names.slice(0, 4), "…", ...names.slice(-3)];
  return shown.join(" → ");
}

/** ABNF text without its `;` comments (a `;` inside a quoted string or prose value stays). */
function withoutComments(text: string): string {
  let out = "";
  let close: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (close !== undefined) {
      if (c === close) close = undefined;
    } else if (c === '"') {
      close = '"';
    } else if (c === "<") {
      close = ">";
    } else if (c === ";") {
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * Analyses `grammar` for generating strings of rule `ruleName`. Throws {@link GenerationError}
 * when the rule does not exist, matches no finite string, or uses an undefined rule or a prose
 * value without a definition.
 */
export function planGeneration(
  grammar: Grammar,
  ruleName: string,
  options: GenerationPlanOptions = {},
): GenerationPlan {
  return new GenerationPlan(grammar, ruleName, options);
}
