/**
 * Coverage mode: a small, deterministic set of valid strings that together take every
 * alternative of every live alternation, both ends of every repetition (the minimum, one more, and
 * the maximum when it is finite) and both edges of every numeric range, with a report of what was
 * reached and why the rest cannot be.
 *
 * Each target is reached by the shortest string that can reach it. The cost of a target splits
 * into independent parts: the cheapest context from the root to its rule (a shortest path over
 * rule references), the cheapest surroundings inside the rule's body (minimal siblings), and the
 * target itself. The derivation follows that path and fills everything else with the shortest
 * derivation, which reaches many other targets on the way; a target already reached gets no
 * string of its own.
 *
 * @module
 */
import fc from "fast-check";
import type { Alternation, CharRange, Node, Prose, Repetition } from "../ast.ts";
import { type Grammar, type ResolvedRule, ruleKey } from "../grammar.ts";
import { codePointName, highestUsable, lowestUsable, quoteCodePoint } from "./code-points.ts";
import { GenerationError, wholeNumberOption } from "./generation-error.ts";
import { type GenerationPlan, type GenerationPlanOptions, planGeneration } from "./plan.ts";

/** Options for {@link coverageSamples}. */
export interface CoverageOptions extends GenerationPlanOptions {
  /** Targets reached only through more nested rule references than this are unreachable (default 32). */
  readonly maxNesting?: number;
  /** Targets whose shortest string is longer than this many characters are unreachable (default 4096). */
  readonly maxLength?: number;
}

/** Default of {@link CoverageOptions.maxNesting}. */
export const DEFAULT_MAX_NESTING = 32;
/** Default of {@link CoverageOptions.maxLength}. */
export const DEFAULT_MAX_LENGTH = 4096;

/** What a coverage target asks for. */
export type CoverageTargetKind = "alternative" | "repetition" | "range-edge";

/** One thing a set of samples should exercise. */
export interface CoverageTarget {
  /** Index of the target in {@link CoverageReport.outcomes}. */
  readonly id: number;
  readonly kind: CoverageTargetKind;
  /** The rule whose body holds the target. */
  readonly rule: string;
  /** `file:line:col` of the alternation, repetition or range. */
  readonly location: string;
  /** E.g. `alternative 2 of 3: "b"`, `*DIGIT repeated 1 time`, `%x61-7A at its high edge 'z' (U+007A)`. */
  readonly description: string;
}

/** A target some sample reaches. */
export interface CoverageReached {
  readonly target: CoverageTarget;
  readonly status: "reached";
  /** Index of the first sample that reaches it. */
  readonly sample: number;
}

/** A target no sample reaches, and why. */
export interface CoverageUnreachable {
  readonly target: CoverageTarget;
  readonly status: "unreachable";
  readonly reason: string;
}

/** The fate of one target. */
export type CoverageOutcome = CoverageReached | CoverageUnreachable;

/** What a coverage run reached; print it with {@link formatCoverageReport}. */
export interface CoverageReport {
  /** The rule the samples are strings of. */
  readonly rule: string;
  /** How many samples there are. */
  readonly samples: number;
  /** One outcome per target, in grammar order (rule by rule from the root). */
  readonly outcomes: ReadonlyArray<CoverageOutcome>;
  readonly reached: number;
  readonly unreachable: number;
}

/** Valid strings that cover a rule, and the report of what they cover. */
export interface CoverageResult {
  readonly samples: ReadonlyArray<string>;
  readonly report: CoverageReport;
}

/** A piece of a derived string and the node that produced it (a string, sequence, range or prose). */
export interface DerivedChunk {
  readonly text: string;
  readonly node: Node;
}

/** A derived string, piece by piece. */
export interface Derivation {
  readonly text: string;
  readonly chunks: ReadonlyArray<DerivedChunk>;
}

/**
 * A small deterministic set of strings of rule `ruleName` that together reach every target
 * (alternatives, repetition ends, range edges) that can be reached, and a report that says which
 * targets each reaches and why the others cannot be reached. Throws {@link GenerationError} where
 * {@link ruleArbitrary} would.
 *
 * @example
 * ```ts
 * const grammar = loadGrammar([{ name: "g.abnf", text: 'r = "a" / 1*2"b"\n' }]);
 * coverageSamples(grammar, "r").samples; // ["a", "b", "bb"]
 * ```
 */
