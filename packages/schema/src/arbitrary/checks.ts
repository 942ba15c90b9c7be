/**
 * Reading the checks (refinements) of an Effect `SchemaAST` node: flattening filter groups,
 * finding the grammar a string follows, the generation hints Effect's built-in filters carry,
 * and running a check on a value. Shared by the arbitrary bridge and the JSON Schema exporter.
 *
 * @module
 */
import type { SchemaAST } from "effect";
import { GRAMMAR_ANNOTATION, type GrammarReference } from "../identifiers/grammar-string.ts";

/** One filter of a node, with filter groups flattened away. */
export type Filter = SchemaAST.Filter<unknown>;

/** Every filter of a node, filter groups flattened, in order. */
export function filtersOf(ast: SchemaAST.AST): Filter[] {
  const out: Filter[] = [];
  const visit = (check: SchemaAST.Check<unknown>) => {
    if (check._tag === "Filter") out.push(check);
    else for (const inner of check.checks) visit(inner);
  };
  for (const check of ast.checks ?? []) visit(check);
  return out;
}

/** The grammar a filter checks its string against, if it carries a valid grammar annotation. */
export function grammarReferenceOf(filter: Filter): GrammarReference | undefined {
  const value = (filter.annotations as Record<string, unknown> | undefined)?.[GRAMMAR_ANNOTATION];
  if (typeof value !== "object" || value === null) return undefined;
  const { file, rule } = value as Record<string, unknown>;
  return typeof file === "string" && typeof rule === "string" ? { file, rule } : undefined;
}

/** The built-in Effect check a filter is (`effect/schema/isMaxLength`, …), if any. */
export function representationIdOf(filter: Filter): string | undefined {
  const id = filter.annotations?.representation?.id;
  return typeof id === "string" ? id : undefined;
}

/** How a filter describes itself in messages: its `expected` text, else its built-in id. */
export function describeFilter(filter: Filter): string {
  const expected = filter.annotations?.expected;
  if (typeof expected === "string") return expected;
  return representationIdOf(filter) ?? "a custom filter";
}

/**
 * The generation hints of a set of filters (Effect's `arbitraryConstraint` annotations), merged
 * to the tightest bounds. Only the plain-number and length fields are read.
 */
export interface Constraints {
  readonly minimum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly maximum?: number;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly integer?: boolean;
  readonly finite?: boolean;
  readonly patterns?: ReadonlyArray<{ readonly source: string; readonly flags: string }>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Merges the `arbitraryConstraint` hints of `filters`. */
export function constraintsOf(filters: ReadonlyArray<Filter>): Constraints {
  const out: Mutable<Constraints> = {};
  for (const filter of filters) {
    const hint = filter.annotations?.arbitraryConstraint as Record<string, unknown> | undefined;
    if (hint === undefined) continue;
    const { minimum, maximum, minLength, maxLength, minProperties, maxProperties, number, patterns } = hint;
    if (typeof minimum === "number") {
      const exclusive = hint.exclusiveMinimum === true;
      if (out.minimum === undefined || minimum > out.minimum || (minimum === out.minimum && exclusive)) {
        out.minimum = minimum;
        out.exclusiveMinimum = exclusive;
      }
    }
    if (typeof maximum === "number") {
      const exclusive = hint.exclusiveMaximum === true;
      if (out.maximum === undefined || maximum < out.maximum || (maximum === out.maximum && exclusive)) {
        out.maximum = maximum;
        out.exclusiveMaximum = exclusive;
      }
    }
    if (typeof minLength === "number") out.minLength = Math.max(out.minLength ?? 0, minLength);
    if (typeof maxLength === "number") out.maxLength = Math.min(out.maxLength ?? maxLength, maxLength);
    if (typeof minProperties === "number")
      out.minProperties = Math.max(out.minProperties ?? 0, minProperties);
    if (typeof maxProperties === "number")
      out.maxProperties = Math.min(out.maxProperties ?? maxProperties, maxProperties);
    if (number === "integer") out.integer = true;
    if (number === "finite" || number === "integer") out.finite = true;
    if (Array.isArray(patterns)) out.patterns = [...(out.patterns ?? []), ...patterns];
  }
  return out;
}

/** The default parse options, shared: a check only reads them. */
const DEFAULT_OPTIONS: SchemaAST.ParseOptions = {};

/** Whether `value` passes `filter` (Effect's own check code, with the node it sits on). */
export function passes(filter: Filter, value: unknown, ast: SchemaAST.AST): boolean {
  return filter.run(value, ast, DEFAULT_OPTIONS) === undefined;
}
