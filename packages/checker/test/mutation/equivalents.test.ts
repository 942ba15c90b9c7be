import { describe, expect, it } from "vitest";
import { accountSurvivors, describes, readEquivalents } from "../../src/mutation/equivalents.ts";
import { B, fixtureMutants, onA } from "./fixture.ts";

const mutants = fixtureMutants;

describe("readEquivalents", () => {
  it("reads the list", () => {
    expect(readEquivalents(JSON.stringify({ equivalents: [onA] }))).toEqual({ ok: true, equivalents: [onA] });
  });

  it.each<[string, unknown, string, string]>([
    ["not JSON", "[", "$", "is not JSON"],
    ["not an object", [], "$", "must be an object"],
    ["no list", {}, "$.equivalents", "must be an array"],
    ["an entry not an object", { equivalents: ["x"] }, "$.equivalents[0]", "must be an object"],
    [
      "an entry without a line",
      { equivalents: [{ ...onA, line: undefined }] },
      "$.equivalents[0].line",
      "must be a string",
    ],
    [
      "a blank reason",
      { equivalents: [{ ...onA, reason: "  " }] },
      "$.equivalents[0].reason",
      "must say why no test can kill the mutant",
    ],
  ])("refuses %s, saying where", (_label, json, path, message) => {
    const result = readEquivalents(typeof json === "string" ? json : JSON.stringify(json));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message.startsWith(message)).toBe(true);
  });
});

describe("accountSurvivors", () => {
  it("explains a survivor only when file, mutator, replacement and source line all match", () => {
    const survivor = mutants.find((m) => m.id === "3");
    if (survivor === undefined) throw new Error("fixture");
    expect(describes(onA, survivor)).toBe(true);
    expect(describes({ ...onA, file: B }, survivor)).toBe(false);
    expect(describes({ ...onA, mutator: "BooleanLiteral" }, survivor)).toBe(false);
    expect(describes({ ...onA, replacement: "true" }, survivor)).toBe(false);
    expect(describes({ ...onA, line: "if (x === y) return" }, survivor)).toBe(false);
  });

  it("sorts survivors into explained and unexplained, ignores killed ones and reports stale entries", () => {
    const stale = { ...onA, line: "gone();" };
    const killedOnly = { ...onA, replacement: "x !== y", mutator: "EqualityOperator" };
    const account = accountSurvivors(mutants, [onA, stale, killedOnly]);
    expect(account.explained.map(({ mutant, reason }) => [mutant.id, reason])).toEqual([["3", "r"]]);
    expect(account.unexplained.map((m) => m.id)).toEqual(["4", "6"]);
    // An entry matching only a killed mutant is stale too: a test now kills it.
    expect(account.stale).toEqual([stale, killedOnly]);
  });
});