export function coverageSamples(
  grammar: Grammar,
  ruleName: string,
  options: CoverageOptions = {},
): CoverageResult {
  const { derivations, report } = coverPlan(planGeneration(grammar, ruleName, options), options);
  return { samples: derivations.map((d) => d.text), report };
}

/** Coverage derivations of a planned rule, with their pieces (the near-miss generator edits those). */
export function coverPlan(
  plan: GenerationPlan,
  options: CoverageOptions = {},
): { derivations: ReadonlyArray<Derivation>; report: CoverageReport } {
  const maxNesting = wholeNumberOption("maxNesting", options.maxNesting, DEFAULT_MAX_NESTING);
  const maxLength = wholeNumberOption("maxLength", options.maxLength, DEFAULT_MAX_LENGTH);
  const targets = listTargets(plan);
  const contexts = ruleContexts(plan);
  const deriver = new Deriver(plan, targets);

  const reasons = new Map<number, string>();
  for (const target of targets) {
    const reason = unreachableReason(plan, contexts, target, maxNesting, maxLength);
    if (reason !== undefined) reasons.set(target.id, reason);
  }

  const derivations: Derivation[] = [];
  const sampleIndex = new Map<string, number>();
  const firstSample = new Map<number, number>();
  try {
    for (const target of targets) {
      if (reasons.has(target.id) || firstSample.has(target.id)) continue;
      const chunks: DerivedChunk[] = [];
      const covered = new Set<number>();
      deriver.reach(chainTo(plan, contexts, target), target, chunks, covered);
      if (!covered.has(target.id))
        throw new Error(`coverage: the derivation for ${target.public.description} does not reach it`);
      const text = chunks.map((c) => c.text).join("");
      let index = sampleIndex.get(text);
      if (index === undefined) {
        index = derivations.length;
        sampleIndex.set(text, index);
        derivations.push({ text, chunks });
      }
      for (const id of covered) if (!firstSample.has(id)) firstSample.set(id, index);
    }
  } catch (e) {
    if (e instanceof RangeError)
      throw new GenerationError(`rule \`${plan.root.name}\` nests too deeply to derive coverage samples`);
    throw e;
  }

  const outcomes = targets.map((t): CoverageOutcome => {
    const sample = firstSample.get(t.id);
    if (sample !== undefined) return { target: t.public, status: "reached", sample };
    return { target: t.public, status: "unreachable", reason: reasons.get(t.id) ?? "no derivation found" };
  });
  const reached = outcomes.filter((o) => o.status === "reached").length;
  return {
    derivations,
    report: {
      rule: plan.root.name,
      samples: derivations.length,
      outcomes,
      reached,
      unreachable: outcomes.length - reached,
    },
  };
}

/**
 * The report as text: a summary line, the unreachable targets with their reasons, then the
 * reached ones with the sample that reaches each (and the samples, when given).
 */
export function formatCoverageReport(report: CoverageReport, samples?: ReadonlyArray<string>): string {
  const lines = [
    `coverage of \`${report.rule}\`: ${report.reached} of ${report.outcomes.length} targets reached by ${report.samples} sample${report.samples === 1 ? "" : "s"}`,
  ];
  const unreachable = report.outcomes.filter((o) => o.status === "unreachable");
  if (unreachable.length > 0) {
    lines.push("unreachable:");
    for (const o of unreachable)
      lines.push(`  ${o.target.rule} (${o.target.location}) ${o.target.description}: ${o.reason}`);
  }
  const reached = report.outcomes.filter((o) => o.status === "reached");
  if (reached.length > 0) {
    lines.push("reached:");
    for (const o of reached)
      lines.push(`  [${o.sample}] ${o.target.rule} (${o.target.location}) ${o.target.description}`);
  }
  if (samples !== undefined && samples.length > 0) {
    lines.push("samples:");
    for (const [i, s] of samples.entries()) lines.push(`  [${i}] ${JSON.stringify(s)}`);
  }
  return lines.join("\n");
}

/** What a target asks of its node. */
type Action =
  | { readonly kind: "alternative"; readonly index: number }
  | { readonly kind: "count"; readonly count: number }
  | { readonly kind: "edge"; readonly cp: number };

interface Target {
  readonly id: number;
  readonly public: CoverageTarget;
  readonly rule: ResolvedRule;
  readonly node: Node;
  readonly action: Action;
}

