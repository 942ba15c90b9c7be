/**
 * The runner's unit of work: one vector as a request body and the comparison its answer must
 * pass. Built from a {@link VectorSet}, in file order (identifiers, events, policy, grammar).
 *
 * @module
 */
import type { VectorSet } from "../vectors/vector-set.ts";
import { compareEvent, compareGrammar, compareIdentifier, compareTrace, type Mismatch } from "./compare.ts";
import type { RequestBody, RequestType } from "./protocol.ts";

/** One vector, ready to send. */
export interface ConformanceCase {
  /** The vector's ID. */
  readonly id: string;
  readonly type: RequestType;
  readonly body: RequestBody;
  /** The differences between an answer's `result` and the vector's expectation. */
  readonly compare: (result: unknown) => Mismatch[];
}

/** Every vector of a set as a case. */
export function conformanceCases(set: VectorSet): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const v of set.identifiers.vectors)
    cases.push({
      id: v.id,
      type: "identifier",
      body: { type: "identifier", vector: v.id, kind: v.kind, value: v.value },
      compare: (result) => compareIdentifier(v.expected, result),
    });
  for (const v of set.events.vectors)
    cases.push({
      id: v.id,
      type: "event",
      body: { type: "event", vector: v.id, form: v.form, profile: v.profile, event: v.event },
      compare: (result) => compareEvent(v.expected, result),
    });
  for (const file of set.policy)
    for (const v of file.vectors)
      cases.push({
        id: v.id,
        type: "trace",
        body: {
          type: "trace",
          vector: v.id,
          profile: v.profile,
          options: v.options,
          delivery: v.delivery,
          eventIds: v.eventIds,
          actions: v.steps.map((s) => s.action),
        },
        compare: (result) => compareTrace(v, result),
      });
  for (const v of set.grammar.vectors)
    cases.push({
      id: v.id,
      type: "grammar",
      body: {
        type: "grammar",
        vector: v.id,
        file: v.file,
        rule: v.rule,
        abnf: set.grammar.grammars[v.file] ?? "",
        input: v.input,
      },
      compare: (result) => compareGrammar(v.expected, result),
    });
  return cases;
}

/**
 * The cases whose ID contains one of `patterns` (all of them when there is none), so a run can
 * focus on a kind (`identifiers/`), a profile (`policy/pol-00/`) or one vector.
 */
export function selectCases(
  cases: ReadonlyArray<ConformanceCase>,
  patterns: ReadonlyArray<string>,
): ConformanceCase[] {
  return patterns.length === 0 ? [...cases] : cases.filter((c) => patterns.some((p) => c.id.includes(p)));
}
