import { describe, expect, it } from "vitest";
import { conformanceCases } from "../../src/conformance/cases.ts";
import { answerLine } from "../../src/conformance/reference-answers.ts";
import { reportFailed, runConformance } from "../../src/conformance/runner.ts";
import { eventVectorFile } from "../../src/vectors/events.ts";
import { grammarVectorFile } from "../../src/vectors/grammar.ts";
import { identifierVectorFile } from "../../src/vectors/identifiers.ts";
import { policyVectorFile } from "../../src/vectors/policy.ts";
import { REFERENCE_ADAPTER } from "./support.ts";

describe("the reference adapter", () => {
  // The self-test on a subset, to stay fast on a loaded machine: every identifier and event
  // vector, the lm-i1 policy file, every third grammar vector. The full set runs with
  // `mimi conformance --impl "pnpm exec tsx packages/cli/src/conformance/reference-adapter.ts"`.
  it("passes the vectors through the runner (the self-test)", async () => {
    const grammar = grammarVectorFile();
    const cases = conformanceCases({
      identifiers: identifierVectorFile(),
      events: eventVectorFile(),
      policy: [policyVectorFile("lm-i1")],
      grammar: { ...grammar, vectors: grammar.vectors.filter((_, i) => i % 3 === 0) },
    });
    const report = await runConformance(cases, {
      command: REFERENCE_ADAPTER,
      cwd: process.cwd(),
      timeoutMs: 30_000,
    });
    const failures = report.results.filter((r) => r.status !== "pass");
    expect(failures).toEqual([]);
    expect(report.results).toHaveLength(cases.length);
    expect(new Set(report.results.map((r) => r.type))).toEqual(
      new Set(["identifier", "event", "trace", "grammar"]),
    );
    expect(report.implementation?.name).toBe("mimi-spec reference");
    expect(report.starts).toBe(1);
    expect(report.noise.garbageLines).toBe(0);
    expect(reportFailed(report, true)).toBe(false);
  });

  it("answers unknown requests as unsupported and bad ones with an error, keeping the id", () => {
    expect(JSON.parse(answerLine('{"id":4,"type":"teleport"}') ?? "")).toMatchObject({
      id: 4,
      unsupported: true,
    });
    expect(
      JSON.parse(answerLine('{"id":5,"type":"identifier","kind":"phone_number","value":"1"}') ?? ""),
    ).toMatchObject({
      id: 5,
      unsupported: true,
    });
    expect(
      JSON.parse(answerLine('{"id":6,"type":"trace","profile":"nope","options":{},"actions":[]}') ?? ""),
    ).toMatchObject({
      id: 6,
      error: expect.stringContaining("nope"),
    });
    expect(JSON.parse(answerLine("not json") ?? "")).toMatchObject({
      id: null,
      error: expect.stringContaining("unreadable"),
    });
    expect(answerLine('{"type":"bye"}')).toBeUndefined();
  });
});