function actionKey(action: Action): string {
  switch (action.kind) {
    case "alternative":
      return `a${action.index}`;
    case "count":
      return `c${action.count}`;
    case "edge":
      return `e${action.cp}`;
  }
}

/** Every target of every live rule, rule by rule from the root, in source order within a rule. */
function listTargets(plan: GenerationPlan): Target[] {
  const targets: Target[] = [];
  const add = (
    rule: ResolvedRule,
    node: Node,
    kind: CoverageTargetKind,
    action: Action,
    description: string,
  ) => {
    const id = targets.length;
    targets.push({
      id,
      rule,
      node,
      action,
      public: { id, kind, rule: rule.name, location: plan.locate(node), description },
    });
  };
  for (const rule of plan.rules) {
    for (const node of plan.liveNodes(rule)) {
      switch (node.kind) {
        case "alternation":
          for (const [index, alt] of node.alternatives.entries())
            add(
              rule,
              node,
              "alternative",
              { kind: "alternative", index },
              `alternative ${index + 1} of ${node.alternatives.length}: ${plan.textOf(alt)}`,
            );
          break;
        case "repetition":
          for (const count of repetitionCounts(node))
            add(rule, node, "repetition", { kind: "count", count }, describeCount(plan, node, count));
          break;
        case "range": {
          const low = lowestUsable(node.low, node.high) as number;
          const high = highestUsable(node.low, node.high) as number;
          const text = plan.textOf(node);
          if (low === high) {
            add(
              rule,
              node,
              "range-edge",
              { kind: "edge", cp: low },
              `${text}, its only character ${charName(low)}`,
            );
          } else {
            add(
              rule,
              node,
              "range-edge",
              { kind: "edge", cp: low },
              `${text} at its low edge ${charName(low)}`,
            );
            add(
              rule,
              node,
              "range-edge",
              { kind: "edge", cp: high },
              `${text} at its high edge ${charName(high)}`,
            );
          }
          break;
        }
        default:
      }
    }
  }
  return targets;
}

/** The counts worth reaching: the minimum, one more, and the maximum when finite. */
function repetitionCounts(node: Repetition): number[] {
  const counts = [node.min];
  if (node.max > node.min) counts.push(node.min + 1);
  if (Number.isFinite(node.max) && node.max > node.min + 1) counts.push(node.max);
  return counts;
}

function describeCount(plan: GenerationPlan, node: Repetition, count: number): string {
  const text = plan.textOf(node);
  if (node.option) return count === 0 ? `option ${text} left out` : `option ${text} taken`;
  return `${text} repeated ${count} time${count === 1 ? "" : "s"}`;
}

function charName(cp: number): string {
  return cp >= 0x21 && cp <= 0x7e ? `${quoteCodePoint(cp)} (${codePointName(cp)})` : codePointName(cp);
}

/** The cheapest way from the root into a rule: surrounding characters, nesting, and where from. */
interface RuleContext {
  readonly length: number;
  readonly nesting: number;
  readonly via?: { readonly rule: ResolvedRule; readonly reference: Node };
}

/** Characters around a live node inside its rule's body when everything else is shortest. */
function surroundings(plan: GenerationPlan, node: Node): number {
  let cost = 0;
  let child = node;
  for (let parent = plan.parentOf(child); parent !== undefined; parent = plan.parentOf(child)) {
    if (parent.kind === "concatenation") {
      for (const sibling of parent.elements) if (sibling !== child) cost += plan.minLength(sibling);
    } else if (parent.kind === "repetition") {
      cost += (Math.max(parent.min, 1) - 1) * plan.minLength(child);
    }
    child = parent;
  }
  return cost;
}

