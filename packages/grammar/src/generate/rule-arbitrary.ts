/**
 * Valid strings for any rule, recursive ones included, as fast-check arbitraries built from the
 * AST: one `fc.letrec` tie per rule, `fc.oneof` for alternations, arrays for repetitions.
 *
 * Termination: every choice that can lead back into its own rule (see
 * {@link GenerationPlan.isRecursiveChoice}) shares one depth counter. Past `maxDepth` such choices
 * take their first option, which the plan made the shortest derivation (the way out), and
 * repetitions take their minimum count, so generation always ends. Choices that cannot recurse are
 * never cut, so a deep but finite grammar keeps its full variety.
 *
 * Shrinking: alternations shrink towards their shortest alternative, repetitions towards fewer
 * items, ranges towards their low end and letters of case-insensitive strings towards the case
 * as written, so a failing string shrinks to a short, plain one.
 *
 * @module
 */
import fc from "fast-check";
import type { CharRange, CharString, Node } from "../ast.ts";
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";
import { nthUsable, usableCount } from "./code-points.ts";
import { wholeNumberOption } from "./generation-error.ts";
import { type GenerationPlan, type GenerationPlanOptions, planGeneration } from "./plan.ts";

/** Options for {@link ruleArbitrary}. */
export interface RuleArbitraryOptions extends GenerationPlanOptions {
  /**
   * How many recursive choices may nest before every further one takes the shortest way out
   * (default 12). Only choices that can lead back into their own rule count.
   */
  readonly maxDepth?: number;
  /** A repetition `min*max` yields between `min` and `min(max, min + maxExtraRepetitions)` items (default 4). */
  readonly maxExtraRepetitions?: number;
  /** How fast recursive choices favour the way out as they nest (fast-check `depthSize`, default "small"). */
  readonly depthSize?: fc.DepthSize;
}

/** Default of {@link RuleArbitraryOptions.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 12;
/** Default of {@link RuleArbitraryOptions.maxExtraRepetitions}. */
export const DEFAULT_MAX_EXTRA_REPETITIONS = 4;

/**
 * How generated pieces become a value: plain strings for {@link ruleArbitrary}, strings that
 * remember which node produced each character for the near-miss generator.
 */
export interface Assembler<T> {
  /** A run of characters produced by a quoted string, a `%x` sequence or a prose value. */
  literal(text: string, node: Node): T;
  /** One character produced by a numeric range. */
  codePoint(cp: number, node: CharRange): T;
  /** Pieces in order. */
  join(parts: ReadonlyArray<T>): T;
  /** Nothing. */
  readonly empty: T;
}

/** The {@link Assembler} of plain strings. */
export const stringAssembler: Assembler<string> = {
  literal: (text) => text,
  codePoint: (cp) => String.fromCodePoint(cp),
  join: (parts) => parts.join(""),
  empty: "",
};

/**
 * An arbitrary of strings that rule `ruleName` of `grammar` matches. Works for any rule whose
 * strings are all finite and machine-defined; throws {@link GenerationError} otherwise (no such
 * rule, no finite string, an undefined rule or an undefined prose value in use).
 *
 * @example
 * ```ts
 * const grammar = loadGrammar([{ name: "p.abnf", text: 'p = "(" *p ")"\n' }]);
 * fc.sample(ruleArbitrary(grammar, "p"), 3); // e.g. ["()", "(()())", "((()))"]
 * ```
 */
export function ruleArbitrary(
  grammar: Grammar,
  ruleName: string,
  options: RuleArbitraryOptions = {},
): fc.Arbitrary<string> {
  return planArbitrary(planGeneration(grammar, ruleName, options), stringAssembler, options);
}

