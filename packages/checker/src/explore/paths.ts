/**
 * The parent links of the states a breadth-first exploration keeps, to rebuild the action
 * sequence that first reached any of them (a shortest one, in breadth-first order).
 *
 * @module
 */
import type { Action } from "@mimi-spec/machine";

/** How many liveness failures a report keeps (the count covers all of them). */
export const KEPT_LIVENESS_FAILURES = 10;

/** Parent links of every kept state; node 0 is the empty world. */
export class Paths {
  private readonly parents: number[] = [-1];
  private readonly actions: Array<Action | undefined> = [undefined];

  /** Records a state reached from `parent` by `action`; returns its node. */
  add(parent: number, action: Action): number {
    this.parents.push(parent);
    this.actions.push(action);
    return this.parents.length - 1;
  }

  /** The actions from the empty world to `node`. */
  actionsTo(node: number): Action[] {
    const out: Action[] = [];
    for (let n = node; n > 0; n = this.parents[n] as number) out.push(this.actions[n] as Action);
    return out.reverse();
  }
}