/** Shortest contexts of every live rule (Dijkstra over rule references; ties go to less nesting). */
function ruleContexts(plan: GenerationPlan): Map<string, RuleContext> {
  const contexts = new Map<string, RuleContext>([[plan.root.key, { length: 0, nesting: 0 }]]);
  const done = new Set<string>();
  const byKey = new Map(plan.rules.map((r) => [r.key, r]));
  const better = (a: RuleContext, b: RuleContext) =>
    a.length < b.length || (a.length === b.length && a.nesting < b.nesting);
  // A binary heap with stale entries skipped on pop (simpler than decrease-key).
  const heap: Array<[RuleContext, string]> = [[contexts.get(plan.root.key) as RuleContext, plan.root.key]];
  const push = (entry: [RuleContext, string]) => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!better((heap[i] as [RuleContext, string])[0], (heap[up] as [RuleContext, string])[0])) break;
      [heap[i], heap[up]] = [heap[up] as [RuleContext, string], heap[i] as [RuleContext, string]];
      i = up;
    }
  };
  const pop = (): [RuleContext, string] => {
    const top = heap[0] as [RuleContext, string];
    const last = heap.pop() as [RuleContext, string];
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (
          l < heap.length &&
          better((heap[l] as [RuleContext, string])[0], (heap[m] as [RuleContext, string])[0])
        )
          m = l;
        if (
          r < heap.length &&
          better((heap[r] as [RuleContext, string])[0], (heap[m] as [RuleContext, string])[0])
        )
          m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as [RuleContext, string], heap[i] as [RuleContext, string]];
        i = m;
      }
    }
    return top;
  };
  while (heap.length > 0) {
    const [context, key] = pop();
    if (done.has(key) || contexts.get(key) !== context) continue;
    done.add(key);
    const rule = byKey.get(key) as ResolvedRule;
    for (const node of plan.liveNodes(rule)) {
      if (node.kind !== "ruleref") continue;
      const target = ruleKey(node.name);
      if (done.has(target)) continue;
      const candidate: RuleContext = {
        length: context.length + surroundings(plan, node),
        nesting: context.nesting + 1,
        via: { rule, reference: node },
      };
      const known = contexts.get(target);
      if (known === undefined || better(candidate, known)) {
        contexts.set(target, candidate);
        push([candidate, target]);
      }
    }
  }
  return contexts;
}

function unreachableReason(
  plan: GenerationPlan,
  contexts: ReadonlyMap<string, RuleContext>,
  target: Target,
  maxNesting: number,
  maxLength: number,
): string | undefined {
  const context = contexts.get(target.rule.key) as RuleContext;
  let own: number;
  const { node, action } = target;
  if (action.kind === "alternative") {
    const alt = (node as Alternation).alternatives[action.index] as Node;
    own = plan.minLength(alt);
    if (own === Number.POSITIVE_INFINITY)
      return `this alternative matches no finite string: ${plan.explainNoString(alt, target.rule)}`;
  } else if (action.kind === "count") {
    const element = (node as Repetition).element;
    own = action.count === 0 ? 0 : action.count * plan.minLength(element);
    if (own === Number.POSITIVE_INFINITY)
      return `its element matches no finite string: ${plan.explainNoString(element, target.rule)}`;
  } else {
    own = 1;
  }
  if (context.nesting > maxNesting)
    return `it is reached only through ${context.nesting} nested rules (maxNesting is ${maxNesting})`;
  const length = context.length + surroundings(plan, node) + own;
  if (length > maxLength)
    return `the shortest string that reaches it has ${length} characters (maxLength is ${maxLength})`;
  return undefined;
}

/** One step of the way from the root to a target: a rule and the node of its body to head for. */
interface Link {
  readonly rule: ResolvedRule;
  readonly focus: Node;
}

function chainTo(plan: GenerationPlan, contexts: ReadonlyMap<string, RuleContext>, target: Target): Link[] {
  const chain: Link[] = [{ rule: target.rule, focus: target.node }];
  for (let context = contexts.get(target.rule.key); context?.via !== undefined; ) {
    chain.unshift({ rule: context.via.rule, focus: context.via.reference });
    context = contexts.get(context.via.rule.key);
  }
  if (chain[0]?.rule.key !== plan.root.key) throw new Error("coverage: a live rule has no context");
  return chain;
}

/** Builds derivations: shortest everywhere except along the way to a target. */
class Deriver {
  private readonly minimalRules = new Map<string, { chunks: DerivedChunk[]; covered: number[] }>();
  private readonly targetIds = new Map<Node, Map<string, number>>();
  private readonly proseSamples = new Map<Node, string>();

  constructor(
    private readonly plan: GenerationPlan,
    targets: ReadonlyArray<Target>,
  ) {
    for (const t of targets) {
      let byAction = this.targetIds.get(t.node);
      if (byAction === undefined) {
        byAction = new Map();
        this.targetIds.set(t.node, byAction);
      }
      byAction.set(actionKey(t.action), t.id);
    }
  }

  /** Derives the root along `chain` and performs the target's action at its end. */
  reach(chain: ReadonlyArray<Link>, target: Target, out: DerivedChunk[], covered: Set<number>): void {
    this.follow(chain, 0, target, out, covered);
  }

