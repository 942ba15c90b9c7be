import { Ajv2020 } from "ajv/dist/2020.js";
import { Exit, Schema } from "effect";
import fc from "fast-check";
import { it } from "vitest";
import { ruleArbitrary } from "../../../../grammar/src/generate/rule-arbitrary.ts";
import { createGrammarRegistry } from "../../../src/arbitrary/grammar-registry.ts";
import { toArbitrary, toEncodedArbitrary } from "../../../src/arbitrary/to-arbitrary.ts";
import * as events from "../../../src/events/index.ts";
import { rules as idr } from "../../../src/generated/identifiers.grammar.ts";
import { jsonSchemaOf } from "../../../src/json-schema/to-json-schema.ts";

const grammars = createGrammarRegistry({
  generated: { "spec/grammar/identifiers.abnf": idr },
  ruleArbitrary: (g, r) => ruleArbitrary(g, r),
});

import { applyEdit, asJson, editArbitrary } from "../../json-schema/near-miss.ts";

it("probe", () => {
  for (const [name, s] of Object.entries(events)) {
    if (!Schema.isSchema(s)) continue;
    const out: string[] = [name];
    try {
      const arb = toArbitrary(s as Schema.Top, { grammars });
      const is = Schema.is(s as Schema.Top);
      const r = fc.check(
        fc.property(arb, (v) => is(v)),
        { numRuns: 100 },
      );
      out.push(
        r.failed
          ? `ARB-INVALID ${JSON.stringify(r.counterexample)?.slice(0, 200)} ${String(r.errorInstance).slice(0, 300)}`
          : "arb ok",
      );
    } catch (e) {
      out.push(`ARB-ERR ${(e as Error).message.slice(0, 300)}`);
    }
    try {
      const { document, approximations } = jsonSchemaOf(s as Schema.Top);
      const v = new Ajv2020({ strict: true, strictTuples: false }).compile(document);
      const dec = Schema.decodeUnknownExit(s as any);
      const exact = approximations.length === 0;
      const r = fc.check(
        fc.property(toEncodedArbitrary(s as Schema.Top, { grammars }), editArbitrary, (x, e) => {
          for (const j of [asJson(x), asJson(applyEdit(x, e))]) {
            const a = v(j),
              b = Exit.isSuccess(dec(j));
            if (exact ? a !== b : b && !a) return false;
          }
          return true;
        }),
        { numRuns: 300 },
      );
      out.push(
        `json ${exact ? "exact" : "approx " + JSON.stringify(approximations).slice(0, 400)}`,
        r.failed
          ? `DISAGREE ${JSON.stringify(r.counterexample)?.slice(0, 400)} ${String(r.errorInstance).slice(0, 200)}`
          : "agree",
      );
    } catch (e) {
      out.push(`JSON-ERR ${(e as Error).message.slice(0, 300)}`);
    }
    console.log(out.join(" | "));
  }
});
