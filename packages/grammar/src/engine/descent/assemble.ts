/**
 * Turns a planned skeleton (see `plan.ts`) into a deterministic descent program: each rule becomes
 * a subroutine, each leaf one `Leaf` instruction, each planned choice one `Switch`. Repetitions
 * need no counter when they are `[x]`, `*x` or `1*x`; other bounds count on the machine's stack.
 *
 * @module
 */
import type { CodePointSet } from "../../analysis/code-point-set.ts";
import { DescentOp, UNBOUNDED } from "../../runtime/descent-runtime.ts";
import type { DescentPlan, PlannedDecision } from "./plan.ts";
import { type DescentData, type Label, ProgramBuilder } from "./program.ts";
import type { SkeletonNode } from "./skeleton.ts";

/** Assembles the program of a planned rule. Execution calls the rule, then requires the end of input. */
export function assembleDescent(plan: DescentPlan): DescentData {
  const b = new ProgramBuilder();
  const entries = new Map<string, Label>();
  const entry = (key: string): Label => {
    let label = entries.get(key);
    if (label === undefined) {
      label = b.label();
      entries.set(key, label);
    }
    return label;
  };
  const { skeleton, decisions } = plan;
  const planned = (node: SkeletonNode): PlannedDecision => {
    const d = decisions.get(node);
    if (d === undefined) throw new Error("descent program: a choice was not planned");
    return d;
  };

  const emit = (node: SkeletonNode): void => {
    switch (node.kind) {
      case "leaf":
        b.emit(DescentOp.Leaf, b.leaf(node.dfa));
        return;
      case "call":
        b.emit(DescentOp.Call, entry(node.target));
        return;
      case "sequence":
        for (const item of node.items) emit(item);
        return;
      case "nothing":
        b.emit(DescentOp.Fail);
        return;
      case "choice": {
        const d = planned(node);
        const starts = node.alternatives.map(() => b.label());
        const end = b.label();
        b.emit(
          DescentOp.Switch,
          b.decision({
            skip: d.skip,
            options: d.options.map((set, i) => ({ set, target: starts[i] as Label })),
          }),
        );
        node.alternatives.forEach((alt, i) => {
          b.place(starts[i] as Label);
          emit(alt);
          if (i + 1 < node.alternatives.length) b.emit(DescentOp.Jump, end);
        });
        b.place(end);
        return;
      }
      case "repeat": {
        const { min, max, body } = node;
        const end = b.label();
        if (min === max) {
          // No choice to make: exactly `min` iterations.
          const head = b.label();
          b.emit(DescentOp.CountPush);
          b.place(head);
          b.emit(DescentOp.CountTest, min, max, -1, end);
          emit(body);
          b.emit(DescentOp.CountNext, head);
          b.place(end);
          b.emit(DescentOp.CountPop);
          return;
        }
        const d = planned(node);
        const [iterate, stop] = d.options as [CodePointSet, CodePointSet];
        const decision = (again: Label, done: Label) =>
          b.decision({
            skip: d.skip,
            options: [
              { set: iterate, target: again },
              { set: stop, target: done },
            ],
          });
        if (min === 0 && (max === 1 || max === Number.POSITIVE_INFINITY)) {
          const head = b.label();
          const start = b.label();
          b.place(head);
          b.emit(DescentOp.Switch, decision(start, end));
          b.place(start);
          emit(body);
          if (max !== 1) b.emit(DescentOp.Jump, head);
          b.place(end);
          return;
        }
        if (min === 1 && max === Number.POSITIVE_INFINITY) {
          const head = b.label();
          b.place(head);
          emit(body);
          b.emit(DescentOp.Switch, decision(head, end));
          b.place(end);
          return;
        }
        const head = b.label();
        const start = b.label();
        const exit = b.label();
        b.emit(DescentOp.CountPush);
        b.place(head);
        b.emit(
          DescentOp.CountTest,
          min,
          max === Number.POSITIVE_INFINITY ? UNBOUNDED : max,
          decision(start, exit),
          exit,
        );
        b.place(start);
        emit(body);
        b.emit(DescentOp.CountNext, head);
        b.place(exit);
        b.emit(DescentOp.CountPop);
        b.place(end);
        return;
      }
    }
  };

  const root = skeleton.rules.get(skeleton.root);
  if (root === undefined) throw new Error("descent program: no root rule");
  b.startRule(root.rule.name);
  b.emit(DescentOp.Call, entry(skeleton.root));
  b.emit(DescentOp.End);
  for (const [key, { rule, body }] of skeleton.rules) {
    if (key !== skeleton.root) b.startRule(rule.name);
    b.place(entry(key));
    emit(body);
    b.emit(DescentOp.Return);
  }
  return b.finish("cfg");
}
