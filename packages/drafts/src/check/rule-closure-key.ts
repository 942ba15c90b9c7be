/**
 * A canonical text of a rule together with every rule it reaches, rules numbered in the order
 * they are first used instead of named. Two rules with the same key are the same grammar up to
 * naming and layout, so they accept the same strings: the reference check compares such rules
 * without compiling or generating anything (a draft usually copies most of the reference).
 *
 * Only sufficient, not necessary: `"a" / "b"` and `%x61-62` differ here but accept the same
 * strings; the generators and the automata decide those.
 *
 * @module
 */
import { type Grammar, type Node, ruleKey } from "@mimi-spec/grammar";

/** The canonical key of rule `name` of `grammar` and of everything it reaches. */
export function ruleClosureKey(grammar: Grammar, name: string): string {
  const numbers = new Map<string, number>();
  const order: string[] = [];
  const numberOf = (ref: string): string => {
    const key = ruleKey(ref);
    if (!grammar.rules.has(key)) return `?${key}`;
    let n = numbers.get(key);
    if (n === undefined) {
      n = order.length;
      numbers.set(key, n);
      order.push(key);
    }
    return `#${n}`;
  };
  numberOf(name);
  const bodies: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const rule = grammar.rules.get(order[i] as string);
    bodies.push(rule === undefined ? "?" : serialize(rule.body, numberOf));
  }
  return bodies.join("\n");
}

/** One node as text; walks with an explicit stack so deep nesting cannot overflow. */
function serialize(root: Node, numberOf: (ref: string) => string): string {
  const out: string[] = [];
  const stack: Array<Node | string> = [root];
  while (stack.length > 0) {
    const item = stack.pop() as Node | string;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    switch (item.kind) {
      case "alternation":
      case "concatenation": {
        const parts = item.kind === "alternation" ? item.alternatives : item.elements;
        const separator = item.kind === "alternation" ? "|" : " ";
        stack.push(")");
        for (let k = parts.length - 1; k >= 0; k--) {
          stack.push(parts[k] as Node);
          if (k > 0) stack.push(separator);
        }
        stack.push("(");
        break;
      }
      case "repetition":
        out.push(`{${item.min},${item.max}}`);
        stack.push(item.element);
        break;
      case "ruleref":
        out.push(numberOf(item.name));
        break;
      case "string":
        // Quoted strings without %s match either case: their case is no part of the language.
        out.push(
          item.caseSensitive
            ? `s${JSON.stringify(item.value)}`
            : `i${JSON.stringify(item.value.toLowerCase())}`,
        );
        break;
      case "sequence":
        out.push(`%${item.codePoints.join(".")}`);
        break;
      case "range":
        out.push(`%${item.low}-${item.high}`);
        break;
      case "prose":
        out.push(`<${item.text}>`);
        break;
    }
  }
  return out.join("");
}
