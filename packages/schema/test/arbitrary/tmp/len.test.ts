import { dfaArbitrary } from "@mimi-spec/grammar";
import fc from "fast-check";
import { it } from "vitest";
import { rules } from "../../../src/generated/identifiers.grammar.ts";

it("len", () => {
  for (const r of ["hostname", "user_id", "server_name"]) {
    const xs = fc.sample(dfaArbitrary(rules[r]!.dfa, { maxSteps: 100 }), { numRuns: 1000, seed: 1 });
    const lens = xs.map((x) => x.length);
    const hist: Record<number, number> = {};
    for (const l of lens) hist[Math.min(l, 60)] = (hist[Math.min(l, 60)] ?? 0) + 1;
    console.log(
      r,
      JSON.stringify(hist),
      "ports:",
      xs.filter((x) => /:[0-9]+$/.test(x) && (r !== "user_id" || x.split(":").length === 3)).length,
    );
  }
});
