/**
 * Which rules recurse into which: the strongly connected components of the reference graph.
 * A choice inside a rule can lead back into that rule only through a rule of its own component,
 * and those are the choices a depth budget must be able to cut.
 *
 * @module
 */

import { referencedKeys } from "../engine/regularity.ts";
import type { Grammar } from "../grammar.ts";

/** The component of every defined rule, and which components contain a cycle. */
export interface RuleCycles {
  /** Rule key → component number. */
  readonly component: ReadonlyMap<string, number>;
  /** Components with a cycle (more than one rule, or a rule that refers to itself). */
  readonly cyclic: ReadonlySet<number>;
}

/** Tarjan's algorithm with an explicit stack, so long rule chains cannot overflow the JS stack. */
export function ruleCycles(grammar: Grammar): RuleCycles {
  const edges = new Map<string, string[]>();
  for (const [key, rule] of grammar.rules)
    edges.set(
      key,
      referencedKeys(rule.body).filter((k) => grammar.rules.has(k)),
    );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  const cyclic = new Set<number>();
  let counter = 0;
  let components = 0;
  const enter = (key: string) => {
    index.set(key, counter);
    low.set(key, counter++);
    stack.push(key);
    onStack.add(key);
  };
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    enter(root);
    const work: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    while (work.length > 0) {
      const frame = work.at(-1) as { key: string; next: number };
      const successors = edges.get(frame.key) ?? [];
      if (frame.next < successors.length) {
        const w = successors[frame.next++] as string;
        if (!index.has(w)) {
          enter(w);
          work.push({ key: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.key, Math.min(low.get(frame.key) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined)
        low.set(parent.key, Math.min(low.get(parent.key) as number, low.get(frame.key) as number));
      if (low.get(frame.key) !== index.get(frame.key)) continue;
      const id = components++;
      let size = 0;
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.set(w, id);
        size++;
      } while (w !== frame.key);
      if (size > 1 || (edges.get(frame.key) ?? []).includes(frame.key)) cyclic.add(id);
    }
  }
  return { component, cyclic };
}