/** The arbitrary of a planned rule, assembling values with `assembler`. */
export function planArbitrary<T>(
  plan: GenerationPlan,
  assembler: Assembler<T>,
  options: RuleArbitraryOptions = {},
): fc.Arbitrary<T> {
  const maxDepth = wholeNumberOption("maxDepth", options.maxDepth, DEFAULT_MAX_DEPTH);
  const extra = wholeNumberOption(
    "maxExtraRepetitions",
    options.maxExtraRepetitions,
    DEFAULT_MAX_EXTRA_REPETITIONS,
  );
  const depthSize = options.depthSize ?? "small";
  // One counter per arbitrary (not a global): depth is counted by recursive choices only.
  const depthIdentifier = fc.createDepthIdentifier();
  const recursiveChoice = { maxDepth, depthIdentifier, depthSize, withCrossShrink: true } as const;
  const ids = new Map<string, string>();

  const arbitraries = fc.letrec<Record<string, T>>((tie) => {
    const built: Record<string, fc.Arbitrary<T>> = {};
    const pending: string[] = [];
    // Rule names like `constructor` must not meet Object.prototype: tie by generated ids.
    const refer = (key: string): fc.Arbitrary<T> => {
      let id = ids.get(key);
      if (id === undefined) {
        id = `rule${ids.size}`;
        ids.set(key, id);
        pending.push(key);
      }
      return tie(id);
    };

    const build = (node: Node): fc.Arbitrary<T> => {
      switch (node.kind) {
        case "string":
          return caseArbitrary(node).map((text) => assembler.literal(text, node));
        case "sequence":
          return fc.constant(assembler.literal(String.fromCodePoint(...node.codePoints), node));
        case "range": {
          const count = usableCount(node.low, node.high);
          return fc
            .integer({ min: 0, max: count - 1 })
            .map((i) => assembler.codePoint(nthUsable(node.low, i), node));
        }
        case "prose":
          return plan.proseArbitrary(node).map((text) => assembler.literal(text, node));
        case "ruleref":
          return refer(ruleKey(node.name));
        case "concatenation":
          return fc.tuple(...node.elements.map(build)).map((parts) => assembler.join(parts));
        case "alternation": {
          const options = plan.choices(node).map(build);
          if (options.length === 1) return options[0] as fc.Arbitrary<T>;
          return plan.isRecursiveChoice(node)
            ? fc.oneof(recursiveChoice, ...options)
            : fc.oneof({ withCrossShrink: true }, ...options);
        }
        case "repetition": {
          const max = Math.min(node.max, node.min + extra);
          if (max === 0 || (node.min === 0 && plan.minLength(node.element) === Number.POSITIVE_INFINITY))
            return fc.constant(assembler.empty);
          const element = build(node.element);
          const exactly = (n: number) =>
            fc.array(element, { minLength: n, maxLength: n }).map((parts) => assembler.join(parts));
          if (node.min === max) return exactly(max);
          if (!plan.isRecursiveChoice(node))
            return fc
              .array(element, { minLength: node.min, maxLength: max })
              .map((parts) => assembler.join(parts));
          // The first option, the minimum count, is what the depth budget falls back to.
          return fc.oneof(
            recursiveChoice,
            { arbitrary: exactly(node.min), weight: 1 },
            {
              arbitrary: fc
                .array(element, { minLength: node.min, maxLength: max, depthIdentifier })
                .map((parts) => assembler.join(parts)),
              weight: 3,
            },
          );
        }
      }
    };

    refer(plan.root.key);
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      const rule = plan.grammar.rules.get(key);
      if (rule !== undefined) built[ids.get(key) as string] = build(rule.body);
    }
    return built;
  });
  return arbitraries[ids.get(plan.root.key) as string] as fc.Arbitrary<T>;
}

/** A quoted string; letters of a case-insensitive one in either case, shrinking to the case as written. */
function caseArbitrary(node: CharString): fc.Arbitrary<string> {
  const chars = [...node.value];
  const flexible = !node.caseSensitive && chars.some((c) => /[A-Za-z]/.test(c));
  if (!flexible) return fc.constant(node.value);
  return fc
    .tuple(
      ...chars.map((c) => {
        if (!/[A-Za-z]/.test(c)) return fc.constant(c);
        const other = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
        return fc.constantFrom(c, other);
      }),
    )
    .map((letters) => letters.join(""));
}
