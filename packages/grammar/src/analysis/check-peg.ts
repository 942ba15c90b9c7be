/**
 * Hints for implementers who turn the grammar into a first-match (PEG) or greedy parser. ABNF
 * alternation is unordered and repetition is not greedy, so an exact matcher is unaffected; a
 * PEG commits to the first alternative that succeeds and to the longest repetition, and can then
 * reject valid input in the two situations checked here.
 *
 * Both checks are approximations (see each function); neither can see into prose values or
 * undefined rules.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import { type Diagnostic, diagnostic } from "../diagnostic.ts";
import type { SourceText } from "../source.ts";
import type { CodePointSet } from "./code-point-set.ts";
import type { AnalysisContext } from "./context.ts";
import {
  overlapWitness,
  type PrefixWitness,
  properPrefixWitness,
  type ShortStrings,
} from "./short-strings.ts";
import {
  authoredDefinitions,
  authoredRules,
  excerpt,
  forEachNode,
  quoteCodePoints,
  repetitionBounds,
} from "./walk.ts";

/** One alternative of an alternation, with the text it was written in (`=/` may add from another file). */
interface Alternative {
  readonly node: Node;
  readonly source: SourceText;
}

/** A found prefix: alternative `earlier` matches `prefix`, which begins `longer` of alternative `later`. */
interface Shadowing {
  readonly earlier: number;
  readonly later: number;
  readonly prefix: string;
  readonly longer: string;
}

/**
 * The alternations an author wrote: each rule's top-level alternatives across all its definitions
 * (base `=` first, then every `=/`, as they are merged), and every alternation nested inside.
 */
function alternations(ctx: AnalysisContext): Alternative[][] {
  const out: Alternative[][] = [];
  for (const rule of authoredRules(ctx.grammar)) {
    const top = rule.definitions.flatMap(({ def, source }) =>
      (def.body.kind === "alternation" ? def.body.alternatives : [def.body]).map((node) => ({
        node,
        source,
      })),
    );
    if (top.length > 1) out.push(top);
    for (const { def, source } of rule.definitions) {
      forEachNode(def.body, (node) => {
        if (node.kind === "alternation" && node !== def.body)
          out.push(node.alternatives.map((a) => ({ node: a, source })));
      });
    }
  }
  return out;
}

/** A witness as two quoted examples: the shorter match and the longer one it begins. */
function describeWitness(w: PrefixWitness): { prefix: string; longer: string } {
  const longer = quoteCodePoints([...w.prefix, ...w.rest]);
  return { prefix: quoteCodePoints(w.prefix), longer: w.beyond ? `${longer.slice(0, -1)}…"` : longer };
}

function ordinal(n: number): string {
  return `alternative ${n + 1}`;
}

/**
 * `peg-prefix-alternative`: in `a / b`, a string of an earlier alternative is a proper prefix of a
 * string of a later one, so a first-match parser that takes the earlier one does not try the later
 * when more input follows. Compared on the short strings of each alternative (the first few
 * characters, see `short-strings.ts`): every finding has a concrete witness, shown in the message;
 * prefixes longer than that window are not seen. One diagnostic per alternation, at the first
 * shadowed alternative, listing every other pair.
 */