  private note(node: Node, action: Action, covered: Set<number>): void {
    const id = this.targetIds.get(node)?.get(actionKey(action));
    if (id !== undefined) covered.add(id);
  }

  private follow(
    chain: ReadonlyArray<Link>,
    at: number,
    target: Target,
    out: DerivedChunk[],
    covered: Set<number>,
  ): void {
    const { rule, focus } = chain[at] as Link;
    const onPath = new Set<Node>();
    for (let n: Node | undefined = focus; n !== undefined; n = this.plan.parentOf(n)) onPath.add(n);
    const emit = (node: Node): void => {
      if (node === focus) {
        if (at + 1 < chain.length) this.follow(chain, at + 1, target, out, covered);
        else this.act(target, out, covered);
        return;
      }
      if (!onPath.has(node)) {
        this.minimal(node, out, covered);
        return;
      }
      switch (node.kind) {
        case "concatenation":
          for (const element of node.elements) emit(element);
          return;
        case "alternation": {
          const index = node.alternatives.findIndex((a) => onPath.has(a));
          this.note(node, { kind: "alternative", index }, covered);
          emit(node.alternatives[index] as Node);
          return;
        }
        case "repetition": {
          const count = Math.max(node.min, 1);
          this.note(node, { kind: "count", count }, covered);
          emit(node.element);
          for (let k = 1; k < count; k++) this.minimal(node.element, out, covered);
          return;
        }
        default:
          throw new Error(`coverage: a ${node.kind} cannot lie on the way to a target`);
      }
    };
    emit(rule.body);
  }

  private act(target: Target, out: DerivedChunk[], covered: Set<number>): void {
    const { node, action } = target;
    this.note(node, action, covered);
    switch (action.kind) {
      case "alternative":
        this.minimal((node as Alternation).alternatives[action.index] as Node, out, covered);
        return;
      case "count":
        for (let k = 0; k < action.count; k++) this.minimal((node as Repetition).element, out, covered);
        return;
      case "edge":
        out.push({ text: String.fromCodePoint(action.cp), node: node as CharRange });
        return;
    }
  }

  /** The shortest (then shallowest) derivation of `node`. */
  private minimal(node: Node, out: DerivedChunk[], covered: Set<number>): void {
    switch (node.kind) {
      case "string":
        out.push({ text: node.value, node });
        return;
      case "sequence":
        out.push({ text: String.fromCodePoint(...node.codePoints), node });
        return;
      case "range": {
        const cp = lowestUsable(node.low, node.high) as number;
        this.note(node, { kind: "edge", cp }, covered);
        out.push({ text: String.fromCodePoint(cp), node });
        return;
      }
      case "prose":
        out.push({ text: this.proseSample(node), node });
        return;
      case "ruleref": {
        const derived = this.minimalRule(ruleKey(node.name));
        for (const chunk of derived.chunks) out.push(chunk);
        for (const id of derived.covered) covered.add(id);
        return;
      }
      case "concatenation":
        for (const element of node.elements) this.minimal(element, out, covered);
        return;
      case "alternation": {
        const first = this.plan.choices(node)[0] as Node;
        this.note(node, { kind: "alternative", index: node.alternatives.indexOf(first) }, covered);
        this.minimal(first, out, covered);
        return;
      }
      case "repetition": {
        const count = node.max === 0 ? 0 : node.min;
        this.note(node, { kind: "count", count }, covered);
        for (let k = 0; k < count; k++) this.minimal(node.element, out, covered);
        return;
      }
    }
  }

  private minimalRule(key: string): { chunks: DerivedChunk[]; covered: number[] } {
    let derived = this.minimalRules.get(key);
    if (derived === undefined) {
      const rule = this.plan.grammar.rules.get(key) as ResolvedRule;
      const chunks: DerivedChunk[] = [];
      const covered = new Set<number>();
      this.minimal(rule.body, chunks, covered);
      derived = { chunks, covered: [...covered] };
      this.minimalRules.set(key, derived);
    }
    return derived;
  }

  /** A fixed sample of the caller's strings for a prose value, so coverage stays deterministic. */
  private proseSample(node: Prose): string {
    let sample = this.proseSamples.get(node);
    if (sample === undefined) {
      sample = fc.sample(this.plan.proseArbitrary(node), { numRuns: 1, seed: 0 })[0] ?? "";
      this.proseSamples.set(node, sample);
    }
    return sample;
  }
}
