/**
 * Near misses of valid JSON values: one small edit somewhere inside. A string (value or object
 * key) gets one character deleted, inserted or replaced; any node may be replaced by a value of
 * another type or, inside an object or array, removed. Valid values sit on the boundary of what
 * a schema accepts, so their near misses are where two validators are most likely to disagree.
 */
import fc from "fast-check";

/** One edit of a JSON value (see the module description). */
export interface Edit {
  /** Which node, in depth-first order (object keys count as nodes of their own). */
  readonly node: number;
  readonly kind: "delete-char" | "insert-char" | "replace-char" | "replace-node" | "remove-node";
  /** The character position of a string edit (taken modulo the length). */
  readonly at: number;
  /** The inserted or replacing character. */
  readonly char: string;
  /** The replacing node of `replace-node`. */
  readonly replacement: unknown;
}

/** Characters that matter to the identifier grammars, and some that never appear in them. */
export const EDIT_CHARACTERS = [
  "@",
  "!",
  ":",
  ".",
  "-",
  "_",
  "~",
  "=",
  "/",
  "+",
  "a",
  "Z",
  "0",
  "9",
  " ",
  "é",
  "😀",
  "\u0000",
] as const;

/** Edits (shrinkable), to apply with {@link applyEdit}. */
export const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  node: fc.nat(),
  kind: fc.constantFrom("delete-char", "insert-char", "replace-char", "replace-node", "remove-node"),
  at: fc.nat(),
  char: fc.constantFrom(...EDIT_CHARACTERS),
  replacement: fc.constantFrom<unknown>(null, 0, 1.5, -1, "", "x", true, [], {}),
});

/** Edits of single characters only, for plain strings. */
export const stringEditArbitrary: fc.Arbitrary<Edit> = fc.record({
  node: fc.constant(0),
  kind: fc.constantFrom("delete-char", "insert-char", "replace-char"),
  at: fc.nat(),
  char: fc.constantFrom(...EDIT_CHARACTERS),
  replacement: fc.constant<unknown>(null),
});

function editString(text: string, edit: Edit): string {
  const chars = [...text];
  const at = edit.at % (chars.length + 1);
  switch (edit.kind) {
    case "delete-char":
      chars.splice(Math.min(at, chars.length - 1), 1);
      break;
    case "insert-char":
      chars.splice(at, 0, edit.char);
      break;
    default:
      if (chars.length === 0) chars.push(edit.char);
      else chars[Math.min(at, chars.length - 1)] = edit.char;
  }
  return chars.join("");
}

type Counter = { remaining: number };

/** A copy of `value` with `edit` applied to its `edit.node % size`-th node. */
export function applyEdit(value: unknown, edit: Edit): unknown {
  const size = countNodes(value);
  const counter: Counter = { remaining: edit.node % size };
  return visit(value, edit, counter);
}

function countNodes(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v) => n + countNodes(v), 0);
  if (typeof value === "object" && value !== null)
    return 1 + Object.entries(value).reduce((n, [, v]) => n + 1 + countNodes(v), 0);
  return 1;
}

const REMOVE = Symbol("remove");

function visit(value: unknown, edit: Edit, counter: Counter, removable = false): unknown {
  if (counter.remaining-- === 0) {
    if (edit.kind === "remove-node" && removable) return REMOVE;
    if (typeof value === "string" && edit.kind.endsWith("-char")) return editString(value, edit);
    return edit.replacement;
  }
  if (Array.isArray(value)) {
    return value.map((v) => visit(v, edit, counter, true)).filter((v) => v !== REMOVE);
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      let name = key;
      let keyRemoved = false;
      if (counter.remaining-- === 0) {
        if (edit.kind.endsWith("-char")) name = editString(key, edit);
        else keyRemoved = true;
      }
      const next = visit(v, edit, counter, true);
      if (keyRemoved || next === REMOVE) continue;
      Object.defineProperty(out, name, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The value as a JSON reader would see it (`undefined` properties gone, and so on). */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? "null");
}
