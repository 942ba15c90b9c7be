/**
 * The skeleton of a recursive rule: the part of its grammar a recursive-descent program has to
 * walk. Every maximal regular sub-expression (a run of regular elements in a concatenation, the
 * regular alternatives of an alternation, a rule with no reference cycle below it) is one leaf DFA,
 * as in the Earley translation; only the recursive rest keeps its structure, so decisions are few
 * and each leaf is matched in one pass. Nodes know their parent, which the lookahead analysis needs
 * to find what can follow them.
 *
 * @module
 */
import type { Node } from "../../ast.ts";
import type { Grammar, ResolvedRule } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";
import type { DfaData } from "../dfa.ts";
import type { LeafCompiler } from "../earley/leaves.ts";
import { forEachLiveNode, liveDependencies } from "../earley/live-rules.ts";

/** Fields every skeleton node has. */
interface Linked {
  /** The enclosing node; absent for a rule body. */
  parent?: SkeletonNode;
  /** The position among the parent's children. */
  index: number;
  /** The rule this node belongs to (by key). */
  readonly rule: string;
}

/** A regular sub-expression matched by one DFA, longest match first. */
export interface LeafNode extends Linked {
  readonly kind: "leaf";
  /** The sub-expression, for analyses that look inside it. */
  readonly node: Node;
  readonly dfa: DfaData;
}

/** A call of a rule that reaches a reference cycle. */
export interface CallNode extends Linked {
  readonly kind: "call";
  readonly target: string;
}

/** Children one after another (none: the empty string). */
export interface SequenceNode extends Linked {
  readonly kind: "sequence";
  readonly items: SkeletonNode[];
}

/** Any one of the children. */
export interface ChoiceNode extends Linked {
  readonly kind: "choice";
  readonly alternatives: SkeletonNode[];
}

/** `min*max body`; `max` is `Infinity` when unbounded, and `min ≤ max`. */
export interface RepeatNode extends Linked {
  readonly kind: "repeat";
  readonly min: number;
  readonly max: number;
  readonly body: SkeletonNode;
}

/** Something that matches nothing (`3*2x`, an undefined rule, a prose value). */
export interface NothingNode extends Linked {
  readonly kind: "nothing";
}

/** Any node of a skeleton. */
export type SkeletonNode = LeafNode | CallNode | SequenceNode | ChoiceNode | RepeatNode | NothingNode;

/** The skeletons of a recursive rule and of every rule it calls. */
export interface Skeleton {
  /** The key of the rule being compiled. */
  readonly root: string;
  /** Each rule that reaches a reference cycle, by key, in the order they were reached. */
  readonly rules: ReadonlyMap<string, { readonly rule: ResolvedRule; readonly body: SkeletonNode }>;
  /** The call nodes that call each rule. */
  readonly callSites: ReadonlyMap<string, ReadonlyArray<CallNode>>;
}

/** Builds the skeleton of rule `key` (which must reach a reference cycle). */
export function buildSkeleton(grammar: Grammar, key: string, leaves: LeafCompiler): Skeleton {
  const reachesCycle = liveDependencies(grammar, key).reachesCycle;
  const rules = new Map<string, { rule: ResolvedRule; body: SkeletonNode }>();
  const callSites = new Map<string, CallNode[]>();
  const queue = [key];
  const queued = new Set(queue);

  const isLeaf = (node: Node): boolean => {
    let regular = true;
    forEachLiveNode(node, (n) => {
      if (n.kind === "ruleref") {
        const k = ruleKey(n.name);
        if (!grammar.rules.has(k) || reachesCycle.has(k)) regular = false;
      } else if (n.kind === "prose") regular = false;
    });
    return regular;
  };

  const build = (node: Node, owner: ResolvedRule): SkeletonNode => {
    const rule = owner.key;
    if (isLeaf(node)) return { kind: "leaf", node, dfa: leaves.compile(node, owner), index: 0, rule };
    switch (node.kind) {
      case "alternation": {
        const regular = node.alternatives.filter(isLeaf);
        const alternatives: SkeletonNode[] = [];
        if (regular.length > 0) {
          const merged: Node =
            regular.length === 1
              ? (regular[0] as Node)
              : { kind: "alternation", alternatives: regular, span: node.span };
          alternatives.push({
            kind: "leaf",
            node: merged,
            dfa: leaves.compile(merged, owner),
            index: 0,
            rule,
          });
        }
        for (const alt of node.alternatives) if (!regular.includes(alt)) alternatives.push(build(alt, owner));
        return alternatives.length === 1
          ? (alternatives[0] as SkeletonNode)
          : { kind: "choice", alternatives, index: 0, rule };
      }
      case "concatenation": {
        const items: SkeletonNode[] = [];
        let run: Node[] = [];
        const flush = () => {
          if (run.length === 0) return;
          const merged: Node =
            run.length === 1 ? (run[0] as Node) : { kind: "concatenation", elements: run, span: node.span };
          items.push({ kind: "leaf", node: merged, dfa: leaves.compile(merged, owner), index: 0, rule });
          run = [];
        };
        for (const element of node.elements) {
          if (isLeaf(element)) run.push(element);
          else {
            flush();
            items.push(build(element, owner));
          }
        }
        flush();
        return items.length === 1 ? (items[0] as SkeletonNode) : { kind: "sequence", items, index: 0, rule };
      }
      case "repetition": {
        if (node.min > node.max) return { kind: "nothing", index: 0, rule };
        if (node.max === 0) return { kind: "sequence", items: [], index: 0, rule };
        const body = build(node.element, owner);
        if (node.min === 1 && node.max === 1) return body;
        return { kind: "repeat", min: node.min, max: node.max, body, index: 0, rule };
      }
      case "ruleref": {
        const target = ruleKey(node.name);
        if (!grammar.rules.has(target)) return { kind: "nothing", index: 0, rule };
        const call: CallNode = { kind: "call", target, index: 0, rule };
        const sites = callSites.get(target) ?? [];
        sites.push(call);
        callSites.set(target, sites);
        if (!queued.has(target)) {
          queued.add(target);
          queue.push(target);
        }
        return call;
      }
      default:
        // Prose values (string, numeric and range nodes are always leaves).
        return { kind: "nothing", index: 0, rule };
    }
  };

  for (let head = 0; head < queue.length; head++) {
    const k = queue[head] as string;
    const rule = grammar.rules.get(k) as ResolvedRule;
    const body = build(rule.body, rule);
    link(body);
    rules.set(k, { rule, body });
  }
  return { root: key, rules, callSites };
}

/** Sets the parent and index of every node below `root`, without recursion. */
function link(root: SkeletonNode): void {
  const stack: SkeletonNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SkeletonNode;
    const children = childrenOf(node);
    children.forEach((child, index) => {
      child.parent = node;
      child.index = index;
      stack.push(child);
    });
  }
}

/** The children of a skeleton node, in order. */
export function childrenOf(node: SkeletonNode): ReadonlyArray<SkeletonNode> {
  switch (node.kind) {
    case "sequence":
      return node.items;
    case "choice":
      return node.alternatives;
    case "repeat":
      return [node.body];
    default:
      return [];
  }
}

/** Every node of the skeleton, rule by rule, parents before children. */
export function allNodes(skeleton: Skeleton): SkeletonNode[] {
  const out: SkeletonNode[] = [];
  for (const { body } of skeleton.rules.values()) {
    const stack = [body];
    while (stack.length > 0) {
      const node = stack.pop() as SkeletonNode;
      out.push(node);
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as SkeletonNode);
    }
  }
  return out;
}