export function checkPrefixAlternatives(ctx: AnalysisContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const alts of alternations(ctx)) {
    const words = alts.map((a) => ctx.strings.node(a.node));
    const found: Shadowing[] = [];
    for (let j = 1; j < alts.length; j++) {
      for (let i = 0; i < j; i++) {
        const w = properPrefixWitness((words[i] as ShortStrings).trie, (words[j] as ShortStrings).trie);
        if (w !== undefined) {
          found.push({ earlier: i, later: j, ...describeWitness(w) });
          break;
        }
      }
    }
    const first = found[0];
    if (first === undefined) continue;
    const earlier = alts[first.earlier] as Alternative;
    const later = alts[first.later] as Alternative;
    const also = found
      .slice(1)
      .map((f) => `${ordinal(f.earlier)} before ${f.later + 1} (${f.prefix} of ${f.longer})`)
      .join(", ");
    out.push(
      diagnostic(
        "peg-prefix-alternative",
        `${ordinal(first.earlier)} \`${excerpt(earlier.source, earlier.node)}\` matches ${first.prefix}${first.prefix === '""' ? " (the empty string)" : ""}, a proper prefix of ${first.longer} which ${ordinal(first.later)} \`${excerpt(later.source, later.node)}\` matches: a first-match (PEG) parser that succeeds with ${ordinal(first.earlier)} does not go on to try ${ordinal(first.later)}, so it can reject valid input${also === "" ? "" : `; likewise ${also}`}`,
        later.source,
        later.node.span,
        {
          hint: `exact matchers are unaffected; for a PEG, try the longer alternative first (put ${ordinal(first.later)} before ${ordinal(first.earlier)})`,
          related: [
            {
              message: `${ordinal(first.earlier)}, which matches the shorter string`,
              source: earlier.source,
              span: earlier.node.span,
            },
            ...found.slice(1).map((f) => ({
              message: `${ordinal(f.later)} is shadowed by ${ordinal(f.earlier)} too`,
              source: (alts[f.later] as Alternative).source,
              span: (alts[f.later] as Alternative).node.span,
            })),
          ],
        },
      ),
    );
  }
  return out;
}

/**
 * `peg-greedy-repetition`: a repetition of variable count (`*x`, `1*x`, `[x]`) followed in the
 * same concatenation by elements it can also match, so a greedy repetition can take input they
 * need. Reported when the FIRST sets overlap and the short strings show a non-empty string on
 * which a match of the repeated element and a match of the followers meet with one of them
 * ending there (the example in the message). When both sides' short strings are exact and show no
 * such string, nothing is reported: in `*("a" "b") "a" "c"` the iteration that fails is undone.
 * When they are not exact (prose, undefined rules), the FIRST overlap alone is reported. What
 * comes after the concatenation is not considered.
 */
export function checkGreedyRepetitions(ctx: AnalysisContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { def, source } of authoredDefinitions(ctx.grammar)) {
    forEachNode(def.body, (node) => {
      if (node.kind !== "concatenation") return;
      node.elements.forEach((rep, k) => {
        if (rep.kind !== "repetition") return;
        const { min, max } = repetitionBounds(rep);
        if (max <= min) return;
        const rest = node.elements.slice(k + 1);
        const overlap = ctx.first.node(rep.element).intersect(ctx.first.sequence(rest));
        if (overlap.isEmpty) return;
        const mine = ctx.strings.node(rep.element);
        const theirs = ctx.strings.sequence(rest);
        const shared = overlapWitness(mine.trie, theirs.trie)?.prefix;
        if (shared === undefined && mine.exact && theirs.exact) return;
        const follower = followerOverlapping(ctx, rest, overlap) ?? (rest[0] as Node);
        const example = quoteCodePoints(shared ?? [overlap.sample() as number]);
        out.push(
          diagnostic(
            "peg-greedy-repetition",
            `repetition \`${excerpt(source, rep)}\` can also match the start of the \`${excerpt(source, follower)}\` that follows it (e.g. ${example}): a greedy (PEG) repetition can consume what \`${excerpt(source, follower)}\` needs and so reject valid input`,
            source,
            rep.span,
            {
              hint: 'exact matchers are unaffected; for a PEG, fold the follower into the repetition (as in `*( *"-" Let-dig )` for RFC 5321\'s Ldh-str) or stop the repetition with a lookahead',
              related: [{ message: "the element the repetition can consume", source, span: follower.span }],
            },
          ),
        );
      });
    });
  }
  return out;
}

/** The first element of `rest` (through nullable ones) whose FIRST set meets `overlap`. */
function followerOverlapping(
  ctx: AnalysisContext,
  rest: ReadonlyArray<Node>,
  overlap: CodePointSet,
): Node | undefined {
  for (const n of rest) {
    if (ctx.first.node(n).overlaps(overlap)) return n;
    if (!ctx.nullability.node(n)) return undefined;
  }
  return undefined;
}
