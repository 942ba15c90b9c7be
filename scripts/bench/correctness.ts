/**
 * Correctness next to speed: every peer runs the hand-labelled cases of its grammar, and every
 * verdict that differs from the label is listed ("the peers are wrong" list). A fast answer to
 * the wrong question is not a win, so the report shows these beside the timings.
 *
 * @module
 */
import type { LabelledCase } from "./grammar-texts.ts";
import type { Peer, Verdict } from "./peer-engines.ts";

/** What a peer said about one case: a verdict, or the error it threw. */
export type Outcome =
  | { readonly kind: "verdict"; readonly valid: boolean }
  | { readonly kind: "error"; readonly message: string };

/** A case on which a peer's outcome differs from the label. */
export interface WrongVerdict {
  readonly peer: string;
  readonly rule: string;
  readonly input: string;
  readonly expected: boolean;
  /** `accepted`, `rejected`, or `error: ...` when the peer threw (or has no parser for the rule). */
  readonly got: string;
  readonly why: string;
}

/** How one peer did on a grammar's labelled cases. */
export interface CaseScore {
  readonly peer: string;
  readonly cases: number;
  readonly wrong: ReadonlyArray<WrongVerdict>;
  /** Cases skipped because the peer does not answer that rule's question (e.g. `JSON.parse` on `char`). */
  readonly skipped: number;
}

/** Runs `peer` on every case whose rule `applies` (default: all) and collects the wrong verdicts. */
export function scoreCases(
  peer: Peer,
  cases: ReadonlyArray<LabelledCase>,
  applies: (rule: string) => boolean = () => true,
): CaseScore {
  const verdicts = new Map<string, Verdict | Error>();
  const wrong: WrongVerdict[] = [];
  let skipped = 0;
  let counted = 0;
  for (const c of cases) {
    if (!applies(c.rule)) {
      skipped++;
      continue;
    }
    counted++;
    let verdict = verdicts.get(c.rule);
    if (verdict === undefined) {
      try {
        verdict = peer.matcher(c.rule);
      } catch (e) {
        verdict = e instanceof Error ? e : new Error(String(e));
      }
      verdicts.set(c.rule, verdict);
    }
    const outcome: Outcome =
      verdict instanceof Error
        ? { kind: "error", message: `no parser: ${verdict.message}` }
        : run(verdict, c.input);
    if (outcome.kind === "verdict" && outcome.valid === c.valid) continue;
    wrong.push({
      peer: peer.name,
      rule: c.rule,
      input: c.input,
      expected: c.valid,
      got: outcome.kind === "error" ? `error: ${outcome.message}` : outcome.valid ? "accepted" : "rejected",
      why: c.why,
    });
  }
  return { peer: peer.name, cases: counted, wrong, skipped };
}

/** One verdict, with engine failures (stack overflow, internal errors) caught and reported. */
export function run(verdict: Verdict, input: string): Outcome {
  try {
    return { kind: "verdict", valid: verdict(input) };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { kind: "error", message: message.split("\n")[0] ?? message };
  }
}

/** How many inputs of a workload a peer judges differently from the reference verdicts. */
export function disagreements(
  verdict: Verdict,
  inputs: ReadonlyArray<string>,
  reference: ReadonlyArray<boolean>,
): { count: number; errors: number; examples: string[] } {
  let count = 0;
  let errors = 0;
  const examples: string[] = [];
  inputs.forEach((input, i) => {
    const outcome = run(verdict, input);
    if (outcome.kind === "error") errors++;
    const valid = outcome.kind === "verdict" && outcome.valid;
    if (valid !== reference[i]) {
      count++;
      if (examples.length < 3) examples.push(input.length > 80 ? `${input.slice(0, 77)}...` : input);
    }
  });
  return { count, errors, examples };
}
